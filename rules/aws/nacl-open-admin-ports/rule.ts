// CL-AWS-031: a network ACL allows the whole internet in to SSH, RDP, FTP or every port.
import {
  cfnDoc,
  type CheckContext,
  choices,
  cisAws,
  defineRule,
  nist,
  type Node,
  ofType,
  pci,
  positionsOf,
  reachable,
  type Resource,
  strIs,
  tfDoc,
  under,
  type Val,
  withId,
} from '../../kit';
import {
  ADMIN_PORTS,
  exposureOf,
  isAllPorts,
  networkResponsibility,
  type PortTable,
  reachPhrase,
  reportedPorts,
  SERVICE_PORTS,
  worldFamily,
  type Exposure,
  type Family,
  type NamedPort,
} from '../../lib/network';

/** FTP data (TCP 20) and FTP control (TCP 21): clear-text logins and files (Checkov CKV_AWS_230, CKV_AWS_229). */
const FTP_PORTS = SERVICE_PORTS.filter((p) => p.port === 20 || p.port === 21);
/** The ports this rule reports, in port order, and every port: FTP, SSH, RDP. */
const NACL_TABLE: PortTable = { ports: [...FTP_PORTS, ...ADMIN_PORTS].sort((a, b) => a.port - b.port), everyPort: true };
const isAdmin = (p: NamedPort) => ADMIN_PORTS.includes(p);

/**
 * True for an ephemeral-port range that contains 3389 (it never reaches FTP's 20 and 21): 1024-65535 (or 1025-5000, Windows' old range), the allow that
 * return traffic needs through a stateless ACL. Linux (32768+) and current Windows (49152+) ranges do not reach 3389.
 */
function isEphemeralRange(e: Exposure): boolean {
  return e.kind === 'ports' && (e.from === 1024 || e.from === 1025) && e.to >= 5000;
}

/** One network ACL entry, whatever its shape. */
interface Entry {
  readonly cidrs: readonly Val[];
  readonly protocol: Val;
  readonly from: Val;
  readonly to: Val;
  readonly action: Val;
  /** Known false (or absent, which means ingress) for an ingress entry. */
  readonly egress: Val | 'ingress';
  readonly number: Val;
}

/** Where one shape of entry keeps its fields (a path each); `egress` absent: the entries are ingress ones. */
interface EntryShape {
  readonly cidrs: readonly string[];
  readonly protocol: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly action: string;
  readonly egress?: string;
  readonly number: string;
}

/** `AWS::EC2::NetworkAclEntry`, `aws_network_acl_rule`, and the `ingress` blocks of `aws_network_acl`. */
const CFN_ENTRY: EntryShape = { cidrs: ['CidrBlock', 'Ipv6CidrBlock'], protocol: 'Protocol', from: ['PortRange', 'From'], to: ['PortRange', 'To'], action: 'RuleAction', egress: 'Egress', number: 'RuleNumber' };
const TF_RULE: EntryShape = { cidrs: ['cidr_block', 'ipv6_cidr_block'], protocol: 'protocol', from: ['from_port'], to: ['to_port'], action: 'rule_action', egress: 'egress', number: 'rule_number' };
const TF_INLINE: EntryShape = { ...TF_RULE, action: 'action', egress: undefined, number: 'rule_no' };

function entryOf(b: Val, shape: EntryShape): Entry {
  return {
    cidrs: shape.cidrs.map((k) => b.get(k)),
    protocol: b.get(shape.protocol),
    from: b.path(...shape.from),
    to: b.path(...shape.to),
    action: b.get(shape.action),
    egress: shape.egress === undefined ? 'ingress' : b.get(shape.egress),
    number: b.get(shape.number),
  };
}

const cfnEntry = (b: Val): Entry => entryOf(b, CFN_ENTRY);
const tfRuleEntry = (b: Val): Entry => entryOf(b, TF_RULE);
const tfInlineEntries = (acl: Resource): Entry[] => acl.body.get('ingress').list().map((b) => entryOf(b, TF_INLINE));

/** True when the entry is an ingress entry (Egress known false or absent); undefined when unknown. */
function isIngress(e: Entry): boolean | undefined {
  if (e.egress === 'ingress' || e.egress.isAbsent) return true;
  const b = e.egress.bool();
  return b === undefined ? undefined : !b;
}

