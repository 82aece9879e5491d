// Custom rules in the editor: a workspace folder's .cloudline/rules/*.yaml apply to that folder's files, a broken rule
// file gets diagnostics at the exact range, and changing a rule file re-lints the open documents.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from './client';

const RULE = [
  'id: ACME-010',
  'title: Pods do not share the host network',
  'severity: medium',
  'message: "{id} sets {path} to {value}"',
  'responsibility: {model: Hybrid, layer: workload, provider: the provider runs the control plane, customer: the pod spec is yours}',
  'match: {format: kubernetes, types: [Pod]}',
  'require: {path: spec.hostNetwork, exists: false}',
  'frameworks: ["nist-800-53-r5: SC-39"]',
  '',
].join('\n');

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers: [{name: app, image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000}]\n';

describe('LSP: custom rules', function () {
  this.timeout(30_000);
  let client: TestClient;
  let dir: string;
  let other: string;
  let version = 1;
  const uriOf = (name: string, base = dir) => pathToFileURL(join(base, name)).toString();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudline-lsp-custom-'));
    other = mkdtempSync(join(tmpdir(), 'cloudline-lsp-custom-other-'));
    mkdirSync(join(dir, '.cloudline', 'rules'), { recursive: true });
    writeFileSync(join(dir, '.cloudline', 'rules', 'acme.yaml'), RULE);
    client = await startServer([
      { uri: pathToFileURL(dir).toString(), name: 'ws' },
      { uri: pathToFileURL(other).toString(), name: 'other' },
    ]);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  });

  const open = async (uri: string, text: string) => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++version, text } });
    return client.diagnostics(uri, (p) => p.version === version);
  };

  it("a folder's custom rule reports on its files, with its message, severity and a link to the rule file", async () => {
    const p = await open(uriOf('pod.yaml'), POD);
    const d = p.diagnostics.find((x) => x.code === 'ACME-010');
    assert.ok(d, JSON.stringify(p.diagnostics.map((x) => x.code)));
    assert.deepEqual(d.range, { start: { line: 5, character: 15 }, end: { line: 5, character: 19 } });
    assert.equal(d.severity, 2);
    assert.equal(d.message, 'Pod/web sets spec.hostNetwork to true. Managed Kubernetes (workloads) is a shared (hybrid) service: the provider runs the control plane; the pod spec is yours.');
    assert.equal(d.codeDescription?.href, uriOf('.cloudline/rules/acme.yaml'));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf('pod.yaml') },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Suppress ACME-010 on Pod/web with a reason…']);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf('pod.yaml') }, position: { line: 5, character: 16 } })) as Hover;
    assert.match(JSON.stringify(hover.contents), /ACME-010/);
  });

  it("the folder's report counts its custom rule's finding and checks the control it cites (the folder's catalogue)", async () => {
    type Answer = { report: { backlog: { ruleId: string; file: string; resource: { id: string } }[]; frameworks: { id: string; checked: { id: string; rules: string[]; resources: { id: string; status: string }[] }[] }[] } };
    const answer = (await client.connection.sendRequest('cloudline/report', { folder: pathToFileURL(dir).toString() })) as Answer;
    assert.deepEqual(
      answer.report.backlog.filter((r) => r.ruleId === 'ACME-010').map((r) => [r.file, r.resource.id]),
      [['pod.yaml', 'Pod/web']],
    );
    // SC-39 is cited by no built-in rule: only the folder's custom rule makes it a checked control, failed by the pod.
    const nist = answer.report.frameworks.find((f) => f.id === 'nist-800-53-r5')!;
    const sc39 = nist.checked.find((c) => c.id === 'SC-39');
    assert.ok(sc39, JSON.stringify(nist.checked.map((c) => c.id)));
    assert.deepEqual(sc39.rules, ['ACME-010']);
    assert.deepEqual(sc39.resources.map((r) => [r.id, r.status]), [['Pod/web', 'failed']]);
    writeFileSync(join(other, 'pod.yaml'), POD);
    const elsewhere = (await client.connection.sendRequest('cloudline/report', { folder: pathToFileURL(other).toString() })) as Answer;
    assert.ok(elsewhere.report.backlog.length > 0, 'the other folder has built-in findings');
    assert.ok(!elsewhere.report.backlog.some((r) => r.ruleId === 'ACME-010'));
    assert.ok(!elsewhere.report.frameworks.find((f) => f.id === 'nist-800-53-r5')!.checked.some((c) => c.id === 'SC-39'));
  });

  it("another folder's files do not get it", async () => {
    const p = await open(uriOf('pod.yaml', other), POD);
    assert.ok(!p.diagnostics.some((x) => x.code === 'ACME-010'));
    assert.ok(p.diagnostics.some((x) => String(x.code).startsWith('CL-K8S-')), 'built-in rules still apply');
  });

  it('a broken rule file gets error diagnostics at the exact range, and its rule goes; fixing it brings the rule back', async () => {
    const ruleUri = uriOf('.cloudline/rules/acme.yaml');
    writeFileSync(join(dir, '.cloudline', 'rules', 'acme.yaml'), RULE.replace('severity: medium', 'severity: severe'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ruleUri, type: 2 }] });
    const problems = await client.diagnostics(ruleUri, (x) => x.diagnostics.length > 0);
    assert.deepEqual(
      problems.diagnostics.map((d) => [d.range, d.severity, d.code, d.message]),
      [[{ start: { line: 2, character: 10 }, end: { line: 2, character: 16 } }, 1, 'custom-rule', 'severity must be one of info, low, medium, high, critical.']],
    );
    const gone = await client.diagnostics(uriOf('pod.yaml'), (x) => !x.diagnostics.some((d) => d.code === 'ACME-010'));
    assert.ok(gone);

    // Editing the rule (a new severity) re-lints the open document with it.
    writeFileSync(join(dir, '.cloudline', 'rules', 'acme.yaml'), RULE.replace('severity: medium', 'severity: high'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ruleUri, type: 2 }] });
    assert.deepEqual((await client.diagnostics(ruleUri, (x) => x.diagnostics.length === 0)).diagnostics, []);
    const back = await client.diagnostics(uriOf('pod.yaml'), (x) => x.diagnostics.some((d) => d.code === 'ACME-010'));
    assert.equal(back.diagnostics.find((d) => d.code === 'ACME-010')!.severity, 1);
  });

  it('a new rule file is read when created; a deleted one takes its rule and its diagnostics away', async () => {
    const newUri = uriOf('.cloudline/rules/more.yml');
    writeFileSync(join(dir, '.cloudline', 'rules', 'more.yml'), RULE.replace('ACME-010', 'ACME-011').replace('spec.hostNetwork', 'metadata.labels.team').replace('exists: false', 'exists: true').replace('title: Pods', 'colour: red\ntitle: Pods'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: newUri, type: 1 }] });
    const warned = await client.diagnostics(newUri, (x) => x.diagnostics.length > 0);
    assert.deepEqual(warned.diagnostics.map((d) => [d.range.start, d.message.slice(0, 24)]), [[{ line: 1, character: 0 }, 'Unknown key "colour" in ']]);
    writeFileSync(join(dir, '.cloudline', 'rules', 'more.yml'), RULE.replace('ACME-010', 'ACME-011').replace('spec.hostNetwork', 'metadata.labels.team').replace('exists: false', 'exists: true'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: newUri, type: 2 }] });
    const both = await client.diagnostics(uriOf('pod.yaml'), (x) => x.diagnostics.some((d) => d.code === 'ACME-011'));
    const d = both.diagnostics.find((x) => x.code === 'ACME-011')!;
    assert.deepEqual(d.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 8 } }, 'a missing label: at the metadata key');
    rmSync(join(dir, '.cloudline', 'rules', 'more.yml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: newUri, type: 3 }] });
    await client.diagnostics(uriOf('pod.yaml'), (x) => !x.diagnostics.some((d) => d.code === 'ACME-011') && x.diagnostics.some((d) => d.code === 'ACME-010'));
  });
});
