// Terraform HCL (`*.tf`) → resources, with the module's values: `var.x` (default, terraform.tfvars, *.auto.tfvars),
// `local.x`, and string templates made of them. The tree is shaped like Terraform JSON (model/hcl.ts), so resources
// come from the JSON reader; only the resolver differs: what JSON leaves unknown (`"${var.x}"`) HCL resolves when the
// module says what the value is. Everything else that is not a literal stays unknown, and no rule fires on it.
import { follow, ITERATOR_REF, steps } from '../model/hcl';
import { isTfvars, type ParsedDoc, type ParsedFile } from '../model/parse';
import { get, type MapNode, type Node, type ScalarNode } from '../model/tree';
import type { Resource } from './resource';
import { hasInterpolation, interpolationReferences, levels, terraformJsonResources, terraformResolver } from './terraform';
import { knownModuleNotice, registryModuleResources } from './terraform-modules';
import type { Alt, Resolver } from './value';
import { Val } from './value';

/** What a module (one directory's `*.tf` files and variable files) says about its values. */
export interface ModuleValues {
  /** `variable "x" { default = … }`: the default's node. */
  readonly defaults: Map<string, Node>;
  /** Values set by terraform.tfvars and *.auto.tfvars (HCL or JSON), the later file winning. */
  readonly tfvars: Map<string, Node>;
  /** `locals { x = … }`. */
  readonly locals: Map<string, Node>;
  /** Variables every declaration of which was seen (a variable with no default and no value is unknown). */
  readonly declared: Set<string>;
  /** `output "x" { value = … }`: the value's node. */
  readonly outputs: Map<string, Node>;
}

const bound = new WeakMap<ParsedFile, ModuleValues>();

/** The module values of one file alone (its own variables and locals), until `bindTerraformModules` joins the directory. */
function ownValues(file: ParsedFile): ModuleValues {
  let v = bound.get(file);
  if (!v) {
    v = collect([file]);
    bound.set(file, v);
  }
  return v;
}

function directoryOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash >= 0 ? uri.slice(0, slash) : '';
}

function baseName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1).toLowerCase();
}

