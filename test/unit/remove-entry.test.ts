// removePair / removeItem (server/src/engine/add-path.ts): the edits behind the quick-fixes that take a setting out
// (host-port, dangerous-capabilities, unsafe-sysctls), in YAML block and flow style and in JSON.
import { strict as assert } from 'node:assert';
import { applyEdits } from '../../server/src/engine/edits';
import { removeItem, removePair } from '../../server/src/engine/add-path';
import { parseFile, type ParsedFile } from '../../server/src/model/parse';
import { get, type MapNode, type Node, type SeqNode } from '../../server/src/model/tree';

function parsed(name: string, text: string): ParsedFile {
  const file = parseFile(name, text);
  assert.deepEqual(file.problems, []);
  return file;
}

/** The node at a path from the first document's root (a number is a sequence index). */
function nodeAt(file: ParsedFile, ...keys: (string | number)[]): Node {
  let n: Node | undefined = file.docs[0].doc.root;
  for (const k of keys) n = typeof k === 'number' ? (n?.kind === 'seq' ? n.items[k] : undefined) : get(n, k);
  assert.ok(n, `no node at ${keys.join('.')}`);
  return n;
}

function withoutPair(name: string, text: string, keys: (string | number)[], key: string): string | undefined {
  const file = parsed(name, text);
  const map = nodeAt(file, ...keys) as MapNode;
  assert.equal(map.kind, 'map');
  const edits = removePair(map, key);
  if (!edits) return undefined;
  const out = applyEdits(text, edits);
  assert.deepEqual(parseFile(name, out).problems, [], `the result parses:\n${out}`);
  return out;
}

function withoutItem(name: string, text: string, keys: (string | number)[], index: number): string | undefined {
  const file = parsed(name, text);
  const seq = nodeAt(file, ...keys) as SeqNode;
  assert.equal(seq.kind, 'seq');
  const edits = removeItem(seq, seq.items[index]);
  if (!edits) return undefined;
  const out = applyEdits(text, edits);
  assert.deepEqual(parseFile(name, out).problems, [], `the result parses:\n${out}`);
  return out;
}

describe('add-path: removePair', () => {
  it('removes a block pair with its line, its line comment included', () => {
    const text = 'a:\n  b: 1\n  c: 2  # two\n  d: 3\n';
    assert.equal(withoutPair('x.yaml', text, ['a'], 'c'), 'a:\n  b: 1\n  d: 3\n');
  });

  it('removes a pair whose value is a block collection, every line of it', () => {
    const text = 'a:\n  b:\n    - 1\n    - 2\n  c: 3\n';
    assert.equal(withoutPair('x.yaml', text, ['a'], 'b'), 'a:\n  c: 3\n');
  });

  it('moves the next pair up when the first pair of a sequence item goes (`- a: 1`)', () => {
    const text = 'ports:\n  - hostPort: 80\n    containerPort: 8080\n';
    assert.equal(withoutPair('x.yaml', text, ['ports', 0], 'hostPort'), 'ports:\n  - containerPort: 8080\n');
  });

  it('removes a flow pair with one comma, first, middle or last', () => {
    const text = 'p: {a: 1, b: 2, c: 3}\n';
    assert.equal(withoutPair('x.yaml', text, ['p'], 'a'), 'p: {b: 2, c: 3}\n');
    assert.equal(withoutPair('x.yaml', text, ['p'], 'b'), 'p: {a: 1, c: 3}\n');
    assert.equal(withoutPair('x.yaml', text, ['p'], 'c'), 'p: {a: 1, b: 2}\n');
  });

  it('removes a JSON pair on its own line, and the last one leaves an empty object', () => {
    const text = '{\n  "a": 1,\n  "b": 2\n}\n';
    assert.equal(withoutPair('x.json', text, [], 'b'), '{\n  "a": 1\n}\n');
    assert.equal(withoutPair('x.json', '{"p": {"a": 1}}\n', ['p'], 'a'), '{"p": {}}\n');
  });

  it('leaves the only pair of a block mapping as an empty mapping, not null', () => {
    assert.equal(withoutPair('x.yaml', 'a:\n  b: 1\nc: 2\n', ['a'], 'b'), 'a: {}\nc: 2\n');
  });

  it('offers nothing when a comment would go with the pair, or the pair shares its line', () => {
    assert.equal(withoutPair('x.yaml', 'p: {a: 1, # one\n  b: 2}\n', ['p'], 'a'), undefined);
    assert.equal(withoutPair('x.yaml', 'a:\n  b: 1\n  # about c\n  c: 2\n', ['a'], 'b'), 'a:\n  # about c\n  c: 2\n');
    assert.equal(withoutPair('x.yaml', 'a:\n  b: 1\n  c: 2\n', ['a'], 'z'), undefined);
  });
});

describe('add-path: removeItem', () => {
  it('removes a block item with its line', () => {
    const text = 'add:\n  - NET_ADMIN\n  - CHOWN\n';
    assert.equal(withoutItem('x.yaml', text, ['add'], 0), 'add:\n  - CHOWN\n');
    assert.equal(withoutItem('x.yaml', text, ['add'], 1), 'add:\n  - NET_ADMIN\n');
  });

  it('removes a block item that is a mapping, every line of it', () => {
    const text = 'sysctls:\n  - name: kernel.msgmax\n    value: "1"\n  - name: net.ipv4.tcp_syncookies\n    value: "1"\n';
    assert.equal(withoutItem('x.yaml', text, ['sysctls'], 0), 'sysctls:\n  - name: net.ipv4.tcp_syncookies\n    value: "1"\n');
  });

  it('leaves the only item as an empty list after its key', () => {
    assert.equal(withoutItem('x.yaml', 'a:\n  add:\n    - SYS_ADMIN\nb: 1\n', ['a', 'add'], 0), 'a:\n  add: []\nb: 1\n');
    assert.equal(withoutItem('x.yaml', 'add: [SYS_ADMIN]\n', ['add'], 0), 'add: []\n');
  });

  it('removes a flow or JSON item with one comma; neighbours never overlap except the last two', () => {
    assert.equal(withoutItem('x.yaml', 'a: [x, y, z]\n', ['a'], 0), 'a: [y, z]\n');
    assert.equal(withoutItem('x.yaml', 'a: [x, y, z]\n', ['a'], 1), 'a: [x, z]\n');
    assert.equal(withoutItem('x.json', '{"a": ["x", "y", "z"]}\n', ['a'], 2), '{"a": ["x", "y"]}\n');
    const file = parsed('x.yaml', 'a: [x, y, z]\n');
    const seq = nodeAt(file, 'a') as SeqNode;
    const first = removeItem(seq, seq.items[0])!;
    const second = removeItem(seq, seq.items[1])!;
    assert.equal(applyEdits('a: [x, y, z]\n', [...first, ...second]), 'a: [z]\n');
  });

  it('offers nothing for a node that is not an item of the list', () => {
    const file = parsed('x.yaml', 'a: [x]\nb: y\n');
    assert.equal(removeItem(nodeAt(file, 'a') as SeqNode, nodeAt(file, 'b')), undefined);
  });
});
