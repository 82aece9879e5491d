// Fixes that never corrupt a file: snippet fixes reach every client as valid text, insertion points refuse YAML shapes
// they cannot edit safely, no fix edits text an alias or merge key shares with another resource, and CRLF (and lone
// CR) files keep their line ends.
import { strict as assert } from 'node:assert';
import type { CodeAction } from 'vscode-languageserver';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { applyEdits, Edits } from '../../server/src/engine/edits';
import type { LintResult } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';
import { get, type MapNode } from '../../server/src/model/tree';
import { APPLY_SNIPPET_COMMAND, clientRunsSnippets, codeActions, FIX_ALL_KIND } from '../../server/src/service/actions';
import { toDiagnostics } from '../../server/src/service/diagnostics';
import { fixAllText } from '../../server/src/service/fixall';
import { lintText } from '../helpers';
import { applyLspEdits } from '../robustness/fixsafety';

const catalogue = defaultCatalogue();

function actions(name: string, result: LintResult, snippets: boolean, only?: string[]): CodeAction[] {
  return codeActions({ uri: name, version: 3, result, catalogue, config: {}, snippets }, toDiagnostics(result, 3, (s) => s), only);
}

function applyAction(text: string, name: string, a: CodeAction): string {
  const r = applyLspEdits(text, a.edit?.changes?.[name] ?? []);
  assert.deepEqual(r.problems, []);
  return r.text;
}

const POD_MEMORY_ONLY = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      resources:
        requests:
          memory: 128Mi
        limits:
          memory: 256Mi
