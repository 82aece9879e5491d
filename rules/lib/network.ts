// Network helpers shared by the AWS network rules: world-open CIDRs, protocols and port ranges, and the
// ingress rules of security groups in every shape CloudFormation and Terraform write them.
import { type CheckContext, choices, type Node, reachable, type Resource, type Responsibility, type Rule, str, strIs, under, type Val } from '../kit';

// ---------------------------------------------------------------------------------------------------------
// CIDRs

export type Family = 'IPv4' | 'IPv6';

const IPV4_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6_CHARS = /^[0-9a-f:.]+$/i;

/**
 * The address family when `cidr` is the whole address space (`0.0.0.0/0`, `::/0`, `0::/0`, any address with a
 * prefix length of 0), else undefined.
 */
export function worldFamily(cidr: string | undefined): Family | undefined {
  if (cidr === undefined) return undefined;
  const s = cidr.trim();
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(slash + 1) !== '0') return undefined;
  const address = s.slice(0, slash);
  if (IPV4_ADDRESS.test(address)) return 'IPv4';
  if (address.includes(':') && IPV6_CHARS.test(address)) return 'IPv6';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Protocols and ports

export type Protocol = 'all' | 'tcp' | 'udp' | 'icmp' | 'other';

/**
 * The protocol of a security group or network ACL rule: `-1` / `all` (every protocol and port), `tcp` / `6`,
 * `udp` / `17`, `icmp` / `1`, `icmpv6` / `58`, another protocol number (`other`), or undefined when unknown.
 */
export function protocolOf(v: Val): Protocol | undefined {
  const s = v.str()?.trim().toLowerCase();
  if (s === undefined || s === '') return undefined;
  if (s === '-1' || s === 'all') return 'all';
  if (s === 'tcp' || s === '6') return 'tcp';
  if (s === 'udp' || s === '17') return 'udp';
  if (s === 'icmp' || s === '1' || s === 'icmpv6' || s === '58') return 'icmp';
  return /^\d+$/.test(s) || /^[a-z][a-z0-9-]*$/.test(s) ? 'other' : undefined;
}

/** What a rule lets through: every protocol, or a port range of TCP or UDP. */
export type Exposure = { readonly kind: 'all' } | { readonly kind: 'ports'; readonly protocol: 'tcp' | 'udp'; readonly from: number; readonly to: number };

/**
 * What a rule with this protocol and port range lets through; undefined when a needed value is unknown or the
 * range is not a plain port range, null when it lets through no TCP or UDP port (ICMP, other protocols).
 */
export function exposureOf(protocol: Val, from: Val, to: Val): Exposure | null | undefined {
  const p = protocolOf(protocol);
  if (p === undefined) return undefined;
  if (p === 'all') return { kind: 'all' };
  if (p === 'icmp' || p === 'other') return null;
  const f = from.num();
  const t = to.num();
  if (f === undefined || t === undefined || !Number.isInteger(f) || !Number.isInteger(t)) return undefined;
  if (f < 0 || t < f || t > 65535) return undefined;
  return { kind: 'ports', protocol: p, from: f, to: t };
}

/** True when the exposure is every port: all protocols, or a TCP or UDP range from 0 or 1 to 65535. */
export function isAllPorts(e: Exposure): boolean {
  return e.kind === 'all' || (e.from <= 1 && e.to === 65535);
}

export interface NamedPort {
  readonly port: number;
  readonly name: string;
  readonly protocols: readonly ('tcp' | 'udp')[];
}

/** Remote administration ports: SSH (TCP 22) and RDP (TCP and UDP 3389). */
export const ADMIN_PORTS: readonly NamedPort[] = [
  { port: 22, name: 'SSH', protocols: ['tcp'] },
  { port: 3389, name: 'RDP', protocols: ['tcp', 'udp'] },
];

