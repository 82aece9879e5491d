// CL-AWS-030: a security group lets the whole internet reach a database or cache port.
import { type CheckContext, defineRule, type Resource } from '../../kit';
import {
  CFN_SECURITY_GROUP_TYPES,
  TF_SECURITY_GROUP_TYPES,
  groupLabel,
  ingressRules,
  isAllPorts,
  portsReached,
  reachPhrase,
  worldExposures,
  type NamedPort,
} from '../../lib/network';

/** Default ports of databases, caches and search engines (documented in the README). */
export const DATABASE_PORTS: readonly NamedPort[] = [
  { port: 1433, name: 'SQL Server', protocols: ['tcp'] },
  { port: 1521, name: 'Oracle', protocols: ['tcp'] },
  { port: 2483, name: 'Oracle', protocols: ['tcp'] },
  { port: 2484, name: 'Oracle TLS', protocols: ['tcp'] },
  { port: 3306, name: 'MySQL/MariaDB', protocols: ['tcp'] },
  { port: 5432, name: 'PostgreSQL', protocols: ['tcp'] },
  { port: 5439, name: 'Redshift', protocols: ['tcp'] },
  { port: 5984, name: 'CouchDB', protocols: ['tcp'] },
  { port: 6379, name: 'Redis', protocols: ['tcp'] },
  { port: 7000, name: 'Cassandra inter-node', protocols: ['tcp'] },
  { port: 7001, name: 'Cassandra inter-node TLS', protocols: ['tcp'] },
  { port: 7199, name: 'Cassandra JMX', protocols: ['tcp'] },
  { port: 7474, name: 'Neo4j HTTP', protocols: ['tcp'] },
  { port: 7687, name: 'Neo4j Bolt', protocols: ['tcp'] },
  { port: 8086, name: 'InfluxDB', protocols: ['tcp'] },
  { port: 8182, name: 'Neptune', protocols: ['tcp'] },
  { port: 9042, name: 'Cassandra', protocols: ['tcp'] },
  { port: 9160, name: 'Cassandra Thrift', protocols: ['tcp'] },
  { port: 9200, name: 'Elasticsearch/OpenSearch', protocols: ['tcp'] },
  { port: 9300, name: 'Elasticsearch transport', protocols: ['tcp'] },
  { port: 11211, name: 'Memcached', protocols: ['tcp', 'udp'] },
  { port: 26257, name: 'CockroachDB', protocols: ['tcp'] },
  { port: 27017, name: 'MongoDB/DocumentDB', protocols: ['tcp'] },
  { port: 27018, name: 'MongoDB shard', protocols: ['tcp'] },
  { port: 27019, name: 'MongoDB config server', protocols: ['tcp'] },
  { port: 50000, name: 'Db2', protocols: ['tcp'] },
];

function check(r: Resource, ctx: CheckContext): void {
  for (const rule of ingressRules(r)) {
    for (const w of worldExposures(rule, r)) {
      // Every port belongs to CL-AWS-005 (sg-open-admin-ports): reported there, not twice.
      if (isAllPorts(w.exposure)) continue;
      const reached = portsReached(w.exposure, DATABASE_PORTS);
      if (reached.length === 0) continue;
      ctx.report(w.at, `${groupLabel(r)} allows ${w.cidr} to reach ${reachPhrase(w.exposure, reached)}.`);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-030',
  slug: 'sg-open-database-ports',
  title: 'Security group opens a database or cache port to the internet',
  severity: 'high',
  fixable: false,
  description:
    'An ingress rule from 0.0.0.0/0 or ::/0 to a database, cache or search port (MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, Redis, Memcached, Elasticsearch …) lets anyone on the internet try credentials and exploits against the data store.',
  remediation:
    'Allow the port only from the application tier (its security group) or from private ranges, and keep data stores in private subnets.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'AWS enforces the security group rules you write at every network interface',
    customer: 'which sources may reach your data stores is yours to decide',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-3', 'SC-7'] },
    { framework: 'PCI DSS', version: '4.0', controls: ['1.3.1', '1.4.4'] },
  ],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group',
  ],
  checks: {
    cloudformation: { reads: 'resource', types: [...CFN_SECURITY_GROUP_TYPES], run: check },
    terraform: { reads: 'resource', types: [...TF_SECURITY_GROUP_TYPES], run: check },
  },
});
