// Values as rules see them: known, unknown (decided only at deploy) or absent, with intrinsic branches kept apart.
import type { MapNode, Node, Scalar, ScalarNode } from '../model/tree';

/**
 * True when `pair` is a CloudFormation `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: …}]` loop that may
 * make the key `key`: with a literal collection of strings and no nested loop, exactly the keys it makes; otherwise
 * any key.
 */
export function loopMayMake(pair: { key: ScalarNode; value: Node }, key: string): boolean {
  if (typeof pair.key.value !== 'string' || !pair.key.value.startsWith('Fn::ForEach::')) return false;
  const args = pair.value;
  if (args.kind !== 'seq' || args.items.length !== 3) return true;
  const [idNode, collection, outputs] = args.items;
  const id = idNode.kind === 'scalar' && typeof idNode.value === 'string' ? idNode.value : undefined;
  if (!id || collection.kind !== 'seq' || outputs.kind !== 'map') return true;
  for (const out of outputs.pairs) {
    const template = String(out.key.value);
    if (template.startsWith('Fn::ForEach::')) return true;
    for (const item of collection.items) {
      if (item.kind !== 'scalar' || item.value === null || typeof item.value === 'object') return true;
      const v = String(item.value);
      const made = template.split(`\${${id}}`).join(v).split(`&{${id}}`).join(v.replace(/[^A-Za-z0-9]/g, ''));
      if (made === key) return true;
    }
  }
  return false;
}

/** One concrete possibility for a value. */
export type Alt =
  | {
      readonly state: 'known';
      readonly node: Node;
      readonly at: Node;
      readonly when: readonly string[];
      readonly shadow?: Node;
      /**
       * Where a value written elsewhere than its use comes from, for messages: "the default of parameter Env",
       * "mapping Sizes (Prod, Encrypted)". The engine adds it to a finding reported at the value.
       */
      readonly from?: string;
    }
  | { readonly state: 'unknown'; readonly at: Node; readonly when: readonly string[]; readonly why: string }
  | { readonly state: 'absent'; readonly at: Node; readonly when: readonly string[] };

/**
 * Resolves a node to its possibilities: a CloudFormation `!Ref` to a parameter default, the branches of
 * `Fn::If`, a Terraform interpolation (unknown). `at` is where a finding about the value should point.
 */
export interface Resolver {
  resolve(node: Node, at: Node, when: readonly string[], shadow?: Node): Alt[];
  /**
   * Why a key a mapping does not write may still be set at deploy time (a Terraform JSON `"dynamic": {"<key>": …}`
   * block), or undefined when it is simply absent. Formats without such a construct leave it out.
   */
  readonly made?: (map: MapNode, key: string) => string | undefined;
}

/** Resolves nothing: every node is its own known value (Kubernetes, where nothing is deferred). */
export const literalResolver: Resolver = {
  resolve(node, at, when, shadow) {
    if (node.kind === 'scalar' && node.value === null) return [{ state: 'absent', at, when }];
    return [{ state: 'known', node, at, when, shadow }];
  },
};

const TRUE_STRINGS = new Set(['true']);
const FALSE_STRINGS = new Set(['false']);

/**
 * A value at some path of a resource: one or more alternatives (more than one only under `Fn::If`).
 * Navigation (`get`, `items`, `entries`) resolves intrinsics on the way; predicates (`isTrue`, `str`, …)
 * answer for a value with a single alternative and say nothing (undefined / false) otherwise.
 */
export class Val {
  constructor(
    readonly alts: readonly Alt[],
    readonly resolver: Resolver,
  ) {}

  /** A value for `node` itself, resolved. */
  static of(node: Node, resolver: Resolver, at: Node = node, when: readonly string[] = [], shadow?: Node): Val {
    return new Val(resolver.resolve(node, at, when, shadow), resolver);
  }

  /** A value that is absent, reported at `at`. */
  static absent(at: Node, resolver: Resolver): Val {
    return new Val([{ state: 'absent', at, when: [] }], resolver);
  }

