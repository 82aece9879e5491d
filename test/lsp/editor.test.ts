// Editor features over a real connection: CodeLens, fix-all, suppression insertion per format, .cloudline.yaml
// problems and reloads, the workspace scan with progress, and files closed or deleted.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/model/lines';
import { startServer, type TestClient } from './client';

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}

/** Resolves a snippet the way VS Code would if the user typed `reason` for the placeholder. */
function typeIntoSnippet(snippet: string, reason: string): string {
  return snippet.replace(/\$\{1:[^}]*\}/, reason).replace(/\\([$}\\])/g, '$1');
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: shop
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

describe('editor features over stdio', function () {
  this.timeout(30_000);
  let client: TestClient;
  let dir: string;
  const uriOf = (name: string) => pathToFileURL(join(dir, name)).toString();
  let version = 1;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudline-lsp-'));
    mkdirSync(join(dir, 'k8s'));
    mkdirSync(join(dir, 'cfn'));
    writeFileSync(join(dir, 'k8s', 'pod.yaml'), POD);
    writeFileSync(join(dir, 'cfn', 'db.yaml'), 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n');
    writeFileSync(join(dir, 'notes.yaml'), 'just: notes\n');
    // As the VS Code client does: it runs `cloudline.applySnippet`, so snippet actions come as that command.
    client = await startServer([{ uri: pathToFileURL(dir).toString(), name: 'ws' }], { initializationOptions: { cloudline: { applySnippet: true } } });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (name: string, text: string, languageId = name.endsWith('.json') ? 'json' : 'yaml') => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId, version: ++version, text } });
    return client.diagnostics(uriOf(name), (p) => p.version === version);
  };
  const actionsFor = async (name: string, diagnostics: Diagnostic[], only?: string[]) =>
    (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(name) },
      range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, only },
    })) as CodeAction[];

  it('CodeLens above each resource: service model, service and open findings', async () => {
    const p = await open('k8s/pod.yaml', POD);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uriOf('k8s/pod.yaml') } })) as CodeLens[];
    assert.equal(lenses.length, 1);
    assert.deepEqual(lenses[0].range.start, { line: 0, character: 0 });
    assert.equal(lenses[0].command!.title, `Hybrid · Managed Kubernetes (workloads) · ${p.diagnostics.length} customer-side findings`);
    client.settings = { codeLens: { enable: false } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(uriOf('k8s/pod.yaml'));
    const none = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uriOf('k8s/pod.yaml') } })) as CodeLens[];
    assert.deepEqual(none, []);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(uriOf('k8s/pod.yaml'));
  });

  it('source.fixAll.cloudline applies every safe fix at once and leaves the file clean of them', async () => {
    const p = client.received.filter((x) => x.uri === uriOf('k8s/pod.yaml')).at(-1)!;
    const [fixAll] = await actionsFor('k8s/pod.yaml', [], ['source.fixAll.cloudline']);
    assert.equal(fixAll.kind, 'source.fixAll.cloudline');
    assert.equal(fixAll.title, 'Fix all Cloudline problems in this file');
    const fixed = applyEdits(POD, fixAll.edit!.changes![uriOf('k8s/pod.yaml')]);
    assert.match(fixed, /privileged: false/);
    assert.match(fixed, /allowPrivilegeEscalation: false/);
    assert.ok(fixed.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n'), 'text before the edits is unchanged');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('k8s/pod.yaml'), version: ++version }, contentChanges: [{ text: fixed }] });
    const after = await client.diagnostics(uriOf('k8s/pod.yaml'), (x) => x.version === version);
    assert.ok(after.diagnostics.length < p.diagnostics.length);
    assert.ok(!after.diagnostics.some((d) => d.code === 'CL-K8S-001' || d.code === 'CL-K8S-002'));
    // Fixes that need the user's values (resources) are snippets, never applied silently by fix-all.
    assert.ok(after.diagnostics.some((d) => d.code === 'CL-K8S-034'));
    // The source action is offered only when asked for.
    assert.ok((await actionsFor('k8s/pod.yaml', after.diagnostics as Diagnostic[])).every((a) => a.kind === 'quickfix'));
  });

  const suppressionCases: [string, string, string, RegExp][] = [
    ['cfn/db.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n', 'CL-AWS-004', /^ {6}# cloudline-ignore CL-AWS-004 -- replica behind an allow list\n {6}PubliclyAccessible: true$/m],
    ['cfn/db.json', '{\n  "Resources": {\n    "Db": {\n      "Type": "AWS::RDS::DBInstance",\n      "Properties": { "PubliclyAccessible": true }\n    }\n  }\n}\n', 'CL-AWS-004', /"Properties": \{ "PubliclyAccessible": true \},\n {6}"Metadata": \{\n {8}"cloudline": \{\n {10}"ignore": \[\n {12}\{\n {14}"id": "CL-AWS-004",\n {14}"reason": "replica behind an allow list"/],
    ['k8s/pod.yaml', POD, 'CL-K8S-001', /^ {2}namespace: shop\n {2}annotations:\n {4}cloudline\/ignore\.CL-K8S-001: "replica behind an allow list"\n/m],
    ['main.tf.json', '{\n  "resource": {\n    "aws_db_instance": {\n      "db": {\n        "publicly_accessible": true\n      }\n    }\n  }\n}\n', 'CL-AWS-004', /"publicly_accessible": true,\n {8}"\/\/": "cloudline-ignore CL-AWS-004 -- replica behind an allow list"/],
  ];
  for (const [name, text, ruleId, expected] of suppressionCases) {
    it(`"suppress with a reason" in ${name} writes the format's own form, the reason as a snippet placeholder, and silences the finding`, async () => {
      if (name === 'k8s/pod.yaml') {
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(name) } });
      }
      const p = await open(name, text);
      const d = p.diagnostics.find((x) => x.code === ruleId)!;
      assert.ok(d, `${ruleId} reported`);
      const actions = await actionsFor(name, [d as Diagnostic]);
      const suppress = actions.find((a) => a.title.startsWith(`Suppress ${ruleId}`))!;
      assert.ok(suppress, actions.map((a) => a.title).join(', '));
      assert.equal(suppress.command!.command, 'cloudline.applySnippet');
      const [uri, v, range, snippet] = suppress.command!.arguments as [string, number, TextEdit['range'], string];
      assert.equal(uri, uriOf(name));
      assert.equal(v, version);
      assert.match(snippet, /\$\{1:reason\}/);
      const after = applyEdits(text, [{ range, newText: typeIntoSnippet(snippet, 'replica behind an allow list') }]);
      assert.match(after, expected);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(name), version: ++version }, contentChanges: [{ text: after }] });
      const again = await client.diagnostics(uriOf(name), (x) => x.version === version);
      assert.ok(!again.diagnostics.some((x) => x.code === ruleId), `${ruleId} is suppressed`);
      assert.ok(!again.diagnostics.some((x) => x.code === 'syntax-error'));
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(name) } });
    });
  }

  it('reports .cloudline.yaml problems on the file itself and applies its options when fixed', async () => {
    const configUri = uriOf('.cloudline.yaml');
    writeFileSync(join(dir, '.cloudline.yaml'), 'minimumSeverity: urgent\nrules:\n  rds-publicly-accessible: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 1 }] });
    const problems = await client.diagnostics(configUri, (x) => x.diagnostics.length > 0);
    assert.deepEqual(problems.diagnostics.map((d) => [d.range.start, d.message]), [[{ line: 0, character: 17 }, 'minimumSeverity must be one of info, low, medium, high, critical.']]);
    const p = await open('cfn/db.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n');
    assert.ok(!p.diagnostics.some((d) => d.code === 'CL-AWS-004'), 'rules from the file apply even with another option broken');
    writeFileSync(join(dir, '.cloudline.yaml'), 'rules:\n  rds-publicly-accessible: critical\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const cleared = await client.diagnostics(configUri, (x) => x.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
    const again = await client.diagnostics(uriOf('cfn/db.yaml'), (x) => x.diagnostics.some((d) => d.code === 'CL-AWS-004'));
    assert.equal(again.diagnostics.find((d) => d.code === 'CL-AWS-004')!.severity, 1);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf('cfn/db.yaml') } });
    rmSync(join(dir, '.cloudline.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 3 }] });
  });

  it('editor settings override .cloudline.yaml for a rule named by ID in one and by slug in the other', async () => {
    // Was a bug: the layers merged by key and lint looks up the ID first, so the file's "CL-AWS-004: off" won.
    const configUri = uriOf('.cloudline.yaml');
    writeFileSync(join(dir, '.cloudline.yaml'), 'rules:\n  CL-AWS-004: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 1 }] });
    client.settings = { rules: { 'rds-publicly-accessible': 'medium' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p = await open('cfn/db.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n');
    assert.equal(p.diagnostics.find((d) => d.code === 'CL-AWS-004')?.severity, 2, 'reported at the editor\'s medium (a warning)');
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf('cfn/db.yaml') } });
    rmSync(join(dir, '.cloudline.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 3 }] });
  });

  it('scans the workspace with progress, publishing findings for files that are not open', async () => {
    client.progress.length = 0;
    const result = (await client.connection.sendRequest('cloudline/scanWorkspace', {})) as { files: number; findings: number; cancelled: boolean };
    assert.equal(result.cancelled, false);
    assert.equal(result.files, 2, 'cfn/db.yaml and k8s/pod.yaml; notes.yaml is not IaC');
    const pod = await client.diagnostics(uriOf('k8s/pod.yaml'), (x) => x.version === undefined && x.diagnostics.length > 0);
    assert.ok(pod.diagnostics.some((d) => d.code === 'CL-K8S-001'));
    assert.equal(client.progress[0].kind, 'begin');
    assert.equal(client.progress[0].title, 'Cloudline: scanning the workspace');
    assert.equal(client.progress[0].cancellable, true);
    assert.equal(client.progress.at(-1)!.kind, 'end');
    const inventory = (await client.connection.sendRequest('cloudline/inventory')) as { id: string; model: string; service: string; findings: unknown[] }[];
    assert.deepEqual(inventory.map((i) => [i.id, i.model, i.service]).sort(), [['Db', 'PaaS', 'Amazon RDS'], ['Pod/shop/debug', 'Hybrid', 'Managed Kubernetes (workloads)']]);
  });

  it('clears a scanned file\'s diagnostics when it is deleted, and keeps them current when it changes on disk', async () => {
    writeFileSync(join(dir, 'cfn', 'db.yaml'), 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: false\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('cfn/db.yaml'), type: 2 }] });
    // Other rules still report on the changed file; the one that was fixed on disk is gone.
    const changed = await client.diagnostics(uriOf('cfn/db.yaml'), (x) => x.diagnostics.length > 0 && !x.diagnostics.some((d) => d.code === 'CL-AWS-004'));
    assert.ok(changed.diagnostics.some((d) => d.code === 'CL-AWS-055'));
    rmSync(join(dir, 'k8s', 'pod.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('k8s/pod.yaml'), type: 3 }] });
    const deleted = await client.diagnostics(uriOf('k8s/pod.yaml'), (x) => x.diagnostics.length === 0);
    assert.deepEqual(deleted.diagnostics, []);
  });

  it('lints a *.tf.json with its module: a public access block in a sibling file protects the bucket', async () => {
    mkdirSync(join(dir, 'tf'));
    writeFileSync(
      join(dir, 'tf', 's3.tf.json'),
      JSON.stringify({ resource: { aws_s3_bucket_public_access_block: { logs: { bucket: '${aws_s3_bucket.logs.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } } } }),
    );
    const bucket = JSON.stringify({ resource: { aws_s3_bucket: { logs: { bucket: 'x' }, other: { bucket: 'y' } } } }, null, 2);
    const p = await open('tf/main.tf.json', bucket);
    const missing = p.diagnostics.filter((d) => d.code === 'CL-AWS-002');
    assert.equal(missing.length, 1, 'only the bucket without a block');
    assert.equal(missing[0].range.start.line, new LineIndex(bucket).positionAt(bucket.indexOf('"other"')).line);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf('tf/main.tf.json') } });
  });

  it('with cloudline.run = onSave, lints on save only', async () => {
    const name = 'cfn/save.yaml';
    const bad = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';
    await open(name, bad);
    client.settings = { run: 'onSave' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(uriOf(name));
    const typed = ++version;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(name), version: typed }, contentChanges: [{ text: bad.replace('true', 'false') }] });
    const saved = ++version;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(name), version: saved }, contentChanges: [{ text: bad.replace('true', 'fals') }] });
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: uriOf(name) } });
    const p = await client.diagnostics(uriOf(name), (x) => x.version === saved);
    assert.ok(!client.received.some((x) => x.uri === uriOf(name) && x.version === typed), 'no lint while typing');
    assert.ok(p.diagnostics.length > 0);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(name) } });
  });

  it('clears a file that stops being IaC', async () => {
    const p = await open('cfn/other.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n');
    assert.ok(p.diagnostics.length > 0);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('cfn/other.yaml'), version: ++version }, contentChanges: [{ text: 'name: just a list\nitems: [a, b]\n' }] });
    const cleared = await client.diagnostics(uriOf('cfn/other.yaml'), (x) => x.version === version);
    assert.deepEqual(cleared.diagnostics, []);
  });
});
