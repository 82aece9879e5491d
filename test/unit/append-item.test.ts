// appendItem (server/src/engine/add-path.ts, Edits.appendItem): the edit that adds an item to a list already written,
// behind the quick-fixes that add a flag to a control-plane container's command or an attribute to a load balancer's
// LoadBalancerAttributes. Exact texts, LF and CRLF, and the places where no edit is safe.
import { strict as assert } from 'node:assert';
import { applyEdits, Edits, type Plain } from '../../server/src/engine/edits';
import { appendItem } from '../../server/src/engine/add-path';
import { Val, literalResolver } from '../../server/src/formats/value';
import { parseFile, type ParsedFile } from '../../server/src/model/parse';
import { get, type Node } from '../../server/src/model/tree';

function parsed(name: string, text: string): ParsedFile {
  const file = parseFile(name, text);
  assert.deepEqual(file.problems, []);
  return file;
}

/** The list at a path from the first document's root, as a Val (a number is a sequence index). */
function listAt(file: ParsedFile, keys: readonly (string | number)[]): Val {
  const root = file.docs[0].doc.root;
  assert.ok(root);
  let v = Val.of(root, literalResolver);
  for (const k of keys) v = typeof k === 'number' ? v.items()[k] : v.get(k);
  return v;
}

/** The text after appending `item` to the list at `keys`, or undefined when no edit is offered. */
function appended(name: string, text: string, keys: readonly (string | number)[], item: Plain): string | undefined {
  const file = parsed(name, text);
  const edits = appendItem(new Edits(file.lines), listAt(file, keys), item);
  if (!edits) return undefined;
  const out = applyEdits(text, edits);
  assert.deepEqual(parseFile(name, out).problems, [], `the result parses:\n${out}`);
  return out;
}

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

/** Checks the LF text and its CRLF twin give the same result, each with its own line breaks. */
function both(name: string, text: string, keys: readonly (string | number)[], item: Plain, want: string | undefined): void {
  assert.equal(appended(name, text, keys, item), want);
  assert.equal(appended(name, crlf(text), keys, item), want === undefined ? undefined : crlf(want));
}

/** The value the list holds after the edit, read back by the parser (what the program would get). */
function readBack(name: string, text: string, keys: readonly (string | number)[]): unknown {
  const file = parsed(name, text);
  const plain = (n: Node): unknown =>
    n.kind === 'scalar' ? n.value : n.kind === 'seq' ? n.items.map(plain) : Object.fromEntries(n.pairs.map((p) => [p.key.value, plain(p.value)]));
  let n: Node | undefined = file.docs[0].doc.root;
  for (const k of keys) n = typeof k === 'number' ? (n?.kind === 'seq' ? n.items[k] : undefined) : get(n, k);
  assert.ok(n);
  return plain(n);
}

