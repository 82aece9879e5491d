// Edit helpers (server/src/engine/edits.ts): fixes keep the file's style, indentation and comments, and never
// re-serialise. Every case asserts the exact text after applying the edits.
import { strict as assert } from 'node:assert';
import { resourcesOf } from '../../server/src/formats';
import { applyEdits, Edits, eolAt, snippetDefaults, type Plain, type TextEdit } from '../../server/src/engine/edits';
import { LineIndex } from '../../server/src/model/lines';
import { parseFile, type ParsedFile } from '../../server/src/model/parse';
import { get, type MapNode, type Node } from '../../server/src/model/tree';

function parsed(name: string, text: string): ParsedFile {
  const file = parseFile(name, text);
  assert.deepEqual(file.problems, []);
  return file;
}

/** The node at a key path from the first document's root. */
function nodeAt(file: ParsedFile, ...keys: string[]): Node {
  let n: Node | undefined = file.docs[0].doc.root;
  for (const k of keys) n = get(n, k);
  assert.ok(n, `no node at ${keys.join('.')}`);
  return n;
}

function addPairs(name: string, text: string, keys: string[], pairs: Record<string, Plain>): string {
  const file = parsed(name, text);
  const map = nodeAt(file, ...keys) as MapNode;
  assert.equal(map.kind, 'map');
  const edits = new Edits(file.lines).addPairs(map, pairs);
  const out = applyEdits(text, edits);
  assert.deepEqual(parseFile(name, out).problems, [], `the result parses:\n${out}`);
  return out;
}

function replace(name: string, text: string, keys: string[], value: Plain): string {
  const file = parsed(name, text);
  const out = applyEdits(text, new Edits(file.lines).replaceNode(nodeAt(file, ...keys), value));
  assert.deepEqual(parseFile(name, out).problems, [], `the result parses:\n${out}`);
  return out;
}

describe('edits: applyEdits and snippets', () => {
  it('applies non-overlapping edits given in any order', () => {
    const edits: TextEdit[] = [
      { start: 5, end: 5, text: '!' },
      { start: 0, end: 5, text: 'HELLO' },
      { start: 6, end: 11, text: 'there' },
    ];
    assert.equal(applyEdits('hello world', edits), 'HELLO! there');
  });

  // Two insertions at the same offset come out in the array's order: LSP's TextEdit[] contract (and VS Code) keeps
  // it, so the parity test and "fix all" produce the editor's text.
  it('keeps the given order of insertions at the same offset (as LSP does)', () => {
    assert.equal(applyEdits('ab', [{ start: 1, end: 1, text: 'X' }, { start: 1, end: 1, text: 'Y' }]), 'aXYb');
  });

  it('snippetDefaults takes each placeholder default and unescapes', () => {
    assert.equal(snippetDefaults('cpu: ${1:100m}$0 and \\$x \\} \\\\'), 'cpu: 100m and $x } \\');
  });
});

describe('edits: eolAt', () => {
  it('gives the break of the line holding the offset (from the line index), and the usual one on the last line', () => {
    for (const text of ['a\nb\r\nc\rd', 'a\r\nb\nc', 'a\rb\rc', 'one line', '', 'x\n', 'a\r\n\r\nb', '\n\r\n\r']) {
      const edits = new Edits(new LineIndex(text));
      for (let o = 0; o <= text.length; o++) {
        if (text[o - 1] === '\r' && text[o] === '\n') continue; // between CR and LF: no node starts there
        assert.equal(edits.eolAt(o), eolAt(text, o), `${JSON.stringify(text)} at ${o}`);
      }
    }
  });
});

describe('edits: setValue', () => {
  const template = 'Parameters:\n  P:\n    Type: String\n    Default: "true"\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true # keep this comment\n      FromParam: !Ref P\n      Branch: !If [IsDev, true, false]\n      Name: "yes"\n';

  function set(key: string, value: Plain): string | undefined {
    const file = parsed('t.yaml', template);
    const r = resourcesOf(file).find((x) => x.type === 'AWS::RDS::DBInstance')!;
    const edits = new Edits(file.lines).setValue(r.body.get(key), value);
    return edits && applyEdits(template, edits);
  }

  it('replaces a YAML value written in place and keeps the comment after it', () => {
    assert.equal(set('PubliclyAccessible', false), template.replace('PubliclyAccessible: true #', 'PubliclyAccessible: false #'));
  });

  it('quotes YAML strings that would read as another type, leaves plain ones plain', () => {
    assert.equal(set('Name', 'no'), template.replace('Name: "yes"', 'Name: "no"'));
    assert.equal(set('Name', 'db-1'), template.replace('Name: "yes"', 'Name: db-1'));
    assert.equal(set('Name', '0123'), template.replace('Name: "yes"', 'Name: "0123"'));
    assert.equal(set('Name', 'a: b'), template.replace('Name: "yes"', 'Name: "a: b"'));
  });

  it('offers nothing for a value from a parameter default or an Fn::If branch, or an absent value', () => {
    assert.equal(set('FromParam', false), undefined);
    assert.equal(set('Branch', false), undefined);
    assert.equal(set('Missing', false), undefined);
  });

  it('replaces a JSON value and keeps the rest byte for byte', () => {
    const text = '{\n  "Resources": {\n    "Db": {\n      "Type": "AWS::RDS::DBInstance",\n      "Properties": {\n        "PubliclyAccessible": "true" \n      }\n    }\n  }\n}\n';
    const file = parsed('t.json', text);
    const r = resourcesOf(file).find((x) => x.type === 'AWS::RDS::DBInstance')!;
    const edits = new Edits(file.lines).setValue(r.body.get('PubliclyAccessible'), false)!;
    assert.equal(applyEdits(text, edits), text.replace('"PubliclyAccessible": "true" ', '"PubliclyAccessible": false '));
  });
});