/** A stable text for the ACL an entry belongs to: the resources it refers to, else the value as written. */
function aclKey(r: Resource, attr: string): string | undefined {
  const refs = r.references(attr);
  if (refs.length) return `ref:${[...refs].sort().join(',')}`;
  const v = r.body.get(attr);
  const node = v.node;
  return node && !v.isUnknown ? `lit:${canonical(node)}` : undefined;
}

function canonical(node: Node): string {
  if (node.kind === 'scalar') return JSON.stringify(node.value);
  if (node.kind === 'seq') return `[${node.items.map(canonical).join(',')}]`;
  return `{${node.pairs.map((p) => `${JSON.stringify(p.key.value)}:${canonical(p.value)}`).join(',')}}`;
}

/** The entries of `type` the check sees, each with the key of its ACL (see aclKey), found once per lint. */
function keyedEntries(ctx: CheckContext, type: string, attr: string): readonly { readonly r: Resource; readonly key: string | undefined }[] {
  return ctx.shared(`nacl-open-admin-ports.keys\u0000${type}`, () => ofType(ctx, type).map((r) => ({ r, key: aclKey(r, attr) })));
}

/** The other entry resources of the same ACL as `r` (entries of an unknown ACL count as possibly the same). */
function sameAcl(r: Resource, ctx: CheckContext, attr: string): Resource[] {
  const entries = keyedEntries(ctx, r.type, attr);
  const key = entries.find((e) => e.r === r)?.key ?? aclKey(r, attr);
  return entries.filter((e) => e.r !== r && (key === undefined || e.key === undefined || e.key === key)).map((e) => e.r);
}

/** The other entries of the same ACL in the file (entries of an unknown ACL count as possibly the same). */
function siblings(r: Resource, ctx: CheckContext): Entry[] {
  switch (r.type) {
    case 'AWS::EC2::NetworkAclEntry':
      return sameAcl(r, ctx, 'NetworkAclId').flatMap((o) => reachable(o.body).map(cfnEntry));
    case 'aws_network_acl_rule': {
      const rules = sameAcl(r, ctx, 'network_acl_id').map((o) => tfRuleEntry(o.body));
      const acls = new Set(r.references('network_acl_id'));
      const position = positionsOf(ctx);
      const inline = [...acls]
        .flatMap((id) => withId(ctx, id).filter((o) => o.type === 'aws_network_acl' || o.type === 'aws_default_network_acl'))
        .sort((a, b) => position.get(a)! - position.get(b)!)
        .flatMap(tfInlineEntries);
      return [...rules, ...inline];
    }
    default: {
      const rules = ctx.referrers(r, ['aws_network_acl_rule'], 'network_acl_id').map((o) => tfRuleEntry(o.body));
      return [...tfInlineEntries(r), ...rules];
    }
  }
}

type Coverage = 'yes' | 'no' | 'maybe';

/** Whether a deny entry numbered below `number` blocks `port` over `proto` from the world of `family`. */
function denied(deny: Entry, number: number, family: Family, proto: 'tcp' | 'udp', port: number): Coverage {
  let result: Coverage = 'no';
  for (const cidr of deny.cidrs) {
    for (const c of choices([cidr, deny.protocol, deny.from, deny.to, deny.action, deny.number])) {
      const [cv, p, f, t, a, n] = c.parts;
      if (cv.isAbsent) continue;
      const verdict = ((): Coverage => {
        if (cv.isUnknown || a.isUnknown || n.isUnknown || p.isUnknown || f.isUnknown || t.isUnknown) return 'maybe';
        if (!strIs(a, 'deny') || worldFamily(cv.str()) !== family) return 'no';
        const dn = n.num();
        if (dn === undefined) return 'maybe';
        if (dn >= number) return 'no';
        const e = exposureOf(p, f, t);
        if (e === undefined) return 'maybe';
        if (e === null) return 'no';
        return e.kind === 'all' || (e.protocol === proto && e.from <= port && port <= e.to) ? 'yes' : 'no';
      })();
      if (verdict === 'yes') return 'yes';
      if (verdict === 'maybe') result = 'maybe';
    }
  }
  return result;
}

function label(r: Resource): string {
  if (r.type === 'AWS::EC2::NetworkAclEntry') return `Network ACL entry ${r.id}`;
  if (r.type === 'aws_network_acl_rule') return `Network ACL rule ${r.id}`;
  return `Network ACL ${r.id}`;
}

