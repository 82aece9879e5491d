// CL-AWS-118: a security group lets the whole internet reach a sensitive service port (Telnet, SMB, VNC, etcd …).
import { cfnDoc, defineRule, nist, pci, tfDoc } from '../../kit';
import { networkResponsibility, SECURITY_GROUP_PROVIDER, SERVICE_TABLE, worldIngressChecks } from '../../lib/network';

export default defineRule({
  id: 'CL-AWS-118',
  slug: 'sg-open-service-ports',
  title: 'Security group opens a sensitive service port to the internet',
  severity: 'high',
  fixable: false,
  description:
    'An ingress rule from 0.0.0.0/0 or ::/0 to a service that should never face the internet (Telnet, FTP, SMB, NetBIOS, LDAP, NFS, VNC, WinRM, the Docker API, etcd, the kubelet, Kafka, Kibana …) exposes clear-text logins, file shares and control planes to scanning and exploitation.',
  remediation:
    'Allow the port only from the security groups or private ranges that use the service, and reach it from outside through a VPN, AWS Client VPN or Session Manager port forwarding.',
  responsibility: networkResponsibility(SECURITY_GROUP_PROVIDER, 'which sources may reach which ports is yours to decide'),
  frameworks: [nist('AC-3', 'SC-7', 'CM-7'), pci('1.3.1', '1.2.5')],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19',
    cfnDoc('aws-properties-ec2-securitygroup-ingress'),
    tfDoc('security_group'),
    tfDoc('vpc_security_group_ingress_rule'),
  ],
  // Every port belongs to CL-AWS-005 (sg-open-admin-ports), SSH and RDP too; database ports to CL-AWS-030.
  checks: worldIngressChecks(SERVICE_TABLE),
});
