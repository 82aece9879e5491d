// The editor honours `baseline:` in .cloudline.yaml: findings the baseline holds are hints (or hidden, by the
// cloudline.baselineFindings setting), new ones keep their severity, and a missing or broken baseline is an error on
// the options file at the `baseline:` value.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type TestClient } from './client';

const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
const DB = (name: string, above = '') => `${above}Resources:\n  ${name}:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n`;

describe('LSP: baseline from .cloudline.yaml', function () {
  this.timeout(60_000);
  let client: TestClient;
  let dir: string;
  const uriOf = (name: string) => pathToFileURL(join(dir, name)).toString();
  let version = 1;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudline-lsp-baseline-'));
    mkdirSync(join(dir, 'cfn'));
    mkdirSync(join(dir, 'ci'));
    writeFileSync(join(dir, 'cfn', 'db.yaml'), DB('Db'));
    // The baseline written by the CLI, in a subfolder: its file names are relative to it (../cfn/db.yaml).
    const r = spawnSync(process.execPath, [cli, 'scan', 'cfn', '--write-baseline', 'ci/baseline.json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    writeFileSync(join(dir, '.cloudline.yaml'), 'baseline: ci/baseline.json\n');
    client = await startServer([{ uri: pathToFileURL(dir).toString(), name: 'ws' }]);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (name: string, text: string) => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId: 'yaml', version: ++version, text } });
    return client.diagnostics(uriOf(name), (p) => p.version === version);
  };

  it('baselined findings are hints (dimmed, with their fixes); a new finding keeps its severity', async () => {
    // Lines shifted since the baseline was written, and a second database added.
    const p = await open('cfn/db.yaml', DB('Db', '# edited\n\n') + '  Db2:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n');
    const public4 = p.diagnostics.filter((d) => d.code === 'CL-AWS-004');
    assert.equal(public4.length, 2);
    const [old, fresh] = public4.sort((a, b) => a.range.start.line - b.range.start.line);
    assert.equal(old.severity, 4, 'Hint');
    assert.deepEqual(old.range.start, { line: 6, character: 26 });
    assert.match(old.message, /\(In the baseline\.\)$/);
    assert.equal(old.tags, undefined, 'not marked Unnecessary: the value is not unused code');
    assert.ok((old.data as { fixes: unknown[] }).fixes.length > 0, 'the quick-fix stays');
    assert.equal(fresh.severity, 1);
    assert.doesNotMatch(fresh.message, /In the baseline/);
  });

  it('cloudline.baselineFindings: hide leaves only the new findings', async () => {
    client.settings = { baselineFindings: 'hide' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p = await client.diagnostics(uriOf('cfn/db.yaml'), (x) => x.diagnostics.filter((d) => d.code === 'CL-AWS-004').length === 1);
    const d = p.diagnostics.find((x) => x.code === 'CL-AWS-004')!;
    assert.equal(d.severity, 1);
    assert.ok(p.diagnostics.every((x) => x.severity !== 4));
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(uriOf('cfn/db.yaml'), (x) => x.diagnostics.some((d) => d.severity === 4));
  });

  it('the CodeLens count is what the Problems panel lists: baselined findings (hints or hidden) left out of it and said after it', async () => {
    const uri = uriOf('cfn/db.yaml');
    // As the baseline was written: every finding in it.
    const whole = (await open('cfn/db.yaml', DB('Db'))).diagnostics.filter((d) => d.severity === 4).length;
    // Db: its baselined findings and a new one (backups off); Db2: new only.
    const text = DB('Db', '# edited\n\n').replace('true\n', 'true\n      BackupRetentionPeriod: 0\n') + '  Db2:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';
    const p = await open('cfn/db.yaml', text);
    const db2Line = text.split('\n').indexOf('  Db2:');
    const findings = p.diagnostics.filter((d) => typeof d.code === 'string' && d.code.startsWith('CL-'));
    const onDb = findings.filter((d) => d.range.start.line < db2Line);
    const baselined = onDb.filter((d) => d.severity === 4).length;
    const onDb2 = findings.filter((d) => d.range.start.line >= db2Line);
    assert.ok(baselined >= 2 && onDb.length === baselined + 1, `Db: ${baselined} baselined of ${onDb.length}`);
    assert.ok(onDb2.length >= 2 && onDb2.every((d) => d.severity !== 4));
    const titles = async () => ((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { command: { title: string; command: string } }[]).map((l) => l.command);
    let lenses = await titles();
    assert.equal(lenses.length, 2);
    assert.match(lenses[0].title, new RegExp(` · 1 customer-side finding \\(${baselined} more in the baseline\\)$`));
    assert.match(lenses[1].title, new RegExp(` · ${onDb2.length} customer-side findings$`));
    // Hidden: the same count and note.
    client.settings = { baselineFindings: 'hide' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(uri, (x) => x.diagnostics.every((d) => d.severity !== 4));
    lenses = await titles();
    assert.match(lenses[0].title, new RegExp(` · 1 customer-side finding \\(${baselined} more in the baseline\\)$`));
    assert.match(lenses[1].title, new RegExp(` · ${onDb2.length} customer-side findings$`));
    // Only baselined findings, hidden: none in the Problems panel, none counted.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: DB('Db') }] });
    await client.diagnostics(uri, (x) => x.version === version);
    lenses = await titles();
    assert.equal(lenses.length, 1);
    assert.match(lenses[0].title, new RegExp(` · no customer-side findings \\(${whole} in the baseline\\)$`));
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(uri, (x) => x.diagnostics.some((d) => d.severity === 4));
    // Back to the two databases the next test expects.
    await open('cfn/db.yaml', DB('Db', '# edited\n\n') + '  Db2:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n');
  });

  it('a missing or malformed baseline: an error on .cloudline.yaml at the baseline value, findings shown as usual', async () => {
    const configUri = uriOf('.cloudline.yaml');
    writeFileSync(join(dir, '.cloudline.yaml'), '# options\nbaseline: ci/missing.json\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const problems = await client.diagnostics(configUri, (x) => x.diagnostics.length > 0);
    assert.equal(problems.diagnostics.length, 1);
    assert.deepEqual(problems.diagnostics[0].range, { start: { line: 1, character: 10 }, end: { line: 1, character: 25 } });
    assert.equal(problems.diagnostics[0].severity, 1);
    assert.match(problems.diagnostics[0].message, /^Cannot use the baseline .*missing\.json: no such file/);
    const shown = await client.diagnostics(uriOf('cfn/db.yaml'), (x) => x.diagnostics.filter((d) => d.code === 'CL-AWS-004').length === 2);
    assert.ok(shown.diagnostics.filter((d) => d.code === 'CL-AWS-004').every((d) => d.severity === 1), 'no baseline: every finding as usual');
    writeFileSync(join(dir, 'ci', 'broken.json'), '{"tool": "cloudline"');
    writeFileSync(join(dir, '.cloudline.yaml'), 'baseline: ci/broken.json\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const broken = await client.diagnostics(configUri, (x) => x.diagnostics.some((d) => /broken\.json: not valid JSON/.test(d.message)));
    assert.equal(broken.diagnostics.length, 1);
    writeFileSync(join(dir, '.cloudline.yaml'), 'baseline: 3\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const wrong = await client.diagnostics(configUri, (x) => x.diagnostics.some((d) => /baseline must be the path/.test(d.message)));
    assert.equal(wrong.diagnostics.length, 1);
  });
});
