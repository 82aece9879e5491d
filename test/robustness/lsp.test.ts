// The bundled language server under stress, over stdio: a thousand quick edits then a close leave no diagnostics and
// no memory behind; requests about stale versions, closed or unknown documents are answered without an error;
// cancelled requests break nothing; hostile documents get a problem and the server keeps serving.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { CancellationTokenSource, type CodeAction, type Diagnostic, type Hover, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { LineIndex } from '../../server/src/model/lines';
import { parseFile } from '../../server/src/model/parse';
import { toDiagnostics } from '../../server/src/service/diagnostics';
import { startServer, type TestClient } from '../lsp/client';
import { genCloudFormation } from './gen';

/** Resident memory of a process, in KiB (Linux). */
function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

const RequestCancelled = -32800;

describe('robustness: language server under stress', function () {
  this.timeout(120_000);
  let client: TestClient;
  const last = (uri: string): PublishDiagnosticsParams | undefined => client.received.filter((p) => p.uri === uri).at(-1);

  before(async () => {
    client = await startServer();
  });
  after(async () => {
    await client.stop();
  });

  /**
   * Opens `text` and applies `edits` one-character changes as fast as the pipe takes them, waiting every `every`
   * edits for the lint of that version (so the incremental path runs); returns the text, and closes it unless `keep`.
   */
  async function churn(uri: string, text: string, edits: number, seed: number, every = 100, keep = false): Promise<string> {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    let current = text;
    let s = seed;
    const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let v = 2; v < edits + 2; v++) {
      const lines = new LineIndex(current);
      const at = Math.floor(rnd() * current.length);
      const remove = rnd() < 0.3 && at < current.length ? 1 : 0;
      const insert = remove ? '' : 'axZ1 :-\n'[Math.floor(rnd() * 8)];
      const range = { start: lines.positionAt(at), end: lines.positionAt(at + remove) };
      current = current.slice(0, at) + insert + current.slice(at + remove);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert }] });
      if (v % every === 0) await client.diagnostics(uri, (p) => p.version === v, 30_000);
    }
    if (!keep) await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return current;
  }

  it('a thousand quick edits give, at the end, the diagnostics a cold lint of the final text gives', async () => {
    const uri = 'file:///work/stress/final.yaml';
    const text = await churn(uri, genCloudFormation(200), 1000, 11, 100, true);
    const version = 1001;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version + 1 }, contentChanges: [{ text }] });
    const p = await client.diagnostics(uri, (x) => x.version === version + 1, 30_000);
    const cold = toDiagnostics(lintFile(parseFile(uri, text), defaultCatalogue()), version + 1, () => '');
    const key = (d: Diagnostic) => `${d.code} ${JSON.stringify(d.range)} ${d.message}`;
    assert.deepEqual(p.diagnostics.map(key).sort(), cold.map(key).sort());
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('a document edited 1,000 times quickly and closed ends with an empty publication, and nothing after it', async () => {
    const uri = 'file:///work/stress/churn.yaml';
    await churn(uri, genCloudFormation(300), 1000, 7, 1000);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0, 30_000);
    // Longer than the debounce: no late lint of a closed document may publish after the clear.
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(last(uri)?.diagnostics, []);
  });

  it('memory does not grow with open-edit-close cycles (RSS from /proc, generous bound)', async () => {
    const pid = client.process.pid!;
    const cycle = async (i: number) => {
      const uri = `file:///work/stress/cycle-${i}.yaml`;
      await churn(uri, genCloudFormation(400), 300, i, 100);
      await client.diagnostics(uri, (p) => p.diagnostics.length === 0, 30_000);
    };
    for (let i = 0; i < 3; i++) await cycle(i);
    const before = rssKiB(pid);
    for (let i = 3; i < 11; i++) await cycle(i);
    const after = rssKiB(pid);
    // Eight more cycles of a 400-line template and 300 edits each: a leak of the documents, their trees or their
    // cached results would add megabytes per cycle; garbage collection noise stays well under this bound.
    process.stderr.write(`      server RSS ${(before / 1024).toFixed(0)} MiB → ${(after / 1024).toFixed(0)} MiB over 8 cycles\n`);
    assert.ok(after - before < 60 * 1024, `RSS grew from ${before} KiB to ${after} KiB`);
  });

  describe('stale and odd requests', () => {
    const uri = 'file:///work/stress/stale.yaml';
    const text = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';
    let published: PublishDiagnosticsParams;

    before(async () => {
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'CL-AWS-004'));
    });

    it('a code action for diagnostics of an older version, asked right after an edit, is answered without an error', async () => {
      const d = published.diagnostics.find((x) => x.code === 'CL-AWS-004') as Diagnostic;
      // Version 2 removes the line the diagnostic is on; the request still carries version 1's diagnostic.
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } }, text: '' }] });
      const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
      assert.ok(Array.isArray(actions));
      // Whatever is offered must not edit a version that no longer exists with version 1's ranges.
      for (const a of actions) {
        for (const change of a.edit?.documentChanges ?? []) {
          if ('textDocument' in change) assert.notEqual(change.textDocument.version, 1);
        }
      }
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 27 } });
      assert.ok(hover === null || typeof hover === 'object');
    });

    it('hover and code actions past the end of the text, on closed and on unknown documents, are answered', async () => {
      const far = { line: 10_000, character: 10_000 };
      assert.ok((await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: far })) !== undefined);
      const unknown = 'file:///work/stress/never-opened.yaml';
      assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }), null);
      assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: unknown }, range: { start: far, end: far }, context: { diagnostics: [] } }), []);
      assert.ok(Array.isArray(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: unknown } })));
    });
  });

  describe('cancellation', () => {
    const uri = 'file:///work/stress/cancel.yaml';
    const text = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';

    before(async () => {
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    });

    it('a hover or code action cancelled at once is either answered or refused as cancelled, and the next ones work', async () => {
      const d = last(uri)!.diagnostics.find((x) => x.code === 'CL-AWS-004')!;
      for (let i = 0; i < 20; i++) {
        const source = new CancellationTokenSource();
        const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 27 } }, source.token);
        const action = client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }, source.token);
        source.cancel();
        for (const p of [hover, action]) {
          await p.then(
            () => undefined,
            (e: { code?: number }) => assert.equal(e.code, RequestCancelled, `unexpected error ${JSON.stringify(e)}`),
          );
        }
      }
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 27 } })) as Hover;
      assert.match((hover.contents as { value: string }).value, /publicly accessible/);
    });

    it('a cancelled workspace scan request leaves the server serving', async () => {
      const source = new CancellationTokenSource();
      const scan = client.connection.sendRequest('cloudline/scanWorkspace', {}, source.token);
      source.cancel();
      await scan.then(() => undefined, (e: { code?: number }) => assert.equal(e.code, RequestCancelled));
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 12 } });
      assert.ok(hover);
    });
  });

  describe('hostile documents', () => {
    for (const [what, text, limit] of [
      ['nested 100,000 levels', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: ' + '['.repeat(100_000), 'maxDepth'],
      ['an alias bomb', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\na: &a [x, x, x, x, x, x, x, x, x]\n' + Array.from({ length: 12 }, (_, i) => `a${i}: &a${i} [${Array(9).fill(i ? `*a${i - 1}` : '*a').join(', ')}]`).join('\n') + '\n', 'maxAliasNodes'],
    ] as const) {
      it(`${what}: a diagnostic naming ${limit}, and the server keeps serving`, async () => {
        const uri = `file:///work/stress/${limit}.yaml`;
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        const p = await client.diagnostics(uri, (x) => x.diagnostics.length > 0);
        assert.ok(p.diagnostics.some((d) => d.message.includes(limit)), JSON.stringify(p.diagnostics));
        const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///work/stress/cancel.yaml' }, position: { line: 2, character: 12 } });
        assert.ok(hover);
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        await client.diagnostics(uri, (x) => x.diagnostics.length === 0);
      });
    }
  });
});