describe('edits: replaceNode', () => {
  it('writes a YAML mapping or list in flow style in place of a scalar', () => {
    assert.equal(replace('t.yaml', 'a:\n  b: x # c\n', ['a', 'b'], { k: 'v', l: [1, 'two'] }), 'a:\n  b: {k: v, l: [1, two]} # c\n');
  });

  it('writes JSON indented like the file, from the line of the replaced node', () => {
    const text = '{\n    "a": {\n        "b": 1\n    }\n}\n';
    assert.equal(replace('t.json', text, ['a', 'b'], { k: ['x'] }), '{\n    "a": {\n        "b": {\n            "k": [\n                "x"\n            ]\n        }\n    }\n}\n');
  });

  it('writes JSON scalars in a one-line file', () => {
    assert.equal(replace('t.json', '{"a": {"b": 1}}', ['a', 'b'], 'x'), '{"a": {"b": "x"}}');
  });

  // In a one-line JSON file replaceNode writes objects and arrays as addPairs does (`{"k": ["x", 2]}`), not in
  // JSON.stringify's compact form.
  it('writes JSON objects on one line in a one-line file, spaced like addPairs', () => {
    assert.equal(replace('t.json', '{"a": {"b": 1}}', ['a', 'b'], { k: ['x', 2] }), '{"a": {"b": {"k": ["x", 2]}}}');
  });
});

describe('edits: addPairs in YAML', () => {
  it('block mapping: after the last pair, at its indentation, comments kept', () => {
    const text = 'Props:\n  Engine: postgres # keep\n  # a comment line after\nNext: 1\n';
    assert.equal(addPairs('t.yaml', text, ['Props'], { A: true, B: 'x' }), 'Props:\n  Engine: postgres # keep\n  A: true\n  B: x\n  # a comment line after\nNext: 1\n');
  });

  it('block mapping: nested values in block style with the file\'s indentation unit (4 spaces)', () => {
    const text = 'Props:\n    Engine: postgres\n';
    assert.equal(
      addPairs('t.yaml', text, ['Props'], { Tags: [{ Key: 'a', Value: 'b' }], Opts: { X: 1, L: ['p', 'q'] }, E: [], M: {} }),
      'Props:\n    Engine: postgres\n    Tags:\n        - Key: a\n          Value: b\n    Opts:\n        X: 1\n        L:\n            - p\n            - q\n    E: []\n    M: {}\n',
    );
  });

  it('block mapping whose last value is a nested block, a list or a block scalar: after all of it', () => {
    assert.equal(addPairs('t.yaml', 'P:\n  A:\n    B: 1\n    C: 2\nQ: 1\n', ['P'], { D: 3 }), 'P:\n  A:\n    B: 1\n    C: 2\n  D: 3\nQ: 1\n');
    assert.equal(addPairs('t.yaml', 'P:\n  L:\n  - a\n  - b\nQ: 1\n', ['P'], { D: 3 }), 'P:\n  L:\n  - a\n  - b\n  D: 3\nQ: 1\n');
    assert.equal(addPairs('t.yaml', 'P:\n  S: |\n    line1\n    line2\nQ: 1\n', ['P'], { D: 3 }), 'P:\n  S: |\n    line1\n    line2\n  D: 3\nQ: 1\n');
  });

  it('edge cases: no final line break, a multi-line flow value, a folded scalar before a blank line, a document end', () => {
    assert.equal(addPairs('t.yaml', 'P:\n  A: 1', ['P'], { B: 2 }), 'P:\n  A: 1\n  B: 2');
    assert.equal(addPairs('t.yaml', 'P:\n  A: [1,\n    2]\nQ: 1\n', ['P'], { B: 2 }), 'P:\n  A: [1,\n    2]\n  B: 2\nQ: 1\n');
    assert.equal(addPairs('t.yaml', 'P:\n  A: >-\n    folded\n\nQ: 1\n', ['P'], { B: 2 }), 'P:\n  A: >-\n    folded\n  B: 2\n\nQ: 1\n');
    assert.equal(addPairs('t.yaml', 'P:\n  A: 1\n...\n', ['P'], { B: 2 }), 'P:\n  A: 1\n  B: 2\n...\n');
    assert.equal(addPairs('t.yaml', 'P:\n  A: 1 # c }\n', ['P'], { B: { x: 1 } }), 'P:\n  A: 1 # c }\n  B:\n    x: 1\n');
  });

  it('flow mapping: a brace inside a string or a mapping over several lines', () => {
    assert.equal(addPairs('t.yaml', 'P: {A: "}"}\n', ['P'], { B: 2 }), 'P: {A: "}", B: 2}\n');
    assert.equal(addPairs('t.yaml', 'P: {A: 1,\n  C: 3}\n', ['P'], { B: 2 }), 'P: {A: 1,\n  C: 3, B: 2}\n');
  });

  it('block mapping in a list item (Kubernetes containers)', () => {
    const text = 'containers:\n  - name: app\n    image: nginx:1.27\nother: 1\n';
    const file = parsed('t.yaml', text);
    const seq = nodeAt(file, 'containers');
    assert.equal(seq.kind, 'seq');
    const item = seq.kind === 'seq' ? (seq.items[0] as MapNode) : undefined;
    const out = applyEdits(text, new Edits(file.lines).addPairs(item!, { securityContext: { runAsNonRoot: true } }));
    assert.equal(out, 'containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      runAsNonRoot: true\nother: 1\n');
  });

  it('flow mapping: before the closing brace, with a comma; empty flow mapping without one', () => {
    assert.equal(addPairs('t.yaml', 'P: {A: 1}\n', ['P'], { B: 'x y', C: [1] }), 'P: {A: 1, B: x y, C: [1]}\n');
    assert.equal(addPairs('t.yaml', 'P: {}\n', ['P'], { B: true }), 'P: {B: true}\n');
  });

  // A flow mapping written with spaces inside its braces keeps them: `{ A: 1, B: 2 }`, not `{ A: 1 , B: 2}`.
  it('flow mapping with spaces inside the braces keeps them', () => {
    assert.equal(addPairs('t.yaml', 'P: { A: 1 } # c\n', ['P'], { B: 2 }), 'P: { A: 1, B: 2 } # c\n');
  });

  it('keys and strings that need quotes get them', () => {
    assert.equal(addPairs('t.yaml', 'P:\n  A: 1\n', ['P'], { 'a:b': 'on', '#x': '' }), 'P:\n  A: 1\n  "a:b": "on"\n  "#x": ""\n');
  });

  it('CRLF files get CRLF line breaks', () => {
    assert.equal(addPairs('t.yaml', 'P:\r\n  A: 1\r\nQ: 2\r\n', ['P'], { B: { C: 3 } }), 'P:\r\n  A: 1\r\n  B:\r\n    C: 3\r\nQ: 2\r\n');
  });
});