  /** The value under `key`: absent where the mapping lacks it, unknown where the parent is unknown. */
  get(key: string): Val {
    // One alternative (all but `Fn::If` values): no array to gather into, and an unknown or absent value is its own
    // child (a Val never changes, so it is returned as is). The hottest function of a Kubernetes lint.
    if (this.alts.length === 1) {
      const alt = this.alts[0];
      if (alt.state !== 'known') return this;
      if (alt.node.kind !== 'map') return new Val([{ state: 'absent', at: alt.at, when: alt.when }], this.resolver);
      const pairs = alt.node.pairs;
      let pair: (typeof pairs)[number] | undefined;
      // Whether a key passed over is an `Fn::ForEach::` loop (which may make `key`): when `key` is not written, every
      // key has been passed over, so the mapping is not walked a second time to find out.
      let loop = false;
      for (let i = pairs.length - 1; i >= 0; i--) {
        const k = pairs[i].key.value;
        if (k === key) {
          pair = pairs[i];
          break;
        }
        if (typeof k === 'string' && k.charCodeAt(0) === 70 /* F */ && k.startsWith('Fn::ForEach::')) loop = true;
      }
      const shadowChild = alt.shadow ? shadowGet(alt.shadow, key) : undefined;
      if (shadowChild === true) return new Val([{ state: 'unknown', at: pair?.value ?? alt.at, when: alt.when, why: 'known only after apply' }], this.resolver);
      if (pair) return new Val(this.resolver.resolve(pair.value, pair.value, alt.when, shadowChild), this.resolver);
      if (!loop && !this.resolver.made) return new Val([{ state: 'absent', at: alt.node, when: alt.when }], this.resolver);
    }
    return this.getEach(key);
  }

  private getEach(key: string): Val {
    const out: Alt[] = [];
    for (const alt of this.alts) {
      if (alt.state === 'unknown') {
        out.push(alt);
      } else if (alt.state === 'absent') {
        out.push(alt);
      } else if (alt.node.kind === 'map') {
        const pair = lastPair(alt.node, key);
        const shadowChild = shadowGet(alt.shadow, key);
        if (shadowChild === true) {
          out.push({ state: 'unknown', at: pair?.value ?? alt.at, when: alt.when, why: 'known only after apply' });
        } else if (pair) {
          out.push(...this.resolver.resolve(pair.value, pair.value, alt.when, shadowNode(shadowChild)));
        } else if (alt.node.pairs.some((p) => loopMayMake(p, key))) {
          // A CloudFormation loop in the mapping makes keys only at deploy time: this one may be among them.
          out.push({ state: 'unknown', at: alt.node, when: alt.when, why: 'an Fn::ForEach loop may set it' });
        } else if (this.resolver.made) {
          const why = this.resolver.made(alt.node, key);
          out.push(why ? { state: 'unknown', at: alt.node, when: alt.when, why } : { state: 'absent', at: alt.node, when: alt.when });
        } else {
          out.push({ state: 'absent', at: alt.node, when: alt.when });
        }
      } else {
        out.push({ state: 'absent', at: alt.at, when: alt.when });
      }
    }
    return new Val(out, this.resolver);
  }

  /** Follows a path of keys. */
  path(...keys: string[]): Val {
    let v: Val = this;
    for (let i = 0; i < keys.length; i++) v = v.get(keys[i]);
    return v;
  }

