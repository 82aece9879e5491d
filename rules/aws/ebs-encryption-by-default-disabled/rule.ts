// CL-AWS-255: EBS encryption by default turned off for the account and region (Terraform aws_ebs_encryption_by_default).
import { AT_REST, cisAws, defineRule, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-255',
  slug: 'ebs-encryption-by-default-disabled',
  title: 'EBS encryption by default is turned off',
  severity: 'low',
  fixable: false,
  description:
    'With EBS encryption by default on, every new EBS volume and snapshot copy in the account and region is encrypted, whatever the template that makes it says. An aws_ebs_encryption_by_default with enabled = false turns that account-wide safety net off, so each volume is encrypted only if it asks to be.',
  remediation: 'Set enabled to true on aws_ebs_encryption_by_default (or remove the argument: it defaults to true).',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts every new volume of the account and region with a KMS key when the default is on',
    customer: 'turning the default on in every region you use is your decision',
  },
  frameworks: [cisAws('2.2.1'), ...AT_REST],
  equivalents: { checkov: ['CKV_AWS_106'], kics: ['3d3f6270-546b-443c-adb4-bb6fb2187ca6'] },
  docs: ['https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html', tfDoc('ebs_encryption_by_default', 'enabled')],
  checks: settingChecks({
    subject: 'EBS encryption by default',
    // The address says what it is: `aws_ebs_encryption_by_default.this sets enabled to false`.
    named: (r) => r.id,
    consequence: 'so new EBS volumes in this account and region are encrypted only when they ask to be',
    want: true,
    // The argument defaults to true: the resource alone turns the default on.
    absentMeans: true,
    // No quick-fix: turning the default on changes what CL-AWS-054 reports on every volume of the configuration,
    // and once on, instance types without EBS encryption support can no longer be launched in the region.
    fix: false,
    formats: {
      terraform: { types: ['aws_ebs_encryption_by_default'], path: ['enabled'] },
    },
  }),
});
