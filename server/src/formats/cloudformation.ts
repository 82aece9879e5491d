// CloudFormation: templates → resources, with parameter defaults, Fn::If branches and Fn::Sub strings resolved.
import type { ParsedDoc, ParsedFile } from '../model/parse';
import { get, getPair, str, type MapNode, type Node, type Pair, type ScalarNode } from '../model/tree';
import { formatStats, TEMPLATE_TYPE, type FormatNotice, type Resource } from './resource';
import { Val, type Alt, type Resolver } from './value';

/** Pseudo parameters: known to CloudFormation only at deploy time. */
const PSEUDO = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix',
]);

/**
 * Resolves intrinsics against one template's parameters. Inside an `Fn::ForEach` loop, `loop` holds the loop
 * identifiers: `Ref` to one, and any string that uses one (`${Name}`, `&{Name}`), are set per item of the collection.
 */
export class CfnResolver implements Resolver {
  constructor(
    private readonly params: MapNode | undefined,
    private readonly loop: readonly string[] = [],
    private readonly template: CfnTemplate = {},
  ) {}

  /** The same resolver for a resource whose `Condition` is `condition`: branches that contradict it are dropped. */
  forCondition(condition: string | undefined): CfnResolver {
    return condition ? new CfnResolver(this.params, this.loop, { ...this.template, resourceCondition: condition }) : this;
  }

