// VPC firewall rules (`google_compute_firewall`): whether an ingress rule is open to the whole internet, and the
// protocol and port ranges each `allow` block opens. An ingress rule with no source at all (no source_ranges,
// source_tags or source_service_accounts) applies to 0.0.0.0/0, as the API defaults it; with tags or service accounts
// besides ranges, a connection matching either is allowed, so a world range still opens the rule to the internet.
import type { Check, CheckContext, Resource } from '../kit';
import type { Val } from '../kit';

export const FIREWALL = 'google_compute_firewall';
const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** How an ingress rule reaches the internet: the world range it lists (or the API default), else undefined. */
export function worldSource(r: Resource): string | undefined {
  const b = r.body;
  const direction = b.get('direction');
  if (!direction.isAbsent && direction.str()?.toUpperCase() !== 'INGRESS') return undefined;
  const disabled = b.get('disabled');
  if (!disabled.isAbsent && !disabled.isFalse()) return undefined;
  const ranges = b.get('source_ranges');
  if (ranges.isAbsent) {
    const others = ['source_tags', 'source_service_accounts'].map((k) => b.get(k));
    return others.every((o) => o.isAbsent || (o.isSeq && o.items().length === 0)) ? '0.0.0.0/0 (no source given)' : undefined;
  }
  return ranges.strings().find((s) => WORLD.has(s.trim()));
}

/** One port range an allow block opens: the value to report, its protocol and range. */
export interface Opening {
  readonly at: Val;
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  /** The text shown: `port 22`, `ports 21-3390`, `every port`. */
  readonly shown: string;
}

const PORTED = new Set(['tcp', 'udp', 'sctp', '6', '17', '132']);
const NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '132': 'sctp' };

/** Every port range of every `allow` block (protocols without ports: the whole range, reported at the protocol). */
export function openings(r: Resource): Opening[] {
  const out: Opening[] = [];
  for (const allow of r.body.get('allow').list()) {
    const p = allow.get('protocol');
    const raw = p.str()?.toLowerCase();
    if (raw === undefined) continue;
    const protocol = NAMES[raw] ?? raw;
    const ports = allow.get('ports');
    if (raw === 'all' || (PORTED.has(raw) && (ports.isAbsent || (ports.isSeq && ports.items().length === 0)))) {
      out.push({ at: p, protocol, from: 0, to: 65535, shown: raw === 'all' ? 'every protocol and port' : `every ${protocol} port` });
      continue;
    }
    for (const item of ports.items()) {
      const s = item.str()?.trim();
      const m = s ? /^(\d+)(?:-(\d+))?$/.exec(s) : null;
      if (!m) continue;
      const from = Number(m[1]);
      const to = m[2] ? Number(m[2]) : from;
      out.push({ at: item, protocol, from, to, shown: from === to ? `${protocol} port ${from}` : `${protocol} ports ${from}-${to}` });
    }
  }
  return out;
}

/** True for `all` and for a range that spans (nearly) every port. */
export function isEveryPort(o: Opening): boolean {
  return o.from <= 1 && o.to >= 65535;
}

export interface WorldPortSpec {
  /** Whether an opening is this rule's concern. */
  readonly matches: (o: Opening) => boolean;
  /** What it exposes, for messages: `SSH (22)`. */
  readonly service: string;
  readonly consequence: string;
}

/** A check reporting each opening `matches` accepts, of an ingress rule open to the internet. */
export function worldPortCheck(spec: WorldPortSpec): Check {
  return {
    reads: 'resource',
    types: [FIREWALL],
    run(r: Resource, ctx: CheckContext) {
      const source = worldSource(r);
      if (!source) return;
      for (const o of openings(r)) {
        if (!spec.matches(o)) continue;
        ctx.report(o.at, `Firewall rule ${r.id} allows ${o.shown} from ${source}, which includes ${spec.service}, ${spec.consequence}.`);
      }
    },
  };
}