`;

describe('fixes: snippets reach every client as valid text', () => {
  it('reads the client flag from initializationOptions or experimental capabilities', () => {
    assert.equal(clientRunsSnippets({ initializationOptions: { cloudline: { applySnippet: true } } }), true);
    assert.equal(clientRunsSnippets({ capabilities: { experimental: { cloudline: { applySnippet: true } } } }), true);
    assert.equal(clientRunsSnippets({ initializationOptions: { cloudline: { applySnippet: 'yes' } } }), false);
    assert.equal(clientRunsSnippets({ initializationOptions: null, capabilities: {} }), false);
  });

  it('a snippet fix with two edits is a plain edit with the defaults for a client without the command', () => {
    const result = lintText('pod.yaml', POD_MEMORY_ONLY);
    const fix = actions('pod.yaml', result, false).find((a) => a.diagnostics?.[0].code === 'CL-K8S-033' && a.title.startsWith('Add resources'))!;
    assert.ok(fix, 'CL-K8S-033 has a fix');
    assert.equal(fix.command, undefined);
    assert.equal(fix.edit!.changes!['pod.yaml'].length, 2);
    const after = applyAction(POD_MEMORY_ONLY, 'pod.yaml', fix);
    assert.equal(
      after,
      POD_MEMORY_ONLY.replace('memory: 128Mi\n', 'memory: 128Mi\n          cpu: "100m"\n').replace('memory: 256Mi\n', 'memory: 256Mi\n          cpu: "500m"\n'),
    );
    assert.deepEqual(lintText('pod.yaml', after).findings.filter((f) => /^CL-K8S-03[3-6]$/.test(f.rule.id)), []);
  });

  it('a snippet fix with two edits is one snippet command for a client that runs it, the text between kept', () => {
    const result = lintText('pod.yaml', POD_MEMORY_ONLY);
    const fix = actions('pod.yaml', result, true).find((a) => a.diagnostics?.[0].code === 'CL-K8S-033' && a.title.startsWith('Add resources'))!;
    assert.equal(fix.edit, undefined);
    assert.equal(fix.command!.command, APPLY_SNIPPET_COMMAND);
    const [uri, version, range, snippet] = fix.command!.arguments as [string, number, { start: { line: number; character: number }; end: { line: number; character: number } }, string];
    assert.equal(uri, 'pod.yaml');
    assert.equal(version, 3);
    assert.deepEqual(range, { start: { line: 10, character: 23 }, end: { line: 12, character: 23 } });
    assert.equal(snippet, '\n          cpu: "${1:100m}"\n        limits:\n          memory: 256Mi\n          cpu: "${2:500m}"');
  });

  it('"suppress with a reason" is a plain edit for a client without the command: a valid suppression whose missing reason is reported', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n    - name: shell\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n';
    const result = lintText('pod.yaml', text);
    const suppress = actions('pod.yaml', result, false).find((a) => a.title.startsWith('Suppress CL-K8S-001'))!;
    assert.equal(suppress.command, undefined);
    const after = applyAction(text, 'pod.yaml', suppress);
    assert.equal(after, text.replace('  name: debug\n', '  name: debug\n  annotations:\n    cloudline/ignore.CL-K8S-001: ""\n'));
    const again = lintText('pod.yaml', after);
    assert.deepEqual(again.problems, []);
    assert.ok(!again.findings.some((f) => f.rule.id === 'CL-K8S-001'));
    assert.deepEqual(again.findings.filter((f) => f.rule.id === 'CL-GEN-001').length, 1);
  });

  it('a YAML comment suppression for a plain client leaves the reason out after "--"', () => {
    const text = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';
    const result = lintText('t.yaml', text);
    const suppress = actions('t.yaml', result, false).find((a) => a.title.startsWith('Suppress CL-AWS-004'))!;
    assert.equal(applyAction(text, 't.yaml', suppress), text.replace('      Publicly', '      # cloudline-ignore CL-AWS-004 --\n      Publicly'));
  });

  it('a template-level finding of a JSON template can be suppressed in the template Metadata', () => {
    const text = '{\n  "Parameters": {\n    "DbPassword": { "Type": "String" }\n  },\n  "Resources": {\n    "T": { "Type": "AWS::SNS::Topic" }\n  }\n}\n';
    const result = lintText('t.json', text);
    assert.ok(result.findings.some((f) => f.rule.id === 'CL-AWS-022'));
    const suppress = actions('t.json', result, false).find((a) => a.title.startsWith('Suppress CL-AWS-022'))!;
    const after = applyAction(text, 't.json', suppress);
    const again = lintText('t.json', after);
    assert.deepEqual(again.problems, []);
    assert.ok(!again.findings.some((f) => f.rule.id === 'CL-AWS-022'), after);
  });
});

describe('fixes: insertion points refuse YAML shapes they cannot edit', () => {
  const mapAt = (text: string, ...path: string[]): { edits: Edits; map: MapNode } => {
    const file = parseFile('x.yaml', text);
    let node = file.docs[0].doc.root;
    for (const k of path) node = get(node, k);
    assert.equal(node?.kind, 'map');
    return { edits: new Edits(file.lines), map: node as MapNode };
  };

  it('adds after the mapping\'s own last pair when a merge key is written last, not inside the anchor', () => {
    const text = 'base: &base\n  a: 1\n  b: 2\nuse:\n  c: 3\n  <<: *base\n';
    const { edits, map } = mapAt(text, 'use');
    assert.equal(applyEdits(text, edits.addPair(map, 'd', 4)), 'base: &base\n  a: 1\n  b: 2\nuse:\n  c: 3\n  d: 4\n  <<: *base\n');
  });

  it('offers nothing for a mapping whose pairs all come from a merge key', () => {
    const text = 'base: &base\n  a: 1\nuse:\n  <<: *base\n';
    const { edits, map } = mapAt(text, 'use');
    assert.deepEqual(edits.addPair(map, 'd', 4), []);
  });

  it('keeps a flow mapping with a trailing comma valid', () => {
    const text = 'm: {a: 1, b: 2,}\n';
    const { edits, map } = mapAt(text, 'm');
    assert.equal(applyEdits(text, edits.addPair(map, 'c', 3)), 'm: {a: 1, b: 2, c: 3}\n');
    const spaced = 'm: { a: 1 , }\n';
    const s = mapAt(spaced, 'm');
    assert.equal(applyEdits(spaced, s.edits.addPair(s.map, 'c', 3)), 'm: { a: 1 , c: 3}\n');
  });

  it('adds to a nested flow mapping before its own brace', () => {
    const text = 'm: {a: {x: 1}, b: 2}\n';
    const { edits, map } = mapAt(text, 'm', 'a');
    assert.equal(applyEdits(text, edits.addPair(map, 'z', 2)), 'm: {a: {x: 1, z: 2}, b: 2}\n');
  });

  it('offers nothing for a mapping written with explicit "? key" entries', () => {
    const text = 'm:\n  ? a\n  : 1\n  ? b\n  : 2\n';
    const { edits, map } = mapAt(text, 'm');
    assert.deepEqual(edits.addPair(map, 'c', 3), []);
  });

  it('a Kubernetes fix on a flow securityContext with a trailing comma keeps the manifest parsing', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext: {runAsNonRoot: true,}\n';
    const result = lintText('pod.yaml', text);
    const f = result.findings.find((x) => x.rule.id === 'CL-K8S-002')!;
    const after = applyEdits(text, f.fixes[0].edits);
    assert.equal(after, text.replace('{runAsNonRoot: true,}', '{runAsNonRoot: true, allowPrivilegeEscalation: false}'));
    assert.deepEqual(lintText('pod.yaml', after).problems, []);
  });

  it('a CloudFormation fix on Properties with a merge key last lands in the resource\'s own text', () => {
    const text = [
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties: &shared',
      '      Engine: mysql',
      '  Db2:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      DBInstanceClass: db.t3.micro',
      '      <<: *shared',
      '',
    ].join('\n');
    const result = lintText('t.yaml', text);
    for (const f of result.findings.filter((x) => x.resource.id === 'Db2')) {
      for (const fix of f.fixes) {
        const after = applyEdits(text, fix.edits);
        assert.ok(after.startsWith(text.slice(0, text.indexOf('  Db2:'))), `${f.rule.id}: the fix edits Db's text`);
        assert.deepEqual(lintText('t.yaml', after).problems, [], `${f.rule.id}: ${after}`);
      }
    }
  });
});