  resolve(node: Node, at: Node, when: readonly string[], _shadow?: Node, depth = 0): Alt[] {
    if (node.kind === 'scalar') {
      if (node.value === null) return [{ state: 'absent', at, when }];
      const id = typeof node.value === 'string' ? this.loopIdIn(node.value) : undefined;
      if (id) return [{ state: 'unknown', at, when, why: `${id} is set per item of an Fn::ForEach collection` }];
      return [{ state: 'known', node, at, when }];
    }
    if (node.kind !== 'map' || node.pairs.length !== 1 || depth > 16) return [{ state: 'known', node, at, when }];
    const key = String(node.pairs[0].key.value);
    const arg = node.pairs[0].value;
    if (key === 'Ref') {
      const target = str(arg);
      if (target === 'AWS::NoValue') return [{ state: 'absent', at, when }];
      if (target && this.loop.includes(target)) {
        return [{ state: 'unknown', at, when, why: `${target} is set per item of an Fn::ForEach collection` }];
      }
      if (target && !PSEUDO.has(target)) {
        const def = get(get(this.params, target), 'Default');
        // A parameter default is what deploys unless someone overrides it: it is known, reported at the use.
        if (def) return withFrom(this.resolve(def, at, when, undefined, depth + 1), `the default of parameter ${target}`);
        if (get(this.params, target)) return [{ state: 'unknown', at, when, why: `parameter ${target} has no default` }];
      }
      return [{ state: 'unknown', at, when, why: target ? `${target} is known only at deploy time` : 'Ref' }];
    }
    if (key === 'Fn::If' && arg.kind === 'seq' && arg.items.length === 3) {
      const cond = str(arg.items[0]);
      // CloudFormation takes only a condition's name here (an inline Fn::Equals is rejected): not a value to judge.
      if (cond === undefined) return [{ state: 'unknown', at, when, why: 'Fn::If names no condition (CloudFormation rejects it)' }];
      // A branch whose condition contradicts an enclosing one (or the resource's Condition) can never be taken; a
      // repeated one (or the resource's own) adds nothing. Conditions defined as `Fn::Not` of another count as its
      // negation.
      const { resourceCondition } = this.template;
      const implied = [...when, ...(resourceCondition ? [resourceCondition] : [])].map((w) => this.literal(w));
      const branch = (c: string, node: Node): Alt[] => {
        const lit = this.literal(c);
        if (implied.includes(negate(lit))) return [];
        return this.resolve(node, node, implied.includes(lit) ? when : [...when, c], undefined, depth + 1);
      };
      return [...branch(cond, arg.items[1]), ...branch(`!${cond}`, arg.items[2])];
    }
    if (key === 'Fn::FindInMap' && arg.kind === 'seq' && (arg.items.length === 3 || arg.items.length === 4)) {
      return this.findInMap(arg.items, at, when, depth);
    }
    if (key === 'Fn::Sub') {
      const template = arg.kind === 'seq' ? arg.items[0] : arg;
      const s = str(template);
      // A Sub string without substitutions is a plain string; `${!Literal}` is an escaped literal.
      if (s !== undefined && !s.replace(/\$\{!/g, '').includes('${')) return [{ state: 'known', node: template!, at, when }];
      return [{ state: 'unknown', at, when, why: 'Fn::Sub substitutes values at deploy time' }];
    }
    if (key.startsWith('Fn::') || key === 'Condition') {
      return [{ state: 'unknown', at, when, why: `${key} is evaluated at deploy time` }];
    }
    return [{ state: 'known', node, at, when }];
  }

  /**
   * `Fn::FindInMap [Map, TopKey, SecondKey, {DefaultValue}]`: with keys known before deploy (literal, or a parameter's
   * default), the mapped value, reported at the use; a key known only at deploy time (`AWS::Region`, a parameter
   * without default, a branch of `Fn::If`) or a missing entry without DefaultValue leaves it unknown.
   */
  private findInMap(items: readonly Node[], at: Node, when: readonly string[], depth: number): Alt[] {
    const unknown = (why: string): Alt[] => [{ state: 'unknown', at, when, why }];
    const mapName = str(items[0]);
    const map = mapName !== undefined ? get(this.template.mappings, mapName) : undefined;
    if (!mapName || !map || map.kind !== 'map') return unknown('Fn::FindInMap is evaluated at deploy time');
    const keys: string[] = [];
    const notes: string[] = [];
    for (const k of [items[1], items[2]]) {
      const alts = this.resolve(k, k, when, undefined, depth + 1);
      const only = alts.length === 1 ? alts[0] : undefined;
      const value = only?.state === 'known' && only.node.kind === 'scalar' && only.node.value !== null && typeof only.node.value !== 'object' ? String(only.node.value) : undefined;
      if (value === undefined) return unknown(`a key of mapping ${mapName} is known only at deploy time`);
      keys.push(value);
      if (only?.state === 'known' && only.from) notes.push(`${value} is ${only.from}`);
    }
    const value = get(get(map, keys[0]), keys[1]);
    const fallback = items.length === 4 ? get(items[3], 'DefaultValue') : undefined;
    const found = value ?? fallback;
    if (!found) return unknown(`mapping ${mapName} has no entry ${keys.join('/')}`);
    const source = value ? `mapping ${mapName}, entry ${keys.join('/')}` : `the DefaultValue of an Fn::FindInMap in mapping ${mapName}`;
    const from = notes.length ? `${source}, where ${notes.join(' and ')}` : source;
    return withFrom(this.resolve(found, at, when, undefined, depth + 1), from);
  }

  /** A condition (`Name` or `!Name`) as a literal of the condition it finally names, through `Fn::Not`. */
  private literal(c: string): string {
    let lit = c;
    for (let i = 0; i < 8; i++) {
      const neg = lit.startsWith('!');
      const def = get(this.template.conditions, neg ? lit.slice(1) : lit);
      const not = def?.kind === 'map' && def.pairs.length === 1 && def.pairs[0].key.value === 'Fn::Not' ? def.pairs[0].value : undefined;
      const inner = not?.kind === 'seq' && not.items.length === 1 ? str(get(not.items[0], 'Condition')) : undefined;
      if (!inner) break;
      lit = neg ? inner : `!${inner}`;
    }
    return lit;
  }

  /** The loop identifier a string uses (`${Name}` or `&{Name}`), if any. */
  private loopIdIn(s: string): string | undefined {
    if (this.loop.length === 0 || !s.includes('{')) return undefined;
    return this.loop.find((id) => s.includes(`\${${id}}`) || s.includes(`&{${id}}`));
  }
}

/** The template sections a resolver reads besides Parameters, and the resource's own `Condition`. */
export interface CfnTemplate {
  readonly mappings?: Node;
  readonly conditions?: Node;
  readonly resourceCondition?: string;
}

function negate(c: string): string {
  return c.startsWith('!') ? c.slice(1) : `!${c}`;
}

/** Alternatives that came from elsewhere (`from`): a parameter's default, a mapping. The innermost source is kept. */
function withFrom(alts: Alt[], from: string): Alt[] {
  return alts.map((a) => (a.state === 'known' && !a.from ? { ...a, from } : a));
}

/** Logical IDs referred to in `node` by `Ref`, `Fn::GetAtt` or `${Name}` in `Fn::Sub`. */
export function cfnReferences(node: Node | undefined, out: Set<string> = new Set(), budget = { n: 10_000 }): Set<string> {
  if (!node || budget.n-- <= 0) return out;
  if (node.kind === 'map') {
    if (node.pairs.length === 1) {
      const key = node.pairs[0].key.value;
      const arg = node.pairs[0].value;
      // Pseudo parameters (AWS::Region, AWS::NoValue) are not logical IDs.
      if (key === 'Ref' && str(arg) && !str(arg)!.startsWith('AWS::')) out.add(str(arg)!);
      if (key === 'Fn::GetAtt') {
        const first = arg.kind === 'seq' ? str(arg.items[0]) : str(arg)?.split('.')[0];
        if (first) out.add(first);
      }
      if (key === 'Fn::Sub') {
        const template = str(arg.kind === 'seq' ? arg.items[0] : arg);
        for (const m of template?.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g) ?? []) out.add(m[1]);
      }
    }
    for (const p of node.pairs) cfnReferences(p.value, out, budget);
  } else if (node.kind === 'seq') {
    for (const item of node.items) cfnReferences(item, out, budget);
  }
  return out;
}

