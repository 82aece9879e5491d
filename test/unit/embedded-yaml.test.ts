// server/src/model/embedded.ts on YAML: a JSON policy written as a YAML string (a literal or folded block, a quoted or
// plain scalar) gets positions inside the string, so a finding lands on the element, not on the whole string.
import { strict as assert } from 'node:assert';
import { resourcesOf } from '../../server/src/formats';
import { parseFile } from '../../server/src/model/parse';
import { parseEmbeddedJson } from '../../server/src/model/embedded';
import type { Node, ScalarNode } from '../../server/src/model/tree';

function get(n: Node | undefined, key: string): Node | undefined {
  return n?.kind === 'map' ? n.pairs.find((p) => p.key.value === key)?.value : undefined;
}

/** The text of the file at the embedded policy's first statement's Principal and Action. */
function spans(text: string): { principal?: string; action?: string; root?: string } {
  const f = parseFile('t.yaml', text);
  const r = resourcesOf(f).find((x) => x.id === 'P')!;
  const node = r.body.get('PolicyDocument').node as ScalarNode;
  const doc = parseEmbeddedJson(node);
  assert.ok(doc, 'the string parses as JSON');
  const st = (get(doc, 'Statement') as { items: Node[] }).items[0];
  const at = (n: Node | undefined) => (n ? text.slice(n.span[0], n.span[1]) : undefined);
  return { principal: at(get(st, 'Principal')), action: at(get(st, 'Action')), root: at(doc) };
}

const head = 'Resources:\n  P:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      PolicyDocument: ';

describe('embedded JSON in YAML strings', () => {
  it('a literal block, LF and CRLF', () => {
    const body = '|\n        {\n          "Statement": [{"Effect": "Allow",\n            "Principal": "*", "Action": "sqs:*"}]\n        }\n';
    for (const eol of ['\n', '\r\n']) {
      const got = spans((head + body).replace(/\n/g, eol));
      assert.equal(got.principal, '"*"');
      assert.equal(got.action, '"sqs:*"');
      assert.ok(got.root?.startsWith('{') && got.root.endsWith('}'), JSON.stringify(got.root));
    }
  });

  it('a folded block, and a plain scalar over several lines', () => {
    assert.deepEqual(spans(head + '>-\n        {"Statement": [{"Effect": "Allow",\n        "Principal": "*", "Action": "sqs:*"}]}\n'), {
      principal: '"*"',
      action: '"sqs:*"',
      root: '{"Statement": [{"Effect": "Allow",\n        "Principal": "*", "Action": "sqs:*"}]}',
    });
  });

  it('single- and double-quoted strings, with their escapes', () => {
    assert.equal(spans(head + `'{"Statement": [{"Principal": "*", "Action": "it''s"}]}'\n`).action, `"it''s"`);
    assert.equal(spans(head + `"{\\"Statement\\": [{\\"Principal\\": \\"*\\", \\"Action\\": \\"sqs:*\\"}]}"\n`).principal, '\\"*\\"');
  });

  it('falls back to the whole string where the text cannot be aligned (an escape it does not map)', () => {
    const text = head + `"{\\"Statement\\": [{\\"Principal\\": \\"\\u002a\\", \\"Action\\": \\"sqs:*\\"}]}"\n`;
    const whole = text.slice(text.indexOf('"{'), text.length - 1);
    assert.equal(spans(text).principal, whole);
  });
});