  /** The items of a sequence, each resolved; `AWS::NoValue` items and unknown lists yield nothing. */
  items(): Val[] {
    const out: Val[] = [];
    for (const alt of this.alts) {
      if (alt.state !== 'known' || alt.node.kind !== 'seq') continue;
      const items = alt.node.items;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        const shadowChild = alt.shadow ? shadowItem(alt.shadow, i) : undefined;
        let alts: Alt[] =
          shadowChild === true
            ? [{ state: 'unknown', at: item, when: alt.when, why: 'known only after apply' }]
            : this.resolver.resolve(item, item, alt.when, shadowChild);
        // The items of a list written elsewhere (a mapping's list) come from there too.
        if (alt.from) alts = alts.map((a) => (a.state === 'known' && !a.from ? { ...a, from: alt.from } : a));
        // Most items resolve to one present alternative: kept as resolved, without a filtered copy.
        const present = alts.length === 1 && alts[0].state !== 'absent' ? alts : alts.filter((a) => a.state !== 'absent');
        if (present.length > 0) out.push(new Val(present, this.resolver));
      }
    }
    return out;
  }

  /** A sequence's items, or the value itself when it is a single mapping or scalar (Terraform blocks, IAM statements). */
  list(): Val[] {
    const out: Val[] = [];
    for (const alt of this.alts) {
      if (alt.state !== 'known') continue;
      const single = new Val([alt], this.resolver);
      if (alt.node.kind === 'seq') out.push(...single.items());
      else out.push(single);
    }
    return out;
  }

  /** The key/value entries of a mapping. */
  entries(): [key: ScalarNode, value: Val][] {
    const out: [ScalarNode, Val][] = [];
    for (const alt of this.alts) {
      if (alt.state !== 'known' || alt.node.kind !== 'map') continue;
      for (const pair of alt.node.pairs) {
        const shadowChild = shadowGet(alt.shadow, String(pair.key.value));
        const alts: Alt[] =
          shadowChild === true
            ? [{ state: 'unknown', at: pair.value, when: alt.when, why: 'known only after apply' }]
            : this.resolver.resolve(pair.value, pair.value, alt.when, shadowNode(shadowChild));
        out.push([pair.key, new Val(alts, this.resolver)]);
      }
    }
    return out;
  }

  /** Each alternative as a value of its own. */
  each(): Val[] {
    return this.alts.length === 1 ? [this] : this.alts.map((a) => new Val([a], this.resolver));
  }

  /** The first alternative that satisfies `pred`, as a value of its own. */
  find(pred: (v: Val) => boolean): Val | undefined {
    return this.each().find(pred);
  }

  /** True when some alternative satisfies `pred`. */
  some(pred: (v: Val) => boolean): boolean {
    return this.each().some(pred);
  }

  private get single(): Alt | undefined {
    return this.alts.length === 1 ? this.alts[0] : undefined;
  }

  /** The node to point a finding at: the value as written (for a `!Ref` to a parameter, the use). */
  get at(): Node {
    return this.alts[0].at;
  }

  /** The known node, when there is exactly one known alternative. */
  get node(): Node | undefined {
    const s = this.single;
    return s?.state === 'known' ? s.node : undefined;
  }

  /** The conditions under which this alternative holds (`IsProd`, `!IsProd`). */
  get when(): readonly string[] {
    return this.single?.when ?? [];
  }

  // The state tests are asked of nearly every value a check reads: plain loops, no callback per call.
  get isAbsent(): boolean {
    const alts = this.alts;
    for (let i = 0; i < alts.length; i++) if (alts[i].state !== 'absent') return false;
    return true;
  }

  get isUnknown(): boolean {
    const alts = this.alts;
    for (let i = 0; i < alts.length; i++) if (alts[i].state === 'unknown') return true;
    return false;
  }

  get isKnown(): boolean {
    const alts = this.alts;
    for (let i = 0; i < alts.length; i++) if (alts[i].state !== 'known') return false;
    return alts.length > 0;
  }

  get isMap(): boolean {
    return this.node?.kind === 'map';
  }

  get isSeq(): boolean {
    return this.node?.kind === 'seq';
  }

  /** The known scalar, when single and known. */
  get scalar(): Scalar | undefined {
    const n = this.node;
    return n?.kind === 'scalar' ? n.value : undefined;
  }

  /** A known string (numbers and booleans as written), else undefined. */
  str(): string | undefined {
    const v = this.scalar;
    return v === undefined || v === null ? undefined : String(v);
  }

  /** A known number (numeric strings too, as CloudFormation accepts them), else undefined. */
  num(): number | undefined {
    const v = this.scalar;
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    return undefined;
  }

  /** A known boolean; the strings `true` / `false` count, as CloudFormation and Terraform accept them. */
  bool(): boolean | undefined {
    const v = this.scalar;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      const lower = v.toLowerCase();
      if (TRUE_STRINGS.has(lower)) return true;
      if (FALSE_STRINGS.has(lower)) return false;
    }
    return undefined;
  }

  isTrue(): boolean {
    return this.bool() === true;
  }

  isFalse(): boolean {
    return this.bool() === false;
  }

  /** Known strings of a scalar or a list of scalars (unknown items are left out). */
  strings(): string[] {
    const s = this.str();
    if (s !== undefined) return [s];
    return this.items().map((i) => i.str()).filter((x): x is string => x !== undefined);
  }
}

function lastPair(map: MapNode, key: string) {
  for (let i = map.pairs.length - 1; i >= 0; i--) if (map.pairs[i].key.value === key) return map.pairs[i];
  return undefined;
}

/** Plan `after_unknown` shadows: `true` marks an unknown value, a mapping or list mirrors the value. */
function shadowGet(shadow: Node | undefined, key: string): Node | true | undefined {
  if (!shadow || shadow.kind !== 'map') return undefined;
  const v = lastPair(shadow, key)?.value;
  return v && v.kind === 'scalar' && v.value === true ? true : v;
}

function shadowItem(shadow: Node | undefined, i: number): Node | true | undefined {
  if (!shadow || shadow.kind !== 'seq') return undefined;
  const v = shadow.items[i];
  return v && v.kind === 'scalar' && v.value === true ? true : v;
}

function shadowNode(s: Node | true | undefined): Node | undefined {
  return s === true ? undefined : s;
}
