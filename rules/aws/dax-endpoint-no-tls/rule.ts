// CL-AWS-135: DAX clusters whose endpoint accepts unencrypted connections.
import { cfnGuideDoc, defineRule, IN_TRANSIT_STORES, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-135',
  slug: 'dax-endpoint-no-tls',
  title: 'DAX cluster endpoint does not use TLS',
  severity: 'medium',
  fixable: false,
  description:
    'A DAX cluster whose endpoint encryption type is NONE (the default) serves cached DynamoDB items to clients in plaintext. With TLS, clients connect to the daxs:// endpoint and the traffic between the application and the cluster is encrypted and the cluster authenticated.',
  remediation: 'Set ClusterEndpointEncryptionType (cluster_endpoint_encryption_type) to TLS when creating the cluster, and connect clients to its daxs:// endpoint.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the cluster and, when asked at creation, serves its endpoint over TLS',
    customer: 'choosing TLS for the endpoint and connecting your clients with it is yours',
  },
  frameworks: IN_TRANSIT_STORES,
  equivalents: { checkov: ['CKV_AWS_239'] },
  docs: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionInTransit.html',
    cfnGuideDoc('aws-resource-dax-cluster', 'cfn-dax-cluster-clusterendpointencryptiontype'),
    tfDoc('dax_cluster', 'cluster_endpoint_encryption_type'),
  ],
  checks: settingChecks({
    subject: 'DAX cluster',
    consequence: 'so clients read and write cached items over unencrypted connections',
    want: 'TLS',
    absentMeans: 'NONE',
    // No quick-fix: TLS replaces the cluster and every client has to connect to the daxs:// endpoint.
    fix: false,
    formats: {
      cloudformation: { types: ['AWS::DAX::Cluster'], path: ['ClusterEndpointEncryptionType'] },
      terraform: { types: ['aws_dax_cluster'], path: ['cluster_endpoint_encryption_type'] },
    },
  }),
});
