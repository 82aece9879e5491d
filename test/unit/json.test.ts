// The JSON scanner (strict JSON) and momoa (everything else) give the same tree for the same text: every node's
// kind, value, style, span and parent, on corpus files, rule examples, generated inputs and random JSON.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseJson, parseWithMomoa, strictJson } from '../../server/src/model/json';
import { languageOf, parseFile } from '../../server/src/model/parse';
import type { Node, ParseProblem, SourceDoc } from '../../server/src/model/tree';
import { bucketFileName, BUCKET_FORMATS, genBuckets, genPlan } from '../../scripts/gen-terraform';
import { corpusInputs, exampleInputs } from '../robustness/harness';

/** Every node of a tree as a line: path, kind, value, style, span, and the span of its parent. */
function describeTree(root: Node | undefined): string[] {
  const out: string[] = [];
  const walk = (n: Node, path: string, parent: Node | undefined) => {
    const value = n.kind === 'scalar' ? (Object.is(n.value, -0) ? '-0' : JSON.stringify(n.value)) : '';
    const flow = n.kind === 'scalar' ? n.style : String(n.flow);
    out.push(`${path} ${n.kind} ${value} ${flow} ${n.span.join('-')} parent ${n.parent?.span.join('-') ?? '-'} ${n.parent === parent}`);
    if (n.kind === 'map') {
      n.pairs.forEach((p, i) => {
        out.push(`${path}.${i} pair ${p.span.join('-')} key ${JSON.stringify(p.key.value)} ${p.key.style} ${p.key.span.join('-')} ${p.key.parent === n} ${p.key.doc === n.doc}`);
        walk(p.value, `${path}.${i}`, n);
      });
    } else if (n.kind === 'seq') {
      n.items.forEach((item, i) => walk(item, `${path}[${i}]`, n));
    }
  };
  if (root) walk(root, '$', undefined);
  return out;
}

function momoaTree(text: string): { root: Node | undefined; problems: ParseProblem[] } {
  const doc: SourceDoc = { index: 0, lang: 'json', text, span: [0, text.length], root: undefined };
  const problems: ParseProblem[] = [];
  return { root: parseWithMomoa(text, doc, problems), problems };
}

function assertSame(text: string, origin: string): void {
  const ours = parseJson(text);
  const reference = momoaTree(text);
  assert.deepEqual(ours.problems, reference.problems, `${origin}: problems`);
  const a = describeTree(ours.doc.root);
  const b = describeTree(reference.root);
  for (let i = 0; i < Math.max(a.length, b.length); i++) assert.equal(a[i], b[i], `${origin}: node ${i}`);
  if (ours.doc.root) assert.equal(ours.doc.root.doc, ours.doc, `${origin}: the root belongs to the document`);
}

