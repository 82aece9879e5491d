// YAML that Go's parsers (go-yaml, libyaml: kubectl, CloudFormation) accept and the `yaml` package rejects is read,
// with exact positions; a real syntax error still gets exactly one problem.
import { strict as assert } from 'node:assert';
import { parseFile } from '../../server/src/model/parse';
import { get, type Node } from '../../server/src/model/tree';
import { lintText, spanText } from '../helpers';

const plain = (n: Node | undefined): unknown =>
  !n ? undefined : n.kind === 'scalar' ? n.value : n.kind === 'seq' ? n.items.map(plain) : Object.fromEntries(n.pairs.map((p) => [String(p.key.value), plain(p.value)]));

const POD = (body: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${body}`;

function read(text: string) {
  const f = parseFile('p.yaml', text);
  assert.deepEqual(f.problems, []);
  return f;
}

describe('YAML that Go accepts', () => {
  it('a double-quoted multi-line string whose continuation lines are indented less than its key', () => {
    const text = POD('  annotations:\n    description: "first line\n  second line\nthird"\n  labels:\n    app: web\nspec:\n  containers: []\n');
    const f = read(text);
    const meta = get(f.docs[0].doc.root, 'metadata');
    assert.deepEqual(plain(meta), { name: 'p', annotations: { description: 'first line second line third' }, labels: { app: 'web' } });
    const d = get(get(meta, 'annotations'), 'description')!;
    assert.equal(text.slice(d.span[0], d.span[1]), '"first line\n  second line\nthird"');
    assert.equal(f.docs[0].format, 'kubernetes');
  });

  it('single quotes, escapes, blank lines and an escaped line break fold as YAML folds them', () => {
    const text = POD(`  annotations:\n    a: 'it''s\n  here'\n    b: "tab\\t\n\n  next"\n    c: "joined\\\n  here"\nspec: {}\n`);
    assert.deepEqual(plain(get(get(read(text).docs[0].doc.root, 'metadata'), 'annotations')), { a: "it's here", b: 'tab\t\nnext', c: 'joinedhere' });
  });

  it('a flow collection whose lines are indented less than its key, with comments and tabs inside', () => {
    const text = POD('spec:\n  containers:\n  - name: c\n    image: x\n    args: ["--a", # first\n  "--b",\n\t"--c"]\n    env: [{name: A,\n  value: "1"}]\n');
    const c = get(get(read(text).docs[0].doc.root, 'spec'), 'containers');
    assert.deepEqual(plain(c), [{ name: 'c', image: 'x', args: ['--a', '--b', '--c'], env: [{ name: 'A', value: '1' }] }]);
  });

  it('findings land on exact positions in such a file', () => {
    const text = POD('  annotations:\n    d: "x\n  y"\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: x\n');
    const r = lintText('p.yaml', text);
    assert.deepEqual(r.problems, []);
    const host = r.findings.filter((f) => spanText(r, f.span) && text.slice(f.span[0], f.span[1]) === 'true');
    assert.ok(host.length >= 1, 'the hostNetwork finding is at its value');
  });

  it('a real syntax error still gets exactly one problem, and a tab as indentation stays an error (Go rejects it too)', () => {
    for (const text of [POD('spec:\n  a: "never closed\n  b: [1, 2\n'), POD('spec:\n\tcontainers: []\n'), POD('  annotations:\n    d: plain\n  continued: x: y\n')]) {
      const f = parseFile('p.yaml', text);
      assert.equal(f.problems.filter((p) => p.severity === 'error').length, 1, text);
    }
  });

  it('a document that parses is read by `yaml` alone, even next to one that needed the lenient reading', () => {
    const text = `${POD('  annotations:\n    d: "x\n  y"\nspec: {}\n')}---\n${POD('  annotations:\n    e: "a\n     b"\nspec: {}\n')}`;
    const f = read(text);
    assert.equal(f.docs.length, 2);
    assert.deepEqual(plain(get(get(f.docs[0].doc.root, 'metadata'), 'annotations')), { d: 'x y' });
    assert.deepEqual(plain(get(get(f.docs[1].doc.root, 'metadata'), 'annotations')), { e: 'a b' });
  });
});
