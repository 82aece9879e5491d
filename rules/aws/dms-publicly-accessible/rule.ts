// CL-AWS-033: a DMS replication instance with a public IP address.
import { cfnDoc, defineRule, NOT_PUBLIC, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-033',
  slug: 'dms-publicly-accessible',
  title: 'DMS replication instance is publicly accessible',
  severity: 'high',
  fixable: true,
  description:
    'A publicly accessible DMS replication instance has a public IP address while it holds connections, and credentials, to your source and target databases.',
  remediation: 'Set PubliclyAccessible (publicly_accessible) to false and connect the replication instance to its endpoints over the VPC, a VPN, AWS Direct Connect or VPC peering.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs and patches the replication instances',
    customer: 'whether a replication instance has a public IP address is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: {
    checkov: ['CKV_AWS_89'],
    kics: ['5864fb39-d719-4182-80e2-89dbe627be63', '030d3b18-1821-45b4-9e08-50efbe7becbb'],
    cfnNag: ['W91'],
  },
  docs: [
    'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html',
    'https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html',
    cfnDoc('aws-resource-dms-replicationinstance'),
    tfDoc('dms_replication_instance'),
  ],
  checks: settingChecks({
    subject: 'DMS replication instance',
    consequence: 'so it gets a public IP address',
    want: false,
    absentMeans: null,
    formats: {
      // The DMS API makes an instance public when PubliclyAccessible is omitted ("The default value is true").
      cloudformation: { types: ['AWS::DMS::ReplicationInstance'], path: ['PubliclyAccessible'], absentMeans: true },
      // The provider sends false when publicly_accessible is omitted: only an explicit true is public.
      terraform: { types: ['aws_dms_replication_instance'], path: ['publicly_accessible'] },
    },
  }),
});