describe('appendItem: YAML block sequences', () => {
  it('adds a `- item` line at the items\' indentation, after the last item and before the next key\'s comment', () => {
    const text = 'spec:\n  command:\n    - kube-apiserver\n    - --secure-port=6443  # TLS\n  # the image\n  image: x\n';
    both('p.yaml', text, ['spec', 'command'], '--anonymous-auth=false', 'spec:\n  command:\n    - kube-apiserver\n    - --secure-port=6443  # TLS\n    - --anonymous-auth=false\n  # the image\n  image: x\n');
  });

  it('writes the dash as the items do (at the key\'s column, wider gap after it)', () => {
    const text = 'command:\n- kube-scheduler\n-   --v=2\nimage: x\n';
    both('p.yaml', text, ['command'], '--profiling=false', 'command:\n- kube-scheduler\n-   --v=2\n-   --profiling=false\nimage: x\n');
  });

  it('appends after the last line of a last item that is a mapping, and at the end of the file', () => {
    const text = 'LoadBalancerAttributes:\n  - Key: idle_timeout.timeout_seconds\n    Value: "60"\n';
    const want =
      'LoadBalancerAttributes:\n  - Key: idle_timeout.timeout_seconds\n    Value: "60"\n  - Key: routing.http.drop_invalid_header_fields.enabled\n    Value: "true"\n';
    both('t.yaml', text, ['LoadBalancerAttributes'], { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }, want);
    assert.deepEqual(readBack('t.yaml', want, ['LoadBalancerAttributes', 1]), { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' });
  });

  it('appends after a file without a final line break', () => {
    both('p.yaml', 'args:\n  - --v=2', ['args'], '--profiling=false', 'args:\n  - --v=2\n  - --profiling=false');
  });

  it('quotes the item as the last item is quoted, and where a plain scalar would read as something else', () => {
    both('p.yaml', 'args:\n  - "--v=2"\n', ['args'], '--profiling=false', 'args:\n  - "--v=2"\n  - "--profiling=false"\n');
    both('p.yaml', 'args:\n  - a\n', ['args'], 'true', 'args:\n  - a\n  - "true"\n');
    both('p.yaml', 'args:\n  - a\n', ['args'], '--a=b # c', 'args:\n  - a\n  - "--a=b # c"\n');
    assert.deepEqual(readBack('p.yaml', 'args:\n  - a\n  - "true"\n', ['args']), ['a', 'true']);
  });

  it('appends after a last item that is a block scalar', () => {
    const text = 'args:\n  - |\n    line\n\nnext: 1\n';
    both('p.yaml', text, ['args'], 'b', 'args:\n  - |\n    line\n  - b\n\nnext: 1\n');
  });

  it('offers no edit for a list behind an anchor, used through an alias, or brought in by a merge key', () => {
    assert.equal(appended('p.yaml', 'a: &flags\n  - --v=2\nb: *flags\n', ['b'], 'x'), undefined);
    assert.equal(appended('p.yaml', 'a: &flags\n  - --v=2\nb: *flags\n', ['a'], 'x'), undefined);
    assert.equal(appended('p.yaml', 'a: &flags\n  - --v=2\n', ['a'], 'x'), undefined);
    assert.equal(appended('p.yaml', 'base: &b\n  args:\n    - --v=2\nc:\n  <<: *b\n', ['c', 'args'], 'x'), undefined);
    assert.equal(appended('p.yaml', 'base: &b\n  args:\n    - --v=2\nc:\n  <<: *b\n', ['base', 'args'], 'x'), undefined);
    // An item that is an alias: the list is written here, but its items are not all its own.
    assert.equal(appended('p.yaml', 'x: &x --v=2\nargs:\n  - *x\n', ['args'], 'y'), undefined);
  });

  it('offers no edit for a tagged list, a value that is not a list, or a list that is absent', () => {
    assert.equal(appended('p.yaml', 'args: !!seq\n  - a\n', ['args'], 'x'), undefined);
    assert.equal(appended('p.yaml', 'args: a\n', ['args'], 'x'), undefined);
    assert.equal(appended('p.yaml', 'other: 1\n', ['args'], 'x'), undefined);
  });
});

describe('appendItem: flow sequences and JSON arrays', () => {
  it('adds `, item` before the `]` of a YAML flow sequence, keeping a trailing comma, and fills an empty one', () => {
    both('p.yaml', 'args: [--v=2, --a=b]\n', ['args'], '--profiling=false', 'args: [--v=2, --a=b, --profiling=false]\n');
    both('p.yaml', 'args: [ a, b, ]\n', ['args'], 'c', 'args: [ a, b, c, ]\n');
    both('p.yaml', 'args: []\n', ['args'], '--profiling=false', 'args: [--profiling=false]\n');
    // A comma in a plain flow item would split it.
    both('p.yaml', 'args: [a]\n', ['args'], '--authorization-mode=Node,RBAC', 'args: [a, "--authorization-mode=Node,RBAC"]\n');
    both('p.yaml', 'a: [{Key: x, Value: "1"}]\n', ['a'], { Key: 'k', Value: 'true' }, 'a: [{Key: x, Value: "1"}, {Key: k, Value: "true"}]\n');
    // `y` is YAML 1.1's true, as CloudFormation reads it: quoted.
    both('p.yaml', 'a: [x]\n', ['a'], 'y', 'a: [x, "y"]\n');
  });

  it('writes one item per line in a YAML flow sequence whose items are one per line', () => {
    both('p.yaml', 'args: [\n  a,\n  b\n]\n', ['args'], 'c', 'args: [\n  a,\n  b,\n  c\n]\n');
  });

  it('offers no edit when a comment lies between the last item and `]`', () => {
    assert.equal(appended('p.yaml', 'args: [\n  a, # one\n]\n', ['args'], 'c'), undefined);
  });

  it('appends to an indented JSON array, an object in the file\'s indentation', () => {
    const text = '{\n  "LoadBalancerAttributes": [\n    {\n      "Key": "a",\n      "Value": "1"\n    }\n  ]\n}\n';
    const want =
      '{\n  "LoadBalancerAttributes": [\n    {\n      "Key": "a",\n      "Value": "1"\n    },\n    {\n      "Key": "b",\n      "Value": "true"\n    }\n  ]\n}\n';
    both('t.json', text, ['LoadBalancerAttributes'], { Key: 'b', Value: 'true' }, want);
  });

  it('appends to a JSON array on one line, and fills an empty one', () => {
    both('t.json', '{"a": ["x", "y"], "b": []}\n', ['a'], 'z', '{"a": ["x", "y", "z"], "b": []}\n');
    both('t.json', '{"a": ["x", "y"], "b": []}\n', ['b'], { Key: 'k' }, '{"a": ["x", "y"], "b": [{"Key": "k"}]}\n');
    both('t.json', '{\n  "b": [\n  ]\n}\n', ['b'], 'z', '{\n  "b": ["z"]\n}\n');
  });
});

describe('appendItem: Terraform HCL lists', () => {
  const tf = (body: string) => `resource "aws_x" "y" {\n${body}}\n`;
  const at = ['resource', 'aws_x', 'y'];

  it('appends to a list expression on one line and to one written one item per line (trailing comma kept)', () => {
    both('main.tf', tf('  a = ["x", "y"]\n'), [...at, 'a'], 'z', tf('  a = ["x", "y", "z"]\n'));
    both('main.tf', tf('  a = [\n    "x",\n  ]\n'), [...at, 'a'], 'z', tf('  a = [\n    "x",\n    "z",\n  ]\n'));
    both('main.tf', tf('  a = [\n    "x"\n  ]\n'), [...at, 'a'], 'z', tf('  a = [\n    "x",\n    "z"\n  ]\n'));
    both('main.tf', tf('  a = []\n'), [...at, 'a'], 'z', tf('  a = ["z"]\n'));
  });

  it('offers no edit for repeated blocks or a comment before `]`', () => {
    assert.equal(appended('main.tf', tf('  ingress {\n    a = 1\n  }\n  ingress {\n    a = 2\n  }\n'), [...at, 'ingress'], { a: 3 }), undefined);
    assert.equal(appended('main.tf', tf('  a = [\n    "x", # one\n  ]\n'), [...at, 'a'], 'z'), undefined);
  });
});
