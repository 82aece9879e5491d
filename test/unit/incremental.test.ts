// The incremental YAML re-parse (model/incremental.ts) gives the tree a cold parse gives, also where `yaml` ends a
// block mapping after trailing comments: a comment line indented deeper than an outer mapping but not deeper than the
// re-parsed entry's own mapping belongs to the outer mapping only.
import { strict as assert } from 'node:assert';
import { reparseFile } from '../../server/src/model/incremental';
import { parseFile } from '../../server/src/model/parse';
import { fileDiff } from '../robustness/compare';

/** Inserts `ch` at every offset of [from, to) of `text` and re-parses incrementally; the differences from a cold parse. */
function diffsOfInsertions(text: string, ch: string, from = 0, to = text.length + 1): string[] {
  const out: string[] = [];
  for (let at = from; at < to; at++) {
    const next = text.slice(0, at) + ch + text.slice(at);
    const warm = reparseFile(parseFile('t.yaml', text), next);
    const d = fileDiff(warm.file, parseFile('t.yaml', next));
    if (d) out.push(`${JSON.stringify(ch)} at ${at} (${warm.how}): ${d}`);
  }
  return out;
}

describe('incremental YAML re-parse', () => {
  // kubernetes-examples/web/guestbook/frontend-service.yaml: turning the last line into a comment.
  const service = 'apiVersion: v1\nkind: Service\nspec:\n  # a comment\n  type: NodePort\n  selector:\n    app: guestbook\n    tier: frontend\n';

  it('the last entry of a file turned into a comment: the outer mappings end where a cold parse ends them', () => {
    const at = service.indexOf('  tier');
    const next = service.slice(0, at) + '#' + service.slice(at); // `  #  tier: frontend`
    const warm = reparseFile(parseFile('t.yaml', service), next);
    assert.equal(fileDiff(warm.file, parseFile('t.yaml', next)), undefined);
  });

  it('a comment inserted anywhere near the end of a file, or of a nested mapping, re-parses as a cold parse does', () => {
    assert.deepEqual(diffsOfInsertions(service, '#', service.length - 40), []);
    const nested = 'a:\n  b:\n    c:\n      d: 1\n      e: 2\n  f: 3\ng: 4\n';
    for (const ch of ['#', ' #', '   #', 'x', '\n']) assert.deepEqual(diffsOfInsertions(nested, ch), []);
    const last = 'a:\n  b:\n    c:\n      d: 1\n      e: 2\n   # three\n';
    for (const ch of ['#', ' ', 'x', '\n', '  # c\n']) assert.deepEqual(diffsOfInsertions(last, ch), []);
  });
});
