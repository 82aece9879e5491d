// CL-AWS-083: a CloudTrail trail that records a single region.
import { AUDIT_LOGGING, cfnGuideDoc, cisAws, defineRule, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-083',
  slug: 'cloudtrail-not-multi-region',
  title: 'CloudTrail trail does not cover all regions',
  severity: 'medium',
  fixable: true,
  description:
    'A single-region trail records API activity only in the region where it was created. Activity elsewhere (resources launched in an unused region, global service events routed to another region) leaves no record in the trail.',
  remediation: 'Set IsMultiRegionTrail (is_multi_region_trail) to true so that the trail records every region, including regions enabled later.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS records management events for 90 days in each region\'s event history',
    customer: 'a trail that keeps every region\'s activity where you can protect and analyse it is yours to create',
  },
  frameworks: [cisAws('3.1'), ...AUDIT_LOGGING],
  equivalents: {
    checkov: ['CKV_AWS_67'],
    kics: ['058ac855-989f-4378-ba4d-52d004020da7', '8173d5eb-96b5-4aa6-a71b-ecfa153c123d'],
    trivy: ['aws-cloudtrail-enable-all-regions'],
  },
  docs: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-regional-and-multi-region-trails',
    cfnGuideDoc('aws-resource-cloudtrail-trail', 'cfn-cloudtrail-trail-ismultiregiontrail'),
    tfDoc('cloudtrail', 'is_multi_region_trail'),
  ],
  checks: settingChecks({
    subject: 'Trail',
    consequence: 'so API activity in every other region, where an attacker may well work, is not recorded by it',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: { types: ['AWS::CloudTrail::Trail'], path: ['IsMultiRegionTrail'] },
      terraform: { types: ['aws_cloudtrail'], path: ['is_multi_region_trail'] },
    },
  }),
});
