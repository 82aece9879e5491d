// The LSP lifecycle over raw stdio framing: requests before initialize and after shutdown are refused with the
// protocol's error codes, notifications then are dropped, and `exit` exits 0 after shutdown and 1 without it.
// Also: a client whose hover capability accepts only plain text gets plain-text hover.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

interface Raw {
  readonly proc: ChildProcess;
  send(message: object): void;
  /** The next message from the server that satisfies `pred`. */
  next(pred: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Every message received so far. */
  readonly received: Record<string, unknown>[];
  exited: Promise<number | null>;
}

function spawnRaw(): Raw {
  const proc = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = Buffer.alloc(0);
  const received: Record<string, unknown>[] = [];
  const waiters: { pred: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  proc.stdout!.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const head = buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())![1]);
      if (buf.length < head + 4 + length) return;
      const m = JSON.parse(buf.subarray(head + 4, head + 4 + length).toString()) as Record<string, unknown>;
      buf = buf.subarray(head + 4 + length);
      received.push(m);
      // Server-to-client requests (configuration, registration) get an empty answer.
      if (m.method && m.id !== undefined) raw.send({ id: m.id, result: null });
      for (const w of [...waiters]) if (w.pred(m)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(m));
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const raw: Raw = {
    proc,
    received,
    exited,
    send(message) {
      const s = JSON.stringify({ jsonrpc: '2.0', ...message });
      proc.stdin!.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
    },
    next(pred) {
      const done = received.find(pred);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no such message within 10 s')), 10_000);
        waiters.push({ pred, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
  };
  return raw;
}

const URI = 'file:///work/stack/db.yaml';
const TEXT = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      PubliclyAccessible: true\n';
const byId = (id: number) => (m: Record<string, unknown>) => m.id === id && m.method === undefined;
const initialize = (id: number, hover?: string[]) => ({
  id,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: hover ? { textDocument: { hover: { contentFormat: hover } } } : {} },
});
const hover = (id: number, line: number, character: number) => ({ id, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line, character } } });

describe('language server lifecycle (raw stdio)', function () {
  this.timeout(30_000);
  const started: Raw[] = [];
  const start = () => {
    const r = spawnRaw();
    started.push(r);
    return r;
  };
  after(() => {
    for (const r of started) if (r.proc.exitCode === null) r.proc.kill();
  });

  it('before initialize: requests get ServerNotInitialized (-32002), notifications are dropped', async () => {
    const s = start();
    s.send(hover(1, 2, 12));
    s.send({ id: 2, method: 'shutdown' });
    s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } } });
    assert.equal(((await s.next(byId(1))).error as { code: number }).code, -32002);
    assert.equal(((await s.next(byId(2))).error as { code: number }).code, -32002);
    s.send(initialize(3));
    assert.ok((await s.next(byId(3))).result);
    s.send({ method: 'initialized', params: {} });
    // The document opened before initialize was never opened: no hover, no diagnostics.
    s.send(hover(4, 2, 12));
    assert.equal((await s.next(byId(4))).result, null);
    assert.deepEqual(s.received.filter((m) => m.method === 'textDocument/publishDiagnostics'), []);
    // A second initialize is refused.
    s.send(initialize(5));
    assert.equal(((await s.next(byId(5))).error as { code: number }).code, -32600);
    s.send({ id: 6, method: 'shutdown' });
    await s.next(byId(6));
    s.send({ method: 'exit' });
    assert.equal(await s.exited, 0);
  });

  it('after shutdown: requests get InvalidRequest (-32600), notifications are dropped; exit exits 0', async () => {
    const s = start();
    s.send(initialize(1));
    await s.next(byId(1));
    s.send({ method: 'initialized', params: {} });
    s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } } });
    await s.next((m) => m.method === 'textDocument/publishDiagnostics');
    s.send(hover(2, 2, 12));
    assert.ok((await s.next(byId(2))).result, 'hover answers while running');
    s.send({ id: 3, method: 'shutdown' });
    assert.equal((await s.next(byId(3))).result, null);
    s.send(hover(4, 2, 12));
    s.send({ id: 5, method: 'shutdown' });
    s.send({ method: 'textDocument/didChange', params: { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: TEXT }] } });
    const refused = (await s.next(byId(4))).error as { code: number; message: string };
    assert.equal(refused.code, -32600);
    assert.equal(refused.message, 'The server is shut down: textDocument/hover was sent after shutdown.');
    assert.equal(((await s.next(byId(5))).error as { code: number }).code, -32600);
    s.send({ method: 'exit' });
    assert.equal(await s.exited, 0);
    assert.equal(s.received.filter((m) => m.method === 'textDocument/publishDiagnostics').length, 1, 'the change after shutdown was dropped');
  });

  it('exit without shutdown exits 1, before or after initialize', async () => {
    const a = start();
    a.send({ method: 'exit' });
    assert.equal(await a.exited, 1);
    const b = start();
    b.send(initialize(1));
    await b.next(byId(1));
    b.send({ method: 'initialized', params: {} });
    b.send({ method: 'exit' });
    assert.equal(await b.exited, 1);
  });

  it('a client that accepts only plain text gets plain-text hover', async () => {
    const s = start();
    s.send(initialize(1, ['plaintext']));
    await s.next(byId(1));
    s.send({ method: 'initialized', params: {} });
    s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } } });
    await s.next((m) => m.method === 'textDocument/publishDiagnostics');
    s.send(hover(2, 2, 12));
    const contents = ((await s.next(byId(2))).result as { contents: { kind: string; value: string } }).contents;
    assert.equal(contents.kind, 'plaintext');
    assert.match(contents.value, /^AWS::RDS::DBInstance\nAmazon RDS · PaaS/);
    assert.ok(!contents.value.includes('**'), contents.value);
    s.send({ id: 3, method: 'shutdown' });
    await s.next(byId(3));
    s.send({ method: 'exit' });
    assert.equal(await s.exited, 0);
  });
});
