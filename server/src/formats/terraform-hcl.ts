// Terraform HCL (`*.tf`) → resources, with the module's values: `var.x` (default, terraform.tfvars, *.auto.tfvars),
// `local.x`, and string templates made of them. The tree is shaped like Terraform JSON (model/hcl.ts), so resources
// come from the JSON reader; only the resolver differs: what JSON leaves unknown (`"${var.x}"`) HCL resolves when the
// module says what the value is. Everything else that is not a literal stays unknown, and no rule fires on it.
import { isTfvars, type ParsedDoc, type ParsedFile } from '../model/parse';
import { get, type MapNode, type Node, type ScalarNode } from '../model/tree';
import type { Resource } from './resource';
import { hasInterpolation, terraformJsonResources, terraformResolver } from './terraform';
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
  const out: ModuleValues = { defaults: new Map(), tfvars: new Map(), locals: new Map(), declared: new Set() };
  const varFiles: ParsedFile[] = [];
  for (const file of files) {
    if (isTfvars(file.uri)) {
      if (autoVarsRank(file.uri) !== undefined) varFiles.push(file);
      continue;
    }
    for (const doc of file.docs) {
      if (doc.format !== 'terraform' || file.lang !== 'hcl') continue;
      for (const level of levels(get(doc.doc.root, 'variable'))) {
        for (const p of level.pairs) {
          out.declared.add(String(p.key.value));
          for (const body of levels(p.value)) {
            const d = get(body, 'default');
            if (d) out.defaults.set(String(p.key.value), d);
          }
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

function levels(node: Node | undefined): MapNode[] {
  if (!node) return [];
  if (node.kind === 'map') return [node];
  if (node.kind === 'seq') return node.items.filter((n): n is MapNode => n.kind === 'map');
  return [];
}

/**
 * Joins the files of each directory into one module: a `var.x` in main.tf resolves to the default in variables.tf
 * and to the value in terraform.tfvars. Called by lintFiles before any check runs.
 */
export function bindTerraformModules(files: readonly ParsedFile[]): void {
  const byDir = new Map<string, ParsedFile[]>();
  for (const f of files) {
    if (f.lang !== 'hcl' && !isTfvars(f.uri)) continue;
    const dir = directoryOf(f.uri);
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  for (const group of byDir.values()) {
    const values = collect(group);
    for (const f of group) bound.set(f, values);
  }
}

const MAX_HOPS = 16;

/** `${var.x}` or `${local.x}` alone: the name; a template with any other expression: undefined. */
const SIMPLE_REF = /^\s*(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)\s*$/;

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
      let depth = 1;
      let j = i + 2;
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
      if (depth !== 0) return undefined;
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

/** The resolver of one HCL file: Terraform JSON's, plus the module's variables and locals. */
export function hclResolver(file: ParsedFile): Resolver {
  const valueOf = (kind: string, name: string): Node | undefined => {
    const m = bound.get(file) ?? ownValues(file);
    if (kind === 'local') return m.locals.get(name);
    return m.tfvars.get(name) ?? m.defaults.get(name);
  };
  /** The node a value stands for when the module makes it known, else undefined. */
  const known = (node: Node, hops: number): Node | undefined => {
    if (hops > MAX_HOPS || node.kind !== 'scalar' || typeof node.value !== 'string' || !hasInterpolation(node.value)) return node;
    const parts = templateParts(node.value);
    if (!parts) return undefined;
    if (parts.exprs.length === 1 && parts.literal[0] === '' && parts.literal[1] === '') {
      const m = SIMPLE_REF.exec(parts.exprs[0]);
      const target = m ? valueOf(m[1], m[2]) : undefined;
      return target ? known(target, hops + 1) : undefined;
    }
    let out = parts.literal[0];
    for (let i = 0; i < parts.exprs.length; i++) {
      const m = SIMPLE_REF.exec(parts.exprs[i]);
      const target = m ? valueOf(m[1], m[2]) : undefined;
      const v = target ? known(target, hops + 1) : undefined;
      if (!v || v.kind !== 'scalar' || v.value === null) return undefined;
      out += String(v.value) + parts.literal[i + 1];
    }
    const synthetic: ScalarNode = { kind: 'scalar', value: out, style: 'quoted', span: node.span, doc: node.doc };
    return synthetic;
  };
  const resolver: Resolver = {
    resolve(node, at, when, shadow): Alt[] {
      if (node.kind === 'scalar' && typeof node.value === 'string' && hasInterpolation(node.value)) {
        const k = known(node, 0);
        if (k) return k.kind === 'scalar' && k.value === null ? [{ state: 'absent', at, when }] : [{ state: 'known', node: k, at, when, shadow }];
      }
      return terraformResolver.resolve(node, at, when, shadow);
    },
  };
  return resolver;
}

/** Resources and data sources of a `*.tf` document; `count = 0` and empty `for_each` blocks deploy nothing and are left out. */
export function terraformHclResources(file: ParsedFile, doc: ParsedDoc): Resource[] {
  const resolver = hclResolver(file);
  const out: Resource[] = [];
  for (const r of terraformJsonResources(file, doc)) {
    const body = Val.of(r.node, resolver);
    const count = body.get('count');
    if (count.num() === 0) continue;
    const forEach = body.get('for_each');
    const fe = forEach.node;
    if (fe && ((fe.kind === 'seq' && fe.items.length === 0) || (fe.kind === 'map' && fe.pairs.length === 0))) continue;
    out.push({ ...r, body, resolver, references: r.references });
  }
  return out;
}
