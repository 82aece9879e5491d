// CL-AWS-064: Redshift clusters that explicitly turn encryption at rest off.
import { AT_REST, cfnGuideDoc, defineRule, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-064',
  slug: 'redshift-not-encrypted',
  title: 'Redshift cluster has encryption at rest turned off',
  severity: 'medium',
  fixable: true,
  description:
    'Since January 2025 Amazon Redshift encrypts every new provisioned cluster at rest, with an AWS owned key unless you name one. A template that still sets Encrypted to false describes an unencrypted legacy cluster, or fails for a new one.',
  remediation: 'Set Encrypted (encrypted) to true or remove it, optionally with KmsKeyId (kms_key_id) for a customer managed key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts every new provisioned cluster and its backups at rest by default since January 2025',
    customer: 'encrypting clusters created before then, and choosing a customer managed key, is your decision',
  },
  frameworks: AT_REST,
  equivalents: {
    checkov: ['CKV_AWS_64'],
    kics: ['3b316b05-564c-44a7-9c3f-405bb95e211e', 'cfdcabb0-fc06-427c-865b-c59f13e898ce', 'ffee2785-c347-451e-89f3-11aeb08e5c84'],
    cfnNag: ['F28'],
  },
  docs: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html',
    'https://docs.aws.amazon.com/redshift/latest/mgmt/changing-cluster-encryption.html',
    'https://aws.amazon.com/about-aws/whats-new/2024/11/amazon-redshift-enhance-security-default-behavior/',
    cfnGuideDoc('aws-resource-redshift-cluster', 'cfn-redshift-cluster-encrypted'),
    tfDoc('redshift_cluster', 'encrypted'),
  ],
  checks: settingChecks({
    subject: 'Redshift cluster',
    consequence: 'so an existing cluster keeps its data and backups unencrypted (a new cluster cannot be created unencrypted any more)',
    want: true,
    // New provisioned clusters are always encrypted since January 2025: only an explicit false is a finding.
    absentMeans: null,
    formats: {
      cloudformation: { types: ['AWS::Redshift::Cluster'], path: ['Encrypted'] },
      terraform: { types: ['aws_redshift_cluster'], path: ['encrypted'] },
    },
  }),
});
