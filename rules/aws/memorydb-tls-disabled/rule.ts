// CL-AWS-151: MemoryDB clusters with TLS turned off.
import { cfnGuideDoc, defineRule, IN_TRANSIT_STORES, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-151',
  slug: 'memorydb-tls-disabled',
  title: 'MemoryDB cluster has TLS disabled',
  severity: 'high',
  fixable: false,
  description:
    'A MemoryDB cluster with TLS disabled serves its data, and the passwords of its ACL users, to clients in plaintext. TLS is on by default and can only be turned off when the cluster is created.',
  remediation: 'Leave TLSEnabled (tls_enabled) out or set it to true, and connect clients with TLS.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the cluster and encrypts client connections with TLS unless you turn it off',
    customer: 'keeping TLS on, and connecting your clients with it, is yours',
  },
  frameworks: IN_TRANSIT_STORES,
  equivalents: { checkov: ['CKV_AWS_202'] },
  docs: [
    'https://docs.aws.amazon.com/memorydb/latest/devguide/in-transit-encryption.html',
    cfnGuideDoc('aws-resource-memorydb-cluster', 'cfn-memorydb-cluster-tlsenabled'),
    tfDoc('memorydb_cluster', 'tls_enabled'),
  ],
  checks: settingChecks({
    subject: 'MemoryDB cluster',
    consequence: 'so clients read and write its data, and send their passwords, unencrypted',
    want: true,
    // TLS is on by default.
    absentMeans: null,
    // No quick-fix: the cluster is replaced and every client has to connect with TLS.
    fix: false,
    formats: {
      cloudformation: { types: ['AWS::MemoryDB::Cluster'], path: ['TLSEnabled'] },
      terraform: { types: ['aws_memorydb_cluster'], path: ['tls_enabled'] },
    },
  }),
});