function checkEntry(r: Resource, ctx: CheckContext, entry: Entry, others: () => Entry[]): void {
  if (isIngress(entry) !== true) return;
  for (const cidr of entry.cidrs) {
    for (const c of choices([cidr, entry.protocol, entry.from, entry.to, entry.action, entry.number])) {
      const [cv, p, f, t, a, n] = c.parts;
      const text = cv.str();
      const family = worldFamily(text);
      if (!family || text === undefined || !strIs(a, 'allow')) continue;
      const exposure: Exposure | null | undefined = exposureOf(p, f, t);
      if (!exposure) continue;
      // Network ACLs are stateless: an allow from 1024 upwards is the ephemeral-port range that return traffic needs
      // (AWS's own recommended rules have it). Security groups are stateful and get no such exemption (CL-AWS-005).
      if (isEphemeralRange(exposure)) continue;
      const reached = reportedPorts(exposure, NACL_TABLE);
      if (!reached?.length) continue;
      // Entries are evaluated in rule-number order: a lower-numbered deny of the world may block a port first.
      const number = n.num();
      const open: NamedPort[] = [];
      let unsure = false;
      for (const port of reached) {
        const protos = port.protocols.filter((pr) => exposure.kind === 'all' || exposure.protocol === pr);
        // The port is open when some protocol of it gets through every deny entry.
        const states = protos.map((pr) => {
          // Without a known rule number, any deny of the port might come first.
          const covers = others().map((d) => denied(d, number ?? Infinity, family, pr, port.port));
          if (covers.includes('yes')) return number === undefined ? 'maybe' : 'yes';
          return covers.includes('maybe') ? 'maybe' : 'no';
        });
        if (states.includes('no')) open.push(port);
        else if (states.includes('maybe')) unsure = true;
      }
      if (unsure || open.length === 0) continue;
      // Every port: name the administration ports it opens, or else the FTP ones, as examples.
      const named = isAllPorts(exposure) && open.some(isAdmin) ? open.filter(isAdmin) : open;
      const phrase = reachPhrase(exposure, named);
      ctx.report(under(cv, c.when, r), `${label(r)} allows ${text.trim()} in to ${phrase}.`);
    }
  }
}

function check(r: Resource, ctx: CheckContext): void {
  let cache: Entry[] | undefined;
  const others = () => (cache ??= siblings(r, ctx));
  if (r.type === 'AWS::EC2::NetworkAclEntry') {
    for (const b of reachable(r.body)) checkEntry(r, ctx, cfnEntry(b), others);
  } else if (r.type === 'aws_network_acl_rule') {
    checkEntry(r, ctx, tfRuleEntry(r.body), others);
  } else {
    // The entry itself is among `others`, harmlessly: it is an allow, never a deny.
    for (const entry of tfInlineEntries(r)) checkEntry(r, ctx, entry, others);
  }
}

export default defineRule({
  id: 'CL-AWS-031',
  slug: 'nacl-open-admin-ports',
  title: 'Network ACL allows SSH, RDP, FTP or all ports from the internet',
  severity: 'medium',
  fixable: false,
  description:
    'A network ACL ingress entry that allows 0.0.0.0/0 or ::/0 to SSH (22), RDP (3389), FTP (20, 21) or every port removes the subnet-level barrier in front of remote administration and clear-text file transfer services; only security groups are then left to stop the internet.',
  remediation:
    'Allow administration and FTP ports only from the ranges that need them, or add a lower-numbered deny entry for 20-22 and 3389 from 0.0.0.0/0 and ::/0.',
  responsibility: networkResponsibility('AWS evaluates the network ACL entries you write at every subnet boundary', 'which traffic may enter your subnets is yours to decide'),
  frameworks: [cisAws('5.1'), nist('AC-17', 'SC-7'), pci('1.3.1')],
  equivalents: {
    checkov: ['CKV_AWS_229', 'CKV_AWS_230', 'CKV_AWS_231', 'CKV_AWS_232'],
    kics: ['a20be318-cac7-457b-911d-04cc6e812c25', '3af7f2fd-06e6-4dab-b996-2912bea19ba4'],
    trivy: ['aws-ec2-no-public-ingress-acl'],
  },
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html',
    cfnDoc('aws-resource-ec2-networkaclentry'),
    tfDoc('network_acl_rule'),
    tfDoc('network_acl'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::EC2::NetworkAclEntry'], run: check },
    terraform: { reads: 'scope', types: ['aws_network_acl', 'aws_default_network_acl', 'aws_network_acl_rule'], run: check },
  },
});
