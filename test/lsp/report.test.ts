// The responsibility report and the backlog in the editor, over stdio: `cloudline/report` on a folder answers the
// same report (the whole JSON model) as `cloudline report --format json` run in that folder, from the workspace scan
// (run first, with window progress, when the folder was never scanned); the webview's page carries the nonce in its
// policy and locations as links; an open document's unsaved text counts; `cloudline/backlog` lists the standing
// findings in the backlog's order with their LSP ranges, and marks (or leaves out) the ones the baseline holds.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BacklogItem, ReportAnswer } from '../../server/src/protocol';
import type { Report } from '../../server/src/report/report';
import { startServer, type TestClient } from './client';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'cli', 'fixtures', 'report');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the responsibility report over stdio', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  const clients: TestClient[] = [];
  const workspace = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-lsp-report-'));
    dirs.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    return dir;
  };
  const start = async (dirs: string[]) => {
    const client = await startServer(dirs.map((d, i) => ({ uri: pathToFileURL(d).toString(), name: `ws${i}` })));
    clients.push(client);
    return client;
  };
  after(async () => {
    for (const c of clients) await c.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("answers the CLI's report of the folder, scanning it first with progress; the page is the webview's", async () => {
    const dir = workspace();
    const expected = cli(['report', '--format', 'json'], dir);
    assert.equal(expected.code, 0, expected.stderr);
    const cliReport = JSON.parse(expected.stdout) as Report;
    const client = await start([dir]);
    const answer = (await client.connection.sendRequest('cloudline/report', { nonce: 'n0nce+/=' })) as ReportAnswer;
    // The folder was never scanned: the report ran the workspace scan, with its progress.
    assert.ok(client.progress.some((p) => p.kind === 'begin' && p.title === 'Cloudline: scanning the workspace'), JSON.stringify(client.progress));
    assert.ok(client.progress.some((p) => p.kind === 'end'));
    assert.equal(answer.folder, pathToFileURL(dir).toString());
    assert.deepEqual(answer.report, cliReport);
    // 39: CL-AWS-281 (stop 29) rightly reports the two PostgreSQL databases of stack.yaml on the default parameter group.
    assert.equal(answer.report.summary.findings, 39);
    assert.equal(answer.report.summary.suppressed, 1);
    // The suppressed finding, with its reason and where it is written.
    const accepted = answer.report.frameworks.flatMap((f) => f.checked.flatMap((c) => c.resources.flatMap((r) => r.accepted)));
    assert.ok(accepted.length > 0);
    assert.deepEqual(
      [...new Set(accepted.map((a) => `${a.ruleId} ${a.reason} ${a.where.file}`))],
      [...new Set(cliReport.frameworks.flatMap((f) => f.checked.flatMap((c) => c.resources.flatMap((r) => r.accepted))).map((a) => `${a.ruleId} ${a.reason} ${a.where.file}`))],
    );
    // The backlog's order, as the CLI's.
    assert.deepEqual(
      answer.report.backlog.slice(0, 3).map((r) => [r.rank, r.ruleId, r.file, r.resource.id]),
      [
        [1, 'CL-AWS-030', 'stack.yaml', 'AppSg'],
        [2, 'CL-AWS-004', 'stack.yaml', 'OrdersDb'],
        [3, 'CL-AWS-005', 'main.tf', 'aws_security_group.admin'],
      ],
    );
    assert.deepEqual(answer.files, {
      'main.tf': pathToFileURL(join(dir, 'main.tf')).toString(),
      'stack.yaml': pathToFileURL(join(dir, 'stack.yaml')).toString(),
      'workloads.yaml': pathToFileURL(join(dir, 'workloads.yaml')).toString(),
    });
    // The webview's page: its policy allows only what carries the nonce (escaped in the attribute), locations are links.
    assert.ok(
      answer.html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-n0nce+/='; script-src 'nonce-n0nce+/='">`),
      answer.html.slice(0, 400),
    );
    assert.ok(answer.html.includes('<style nonce="n0nce+/=">'));
    assert.equal(answer.html.match(/<script/g)?.length, 1);
    assert.ok(answer.html.includes('<script nonce="n0nce+/=">'));
    const first = answer.report.backlog[0];
    assert.ok(
      answer.html.includes(`<a href="#" class="loc" data-file="stack.yaml" data-line="${first.line}" data-column="${first.column}" title="Open stack.yaml at line ${first.line}"><code>stack.yaml:${first.line}</code></a>`),
    );

    // Without a nonce: the CLI's page, byte for byte.
    const plain = (await client.connection.sendRequest('cloudline/report', {})) as ReportAnswer;
    const html = cli(['report', '--format', 'html'], dir);
    assert.equal(plain.html, html.stdout);
    // A second report does not scan again: no new progress.
    const progressBefore = client.progress.length;
    await client.connection.sendRequest('cloudline/report', {});
    assert.equal(client.progress.length, progressBefore);
  });

  it("counts an open document's unsaved text, and names a missing folder among several", async () => {
    const a = workspace();
    const b = workspace();
    const client = await start([a, b]);
    await assert.rejects(client.connection.sendRequest('cloudline/report', {}), /name the workspace folder to report on/);
    await assert.rejects(client.connection.sendRequest('cloudline/report', { folder: pathToFileURL(tmpdir()).toString() }), /is not a workspace folder on disk/);
    const uri = pathToFileURL(join(b, 'workloads.yaml')).toString();
    const text = readFileSync(join(b, 'workloads.yaml'), 'utf8').replace(/privileged: true/g, 'privileged: false');
    assert.notEqual(text, readFileSync(join(b, 'workloads.yaml'), 'utf8'));
    const before = (await client.connection.sendRequest('cloudline/report', { folder: pathToFileURL(b).toString() })) as ReportAnswer;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await client.diagnostics(uri, (p) => p.version === 1);
    const after = (await client.connection.sendRequest('cloudline/report', { folder: pathToFileURL(b).toString() })) as ReportAnswer;
    const privileged = (r: Report) => r.backlog.filter((x) => x.ruleId === 'CL-K8S-001').length;
    assert.ok(privileged(before.report) > 0);
    assert.equal(privileged(after.report), 0);
    assert.equal(after.report.summary.findings, before.report.summary.findings - privileged(before.report));
    // The other folder's report is its own (its files only, unchanged by the open document).
    const other = (await client.connection.sendRequest('cloudline/report', { folder: pathToFileURL(a).toString() })) as ReportAnswer;
    assert.deepEqual(other.report, before.report);
    assert.ok(Object.values(other.files).every((u) => u.startsWith(pathToFileURL(a).toString() + '/')));
  });

  it('says so when no folder is open', async () => {
    const client = await start([]);
    await assert.rejects(client.connection.sendRequest('cloudline/report', {}), /open a folder to report on/);
  });

  it("lists the backlog for the view: the report's order, LSP ranges; baselined findings marked, or left out with hide", async () => {
    const dir = workspace();
    const client = await start([dir]);
    const answer = (await client.connection.sendRequest('cloudline/report', {})) as ReportAnswer;
    const backlog = (await client.connection.sendRequest('cloudline/backlog')) as BacklogItem[];
    assert.deepEqual(
      backlog.map((i) => [i.rank, i.ruleId, i.resource, i.uri, i.range.start.line + 1, i.range.start.character + 1, i.why, i.owner, i.fixable]),
      answer.report.backlog.map((r) => [r.rank, r.ruleId, r.resource.id, answer.files[r.file], r.line, r.column, r.why, r.owner, r.fixable]),
    );
    assert.ok(backlog.every((i) => !i.baselined));

    // A baseline of the findings of main.tf, named in .cloudline.yaml.
    const written = cli(['scan', 'main.tf', '--write-baseline', 'baseline.json'], dir);
    assert.equal(written.code, 0, written.stderr);
    writeFileSync(join(dir, '.cloudline.yaml'), 'baseline: baseline.json\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.cloudline.yaml')).toString(), type: 1 }] });
    const inMain = backlog.filter((i) => i.uri.endsWith('/main.tf')).length;
    assert.ok(inMain > 0);
    let marked: BacklogItem[] = [];
    for (let i = 0; i < 100; i++) {
      marked = (await client.connection.sendRequest('cloudline/backlog')) as BacklogItem[];
      if (marked.some((x) => x.baselined)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(
      marked.map((i) => [i.rank, i.ruleId, i.baselined]),
      backlog.map((i) => [i.rank, i.ruleId, i.uri.endsWith('/main.tf')]),
    );
    client.settings = { baselineFindings: 'hide' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    let hidden: BacklogItem[] = [];
    for (let i = 0; i < 100; i++) {
      hidden = (await client.connection.sendRequest('cloudline/backlog')) as BacklogItem[];
      if (hidden.length < backlog.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // Left out before the order is made: ranks run 1…n over what is left, in the same relative order.
    assert.deepEqual(
      hidden.map((i) => [i.rank, i.ruleId, i.resource]),
      backlog.filter((i) => !i.uri.endsWith('/main.tf')).map((i, n) => [n + 1, i.ruleId, i.resource]),
    );
  });
});
