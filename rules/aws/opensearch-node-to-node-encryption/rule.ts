// CL-AWS-066: OpenSearch / Elasticsearch domains without node-to-node encryption.
import { defineRule } from '../../kit';
import { requireBlockTrue } from '../../lib/encryption';

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
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['SC-8'] },
    { framework: 'ISO/IEC 27001', version: '2022', controls: ['A.8.24'] },
  ],
  equivalents: { checkov: ['CKV_AWS_6'] },
  docs: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-nodetonodeencryptionoptions.html',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain#node_to_node_encryption',
  ],
  checks: {
    cloudformation: {
      types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
      run(r, ctx) {
        requireBlockTrue(ctx, r, {
          block: 'NodeToNodeEncryptionOptions',
          key: 'Enabled',
          absentKeyIsBad: true,
          whenFalse: `Domain ${r.id} sets NodeToNodeEncryptionOptions Enabled to false, so traffic between its nodes is not encrypted.`,
          whenBlockAbsent: `Domain ${r.id} has no NodeToNodeEncryptionOptions, so traffic between its nodes is not encrypted (the default is off).`,
          whenKeyAbsent: `Domain ${r.id} does not set NodeToNodeEncryptionOptions Enabled, so traffic between its nodes is not encrypted.`,
          setTitle: 'Set Enabled to true',
          addTitle: 'Add NodeToNodeEncryptionOptions Enabled: true',
        });
      },
    },
    terraform: {
      types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
      run(r, ctx) {
        requireBlockTrue(ctx, r, {
          block: 'node_to_node_encryption',
          key: 'enabled',
          absentKeyIsBad: false,
          whenFalse: `Domain ${r.id} sets node_to_node_encryption enabled to false, so traffic between its nodes is not encrypted.`,
          whenBlockAbsent: `Domain ${r.id} has no node_to_node_encryption block, so traffic between its nodes is not encrypted (the default is off).`,
          whenKeyAbsent: '',
          setTitle: 'Set enabled to true',
          addTitle: 'Add node_to_node_encryption with enabled = true',
        });
      },
    },
  },
});
