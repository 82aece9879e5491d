// CL-AWS-005: a security group lets the whole internet reach SSH, RDP or every port.
import { cfnDoc, cisAws, defineRule, nist, pci, tfDoc } from '../../kit';
import { ADMIN_TABLE, networkResponsibility, SECURITY_GROUP_PROVIDER, worldIngressChecks } from '../../lib/network';

export default defineRule({
  id: 'CL-AWS-005',
  slug: 'sg-open-admin-ports',
  title: 'Security group opens SSH, RDP or all ports to the internet',
  severity: 'high',
  fixable: false,
  description:
    'An ingress rule from 0.0.0.0/0 or ::/0 to SSH (22), RDP (3389) or every port lets anyone on the internet try passwords, keys and exploits against the remote administration services of every instance in the group.',
  remediation:
    'Replace the world-open CIDR with the ranges that need access (a VPN, a bastion host, your office), or reach instances through AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint instead.',
  responsibility: networkResponsibility(SECURITY_GROUP_PROVIDER, 'which sources may reach which ports is yours to decide'),
  frameworks: [cisAws('5.2', '5.3'), nist('AC-17', 'SC-7'), pci('1.3.1')],
  equivalents: {
    checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_277'],
    kics: [
      '6e856af2-62d7-4ba2-adc1-73b62cef9cc1',
      '3ae83918-7ec7-4cb8-80db-b91ef0f94002',
      '65905cec-d691-4320-b320-2000436cb696',
      'c9846969-d066-431f-9b34-8c4abafe422a',
      'adcd0082-e90b-4b63-862b-21899f6e6a48',
      '151187cb-0efc-481c-babd-ad24e3c9bc22',
    ],
    trivy: ['aws-ec2-no-public-ingress-sgr'],
  },
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    cfnDoc('aws-properties-ec2-securitygroup-ingress'),
    cfnDoc('aws-resource-ec2-securitygroupingress'),
    tfDoc('security_group'),
    tfDoc('vpc_security_group_ingress_rule'),
  ],
  // Every port (all protocols, or a full TCP/UDP range) belongs here; a narrower range only when it reaches SSH or RDP.
  checks: worldIngressChecks(ADMIN_TABLE),
});