describe('fixes: never through an alias into another resource', () => {
  const SHARED = [
    'Resources:',
    '  A:',
    '    Type: AWS::RDS::DBInstance',
    '    Properties: &p',
    '      PubliclyAccessible: true',
    '  B:',
    '    Type: AWS::RDS::DBInstance',
    '    Properties: *p',
    '',
  ].join('\n');

  it('offers no fix on either resource when the value is shared through an alias', () => {
    const result = lintText('t.yaml', SHARED);
    const findings = result.findings.filter((f) => f.rule.id === 'CL-AWS-004');
    assert.deepEqual(findings.map((f) => f.resource.id).sort(), ['A', 'B']);
    assert.deepEqual(findings.map((f) => f.fixes.length), [0, 0]);
  });

  it('offers no fix that adds to a mapping another resource shares (merge key)', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::RDS::DBInstance\n    Properties: &p\n      Engine: mysql\n  B:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      <<: *p\n';
    const result = lintText('t.yaml', text);
    for (const f of result.findings) {
      for (const fix of f.fixes) {
        for (const e of fix.edits) {
          // A's Properties (shared with B) is never extended; B's own text has no own pair to add after.
          assert.ok(!(e.start >= text.indexOf('&p') && e.start <= text.indexOf('  B:')), `${f.rule.id} on ${f.resource.id} edits the shared mapping`);
        }
      }
    }
  });

  it('offers no fix that adds to a mapping another resource merges, even when that one overrides each of its pairs', () => {
    // B overrides the only pair of A's Properties, so none of A's pairs is in B; a pair added to A would still be.
    const text = 'Resources:\n  A:\n    Type: AWS::EFS::FileSystem\n    Properties: &p\n      Tags: []\n  B:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      Tags: []\n      <<: *p\n';
    const result = lintText('t.yaml', text);
    const a = result.findings.filter((f) => f.resource.id === 'A' && f.rule.id === 'CL-AWS-056');
    assert.equal(a.length, 1, 'A is reported unencrypted');
    assert.deepEqual(a[0].fixes, [], 'adding Encrypted to A would encrypt B too');
    // B's own mapping is B's: its fix lands in B's text.
    const b = result.findings.find((f) => f.resource.id === 'B' && f.rule.id === 'CL-AWS-056')!;
    assert.equal(b.fixes.length, 1);
    assert.ok(b.fixes[0].edits.every((e) => e.start > text.indexOf('  B:')));
  });

  it('still fixes an anchor every user of which is the same resource', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  containers:',
      '    - &c',
      '      name: a',
      '      image: nginx:1.27',
      '      securityContext:',
      '        privileged: true',
      '  initContainers:',
      '    - *c',
      '',
    ].join('\n');
    const result = lintText('pod.yaml', text);
    const f = result.findings.find((x) => x.rule.id === 'CL-K8S-001')!;
    assert.equal(f.fixes.length, 1);
    assert.equal(applyEdits(text, f.fixes[0].edits), text.replace('privileged: true', 'privileged: false'));
  });
});

