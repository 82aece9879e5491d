// CL-AWS-136: MSK clusters that allow plaintext between clients and brokers, or between brokers.
import { cfnGuideDoc, type CheckContext, checkSetting, defineRule, IN_TRANSIT_STORES, type Resource, type SettingSpec, tfDoc } from '../../kit';

const CLIENT_BROKER: SettingSpec = {
  subject: 'MSK cluster',
  consequence: 'so clients can produce and consume messages over unencrypted connections',
  want: 'TLS',
  // ClientBroker defaults to TLS.
  absentMeans: null,
  // No quick-fix: requiring TLS breaks every client that still connects in plaintext.
  fix: false,
  formats: {
    cloudformation: { types: ['AWS::MSK::Cluster'], path: ['EncryptionInfo', 'EncryptionInTransit', 'ClientBroker'] },
    terraform: { types: ['aws_msk_cluster'], path: ['encryption_info', 'encryption_in_transit', 'client_broker'] },
  },
};

const IN_CLUSTER: SettingSpec = {
  subject: 'MSK cluster',
  consequence: 'so data replicated between its brokers travels unencrypted',
  want: true,
  // InCluster defaults to true.
  absentMeans: null,
  fix: false,
  formats: {
    cloudformation: { types: ['AWS::MSK::Cluster'], path: ['EncryptionInfo', 'EncryptionInTransit', 'InCluster'] },
    terraform: { types: ['aws_msk_cluster'], path: ['encryption_info', 'encryption_in_transit', 'in_cluster'] },
  },
};

function check(format: 'cloudformation' | 'terraform') {
  return (r: Resource, ctx: CheckContext) => {
    checkSetting(r, ctx, CLIENT_BROKER, CLIENT_BROKER.formats[format]!);
    checkSetting(r, ctx, IN_CLUSTER, IN_CLUSTER.formats[format]!);
  };
}

export default defineRule({
  id: 'CL-AWS-136',
  slug: 'msk-plaintext-in-transit',
  title: 'MSK cluster allows unencrypted traffic',
  severity: 'high',
  fixable: false,
  description:
    'An MSK cluster whose client-broker encryption is PLAINTEXT or TLS_PLAINTEXT accepts producers and consumers over unencrypted connections, and one with in-cluster encryption off replicates data between brokers in plaintext. Both default to TLS; this finds templates that turn them off.',
  remediation: 'Set EncryptionInfo.EncryptionInTransit.ClientBroker to TLS and InCluster to true (encryption_info.encryption_in_transit: client_broker = "TLS", in_cluster = true), and move clients to the TLS bootstrap brokers.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the brokers and encrypts traffic with TLS unless you allow plaintext',
    customer: 'whether plaintext connections are allowed, and moving your clients to TLS, is yours',
  },
  frameworks: IN_TRANSIT_STORES,
  equivalents: {
    checkov: ['CKV_AWS_81'],
    kics: ['a976d63f-af0e-46e8-b714-8c1a9c4bf768', '6db52fa6-d4da-4608-908a-89f0c59e743e'],
    trivy: ['aws-msk-enable-in-transit-encryption'],
  },
  docs: [
    'https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html',
    cfnGuideDoc('aws-properties-msk-cluster-encryptionintransit'),
    tfDoc('msk_cluster', 'encryption_in_transit'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::MSK::Cluster'], run: check('cloudformation') },
    terraform: { reads: 'resource', types: ['aws_msk_cluster'], run: check('terraform') },
  },
});
