// CL-AWS-065: OpenSearch / Elasticsearch domains without encryption at rest.
import { AT_REST, cfnGuideDoc, defineRule, settingChecks, tfDoc } from '../../kit';

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
  frameworks: AT_REST,
  equivalents: {
    checkov: ['CKV_AWS_5'],
    kics: ['86a248ab-0e01-4564-a82a-878303e253bb', '24e16922-4330-4e9d-be8a-caa90299466a'],
    trivy: ['aws-elastic-search-enable-domain-encryption', 'aws-elasticsearch-enable-domain-encryption'],
    cfnNag: ['W54'],
  },
  docs: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
    cfnGuideDoc('aws-properties-opensearchservice-domain-encryptionatrestoptions'),
    tfDoc('opensearch_domain', 'encrypt_at_rest'),
  ],
  checks: settingChecks({
    subject: 'Domain',
    consequence: 'so its indices, logs and automated snapshots are stored unencrypted',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: {
        types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
        path: ['EncryptionAtRestOptions', 'Enabled'],
        fixNote: 'CloudFormation replaces an existing domain for this change',
      },
      // The provider requires enabled inside the block.
      terraform: { types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'], path: ['encrypt_at_rest', 'enabled'], absentInBlockMeans: null },
    },
  }),
});
