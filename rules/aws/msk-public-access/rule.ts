// CL-AWS-111: an MSK cluster whose brokers have public IP addresses.
import { cfnDoc, defineRule, NOT_PUBLIC, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-111',
  slug: 'msk-public-access',
  title: 'MSK cluster brokers are publicly accessible',
  severity: 'high',
  fixable: true,
  description:
    'With public access type SERVICE_PROVIDED_EIPS, Amazon MSK gives every broker an Elastic IP address, so the Kafka listeners can be reached from the internet and only the cluster\'s authentication and security groups stand in the way.',
  remediation:
    'Set ConnectivityInfo.PublicAccess.Type (connectivity_info.public_access.type) to DISABLED and reach the brokers from the VPC, through PrivateLink (multi-VPC connectivity), a VPN or AWS Direct Connect.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs the Kafka brokers and their network endpoints',
    customer: 'whether the brokers have public IP addresses is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: {
    checkov: ['CKV_AWS_291'],
    kics: ['0ce1ba20-8ba8-4364-836f-40c24b8cb0ab', '54378d69-dd7c-4b08-a43e-80d563396857'],
  },
  docs: [
    'https://docs.aws.amazon.com/msk/latest/developerguide/public-access.html',
    cfnDoc('aws-properties-msk-cluster-publicaccess'),
    tfDoc('msk_cluster', 'public_access'),
  ],
  checks: settingChecks({
    subject: 'MSK cluster',
    consequence: 'so every broker gets a public IP address',
    want: 'DISABLED',
    // Public access is off unless you turn it on (DISABLED is the default in both formats).
    absentMeans: null,
    formats: {
      cloudformation: { types: ['AWS::MSK::Cluster'], path: ['BrokerNodeGroupInfo', 'ConnectivityInfo', 'PublicAccess', 'Type'] },
      terraform: { types: ['aws_msk_cluster'], path: ['broker_node_group_info', 'connectivity_info', 'public_access', 'type'] },
    },
  }),
});
