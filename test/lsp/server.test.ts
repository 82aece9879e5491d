// The bundled language server over a real stdio connection: diagnostics, hover, quick-fix, edits, settings, close.
import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/model/lines';
import { caret } from '../helpers';
import { startServer, type TestClient } from './client';

const URI = 'file:///work/stack/db.yaml';
const MARKED = 'Resources:\n  Db:\n    Type: AWS::RDS::|DBInstance\n    Properties:\n      Engine: postgres\n      PubliclyAccessible: tr|ue\n';

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}

describe('language server over stdio', function () {
  this.timeout(20_000);
  let client: TestClient;
  let version = 1;

  // Two carets: the first on the resource type, the second in the flagged value.
  const first = caret(MARKED);
  const second = caret(first.text);
  const text = second.text;
  const lines = new LineIndex(text);
  const typeAt = lines.positionAt(first.offset);
  const valueAt = lines.positionAt(second.offset);

  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
  });

  it('publishes a diagnostic with the exact range, code, source, message and documentation link', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version, text } });
    const p = await client.diagnostics(URI);
    const d = p.diagnostics.find((x) => x.code === 'CL-AWS-004')!;
    assert.ok(d, 'CL-AWS-004 is reported');
    assert.deepEqual(d.range, { start: { line: 5, character: 26 }, end: { line: 5, character: 30 } });
    assert.equal(d.source, 'cloudline');
    assert.equal(d.code, 'CL-AWS-004');
    assert.equal(d.severity, 1);
    assert.match(d.message, /^RDS instance Db sets PubliclyAccessible to true.* Amazon RDS is PaaS: AWS patches the engine and the hosts; whether the instance is reachable from the internet is your decision\.$/);
    assert.match(d.codeDescription!.href, /^file:\/\/.*\/dist\/docs\/rds-publicly-accessible\.md$/);
  });

  it('hover on the flagged value shows the responsibility card', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: valueAt })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /### RDS instance is publicly accessible/);
    assert.match(value, /\*\*Amazon RDS\*\* · PaaS/);
    assert.match(value, /\*\*AWS secures:\*\* AWS patches the database engine and the hosts/);
    assert.match(value, /\*\*Yours:\*\* Network reachability/);
    assert.match(value, /\*\*Fix:\*\* Set PubliclyAccessible/);
    assert.match(value, /CIS AWS Foundations Benchmark 3\.0\.0: 2\.3\.3/);
    assert.deepEqual(hover.range, { start: { line: 5, character: 26 }, end: { line: 5, character: 30 } });
  });

  it('hover on the resource type shows the service split even where nothing is wrong', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: typeAt })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /^### AWS::RDS::DBInstance\n\*\*Amazon RDS\*\* · PaaS/);
    // The count is that of the diagnostics published for the resource (the only one in the file).
    const n = client.received.filter((r) => r.uri === URI).at(-1)!.diagnostics.length;
    assert.ok(n > 1);
    assert.ok(value.includes(`**${n} customer-side findings** on \`Db\`.`), value);
  });

  let fixed = '';
  it('offers the quick-fix as a preferred code action whose edit fixes the value', async () => {
    const p = client.received.filter((r) => r.uri === URI).at(-1)!;
    const d = p.diagnostics.find((x) => x.code === 'CL-AWS-004')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d] as Diagnostic[] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, 'Set PubliclyAccessible to false');
    assert.equal(fix.kind, 'quickfix');
    fixed = applyEdits(text, fix.edit!.changes![URI]);
    assert.equal(fixed, text.replace('PubliclyAccessible: true', 'PubliclyAccessible: false'));
    assert.ok(actions.some((a) => a.command?.command === 'cloudline.showRuleDocumentation'));
  });

  it('clears the diagnostic after the edit is applied, without a save', async () => {
    version++;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version }, contentChanges: [{ text: fixed }] });
    const p = await client.diagnostics(URI, (x) => x.version === version);
    assert.deepEqual(p.diagnostics.filter((x) => x.code === 'CL-AWS-004'), []);
    assert.ok(p.diagnostics.length > 0, 'other rules still report on this template');
  });

  it('reports a syntax error while typing, and keeps serving hover from the last text that parsed', async () => {
    version++;
    const broken = text.replace('Engine: postgres', 'Engine: [postgres');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version }, contentChanges: [{ text: broken }] });
    const p = await client.diagnostics(URI, (x) => x.version === version);
    assert.equal(p.diagnostics.length, 1);
    assert.equal(p.diagnostics[0].code, 'syntax-error');
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: typeAt })) as Hover;
    assert.match((hover.contents as { value: string }).value, /AWS::RDS::DBInstance/);
  });

  it('applies a settings change (rule turned off) without a restart', async () => {
    version++;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version }, contentChanges: [{ text }] });
    const has004 = (x: { diagnostics: { code?: unknown }[] }) => x.diagnostics.some((d) => d.code === 'CL-AWS-004');
    let p = await client.diagnostics(URI, (x) => x.version === version);
    assert.ok(has004(p));
    client.settings = { rules: { 'CL-AWS-004': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await client.diagnostics(URI);
    assert.ok(!has004(p), 'the rule is off');
    assert.ok(p.diagnostics.length > 0, 'the other rules still run');
    client.settings = { minimumSeverity: 'critical' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await client.diagnostics(URI);
    assert.deepEqual(p.diagnostics.filter((d) => d.severity === 1 && d.code === 'CL-AWS-004'), [], 'high is below the critical threshold');
    assert.ok(p.diagnostics.every((d) => d.code !== 'CL-AWS-004'));
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await client.diagnostics(URI, has004);
    assert.ok(has004(p));
  });

  it('gives a YAML file that is not IaC no diagnostics at all', async () => {
    const uri = 'file:///work/docker-compose.yaml';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'services:\n  web:\n    image: nginx\n    privileged: true\n' } });
    const p = await client.diagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
  });

  it('clears diagnostics when the document is closed', async () => {
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    const p = await client.diagnostics(URI, (x) => x.diagnostics.length === 0);
    assert.deepEqual(p.diagnostics, []);
  });
});