/** terraform.tfvars(.json) and *.auto.tfvars(.json): the files Terraform reads on its own, in the order it reads them. */
function autoVarsRank(uri: string): number | undefined {
  const name = baseName(uri);
  if (name === 'terraform.tfvars') return 0;
  if (name === 'terraform.tfvars.json') return 1;
  if (name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json')) return 2;
  return undefined;
}

/** Variables, locals and variable files of a set of files of one directory. */
function collect(files: readonly ParsedFile[]): ModuleValues {
  const out: ModuleValues = { defaults: new Map(), tfvars: new Map(), locals: new Map(), declared: new Set(), outputs: new Map() };
  const varFiles: ParsedFile[] = [];
  for (const file of files) {
    if (isTfvars(file.uri)) {
      if (autoVarsRank(file.uri) !== undefined) varFiles.push(file);
      continue;
    }
    for (const doc of file.docs) {
      if (doc.format !== 'terraform') continue; // HCL or JSON: both declare variables and locals the same way
      for (const level of levels(get(doc.doc.root, 'variable'))) {
        for (const p of level.pairs) {
          out.declared.add(String(p.key.value));
          for (const body of levels(p.value)) {
            const d = get(body, 'default');
            if (d) out.defaults.set(String(p.key.value), d);
          }
        }
      }
      for (const level of levels(get(doc.doc.root, 'output'))) {
        for (const p of level.pairs) {
          const value = levels(p.value).map((b) => get(b, 'value')).find((v) => v !== undefined);
          if (value) out.outputs.set(String(p.key.value), value);
        }
      }
      for (const level of levels(get(doc.doc.root, 'locals'))) {
        for (const p of level.pairs) out.locals.set(String(p.key.value), p.value);
      }
    }
  }
  varFiles.sort((a, b) => autoVarsRank(a.uri)! - autoVarsRank(b.uri)! || baseName(a.uri).localeCompare(baseName(b.uri)));
  for (const file of varFiles) {
    const root = file.docs[0]?.doc.root;
    if (root?.kind === 'map') for (const p of root.pairs) out.tfvars.set(String(p.key.value), p.value);
  }
  return out;
}

/** `module "x" { source = "./modules/x" }`: a module in a directory of the scan, called with these arguments. */
interface Call {
  readonly caller: ModuleValues;
  /** The arguments by variable name (`source`, `count` and the other meta-arguments included, never read as variables). */
  readonly args: Map<string, Node>;
}

/** Module values with the calls into the module, and the directory key of the module group it belongs to. */
interface Bound extends ModuleValues {
  calls?: Call[];
  /** The local modules this one calls, by the name of the module block. */
  callees?: Map<string, Bound>;
}

/** `./x`, `../x` (local paths): the directory a module source names, relative to the calling directory. */
function localSource(dir: string, source: string): string | undefined {
  if (!source.startsWith('./') && !source.startsWith('../')) return undefined;
  const parts = dir === '' ? [] : dir.split('/');
  for (const seg of source.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0 || parts[parts.length - 1] === '..') parts.push('..');
      else parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/**
 * A path Terraform reads as part of its directory's module, by its name: a `.tf`, a `.tf.json` or a variable values
 * file. The CLI's scan splits on it before reading anything (engine/scan-split.ts).
 */
export function terraformByName(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.tf') || lower.endsWith('.tf.json') || isTfvars(lower);
}

/** A file Terraform reads as part of its directory's module: `terraformByName`, or HCL however it was named. */
export function inModuleGroup(f: ParsedFile): boolean {
  return f.lang === 'hcl' || terraformByName(f.uri);
}

/**
 * Joins the files of each directory into one module: a `var.x` in main.tf resolves to the default in variables.tf
 * and to the value in terraform.tfvars. A directory that a local `module` block of the scan calls takes its variables
 * from the call (its default when the call does not set it; unknown when several calls do), not from variable files,
 * which Terraform reads for the root module only. Returns the module group of each directory: a caller and the local
 * modules it calls are one group, so cross-resource checks see the resources of both. Called by lintFiles.
 */
export function bindTerraformModules(files: readonly ParsedFile[]): Map<string, string> {
  const byDir = new Map<string, ParsedFile[]>();
  for (const f of files) {
    if (!inModuleGroup(f)) continue;
    const dir = directoryOf(f.uri);
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  const values = new Map<string, Bound>();
  for (const [dir, group] of byDir) {
    const v: Bound = collect(group);
    values.set(dir, v);
    for (const f of group) bound.set(f, v);
  }
  // Module groups: union-find over local module calls.
  const parent = new Map<string, string>([...byDir.keys()].map((d) => [d, d]));
  const find = (d: string): string => {
    while (parent.get(d) !== d) d = parent.get(d)!;
    return d;
  };
  for (const [dir, group] of byDir) {
    for (const f of group) {
      if (f.lang !== 'hcl') continue;
      for (const doc of f.docs) {
        if (doc.format !== 'terraform') continue;
        for (const level of levels(get(doc.doc.root, 'module'))) {
          for (const p of level.pairs) {
            for (const body of levels(p.value)) {
              const source = get(body, 'source');
              const target = source?.kind === 'scalar' && typeof source.value === 'string' ? localSource(dir, source.value) : undefined;
              const callee = target !== undefined ? values.get(target) : undefined;
              if (!callee || target === dir) continue;
              const args = new Map(body.pairs.map((a) => [String(a.key.value), a.value]));
              (callee.calls ??= []).push({ caller: values.get(dir)!, args });
              (values.get(dir)!.callees ??= new Map()).set(String(p.key.value), callee);
              parent.set(find(target!), find(dir));
            }
          }
        }
      }
    }
  }
  const groups = new Map<string, string>();
  for (const dir of byDir.keys()) groups.set(dir, find(dir));
  return groups;
}

const MAX_HOPS = 16;

/** `${var.x}` or `${local.x}` alone: the name; a template with any other expression: undefined. */
const SIMPLE_REF = /^\s*(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)\s*$/;

/**
 * Where the `${…}` that starts at `start` (the `$`) ends: the index after its closing brace, braces of nested blocks
 * and quoted strings inside skipped over; -1 when it is not closed.
 */
export function interpolationEnd(s: string, start: number): number {
  let depth = 1;
  let j = start + 2;
  let quote = false;
  for (; j < s.length && depth > 0; j++) {
    const c = s[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
  }
  return depth === 0 ? j : -1;
}

/** The parts of a template: literal text and the expressions of its `${…}`; undefined when it holds a `%{` directive. */
export function templateParts(s: string): { literal: string[]; exprs: string[] } | undefined {
  const literal: string[] = [];
  const exprs: string[] = [];
  let cur = '';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) {
      cur += s.slice(i + 1, i + 3);
      i += 3;
      continue;
    }
    if (s.startsWith('%{', i)) return undefined;
    if (s.startsWith('${', i)) {
      const j = interpolationEnd(s, i);
      if (j < 0) return undefined;
      literal.push(cur);
      cur = '';
      exprs.push(s.slice(i + 2, j - 1));
      i = j;
      continue;
    }
    cur += s[i];
    i++;
  }
  literal.push(cur);
  return { literal, exprs };
}

/** Where a variable or local of a module gets its value: the node, and the module it is written in. */
function valueOf(m: Bound, kind: string, name: string): { node: Node; scope: Bound } | undefined {
  if (kind === 'local') {
    const node = m.locals.get(name);
    return node ? { node, scope: m } : undefined;
  }
  if (m.calls?.length) {
    // A called module: the call sets the variable, or its default applies.
    const set = m.calls.filter((c) => c.args.has(name));
    if (set.length === 0) {
      const d = m.defaults.get(name);
      return d ? { node: d, scope: m } : undefined;
    }
    if (set.length > 1) return undefined; // several calls: no one value
    return { node: set[0].args.get(name)!, scope: set[0].caller as Bound };
  }
  const tfvar = m.tfvars.get(name);
  if (tfvar) return { node: tfvar, scope: m };
  const d = m.defaults.get(name);
  return d ? { node: d, scope: m } : undefined;
}

/** The node a value stands for when its module makes it known, else undefined. */
function known(node: Node, scope: Bound, hops: number): Node | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || !hasInterpolation(node.value)) return node;
  if (hops > MAX_HOPS) return undefined;
  const parts = templateParts(node.value);
  if (!parts) return undefined;
  const resolve = (expr: string): Node | undefined => {
    const m = SIMPLE_REF.exec(expr);
    const target = m ? valueOf(scope, m[1], m[2]) : undefined;
    return target ? known(target.node, target.scope, hops + 1) : undefined;
  };
  if (parts.exprs.length === 1 && parts.literal[0] === '' && parts.literal[1] === '') return resolve(parts.exprs[0]);
  let out = parts.literal[0];
  for (let i = 0; i < parts.exprs.length; i++) {
    const v = resolve(parts.exprs[i]);
    if (!v || v.kind !== 'scalar' || v.value === null) return undefined;
    out += String(v.value) + parts.literal[i + 1];
  }
  const synthetic: ScalarNode = { kind: 'scalar', value: out, style: 'quoted', span: node.span, doc: node.doc };
  return synthetic;
}

