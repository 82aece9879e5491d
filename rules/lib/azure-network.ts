// Azure network security groups (azurerm): the inline `security_rule` blocks of an azurerm_network_security_group and
// separate azurerm_network_security_rule resources, read alike, and which of them open named ports (or every port)
// to the internet. The port tables are those of rules/lib/network.ts (the same services listen on the same ports).
// Also: whether a PaaS resource's network rule set (or ACL) denies by default (Event Hubs, Service Bus, AI services).
import { type CheckContext, findById, type Resource, type Rule, type Val } from '../kit';
import { ADMIN_PORTS, DATABASE_PORTS, type NamedPort, portList, type PortTable } from './network';

export { ADMIN_PORTS, DATABASE_PORTS, type PortTable };

export const NSG = 'azurerm_network_security_group';
export const NSG_RULE = 'azurerm_network_security_rule';

/**
 * SSH and RDP over TCP, and every port: one rule owns "every port" (CL-AZ-008). RDP's UDP transport is only
 * negotiated inside a session that starts over TCP, so UDP 3389 alone does not expose it.
 */
export const AZ_ADMIN_TABLE: PortTable = { ports: ADMIN_PORTS.map((p) => ({ ...p, protocols: ['tcp'] as const })), everyPort: true };
/** Database, cache and search ports, not every port (CL-AZ-009). */
export const AZ_DATABASE_TABLE: PortTable = { ports: DATABASE_PORTS, everyPort: false };

/** Source prefixes that mean anywhere on the internet: `*`, the `Internet` service tag, `Any`, `0.0.0.0`, any `/0` (no case). */
const WORLD = new Set(['*', 'internet', 'any', '0.0.0.0/0', '0.0.0.0', '::/0']);

/** True for a known source prefix that means anywhere on the internet. */
export function isWorldSource(v: Val): boolean {
  const s = v.str()?.trim().toLowerCase();
  return s !== undefined && (WORLD.has(s) || s.endsWith('/0'));
}

/** The protocols a rule's `protocol` lets through among TCP and UDP (`*`: both); undefined when unknown. */
function protocolsOf(v: Val): ('tcp' | 'udp')[] | undefined {
  const s = v.str()?.trim().toLowerCase();
  if (s === undefined) return undefined;
  if (s === '*' || s === 'any') return ['tcp', 'udp'];
  if (s === 'tcp') return ['tcp'];
  if (s === 'udp') return ['udp'];
  return [];
}

/** One destination port range (`22`, `1000-2000`, `*`); undefined when not a range. */
function rangeOf(s: string): { from: number; to: number } | undefined {
  if (s === '*') return { from: 0, to: 65535 };
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(s);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from <= to && to <= 65535 ? { from, to } : undefined;
}

/** The ranges of a destination port value, also comma-separated (`22, 3389-3390`); empty when unknown. */
function rangesOf(v: Val): { from: number; to: number }[] {
  const s = v.str();
  if (s === undefined) return [];
  return s.split(',').map((part) => rangeOf(part.trim())).filter((r): r is { from: number; to: number } => r !== undefined);
}

/** One world-open port range of an inbound Allow rule, and what it reaches of a table. */
export interface OpenRange {
  /** The destination port value (reported there). */
  readonly at: Val;
  /** The world-open source as written (`*`, `Internet`, `0.0.0.0/0`). */
  readonly source: string;
  /** Every port of TCP and UDP (a `*` range with protocol `*`). */
  readonly every: boolean;
  readonly reached: readonly NamedPort[];
  /** `TCP port 22 (SSH)`, `every port and protocol`, `TCP ports 20-25`. */
  readonly phrase: string;
}

/**
 * The destination port ranges of one security rule (an inline `security_rule` block or a separate rule's body) that
 * let the internet reach ports of `table`. Nothing when the rule is outbound, denies, has no world-open source or a
 * needed value is unknown.
 */