/**
 * Default ports of databases, caches and search engines (documented in CL-AWS-030's README). Sources of the ports
 * added after the first list: Microsoft "Configure the Windows Firewall to allow SQL Server access" (1434: the SQL
 * Server Browser service over UDP, the dedicated administrator connection over TCP) and "Configure the Windows
 * Firewall to allow Analysis Services access" (2383: a default instance; 2382: the SQL Server Browser for Analysis
 * Services); Oracle Autonomous Database "Connect with TLS/mTLS" (1522); MySQL "MySQL Port Reference" (33060: the X
 * Protocol); DataStax OpsCenter "Ports used by OpsCenter" (61620: opscenterd, 61621: the agents).
 */
export const DATABASE_PORTS: readonly NamedPort[] = [
  { port: 1433, name: 'SQL Server', protocols: ['tcp'] },
  { port: 1434, name: 'SQL Server Browser/DAC', protocols: ['tcp', 'udp'] },
  { port: 1521, name: 'Oracle', protocols: ['tcp'] },
  { port: 1522, name: 'Oracle Autonomous Database', protocols: ['tcp'] },
  { port: 2382, name: 'SQL Server Analysis Services Browser', protocols: ['tcp'] },
  { port: 2383, name: 'SQL Server Analysis Services', protocols: ['tcp'] },
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
  { port: 33060, name: 'MySQL X Protocol', protocols: ['tcp'] },
  { port: 50000, name: 'Db2', protocols: ['tcp'] },
  { port: 61620, name: 'Cassandra OpsCenter', protocols: ['tcp'] },
  { port: 61621, name: 'Cassandra OpsCenter agent', protocols: ['tcp'] },
];

/**
 * What an open-port rule is about: its named ports, and whether an opening of every port is its finding too (one
 * rule owns "every port", so that it is reported once: CL-AWS-005 for security groups).
 */
export interface PortTable {
  readonly ports: readonly NamedPort[];
  readonly everyPort: boolean;
}

/** SSH, RDP and every port (CL-AWS-005, CL-AWS-031). */
export const ADMIN_TABLE: PortTable = { ports: ADMIN_PORTS, everyPort: true };
/** Database, cache and search ports, but not every port (CL-AWS-030). */
export const DATABASE_TABLE: PortTable = { ports: DATABASE_PORTS, everyPort: false };

/** The ports of `table` that an exposure reaches when the rule reports it (possibly none, for every port); undefined when it does not. */
export function reportedPorts(e: Exposure, table: PortTable): NamedPort[] | undefined {
  const all = isAllPorts(e);
  if (all && !table.everyPort) return undefined;
  const reached = portsReached(e, table.ports);
  return reached.length > 0 || all ? reached : undefined;
}

/** The named ports an exposure reaches. */
export function portsReached(e: Exposure, ports: readonly NamedPort[]): NamedPort[] {
  if (e.kind === 'all') return [...ports];
  return ports.filter((p) => p.protocols.includes(e.protocol) && e.from <= p.port && p.port <= e.to);
}