/** What `known` found per module and node: rules resolve the same values many times. */
const knownCache = new WeakMap<Bound, WeakMap<Node, Node | null>>();

function knownCached(node: Node, scope: Bound): Node | undefined {
  let cache = knownCache.get(scope);
  if (!cache) knownCache.set(scope, (cache = new WeakMap()));
  const hit = cache.get(node);
  if (hit !== undefined) return hit ?? undefined;
  const k = known(node, scope, 0);
  cache.set(node, k ?? null);
  return k;
}

/** The resolver of one HCL file: Terraform JSON's, plus the module's variables and locals. */
export function hclResolver(file: ParsedFile): Resolver {
  return {
    resolve(node, at, when, shadow): Alt[] {
      if (node.kind === 'scalar' && typeof node.value === 'string' && hasInterpolation(node.value)) {
        const k = knownCached(node, bound.get(file) ?? ownValues(file));
        if (k) return k.kind === 'scalar' && k.value === null ? [{ state: 'absent', at, when }] : [{ state: 'known', node: k, at, when, shadow }];
      }
      return terraformResolver.resolve(node, at, when, shadow);
    },
  };
}

/** At most this many instances of a resource are told apart (`count = 2`, a `for_each` of a few keys); more: unknown. */
const MAX_INSTANCES = 32;

