// CL-AWS-129: EMR block public access turned off for the account and region.
import { defineRule, NOT_PUBLIC, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-129',
  slug: 'emr-block-public-access-off',
  title: 'EMR block public access is turned off',
  severity: 'high',
  fixable: true,
  description:
    'EMR block public access stops clusters from launching while any of their security groups allows inbound traffic from 0.0.0.0/0 or ::/0 on a port you have not listed as an exception. Turned off, a cluster whose master node opens Hadoop, Spark or Jupyter web UIs to the internet launches anyway.',
  remediation: 'Set block_public_security_group_rules to true and list only the ports that must be public (by default port 22) as permitted ranges.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS enforces block public access on every cluster launch in the region',
    customer: 'keeping it on, and which ports may be public, is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AWS_390'] },
  docs: [
    'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-block-public-access.html',
    tfDoc('emr_block_public_access_configuration', 'block_public_security_group_rules'),
  ],
  checks: settingChecks({
    subject: 'EMR block public access configuration',
    consequence: 'so clusters launch even when their security groups open ports to the internet',
    want: true,
    // Required by the resource; block public access is on by default in each region until someone turns it off.
    absentMeans: null,
    formats: {
      terraform: { types: ['aws_emr_block_public_access_configuration'], path: ['block_public_security_group_rules'] },
    },
  }),
});
