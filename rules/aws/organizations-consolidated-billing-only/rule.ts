// CL-AWS-274: an AWS Organizations organization with the consolidated billing feature set only (no SCPs, RCPs or
// trusted access for security services).
import { cfnDoc, defineRule, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-274',
  slug: 'organizations-consolidated-billing-only',
  title: 'AWS Organizations organization has only consolidated billing enabled',
  severity: 'medium',
  fixable: true,
  description:
    'An organization created with the CONSOLIDATED_BILLING feature set cannot use service control policies, resource control policies or the other policy types, nor trusted access and delegated administrators for services such as CloudTrail, GuardDuty or Security Hub, so no organization-wide guardrail can limit what member accounts (their root users included) may do. Both CloudFormation and Terraform create an organization with ALL features when the setting is left out.',
  remediation: 'Set FeatureSet (feature_set) to ALL; member accounts that joined by invitation must approve enabling all features.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs Organizations and enforces the organization\'s policies on every member account once all features are enabled',
    customer: 'choosing the feature set, and with it whether any organization-wide guardrail is possible, is yours',
  },
  frameworks: [],
  equivalents: { kics: ['5ba6229c-8057-433e-91d0-21cf13569ca9'] },
  docs: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_getting-started_concepts.html',
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_org_support-all-features.html',
    cfnDoc('aws-resource-organizations-organization', 'cfn-organizations-organization-featureset'),
    tfDoc('organizations_organization', 'feature_set'),
  ],
  checks: settingChecks({
    subject: 'Organization',
    consequence: 'so service control policies and the other organization policies cannot be used, nor trusted access for security services',
    want: 'ALL',
    absentMeans: 'ALL',
    fixNote: 'member accounts that joined by invitation must approve enabling all features',
    formats: {
      cloudformation: { types: ['AWS::Organizations::Organization'], path: ['FeatureSet'] },
      terraform: { types: ['aws_organizations_organization'], path: ['feature_set'] },
    },
  }),
});