/** One instance of a resource with `count` or `for_each`: the condition that names it, and what `each` or `count` is there. */
interface Instance {
  /** `each.key == "logs"`, `count.index == 0`: said in a finding's message (none when there is one instance). */
  readonly when: string;
  readonly key?: Node;
  readonly value?: Node;
  readonly index?: number;
}

/**
 * The instances of a resource whose `for_each` (a set of strings, or an object) or `count` is known, directly or
 * through the module's variables and locals: undefined when neither is set or known, or there are too many.
 */
function instancesOf(body: Val): Instance[] | undefined {
  const fe = body.get('for_each');
  if (fe.isKnown && fe.node) {
    const n = fe.node;
    if (n.kind === 'seq' && n.items.length <= MAX_INSTANCES && n.items.every((i) => i.kind === 'scalar' && typeof i.value === 'string' && !hasInterpolation(i.value))) {
      return n.items.map((i) => ({ when: `each.key == ${JSON.stringify((i as ScalarNode).value)}`, key: i, value: i }));
    }
    if (n.kind === 'map' && n.pairs.length <= MAX_INSTANCES && n.pairs.every((p) => typeof p.key.value === 'string' && !hasInterpolation(p.key.value))) {
      return n.pairs.map((p) => ({ when: `each.key == ${JSON.stringify(p.key.value)}`, key: p.key, value: p.value }));
    }
    return undefined;
  }
  const count = body.get('count').num();
  if (count !== undefined && Number.isInteger(count) && count > 0 && count <= MAX_INSTANCES) {
    return Array.from({ length: count }, (_, index) => ({ when: `count.index == ${index}`, index }));
  }
  return undefined;
}

/**
 * The resolver of a resource with `count` or `for_each`: when its instances are known, `each.key`, `each.value` (and
 * `each.value.a`) and `count.index` written alone are one known value per instance, each under its instance's
 * condition; anything else as `base`.
 */
function instanceResolver(base: Resolver, body: () => Val): Resolver {
  // Read when first needed: by then the module's files are bound (a `for_each = var.x` with its default in variables.tf).
  let known: Instance[] | undefined | null = null;
  const instancesNow = () => (known === null ? (known = instancesOf(body()) ?? undefined) : known);
  return {
    resolve(node, at, when, shadow): Alt[] {
      if (node.kind !== 'scalar' || typeof node.value !== 'string') return base.resolve(node, at, when, shadow);
      const v = node.value;
      let pick: ((i: Instance) => Node | undefined) | undefined;
      if (/^\$\{\s*count\.index\s*\}$/.test(v)) {
        pick = (i) => (i.index === undefined ? undefined : { kind: 'scalar', value: i.index, style: 'plain', span: node.span, doc: node.doc });
      } else {
        const m = ITERATOR_REF.exec(v);
        const path = m && m[1] === 'each' ? steps(m[3]) : undefined;
        if (m && path && (m[2] === 'value' || path.length === 0)) pick = (i) => follow(m[2] === 'key' ? i.key : i.value, path);
      }
      const instances = pick ? instancesNow() : undefined;
      if (!pick || !instances) return base.resolve(node, at, when, shadow);
      const out: Alt[] = [];
      for (const i of instances) {
        const target = pick(i);
        const cond = instances.length > 1 ? [...when, i.when] : when;
        if (!target) return [{ state: 'unknown', at, when, why: `${v} is known only at plan or apply time` }];
        // The instance's value may itself be an expression (a variable): resolved as the module's values are.
        out.push(...base.resolve(target, at, cond, shadow));
      }
      return out;
    },
  };
}