describe('edits: addPairs in JSON', () => {
  it('one-line object: after the last pair, with ", "', () => {
    assert.equal(addPairs('t.json', '{"P": {"A": 1}}', ['P'], { B: { C: [true] }, D: 'x' }), '{"P": {"A": 1, "B": {"C": [true]}, "D": "x"}}');
  });

  it('one-line object inside an indented file stays on one line', () => {
    assert.equal(addPairs('t.json', '{\n  "P": {"A": 1},\n  "Q": 1\n}', ['P'], { B: { C: 1 } }), '{\n  "P": {"A": 1, "B": {"C": 1}},\n  "Q": 1\n}');
  });

  it('empty one-line object', () => {
    assert.equal(addPairs('t.json', '{"P": {}}', ['P'], { B: 1 }), '{"P": {"B": 1}}');
  });

  it('indented object: each pair on its own line at the last pair\'s indentation, nested values indented', () => {
    const text = '{\n  "P": {\n    "A": 1\n  },\n  "Q": 2\n}\n';
    assert.equal(addPairs('t.json', text, ['P'], { B: { C: [1, 2] } }), '{\n  "P": {\n    "A": 1,\n    "B": {\n      "C": [\n        1,\n        2\n      ]\n    }\n  },\n  "Q": 2\n}\n');
  });

  it('empty indented object spread over lines', () => {
    const text = '{\n    "P": {\n    },\n    "Q": 2\n}\n';
    assert.equal(addPairs('t.json', text, ['P'], { B: 1, C: 'x' }), '{\n    "P": {\n        "B": 1,\n        "C": "x"\n    },\n    "Q": 2\n}\n');
  });

  it('empty object on one line in an indented file', () => {
    const text = '{\n  "P": {},\n  "Q": 2\n}\n';
    assert.equal(addPairs('t.json', text, ['P'], { B: 1 }), '{\n  "P": {"B": 1},\n  "Q": 2\n}\n');
  });

  it('tab-indented files get tabs', () => {
    const text = '{\n\t"P": {\n\t\t"A": 1\n\t}\n}\n';
    assert.equal(addPairs('t.json', text, ['P'], { B: { C: 1 } }), '{\n\t"P": {\n\t\t"A": 1,\n\t\t"B": {\n\t\t\t"C": 1\n\t\t}\n\t}\n}\n');
  });

  it('nothing to add: no edit', () => {
    const file = parsed('t.json', '{"P": {}}');
    assert.deepEqual(new Edits(file.lines).addPairs(nodeAt(file, 'P') as MapNode, {}), []);
  });
});
