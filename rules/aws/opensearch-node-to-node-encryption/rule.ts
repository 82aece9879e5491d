// CL-AWS-066: OpenSearch / Elasticsearch domains without node-to-node encryption.
import { cfnGuideDoc, defineRule, iso27001, nist, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-066',
  slug: 'opensearch-node-to-node-encryption',
  title: 'OpenSearch domain does not encrypt traffic between nodes',
  severity: 'medium',
  fixable: true,
  description:
    'Without node-to-node encryption, the traffic between the nodes of an OpenSearch Service (or Elasticsearch) domain inside the VPC, including replicated documents and search results, is not protected by TLS. It is off unless you turn it on.',
  remediation: 'Set NodeToNodeEncryptionOptions Enabled to true (node_to_node_encryption { enabled = true }).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the domain nodes and, when asked, adds TLS to all traffic between them',
    customer: 'turning node-to-node encryption on is your decision',
  },
  frameworks: [nist('SC-8'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_6'],
    kics: ['967eb3e6-26fc-497d-8895-6428beb6e8e2'],
    trivy: ['aws-elastic-search-enable-in-transit-encryption', 'aws-elasticsearch-enable-in-transit-encryption'],
    cfnNag: ['W85'],
  },
  docs: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html',
    cfnGuideDoc('aws-properties-opensearchservice-domain-nodetonodeencryptionoptions'),
    tfDoc('opensearch_domain', 'node_to_node_encryption'),
  ],
  checks: settingChecks({
    subject: 'Domain',
    consequence: 'so traffic between its nodes is not encrypted',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: { types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'], path: ['NodeToNodeEncryptionOptions', 'Enabled'] },
      // The provider requires enabled inside the block.
      terraform: { types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'], path: ['node_to_node_encryption', 'enabled'], absentInBlockMeans: null },
    },
  }),
});