export function openRanges(rule: Val, table: PortTable): OpenRange[] {
  const direction = rule.get('direction').str()?.toLowerCase();
  const access = rule.get('access').str()?.toLowerCase();
  if (direction !== 'inbound' || access !== 'allow') return [];
  const sources = [rule.get('source_address_prefix'), ...rule.get('source_address_prefixes').items()].filter(isWorldSource);
  if (!sources.length) return [];
  const protocols = protocolsOf(rule.get('protocol'));
  if (!protocols?.length) return [];
  const source = sources[0].str()!;
  const out: OpenRange[] = [];
  for (const at of [rule.get('destination_port_range'), ...rule.get('destination_port_ranges').items()]) {
    const ranges = rangesOf(at);
    if (ranges.length !== 1) {
      // A comma-separated list: reported once, at the value, for the named ports it reaches.
      const reached = table.ports.filter((p) => p.protocols.some((x) => protocols.includes(x)) && ranges.some((r) => r.from <= p.port && p.port <= r.to && !(r.from <= 1 && r.to === 65535 && !table.everyPort)));
      if (reached.length) out.push({ at, source: sources[0].str()!, every: false, reached, phrase: `${protocols.map((p) => p.toUpperCase()).join(' and ')} ports ${at.str()!.trim()}, including ${portList(reached)}` });
      continue;
    }
    const range = ranges[0];
    const allPorts = range.from <= 1 && range.to === 65535;
    const every = allPorts && protocols.length === 2;
    if (allPorts && !table.everyPort) continue;
    const reached = table.ports.filter((p) => p.protocols.some((x) => protocols.includes(x)) && range.from <= p.port && p.port <= range.to);
    if (!reached.length && !allPorts) continue;
    const proto = protocols.map((p) => p.toUpperCase()).join(' and ');
    const including = reached.length ? `, including ${portList(reached)}` : '';
    const phrase = every
      ? `every port and protocol${including}`
      : allPorts
        ? `all ${proto} ports${including}`
        : range.from === range.to
          ? `${proto} port ${portList(reached)}`
          : `${proto} ports ${range.from}-${range.to}${including}`;
    out.push({ at, source, every, reached, phrase });
  }
  return out;
}

/** `security rule "ssh" of network security group azurerm_network_security_group.web` and the like. */
function ruleName(rule: Val): string {
  const name = rule.get('name').str();
  return name ? `rule "${name}"` : 'a rule';
}

/**
 * The checks of a "network security group opens these ports to the internet" rule, over inline `security_rule`
 * blocks and separate azurerm_network_security_rule resources (named with the group they refer to, when it is in
 * the file: cross-resource, so the check reads the scope).
 */
export function nsgOpenPortChecks(table: PortTable, consequence: string): Rule['checks'] {
  return {
    terraform: {
      reads: 'scope',
      types: [NSG, NSG_RULE],
      run(r: Resource, ctx: CheckContext) {
        if (r.type === NSG) {
          for (const rule of r.body.get('security_rule').list()) {
            for (const open of openRanges(rule, table)) {
              ctx.report(open.at, `Network security group ${r.id} ${ruleName(rule)} allows ${open.phrase} from the internet (${open.source}), ${consequence}.`);
            }
          }
          return;
        }
        const group = findById(ctx, [NSG], r.references('network_security_group_name'));
        const of = group ? ` (of network security group ${group.id})` : '';
        for (const open of openRanges(r.body, table)) {
          ctx.report(open.at, `Network security rule ${r.id}${of} allows ${open.phrase} from the internet (${open.source}), ${consequence}.`);
        }
      },
    },
  };
}

export const NSG_PROVIDER = 'Microsoft enforces the security rules you write at every subnet and network interface the group is attached to';

/** Where a PaaS resource keeps its network rule set, and what an absent `default_action` means there. */
export interface DefaultActionSpec {
  /** The nested block that holds `default_action` (`network_rulesets`, `network_rule_set`, `network_acls`). */
  readonly block: string;
  /**
   * True when the provider defaults an absent `default_action` to Allow (the Service Bus rule set); false when the
   * attribute is required, so an absent one is not known to allow.
   */
  readonly absentAllows: boolean;
  /** Resource types that hold the rule set on their own and refer to the resource (they need the scope). */
  readonly separate?: readonly string[];
}

/** True when a `default_action` value is known to allow (`Allow`, no case), or absent where absent allows. */
function allows(v: Val, absentAllows: boolean): boolean {
  if (v.isAbsent) return absentAllows;
  return v.str()?.toLowerCase() === 'allow';
}

/**
 * True when nothing makes the resource deny by default: no rule set block (or every block's `default_action` is
 * known to be Allow), and no separate rule set resource that refers to it denies by default or says it in a way not
 * known here. An unknown `default_action` counts as a deny (never report on an unknown value).
 */
export function noDenyByDefault(r: Resource, spec: DefaultActionSpec, ctx?: CheckContext): boolean {
  if (spec.separate?.length && ctx) {
    for (const set of ctx.referrers(r, [...spec.separate])) {
      if (!allows(set.body.get('default_action'), spec.absentAllows)) return false;
    }
  }
  const v = r.body.get(spec.block);
  if (v.isAbsent) return true;
  const blocks = v.list();
  return blocks.length > 0 && blocks.every((b) => allows(b.get('default_action'), spec.absentAllows));
}
