// CL-AWS-065: OpenSearch / Elasticsearch domains without encryption at rest.
import { defineRule } from '../../kit';
import { requireBlockTrue } from '../../lib/encryption';

export default defineRule({
  id: 'CL-AWS-065',
  slug: 'opensearch-encryption-at-rest',
  title: 'OpenSearch domain is not encrypted at rest',
  severity: 'medium',
  fixable: true,
  description:
    'An OpenSearch Service (or Elasticsearch) domain without encryption at rest stores indices, logs, swap files and automated snapshots unencrypted. The API, CloudFormation and Terraform create domains without it unless asked.',
  remediation: 'Set EncryptionAtRestOptions Enabled to true (encrypt_at_rest { enabled = true }), optionally with a KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the domain nodes and, when asked, encrypts their storage and snapshots with a KMS key',
    customer: 'turning encryption at rest on is your decision',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['SC-28'] },
    { framework: 'ISO/IEC 27001', version: '2022', controls: ['A.8.24'] },
  ],
  equivalents: { checkov: ['CKV_AWS_5'], kics: ['86a248ab-0e01-4564-a82a-878303e253bb'] },
  docs: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-encryptionatrestoptions.html',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain#encrypt_at_rest',
  ],
  checks: {
    cloudformation: {
      types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
      run(r, ctx) {
        requireBlockTrue(ctx, r, {
          block: 'EncryptionAtRestOptions',
          key: 'Enabled',
          absentKeyIsBad: true,
          whenFalse: `Domain ${r.id} sets EncryptionAtRestOptions Enabled to false, so its indices, logs and automated snapshots are stored unencrypted.`,
          whenBlockAbsent: `Domain ${r.id} has no EncryptionAtRestOptions, so its indices, logs and automated snapshots are stored unencrypted (the default is off).`,
          whenKeyAbsent: `Domain ${r.id} does not set EncryptionAtRestOptions Enabled, so its indices, logs and automated snapshots are stored unencrypted.`,
          setTitle: 'Set Enabled to true (CloudFormation replaces an existing domain for this change)',
          addTitle: 'Add EncryptionAtRestOptions Enabled: true',
        });
      },
    },
    terraform: {
      types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
      run(r, ctx) {
        requireBlockTrue(ctx, r, {
          block: 'encrypt_at_rest',
          key: 'enabled',
          absentKeyIsBad: false,
          whenFalse: `Domain ${r.id} sets encrypt_at_rest enabled to false, so its indices, logs and automated snapshots are stored unencrypted.`,
          whenBlockAbsent: `Domain ${r.id} has no encrypt_at_rest block, so its indices, logs and automated snapshots are stored unencrypted (the default is off).`,
          whenKeyAbsent: '',
          setTitle: 'Set enabled to true',
          addTitle: 'Add encrypt_at_rest with enabled = true',
        });
      },
    },
  },
});
