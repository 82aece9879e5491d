// CL-AWS-191: a GuardDuty detector declared with Enable false.
import { cfnGuideDoc, defineRule, nist, pci, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-191',
  slug: 'guardduty-detector-disabled',
  title: 'GuardDuty detector is disabled',
  severity: 'medium',
  fixable: true,
  description:
    'A suspended GuardDuty detector stops analysing CloudTrail, VPC flow, DNS and other event sources for threats such as credential exfiltration, crypto-mining and reconnaissance, and raises no findings for the account and region.',
  remediation: 'Set Enable (enable) to true.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the threat detection, its models and threat intelligence, and raises findings',
    customer: 'turning GuardDuty on in each account and region and acting on its findings are yours',
  },
  frameworks: [nist('SI-4'), pci('11.5.1')],
  equivalents: {
    checkov: ['CKV_AWS_238'],
    kics: ['a25cd877-375c-4121-a640-730929936fac', '704dadd3-54fc-48ac-b6a0-02f170011473'],
  },
  docs: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_suspend-disable.html',
    cfnGuideDoc('aws-resource-guardduty-detector', 'cfn-guardduty-detector-enable'),
    tfDoc('guardduty_detector', 'enable'),
  ],
  checks: settingChecks({
    subject: 'GuardDuty detector',
    consequence: 'so threat detection is suspended in its account and region',
    want: true,
    absentMeans: null,
    fixNote: 'GuardDuty charges for the events it analyses',
    formats: {
      cloudformation: { types: ['AWS::GuardDuty::Detector'], path: ['Enable'] },
      terraform: { types: ['aws_guardduty_detector'], path: ['enable'] },
    },
  }),
});