describe('fixes: line ends', () => {
  const TABLE = 'Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      SSESpecification:\n        SSEEnabled: true\n        KMSMasterKeyId: !GetAtt OrdersKey.Arn\n';

  it('a fix in a CRLF file inserts CRLF line ends, never between CR and LF', () => {
    const text = TABLE.replace(/\n/g, '\r\n');
    const result = lintText('t.yaml', text);
    const f = result.findings.find((x) => x.rule.id === 'CL-AWS-082')!;
    assert.ok(f.fixes.length === 1);
    for (const e of f.fixes[0].edits) assert.ok(!(text[e.start - 1] === '\r' && text[e.start] === '\n'), `edit at ${e.start} is between CR and LF`);
    const after = applyEdits(text, f.fixes[0].edits);
    assert.equal(after, applyEdits(TABLE, lintText('t.yaml', TABLE).findings.find((x) => x.rule.id === 'CL-AWS-082')!.fixes[0].edits).replace(/\n/g, '\r\n'));
  });

  it('fix-all of a CRLF file writes no CR CR LF and no lone LF', () => {
    const text = TABLE.replace(/\n/g, '\r\n');
    const fixed = fixAllText('t.yaml', text, catalogue)!;
    assert.ok(fixed !== undefined && fixed !== text);
    assert.ok(!fixed.includes('\r\r'));
    assert.ok(!/[^\r]\n/.test(fixed));
    const lf = fixAllText('t.yaml', TABLE, catalogue)!;
    assert.equal(fixed, lf.replace(/\n/g, '\r\n'));
  });

  it('the fix-all action range never splits a CRLF', () => {
    const text = TABLE.replace(/\n/g, '\r\n');
    const result = lintText('t.yaml', text);
    const [a] = actions('t.yaml', result, false, [FIX_ALL_KIND]);
    const r = applyLspEdits(text, a.edit!.changes!['t.yaml']);
    assert.deepEqual(r.problems, []);
    assert.equal(r.text, fixAllText('t.yaml', text, catalogue));
  });

  it('a fix in a file with lone CR line ends inserts CR', () => {
    const text = 'apiVersion: v1\rkind: Pod\rmetadata:\r  name: p\rspec:\r  containers:\r    - name: a\r      image: nginx:1.27\r      securityContext:\r        runAsNonRoot: true\r';
    const result = lintText('pod.yaml', text);
    const f = result.findings.find((x) => x.rule.id === 'CL-K8S-002')!;
    const after = applyEdits(text, f.fixes[0].edits);
    assert.equal(after, text.replace('runAsNonRoot: true\r', 'runAsNonRoot: true\r        allowPrivilegeEscalation: false\r'));
  });
});

describe('fixes: suppressions through shared text', () => {
  it('a comment suppression on a line an alias shares goes above the logical ID, silencing this resource only', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::RDS::DBInstance\n    Properties: &p\n      PubliclyAccessible: true\n  B:\n    Type: AWS::RDS::DBInstance\n    Properties: *p\n';
    const result = lintText('t.yaml', text);
    const suppress = actions('t.yaml', result, false).find((a) => a.title === 'Suppress CL-AWS-004 on A with a reason…')!;
    const after = applyAction(text, 't.yaml', suppress);
    assert.equal(after, text.replace('  A:\n', '  # cloudline-ignore CL-AWS-004 --\n  A:\n'));
    const again = lintText('t.yaml', after);
    assert.deepEqual(again.findings.filter((f) => f.rule.id === 'CL-AWS-004').map((f) => f.resource.id), ['B']);
  });
  it('each of two findings at the same shared text gets the actions of its own resource (the second is not taken for the first)', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::RDS::DBInstance\n    Properties: &p\n      PubliclyAccessible: true\n  B:\n    Type: AWS::RDS::DBInstance\n    Properties: *p\n';
    const result = lintText('t.yaml', text);
    const all = actions('t.yaml', result, false).filter((a) => a.title.startsWith('Suppress CL-AWS-004'));
    // Both diagnostics sit on the same range; each one's suppression names its own resource.
    assert.deepEqual(all.map((a) => a.title), ['Suppress CL-AWS-004 on A with a reason…', 'Suppress CL-AWS-004 on B with a reason…']);
    const after = applyAction(text, 't.yaml', all[1]);
    assert.equal(after, text.replace('  B:\n', '  # cloudline-ignore CL-AWS-004 --\n  B:\n'));
    assert.deepEqual(lintText('t.yaml', after).findings.filter((f) => f.rule.id === 'CL-AWS-004').map((f) => f.resource.id), ['A']);
  });
});

describe('fixes: the resource after a shared mapping', () => {
  it('keeps its own suppression: the shared mapping ends before its logical ID', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::RDS::DBInstance\n    Properties: &p\n      PubliclyAccessible: true\n  B:\n    Type: AWS::RDS::DBInstance\n    Properties: *p\n  C:\n    Type: AWS::RDS::DBInstance\n    Properties: *p\n';
    const result = lintText('t.yaml', text);
    const titles = actions('t.yaml', result, false).map((a) => a.title);
    for (const id of ['A', 'B', 'C']) assert.ok(titles.includes(`Suppress CL-AWS-055 on ${id} with a reason…`), `${id}: ${titles.join(', ')}`);
  });
});