/** Resources and data sources of a `*.tf` document; `count = 0` and empty `for_each` blocks deploy nothing and are left out. */
export function terraformHclResources(file: ParsedFile, doc: ParsedDoc): Resource[] {
  const fileResolver = hclResolver(file);
  const out: Resource[] = [];
  for (const r of terraformJsonResources(file, doc)) {
    let body = Val.of(r.node, fileResolver);
    const count = body.get('count');
    if (count.num() === 0) continue;
    const forEach = body.get('for_each');
    const fe = forEach.node;
    if (fe && ((fe.kind === 'seq' && fe.items.length === 0) || (fe.kind === 'map' && fe.pairs.length === 0))) continue;
    // `each.value`, `count.index`: one value per instance when the instances are known.
    let resolver = fileResolver;
    if (get(r.node, 'for_each') || get(r.node, 'count')) {
      resolver = instanceResolver(fileResolver, () => body);
      body = Val.of(r.node, resolver);
    }
    out.push({
      ...r,
      body,
      resolver,
      // `module.x.id`, where local module x outputs `aws_s3_bucket.b.id`, refers to that bucket, as Terraform links them.
      references(attr?: string) {
        const refs = r.references(attr);
        const callees = (bound.get(file) as Bound | undefined)?.callees;
        if (!callees) return refs;
        const from = attr ? get(r.node, attr) : r.node;
        for (const [name, output] of moduleOutputs(from)) {
          const value = callees.get(name)?.outputs.get(output);
          if (value) for (const id of interpolationReferences(value)) if (!refs.includes(id)) refs.push(id);
        }
        return refs;
      },
    });
  }
  // Known registry modules (terraform-modules.ts): read as the resources they create, with the module's values.
  out.push(...registryModuleResources(file, doc, fileResolver));
  return out;
}

/** `module.NAME.OUTPUT` in the interpolations under a node, as [NAME, OUTPUT] pairs. */
function moduleOutputs(node: Node | undefined, out: [string, string][] = [], budget = { n: 10_000 }): [string, string][] {
  if (!node || budget.n-- <= 0) return out;
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string' && node.value.includes('${')) {
      for (const m of node.value.matchAll(/\bmodule\.([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)/g)) out.push([m[1], m[2]]);
    }
  } else if (node.kind === 'map') {
    for (const p of node.pairs) moduleOutputs(p.value, out, budget);
  } else {
    for (const item of node.items) moduleOutputs(item, out, budget);
  }
  return out;
}

/**
 * `module "x" { source = "terraform-aws-modules/…" }` (registry, git, an archive): Cloudline fetches nothing, so the
 * resources such a module creates are not linted. One note per module block says so, at its source; for a module of
 * the known registry modules' table (terraform-modules.ts), which inputs are read as the resources it creates (in
 * `*.tf.json` too).
 */
export function remoteModuleNotices(file: ParsedFile): { span: readonly [number, number]; message: string }[] {
  if (file.lang !== 'hcl' && !file.uri.toLowerCase().endsWith('.tf.json')) return [];
  const out: { span: readonly [number, number]; message: string }[] = [];
  for (const doc of file.docs) {
    if (doc.format !== 'terraform') continue;
    for (const level of levels(get(doc.doc.root, 'module'))) {
      for (const p of level.pairs) {
        for (const body of levels(p.value)) {
          const source = get(body, 'source');
          if (source?.kind !== 'scalar' || typeof source.value !== 'string') continue;
          if (source.value.startsWith('./') || source.value.startsWith('../')) continue;
          const known = knownModuleNotice(source.value, String(p.key.value), body);
          if (known) {
            out.push({ span: source.span, message: known });
            continue;
          }
          if (file.lang !== 'hcl') continue;
          out.push({
            span: source.span,
            message: `Module "${p.key.value}" comes from ${JSON.stringify(source.value)}, which Cloudline does not download: the resources it creates are not linted. Lint a plan (terraform show -json) to cover them.`,
          });
        }
      }
    }
  }
  return out;
}