describe('JSON scanner', () => {
  it('gives the tree momoa gives on every JSON file of the corpus and every JSON rule example', () => {
    const inputs = [...corpusInputs(), ...exampleInputs()].filter((i) => languageOf(i.name, i.text) === 'json');
    assert.ok(inputs.length > 50, `${inputs.length} inputs`);
    for (const input of inputs) assertSame(input.text.charCodeAt(0) === 0xfeff ? ' ' + input.text.slice(1) : input.text, input.origin);
  });

  it('gives the tree momoa gives on generated plans and bucket files', () => {
    assertSame(genPlan(40), 'genPlan(40)');
    for (const format of BUCKET_FORMATS) if (bucketFileName(format).endsWith('.json')) assertSame(genBuckets(30, format), format);
  });

  it('gives the tree momoa gives on escapes, numbers, unicode and odd spacing', () => {
    const texts = [
      '{"a\\"b": "c\\\\d\\/e\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\\uDFFF", "": ""}',
      '[-0, 0, 1e400, -1E-7, 1.5e+3, 123456789012345678901234567890, 0.1, -12.50]',
      ' \t\r\n{ "k" :\n\t[ true , false,null ,{} ,[ ] ] }\r\n ',
      '"just a string"',
      '42',
      'null',
      '{"é": "ü", "😀": ["\u2028", "\u00a0"]}',
      '{"a": 1, "a": 2}',
    ];
    for (const t of texts) assertSame(t, JSON.stringify(t));
  });

  it('takes as strict JSON exactly what JSON.parse accepts (the scanner checks the grammar as it reads)', () => {
    const accepts = (t: string) => strictJson(t, { index: 0, lang: 'json', text: t, span: [0, t.length], root: undefined }, 1_000) !== undefined;
    const native = (t: string) => {
      try {
        JSON.parse(t);
        return true;
      } catch {
        return false;
      }
    };
    const same = (t: string, origin: string) => assert.equal(accepts(t), native(t), `${origin}: ${JSON.stringify(t.length > 200 ? t.slice(0, 200) + '…' : t)}`);
    const tricky = [
      '0', '-0', '01', '-01', '1.', '.5', '-', '+1', '1e', '1e+', '1E-2', '1.5e3', '2.', '-.5', '0.0e0', '00', '1x',
      'true', 'tru', 'truex', 'false', 'fals', 'null', 'nul', 'NaN', 'Infinity', 'undefined',
      '""', '"', '"a', '"\\"', '"\\u00e9"', '"\\u00G9"', '"\\u12"', '"\\x41"', '"\\/"', '"\\\\"', '"\\\\\\"', '"tab\\there"', '"raw\ttab"', '"raw\nline"', '"\\u0000"', '"\u007f"', '"\u2028"', '"\ud800"', '"\u0000"', '"\u001f"',
      '{}', '{ }', '{"a":1}', '{"a":1,}', '{,}', '{"a"}', '{"a":}', '{"a" 1}', '{a:1}', "{'a':1}", '{"a":1 "b":2}', '{"a":1}}', '{"a":{"b":[1,{"c":null}]}}',
      '[]', '[ ]', '[1,]', '[,1]', '[1 2]', '[1,,2]', '[[]]', '[[]', ']', '[1]]', '[1] ', ' [1]', '\ufeff[1]', '[1]\u00a0', '[1]\v', '[1]\f',
      '', ' ', '\t\n\r [ 1 ] \r\n', '{"a":1}/* c */', '{"a":1}//', '[1e400]', '[-1e-400]', '[123456789012345678901234567890]',
    ];
    for (const t of tricky) same(t, 'tricky');
    const inputs = [...corpusInputs(), ...exampleInputs()].filter((i) => languageOf(i.name, i.text) === 'json');
    for (const input of inputs) same(input.text, input.origin);
    // Random edits of corpus JSON: a character inserted, deleted or replaced, anywhere.
    const texts = inputs.filter((i) => i.text.length < 20_000).map((i) => i.text);
    const chars = ['{', '}', '[', ']', ':', ',', '"', '\\', ' ', '\n', '0', '-', '1', 'e', '.', 't', 'f', 'n', 'u', 'a', 'E', '+', '\u0001'];
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.nat(), fc.constantFrom('ins', 'del', 'rep'), fc.constantFrom(...chars), (k, at, op, ch) => {
        const t = texts[k];
        const i = at % (t.length + 1);
        const edited = op === 'ins' ? t.slice(0, i) + ch + t.slice(i) : op === 'del' ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + ch + t.slice(i + 1);
        same(edited, `edit ${op} ${JSON.stringify(ch)} at ${i}`);
      }),
      { seed: 31, numRuns: 3_000 },
    );
  });

  it('falls back to momoa, with its messages, where strict JSON ends', () => {
    const texts = ['{"a": "line\nbreak"}', '{"a": 1,}', '{"a": 01}', '', '   ', '{"a": [1, 2}', '{"a": "\\x41"}', '{"a": tru}', '[1] [2]', '\u00a0{}'];
    for (const t of texts) assertSame(t, JSON.stringify(t));
    // A raw line break inside a string: momoa reads it, strict JSON does not.
    assert.equal(parseJson('{"a": "line\nbreak"}').doc.root?.kind, 'map');
  });

  it('stops strict JSON nested deeper than the limit at the bracket that opens the level too deep', () => {
    for (const [open, close] of [['{"a":', '}'], ['[', ']']]) {
      const ok = `${open.repeat(500)}1${close.repeat(500)}`;
      assert.deepEqual(parseJson(ok).problems, []);
      const deep = `${open.repeat(501)}1${close.repeat(501)}`;
      const { doc, problems } = parseJson(deep);
      assert.equal(doc.root, undefined);
      assert.deepEqual(problems.map((p) => [p.limit, p.span]), [['maxDepth', [500 * open.length, 500 * open.length + 1]]]);
      assert.deepEqual(parseJson(deep, { maxDepth: 600 }).problems, []);
    }
  });

  it('finds repeated keys in small and large objects at any depth, as a walk of the tree does', () => {
    const many = Array.from({ length: 20 }, (_, i) => `"k${i}": ${i}`).join(', ');
    const text = `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "AWS::S3::Bucket"}, "B": {${many}, "k7": 1, "k7": 2}}, "A2": [{"x": 1, "x": 2}]}`;
    const f = parseFile('t.json', text);
    assert.deepEqual(
      f.duplicateKeys.map((d) => [d.key, text.slice(d.first[0], d.first[1]), d.first[0] < d.again[0], text.slice(d.again[0], d.again[1])]),
      [
        ['x', '"x"', true, '"x"'],
        ['k7', '"k7"', true, '"k7"'],
        ['k7', '"k7"', true, '"k7"'],
      ],
    );
    assert.deepEqual(f.problems.map((p) => text.slice(p.span[0], p.span[1])), ['"x"', '"k7"', '"k7"']);
    assert.ok(f.problems.every((p) => p.severity === 'warning' && p.message.startsWith('Duplicate key')));
    assert.deepEqual(parseFile('t.json', '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}').duplicateKeys, []);
  });

  it('gives the tree momoa gives on random JSON, compact and indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n'), (value, indent) => {
        const text = typeof indent === 'string' && indent.includes('\r') ? JSON.stringify(value, null, 1).replace(/\n/g, '\r\n') : JSON.stringify(value, null, indent);
        assertSame(text, text);
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });
});
