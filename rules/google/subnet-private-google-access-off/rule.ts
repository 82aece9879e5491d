// CL-GCP-030: a VPC subnetwork without Private Google Access.
import { defineRule, nist, settingChecks, tfGoogleDoc } from '../../kit';

export default defineRule({
  id: 'CL-GCP-030',
  slug: 'subnet-private-google-access-off',
  title: 'Subnetwork has Private Google Access off',
  severity: 'low',
  fixable: true,
  description:
    'Without Private Google Access, VMs without external addresses cannot reach Google APIs (Cloud Storage, Artifact Registry, Cloud Logging): teams then give VMs public IPs or route API traffic over the internet to make them work.',
  remediation: 'Set private_ip_google_access to true.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'Google routes API traffic from the subnet over its own network once it is on',
    customer: 'turning it on for subnets whose VMs have no external address is yours',
  },
  frameworks: [nist('SC-7')],
  equivalents: { checkov: ['CKV_GCP_74'], kics: ['ee7b93c1-b3f8-4a3b-9588-146d481814f5'] },
  docs: ['https://cloud.google.com/vpc/docs/private-google-access', tfGoogleDoc('compute_subnetwork', 'private_ip_google_access')],
  checks: settingChecks({
    subject: 'Subnetwork',
    consequence: 'so VMs without external addresses cannot reach Google APIs privately',
    want: true,
    absentMeans: false,
    appliesTo: (r) => {
      const purpose = r.body.get('purpose');
      return purpose.isAbsent || ['PRIVATE', 'PRIVATE_RFC_1918'].includes(purpose.str() ?? '');
    },
    formats: {
      terraform: { types: ['google_compute_subnetwork'], path: ['private_ip_google_access'] },
    },
  }),
});
