// The editor's workspace scan over stdio: it never blocks requests (hover is answered during a scan of a big
// folder), it ends on symlink loops, lists what it could not read, and related locations in another file point at
// that file's lines.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import { generateRepo } from '../../scripts/gen-repo';
import { startServer, type TestClient } from './client';

const DB = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';

describe('workspace scan over stdio', function () {
  this.timeout(180_000);
  const dirs: string[] = [];
  const clients: TestClient[] = [];
  const start = async (dir: string) => {
    const client = await startServer([{ uri: pathToFileURL(dir).toString(), name: 'ws' }]);
    clients.push(client);
    return client;
  };
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-lsp-scan-'));
    dirs.push(dir);
    return dir;
  };
  after(async () => {
    for (const c of clients) await c.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('answers a hover while it scans a big folder, before the scan ends', async () => {
    const dir = tempDir();
    const repo = generateRepo(join(dir, 'repo'), 3000);
    writeFileSync(join(dir, 'db.yaml'), DB);
    const client = await start(dir);
    const uri = pathToFileURL(join(dir, 'db.yaml')).toString();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: DB } });
    await client.diagnostics(uri, (p) => p.version === 1);
    const events: string[] = [];
    const scan = (client.connection.sendRequest('cloudline/scanWorkspace', {}) as Promise<{ files: number; cancelled: boolean }>).then((r) => {
      events.push('scan');
      return r;
    });
    // Wait until the scan is under way (its first progress report), then ask for a hover.
    while (!client.progress.some((p) => p.kind === 'report') && !events.includes('scan')) await new Promise((r) => setTimeout(r, 5));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 14 } })) as Hover | null;
    events.push('hover');
    const result = await scan;
    assert.ok(hover && JSON.stringify(hover.contents).includes('RDS'), JSON.stringify(hover));
    assert.deepEqual(events, ['hover', 'scan'], 'the hover is answered before the scan ends');
    assert.equal(result.cancelled, false);
    // The IaC files of the repository (it also holds package.json files and CI pipelines) and db.yaml.
    assert.equal(result.files, repo.iac + 1);
  });

  it('stops a scan of a big folder when the request is cancelled', async () => {
    const dir = tempDir();
    generateRepo(join(dir, 'repo'), 3000);
    const client = await start(dir);
    const source = new CancellationTokenSource();
    const scan = client.connection.sendRequest('cloudline/scanWorkspace', {}, source.token) as Promise<{ files: number; cancelled: boolean }>;
    while (!client.progress.some((p) => p.kind === 'report')) await new Promise((r) => setTimeout(r, 5));
    source.cancel();
    const result = await scan.catch((e: Error) => ({ error: e.message }));
    // Whether the reply is the result or a cancellation error, the server stops and serves the next request.
    if ('cancelled' in result) assert.equal(result.cancelled, true);
    const after = (await client.connection.sendRequest('cloudline/inventory')) as unknown[];
    assert.ok(after.length < 3000, `the scan stopped before it published all files (${after.length})`);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(client.progress.some((p) => p.kind === 'end'), 'the progress ends');
  });

  it('ends on symlink loops, reports each file once, and lists a FIFO as not read', async function () {
    const dir = tempDir();
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'd', 'db.yaml'), DB);
    symlinkSync('..', join(dir, 'd', 'up'));
    symlinkSync('.', join(dir, 'd', 'self'));
    let fifo = true;
    try {
      execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    } catch {
      fifo = false;
    }
    const client = await start(dir);
    const result = (await client.connection.sendRequest('cloudline/scanWorkspace', {})) as { files: number; cancelled: boolean; unread: number };
    assert.equal(result.cancelled, false);
    assert.equal(result.files, 1);
    assert.equal(result.unread, fifo ? 1 : 0);
    const uri = pathToFileURL(join(dir, 'd', 'db.yaml')).toString();
    await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'CL-AWS-004'));
    assert.ok(!client.received.some((p) => p.uri.includes('/up/') || p.uri.includes('/self/')), 'no file is published under a link name');
  });

  it('related information in a sibling file is at that file\'s line', async () => {
    const dir = tempDir();
    const policyDoc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] });
    const policy = '\n\n\n\n\n\n' + JSON.stringify({ resource: { aws_s3_bucket_policy: { logs: { bucket: '${aws_s3_bucket.logs.id}', policy: policyDoc } } } }, null, 6);
    writeFileSync(join(dir, 'policy.tf.json'), policy);
    const bucket = JSON.stringify({ resource: { aws_s3_bucket: { logs: { bucket: 'x' } } } }, null, 2);
    const client = await start(dir);
    const uri = pathToFileURL(join(dir, 'main.tf.json')).toString();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: bucket } });
    const p = await client.diagnostics(uri, (x) => x.version === 1);
    const d = p.diagnostics.find((x: Diagnostic) => x.code === 'CL-AWS-052');
    assert.ok(d, JSON.stringify(p.diagnostics.map((x) => x.code)));
    const rel = d.relatedInformation![0];
    assert.equal(rel.location.uri, pathToFileURL(join(dir, 'policy.tf.json')).toString());
    const lines = policy.split('\n');
    const line = lines.findIndex((l) => l.includes('"logs"'));
    assert.deepEqual(rel.location.range.start, { line, character: lines[line].indexOf('"logs"') });
  });
});
