// Structural comparison of parsed files and lint results: the incremental paths must give what a cold parse gives.
import type { LintResult } from '../../server/src/engine/lint';
import type { ParsedFile } from '../../server/src/model/parse';
import type { Node, Pair } from '../../server/src/model/tree';

/** The first difference between two trees (kind, value, style, spans, parents), as a path and a reason; undefined when equal. */
export function treeDiff(a: Node | undefined, b: Node | undefined, path = '$'): string | undefined {
  if (!a || !b) return a === b ? undefined : `${path}: ${a ? 'extra' : 'missing'} node`;
  const stack: [Node, Node, string][] = [[a, b, path]];
  while (stack.length) {
    const [x, y, p] = stack.pop()!;
    if (x.kind !== y.kind) return `${p}: kind ${x.kind} ≠ ${y.kind}`;
    if (x.span[0] !== y.span[0] || x.span[1] !== y.span[1]) return `${p}: span [${x.span}] ≠ [${y.span}]`;
    if (x.doc.text !== y.doc.text) return `${p}: node text differs`;
    if (x.kind === 'scalar' && y.kind === 'scalar') {
      if (!Object.is(x.value, y.value)) return `${p}: value ${JSON.stringify(x.value)} ≠ ${JSON.stringify(y.value)}`;
      if (x.style !== y.style) return `${p}: style ${x.style} ≠ ${y.style}`;
      if (!Object.is(x.yaml11, y.yaml11)) return `${p}: yaml11 ${String(x.yaml11)} ≠ ${String(y.yaml11)}`;
    } else if (x.kind === 'seq' && y.kind === 'seq') {
      if (x.flow !== y.flow) return `${p}: flow differs`;
      if (x.items.length !== y.items.length) return `${p}: ${x.items.length} items ≠ ${y.items.length}`;
      for (let i = 0; i < x.items.length; i++) {
        // An item an alias brings in keeps the parent where its anchor is written: both trees must agree on which.
        if ((x.items[i].parent === x) !== (y.items[i].parent === y)) return `${p}[${i}]: parent link`;
        stack.push([x.items[i], y.items[i], `${p}[${i}]`]);
      }
    } else if (x.kind === 'map' && y.kind === 'map') {
      if (x.flow !== y.flow || x.shortTag !== y.shortTag) return `${p}: flow or short tag differs`;
      if (x.pairs.length !== y.pairs.length) return `${p}: ${x.pairs.length} pairs ≠ ${y.pairs.length}`;
      for (let i = 0; i < x.pairs.length; i++) {
        const px: Pair = x.pairs[i];
        const py: Pair = y.pairs[i];
        const q = `${p}.${String(px.key.value)}`;
        if (px.span[0] !== py.span[0] || px.span[1] !== py.span[1]) return `${q}: pair span [${px.span}] ≠ [${py.span}]`;
        if ((px.value.parent === x) !== (py.value.parent === y)) return `${q}: parent link`;
        if ((px.key.parent === x) !== (py.key.parent === y)) return `${q}: key parent link`;
        stack.push([px.value, py.value, q], [px.key, py.key, `${q}(key)`]);
      }
    }
  }
  return undefined;
}

/** The first difference between two parsed files of the same text; undefined when they are the same. */
export function fileDiff(a: ParsedFile, b: ParsedFile): string | undefined {
  if (a.text !== b.text) return 'text differs';
  if (a.lang !== b.lang || a.isIac !== b.isIac) return `lang/isIac ${a.lang}/${a.isIac} ≠ ${b.lang}/${b.isIac}`;
  if (a.docs.length !== b.docs.length) return `${a.docs.length} documents ≠ ${b.docs.length}`;
  for (let i = 0; i < a.docs.length; i++) {
    const [x, y] = [a.docs[i], b.docs[i]];
    if (x.format !== y.format) return `doc ${i}: format ${x.format} ≠ ${y.format}`;
    if (x.doc.index !== y.doc.index || x.doc.span[0] !== y.doc.span[0] || x.doc.span[1] !== y.doc.span[1]) return `doc ${i}: span [${x.doc.span}] ≠ [${y.doc.span}]`;
    if (x.doc.text !== y.doc.text) return `doc ${i}: text`;
    const d = treeDiff(x.doc.root, y.doc.root, `doc${i}`);
    if (d) return d;
  }
  const pa = JSON.stringify(a.problems);
  const pb = JSON.stringify(b.problems);
  if (pa !== pb) return `problems ${pa} ≠ ${pb}`;
  if (JSON.stringify(a.duplicateKeys) !== JSON.stringify(b.duplicateKeys)) return 'duplicate keys differ';
  return undefined;
}

/** A lint result as comparable data: findings (rule, severity, message, span, fixes, related), problems, errors. */
export function resultData(r: LintResult): unknown {
  return {
    findings: r.findings.map((f) => ({ rule: f.rule.id, severity: f.severity, message: f.message, span: f.span, resource: f.resource, fixes: f.fixes, related: f.related.map(({ uri, span, message }) => ({ uri, span, message })) })),
    suppressed: r.suppressed.map((s) => ({ rule: s.finding.rule.id, span: s.finding.span, by: s.suppression.span })),
    problems: r.problems,
    errors: r.errors,
    resources: r.resources.map((x) => `${x.format} ${x.type} ${x.id} ${x.node.span}`),
  };
}
