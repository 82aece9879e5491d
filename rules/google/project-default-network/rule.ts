// CL-GCP-048: a project created with the default network (and its permissive firewall rules).
import { cisGcp, defineRule, nist, settingChecks, tfGoogleDoc } from '../../kit';

export default defineRule({
  id: 'CL-GCP-048',
  slug: 'project-default-network',
  title: 'Project is created with the default network',
  severity: 'medium',
  fixable: false,
  description:
    'The default network is an auto-mode VPC with a subnet in every region and pre-made firewall rules that allow SSH and RDP from anywhere and all traffic inside the network: every VM placed in it starts exposed.',
  remediation: 'Set auto_create_network to false and create custom-mode networks with the subnets and firewall rules you need.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'Google creates the default network and its firewall rules when a project asks for it',
    customer: 'whether projects get it, and its rules, are yours',
  },
  frameworks: [cisGcp('3.1'), nist('SC-7', 'CM-7')],
  equivalents: { kics: ['59571246-3f62-4965-a96f-c7d97e269351'] },
  docs: ['https://cloud.google.com/vpc/docs/vpc#default-network', tfGoogleDoc('google_project', 'auto_create_network')],
  checks: settingChecks({
    subject: 'Project',
    consequence: 'so it gets the default network with firewall rules open to SSH and RDP from anywhere',
    want: false,
    absentMeans: true,
    // Setting it on an existing project deletes the default network: the decision is the owner's.
    fix: false,
    formats: {
      terraform: { types: ['google_project'], path: ['auto_create_network'] },
    },
  }),
});
