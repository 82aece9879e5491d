// CL-AWS-005: a security group lets the whole internet reach SSH, RDP or every port.
import { type CheckContext, defineRule, type Resource } from '../../kit';
import {
  ADMIN_PORTS,
  CFN_SECURITY_GROUP_TYPES,
  TF_SECURITY_GROUP_TYPES,
  groupLabel,
  ingressRules,
  isAllPorts,
  portsReached,
  reachPhrase,
  worldExposures,
} from '../../lib/network';

function check(r: Resource, ctx: CheckContext): void {
  for (const rule of ingressRules(r)) {
    for (const w of worldExposures(rule, r)) {
      const reached = portsReached(w.exposure, ADMIN_PORTS);
      // Every port (all protocols, or a full TCP/UDP range) belongs here; a narrower range only when it reaches SSH or RDP.
      if (!isAllPorts(w.exposure) && reached.length === 0) continue;
      ctx.report(w.at, `${groupLabel(r)} allows ${w.cidr} to reach ${reachPhrase(w.exposure, reached)}.`);
    }
  }
}

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
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'AWS enforces the security group rules you write at every network interface',
    customer: 'which sources may reach which ports is yours to decide',
  },
  frameworks: [
    { framework: 'CIS AWS Foundations Benchmark', version: '3.0.0', controls: ['5.2', '5.3'] },
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-17', 'SC-7'] },
    { framework: 'PCI DSS', version: '4.0', controls: ['1.3.1'] },
  ],
  equivalents: {
    checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_277'],
    kics: [
      '6e856af2-62d7-4ba2-adc1-73b62cef9cc1',
      '3ae83918-7ec7-4cb8-80db-b91ef0f94002',
      'cdbb0467-2957-4a77-9992-7b55b29df7b7',
      '65905cec-d691-4320-b320-2000436cb696',
      'c9846969-d066-431f-9b34-8c4abafe422a',
      'adcd0082-e90b-4b63-862b-21899f6e6a48',
      '151187cb-0efc-481c-babd-ad24e3c9bc22',
    ],
  },
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupingress.html',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_ingress_rule',
  ],
  checks: {
    cloudformation: { reads: 'resource', types: [...CFN_SECURITY_GROUP_TYPES], run: check },
    terraform: { reads: 'resource', types: [...TF_SECURITY_GROUP_TYPES], run: check },
  },
});