/** The resources of a CloudFormation template document. */
export function cloudFormationResources(file: ParsedFile, doc: ParsedDoc, notices?: FormatNotice[]): Resource[] {
  const root = doc.doc.root;
  const resources = get(root, 'Resources');
  if (!root || resources?.kind !== 'map') return [];
  const params = get(root, 'Parameters');
  const template: CfnTemplate = { mappings: get(root, 'Mappings'), conditions: get(root, 'Conditions') };
  const resolver = new CfnResolver(params?.kind === 'map' ? params : undefined, [], template);
  const out: Resource[] = [];
  // The template itself, for checks of its Parameters, Outputs and other sections; anchored at its first key.
  const firstKey = root.kind === 'map' ? root.pairs[0]?.key : undefined;
  if (root.kind === 'map' && firstKey) {
    out.push({
      format: 'cloudformation',
      type: TEMPLATE_TYPE,
      id: '(template)',
      node: root,
      anchor: firstKey,
      typeNode: firstKey,
      body: Val.of(root, resolver),
      file,
      doc,
      resolver,
      template: true,
      references: () => [...cfnReferences(root)],
    });
  }
  const resource = (key: ScalarNode, body: MapNode, typePair: Pair, type: string, loopRes: CfnResolver): Resource => {
    const propsPair = getPair(body, 'Properties');
    const metadata = get(body, 'Metadata');
    const res = loopRes.forCondition(str(get(body, 'Condition')));
    return {
      format: 'cloudformation',
      type,
      id: String(key.value),
      node: body,
      anchor: key,
      typeNode: typePair.value,
      body: propsPair ? Val.of(propsPair.value, res, propsPair.value) : Val.absent(key, res),
      file,
      doc,
      resolver: res,
      condition: str(get(body, 'Condition')),
      metadata: metadata?.kind === 'map' ? metadata : undefined,
      references(attr?: string) {
        formatStats.references++;
        const from = attr ? get(propsPair?.value, attr) : propsPair?.value;
        return [...cfnReferences(from)];
      },
    };
  };
  const paramsMap = params?.kind === 'map' ? params : undefined;
  const notRead = (at: Node, why: string) =>
    notices?.push({
      span: at.span,
      message: `Cloudline could not read this Fn::ForEach loop (${why}), so the resources it makes are not linted. Check them in the template CloudFormation processes (aws cloudformation get-template --template-stage Processed).`,
    });
  /**
   * An `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]` entry: each output is read once, as a
   * resource whose logical ID is the key template (`Bucket${Name}`) and whose values that use the identifier are
   * unknown, so findings land on the template's own nodes, once, whatever the collection holds.
   */
  const readLoop = (pair: Pair, ids: readonly string[], depth: number): void => {
    const args = pair.value;
    if (depth >= MAX_LOOP_DEPTH) return void notRead(pair.key, `loops nested deeper than ${MAX_LOOP_DEPTH}`);
    if (args.kind !== 'seq' || args.items.length !== 3) return void notRead(pair.key, 'expected [Identifier, Collection, {OutputKey: OutputValue}]');
    const [idNode, collection, outputs] = args.items;
    const id = str(idNode);
    if (!id || outputs.kind !== 'map') return void notRead(pair.key, 'expected [Identifier, Collection, {OutputKey: OutputValue}]');
    // A literal empty collection makes nothing.
    if (collection.kind === 'seq' && collection.items.length === 0) return;
    const inner = [...ids, id];
    const res = new CfnResolver(paramsMap, inner, template);
    for (const entry of outputs.pairs) {
      const key = String(entry.key.value);
      if (key.startsWith(FOR_EACH)) {
        readLoop(entry, inner, depth + 1);
        continue;
      }
      const body = entry.value;
      const typePair = body.kind === 'map' ? getPair(body, 'Type') : undefined;
      const type = str(typePair?.value);
      if (body.kind !== 'map' || !typePair || !type || type.includes('{')) {
        notRead(entry.key, `${key} has no literal Type`);
        continue;
      }
      out.push(resource(entry.key, body, typePair, type, res));
    }
  };
  for (const pair of resources.pairs) {
    const key = String(pair.key.value);
    if (key.startsWith(FOR_EACH)) {
      readLoop(pair, [], 0);
      continue;
    }
    const body = pair.value;
    if (body.kind !== 'map') continue;
    const typePair = getPair(body, 'Type');
    const type = str(typePair?.value);
    if (!typePair || !type) continue;
    out.push(resource(pair.key, body, typePair, type, resolver));
  }
  return out;
}

const FOR_EACH = 'Fn::ForEach::';
/** How deep `Fn::ForEach` loops inside loops are read. */
const MAX_LOOP_DEPTH = 8;
