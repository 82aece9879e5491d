// CL-AWS-030: a security group lets the whole internet reach a database or cache port.
import { cfnDoc, defineRule, nist, pci, tfDoc } from '../../kit';
import { DATABASE_TABLE, networkResponsibility, SECURITY_GROUP_PROVIDER, worldIngressChecks } from '../../lib/network';

export default defineRule({
  id: 'CL-AWS-030',
  slug: 'sg-open-database-ports',
  title: 'Security group opens a database or cache port to the internet',
  severity: 'high',
  fixable: false,
  description:
    'An ingress rule from 0.0.0.0/0 or ::/0 to a database, cache or search port (MySQL, PostgreSQL, SQL Server and its Analysis Services, Oracle, MongoDB, Redis, Memcached, Elasticsearch …) lets anyone on the internet try credentials and exploits against the data store.',
  remediation:
    'Allow the port only from the application tier (its security group) or from private ranges, and keep data stores in private subnets.',
  responsibility: networkResponsibility(SECURITY_GROUP_PROVIDER, 'which sources may reach your data stores is yours to decide'),
  frameworks: [nist('AC-3', 'SC-7'), pci('1.3.1', '1.4.4')],
  // KICS Terraform 54c417bf: TCP 2383 (SQL Server Analysis Services) open to the internet, one port of the table.
  equivalents: { kics: ['54c417bf-c762-48b9-9d31-b3d87047e3f0'] },
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html',
    cfnDoc('aws-properties-ec2-securitygroup-ingress'),
    tfDoc('security_group'),
  ],
  // Every port belongs to CL-AWS-005 (sg-open-admin-ports): reported there, not twice.
  checks: worldIngressChecks(DATABASE_TABLE),
});
