// The incremental YAML re-parse (model/incremental.ts) gives the tree a cold parse gives, also where `yaml` ends a
// block mapping after trailing comments: a comment line indented deeper than an outer mapping but not deeper than the
// re-parsed entry's own mapping belongs to the outer mapping only.
import { strict as assert } from 'node:assert';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { reparseFile } from '../../server/src/model/incremental';
import { parseFile } from '../../server/src/model/parse';
import { DocumentLinter } from '../../server/src/service/linter';
import { fileDiff, resultData } from '../robustness/compare';

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

  it('a re-lint after an edit that changes the file\'s indentation unit gives the fixes a cold lint gives', () => {
    // kics service_does_not_target_pod/negative6.yaml: the first indented line sets the unit fixes indent with, so
    // the cached fixes of the unchanged Pod document are stale once ` a` is typed into the Service's metadata.
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
    const catalogue = defaultCatalogue();
    const linter = new DocumentLinter(catalogue);
    linter.lint('t.yaml', 0, text);
    const at = text.indexOf('  name: s') + 1;
    const next = text.slice(0, at) + 'a' + text.slice(at);
    const warm = linter.lint('t.yaml', 1, next).result;
    assert.deepEqual(resultData(warm), resultData(lintFile(parseFile('t.yaml', next), catalogue)));
  });

  it('a re-lint after an edit before a JSON policy written in a YAML string reports inside it where a cold lint does', () => {
    // The string node after the edit is moved to a new span; its parsed JSON was cached with the old offsets.
    const text = "Resources:\n  Central:\n    Type: AWS::Logs::Destination\n    Properties:\n      DestinationName: central\n      DestinationPolicy: '{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"logs:PutSubscriptionFilter\",\"Resource\":\"*\"}]}'\n";
    const catalogue = defaultCatalogue();
    const linter = new DocumentLinter(catalogue);
    linter.lint('t.yaml', 0, text);
    const at = text.indexOf('DestinationName');
    const next = text.slice(0, at) + 'a' + text.slice(at);
    const warm = linter.lint('t.yaml', 1, next).result;
    const cold = lintFile(parseFile('t.yaml', next), catalogue);
    assert.ok(cold.findings.some((f) => f.rule.id === 'CL-AWS-121'), 'the policy is reported');
    assert.deepEqual(resultData(warm), resultData(cold));
  });
});
