// CL-AWS-221: Kendra indexes whose data is encrypted with an AWS owned or AWS managed key instead of a key of yours.
import { cfnDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { nestedCmkCheck } from '../../lib/encryption';

const SPEC = {
  subject: 'Kendra index',
  consequence: 'so the documents and data it indexes are encrypted at rest with a key AWS owns or manages, whose policy you cannot change and whose use you cannot revoke',
  fix: false as const,
};

export default defineRule({
  id: 'CL-AWS-221',
  slug: 'kendra-index-no-cmk',
  title: 'Kendra index is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'Amazon Kendra always encrypts an index and the data it holds at rest, with an AWS owned key unless you name a KMS key. The data is encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the indexed documents.',
  remediation: 'Set ServerSideEncryptionConfiguration.KmsKeyId (server_side_encryption_configuration.kms_key_id) to a customer managed KMS key when creating the index.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts the index at rest, with an AWS owned key unless you name another',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_262'], cfnNag: ['W80'] },
  docs: [
    'https://docs.aws.amazon.com/kendra/latest/dg/encryption-at-rest.html',
    cfnDoc('aws-properties-kendra-index-serversideencryptionconfiguration'),
    tfDoc('kendra_index', 'server_side_encryption_configuration'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Kendra::Index'], run: nestedCmkCheck(SPEC, ['ServerSideEncryptionConfiguration', 'KmsKeyId']) },
    terraform: { reads: 'resource', types: ['aws_kendra_index'], run: nestedCmkCheck(SPEC, ['server_side_encryption_configuration', 'kms_key_id']) },
  },
});