/** `22 (SSH)`, `22 (SSH) and 3389 (RDP)`, `3306 (MySQL), 5432 (PostgreSQL) and 3 more`. */
export function portList(ports: readonly NamedPort[], max = 3): string {
  const names = ports.slice(0, max).map((p) => `${p.port} (${p.name})`);
  if (ports.length > max) names.push(`${ports.length - max} more`);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A phrase for what an exposure reaches, for messages: `port 22 (SSH)`, `every port and protocol, including …`. */
export function reachPhrase(e: Exposure, reached: readonly NamedPort[]): string {
  const including = reached.length ? `, including ${portList(reached)}` : '';
  if (e.kind === 'all') return `every port and protocol${including}`;
  const proto = e.protocol.toUpperCase();
  if (isAllPorts(e)) return `all ${proto} ports${including}`;
  if (e.from === e.to) return `${proto} port ${portList(reached) || e.from}`;
  return `${proto} ports ${e.from}-${e.to}${including}`;
}

// ---------------------------------------------------------------------------------------------------------
// Security group ingress rules

/** One ingress rule of a security group: its source CIDRs and what it lets through. */
export interface IngressRule {
  /** Source CIDR values (IPv4 and IPv6), each possibly with alternatives. */
  readonly cidrs: readonly Val[];
  readonly protocol: Val;
  readonly from: Val;
  readonly to: Val;
}

/** CloudFormation types whose ingress rules `ingressRules` reads. */
export const CFN_SECURITY_GROUP_TYPES = ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'] as const;

/** Terraform types whose ingress rules `ingressRules` reads. */
export const TF_SECURITY_GROUP_TYPES = [
  'aws_security_group',
  'aws_default_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
] as const;

/**
 * The ingress rules of a security group resource: inline `SecurityGroupIngress` of `AWS::EC2::SecurityGroup`,
 * a standalone `AWS::EC2::SecurityGroupIngress`, `ingress` blocks of `aws_security_group` (an object or a list),
 * `aws_security_group_rule` with `type = "ingress"`, and `aws_vpc_security_group_ingress_rule`.
 */
export function ingressRules(r: Resource): IngressRule[] {
  const out: IngressRule[] = [];
  const body = r.body;
  switch (r.type) {
    case 'AWS::EC2::SecurityGroup':
      for (const item of body.get('SecurityGroupIngress').items()) {
        for (const rule of reachable(item)) out.push(cfnRule(rule));
      }
      break;
    case 'AWS::EC2::SecurityGroupIngress':
      for (const rule of reachable(body)) out.push(cfnRule(rule));
      break;
    case 'aws_security_group':
    case 'aws_default_security_group':
      for (const block of body.get('ingress').list()) out.push(tfRule(block));
      break;
    case 'aws_security_group_rule':
      if (body.get('type').str()?.toLowerCase() === 'ingress') out.push(tfRule(body));
      break;
    case 'aws_vpc_security_group_ingress_rule':
      out.push({ cidrs: [body.get('cidr_ipv4'), body.get('cidr_ipv6')], protocol: body.get('ip_protocol'), from: body.get('from_port'), to: body.get('to_port') });
      break;
    default:
      break;
  }
  return out;
}

function cfnRule(rule: Val): IngressRule {
  return { cidrs: [rule.get('CidrIp'), rule.get('CidrIpv6')], protocol: rule.get('IpProtocol'), from: rule.get('FromPort'), to: rule.get('ToPort') };
}

function tfRule(block: Val): IngressRule {
  return {
    cidrs: [...block.get('cidr_blocks').items(), ...block.get('ipv6_cidr_blocks').items()],
    protocol: block.get('protocol'),
    from: block.get('from_port'),
    to: block.get('to_port'),
  };
}

/** A world-open source of an ingress rule and what it lets through, with the value to report at. */
export interface WorldExposure {
  /** The CIDR value as written (its use site for a parameter default), under the combination's conditions. */
  readonly at: Val;
  readonly cidr: string;
  readonly family: Family;
  readonly exposure: Exposure;
}

/** Every world-open CIDR of a rule with a known exposure (combinations of alternatives included). */
export function worldExposures(rule: IngressRule, r: Resource): WorldExposure[] {
  const out: WorldExposure[] = [];
  for (const cidr of rule.cidrs) {
    for (const c of choices([cidr, rule.protocol, rule.from, rule.to])) {
      const [cv, p, f, t] = c.parts;
      const text = cv.str();
      const family = worldFamily(text);
      if (!family || text === undefined) continue;
      const exposure = exposureOf(p, f, t);
      if (!exposure) continue;
      out.push({ at: under(cv, c.when, r), cidr: text.trim(), family, exposure });
    }
  }
  return out;
}

/** How a message names the resource holding the rule. */
export function groupLabel(r: Resource): string {
  switch (r.type) {
    case 'AWS::EC2::SecurityGroupIngress':
    case 'aws_vpc_security_group_ingress_rule':
      return `Security group ingress rule ${r.id}`;
    case 'aws_security_group_rule':
      return `Security group rule ${r.id}`;
    case 'aws_default_security_group':
      return `Default security group ${r.id}`;
    default:
      return `Security group ${r.id}`;
  }
}

/**
 * The checks of a "security group opens these ports to the internet" rule: every world-open ingress source whose
 * exposure `table` reports, at the CIDR, as "<group> allows <cidr> to reach <ports>.".
 */
export function worldIngressChecks(table: PortTable): Rule['checks'] {
  const run = (r: Resource, ctx: CheckContext): void => {
    for (const rule of ingressRules(r)) {
      for (const w of worldExposures(rule, r)) {
        const reached = reportedPorts(w.exposure, table);
        if (reached) ctx.report(w.at, `${groupLabel(r)} allows ${w.cidr} to reach ${reachPhrase(w.exposure, reached)}.`);
      }
    }
  };
  return {
    cloudformation: { reads: 'resource', types: [...CFN_SECURITY_GROUP_TYPES], run },
    terraform: { reads: 'resource', types: [...TF_SECURITY_GROUP_TYPES], run },
  };
}

/** The responsibility of a network rule on AWS's IaaS network: the customer's, at the network layer. */
export function networkResponsibility(provider: string, customer: string): Responsibility {
  return { owner: 'customer', model: 'IaaS', layer: 'network', provider, customer };
}

/** What AWS does with security group rules, as the security group rules say it. */
export const SECURITY_GROUP_PROVIDER = 'AWS enforces the security group rules you write at every network interface';

// ---------------------------------------------------------------------------------------------------------
// Sensitive service ports (the exposure rules, CL-AWS-118): neither administration (SSH, RDP) nor data-store ports,
// which CL-AWS-005 and CL-AWS-030 own, nor web ports, which are meant to be public.

/**
 * Default ports of services that should never face the internet: clear-text logins and file transfer, Windows and
 * Unix file sharing and RPC, directory, remote desktop and management protocols, cluster control planes, message
 * brokers and dashboards (documented in CL-AWS-118's README). Sources of the ports and transports added after the
 * first list: RFC 1002 (NetBIOS name service over TCP 137 as well as UDP), RFC 3430 (SNMP over TCP 161), Salt "Opening
 * the firewall up for Salt" (4505, 4506), TightVNC / RealVNC (a viewer listening for reverse connections, 5500),
 * Puppet "Puppet Server" (8140, also in IANA's registry), Apache Hadoop hdfs-default.xml (the NameNode: RPC 8020,
 * web UI 9870/9871 from Hadoop 3, 50070/50470 before) and the Amazon EMR "Service ports" list (8020, 9870).
 */
export const SERVICE_PORTS: readonly NamedPort[] = [
  { port: 20, name: 'FTP data', protocols: ['tcp'] },
  { port: 21, name: 'FTP', protocols: ['tcp'] },
  { port: 23, name: 'Telnet', protocols: ['tcp'] },
  { port: 69, name: 'TFTP', protocols: ['udp'] },
  { port: 111, name: 'RPC portmapper', protocols: ['tcp', 'udp'] },
  { port: 135, name: 'MS RPC', protocols: ['tcp'] },
  { port: 137, name: 'NetBIOS name service', protocols: ['tcp', 'udp'] },
  { port: 138, name: 'NetBIOS datagram', protocols: ['udp'] },
  { port: 139, name: 'NetBIOS session', protocols: ['tcp'] },
  { port: 161, name: 'SNMP', protocols: ['tcp', 'udp'] },
  { port: 389, name: 'LDAP', protocols: ['tcp', 'udp'] },
  { port: 445, name: 'SMB', protocols: ['tcp'] },
  { port: 623, name: 'IPMI', protocols: ['udp'] },
  { port: 636, name: 'LDAPS', protocols: ['tcp'] },
  { port: 873, name: 'rsync', protocols: ['tcp'] },
  { port: 2049, name: 'NFS', protocols: ['tcp', 'udp'] },
  { port: 2181, name: 'ZooKeeper', protocols: ['tcp'] },
  { port: 2375, name: 'Docker API', protocols: ['tcp'] },
  { port: 2376, name: 'Docker API TLS', protocols: ['tcp'] },
  { port: 2379, name: 'etcd client', protocols: ['tcp'] },
  { port: 2380, name: 'etcd peer', protocols: ['tcp'] },
  { port: 4505, name: 'Salt master publisher', protocols: ['tcp'] },
  { port: 4506, name: 'Salt master request server', protocols: ['tcp'] },
  { port: 5500, name: 'VNC listening viewer', protocols: ['tcp'] },
  { port: 5601, name: 'Kibana/OpenSearch Dashboards', protocols: ['tcp'] },
  { port: 5672, name: 'AMQP', protocols: ['tcp'] },
  { port: 5900, name: 'VNC', protocols: ['tcp'] },
  { port: 5985, name: 'WinRM', protocols: ['tcp'] },
  { port: 5986, name: 'WinRM HTTPS', protocols: ['tcp'] },
  { port: 8020, name: 'HDFS NameNode', protocols: ['tcp'] },
  { port: 8140, name: 'Puppet Server', protocols: ['tcp'] },
  { port: 8500, name: 'Consul', protocols: ['tcp'] },
  { port: 9092, name: 'Kafka', protocols: ['tcp'] },
  { port: 9870, name: 'HDFS NameNode web UI', protocols: ['tcp'] },
  { port: 9871, name: 'HDFS NameNode web UI HTTPS', protocols: ['tcp'] },
  { port: 10250, name: 'kubelet', protocols: ['tcp'] },
  { port: 15672, name: 'RabbitMQ management', protocols: ['tcp'] },
  { port: 50070, name: 'HDFS NameNode web UI', protocols: ['tcp'] },
  { port: 50470, name: 'HDFS NameNode web UI HTTPS', protocols: ['tcp'] },
];

/** Sensitive service ports, but not every port (CL-AWS-118). */
export const SERVICE_TABLE: PortTable = { ports: SERVICE_PORTS, everyPort: false };

/** `!GetAtt Vpc.DefaultSecurityGroup` (either form) as written. */
export function isCfnDefaultGroup(node: Node | undefined): boolean {
  if (node?.kind !== 'map' || node.pairs.length !== 1 || node.pairs[0].key.value !== 'Fn::GetAtt') return false;
  const arg = node.pairs[0].value;
  const attr = arg.kind === 'seq' ? str(arg.items[1]) : str(arg)?.split('.').slice(1).join('.');
  return attr === 'DefaultSecurityGroup';
}

/** A Terraform expression naming a default security group: an `aws_default_security_group`, or a VPC's `default_security_group_id`. */
export const TF_DEFAULT_GROUP = /\b(aws_default_security_group\.[A-Za-z0-9_-]+|aws_vpc\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.default_security_group_id)\b/;

/** One reference of a tuple that is a default security group: its ID, or a VPC's `default_security_group_id`. */
export const TF_DEFAULT_REFERENCE = /^(aws_default_security_group\.[A-Za-z0-9_-]+)(?:\.id)?$|^(aws_vpc\.[A-Za-z0-9_-]+\.default_security_group_id)$/;

/** Every `references` entry under a plan configuration's expressions. */
export function planReferences(node: Node | undefined, out: string[] = [], depth = 0): string[] {
  if (!node || depth > 16) return out;
  if (node.kind === 'seq') for (const i of node.items) planReferences(i, out, depth + 1);
  if (node.kind === 'map') {
    for (const p of node.pairs) {
      if (p.key.value === 'references' && p.value.kind === 'seq') for (const i of p.value.items) out.push(str(i) ?? '');
      else planReferences(p.value, out, depth + 1);
    }
  }
  return out;
}

/**
 * The SSL negotiation policies of a CloudFormation Classic Load Balancer (`Policies` of type
 * `SSLNegotiationPolicyType`) that take effect: those a listener names in `PolicyNames`, or that name back-end
 * `LoadBalancerPorts`. Each with its name (CL-AWS-040, CL-AWS-269).
 */
export function* usedNegotiationPolicies(r: Resource): Generator<{ readonly name: string; readonly policy: Val }> {
  const used = new Set<string>();
  for (const l of r.body.get('Listeners').items()) for (const name of l.get('PolicyNames').strings()) used.add(name);
  for (const policy of r.body.get('Policies').items()) {
    if (!strIs(policy.get('PolicyType'), 'SSLNegotiationPolicyType')) continue;
    const name = policy.get('PolicyName').str();
    if (name === undefined || (!used.has(name) && policy.get('LoadBalancerPorts').items().length === 0)) continue;
    yield { name, policy };
  }
}
