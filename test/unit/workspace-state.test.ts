// Workspace state without a connection (server/src/service/workspace-state.ts): options files read once per folder
// and validated with their problems published on the file, settings asked once per document until they change,
// exclusions, sibling files and the scan with its results.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import type { LintResult } from '../../server/src/engine/lint';
import { WorkspaceState } from '../../server/src/service/workspace-state';

const BUCKET = '{"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}}\n';

describe('workspace state', () => {
  let dir: string;
  let published: [string, number | undefined][];
  let configProblems: [string, string[]][];
  let fetched: string[];
  let state: WorkspaceState;
  const uri = (name: string) => pathToFileURL(join(dir, name)).toString();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudline-ws-'));
    published = [];
    configProblems = [];
    fetched = [];
    state = new WorkspaceState(defaultCatalogue(), {
      fetchSettings: async (u) => (fetched.push(u), { exclude: ['skip/**'] }),
      openDocument: () => undefined,
      publish: (u: string, r: LintResult | undefined) => published.push([u, r?.findings.length]),
      publishConfigProblems: (u: string, d: Diagnostic[]) => configProblems.push([u, d.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.message}`)]),
      log: () => undefined,
    });
    state.setFolders([pathToFileURL(dir).toString()]);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and validates a folder\'s .cloudline.yaml once, publishing its problems on it, and again when it changes', async () => {
    writeFileSync(join(dir, '.cloudline.yaml'), 'minimumSeverity: loud\n');
    await state.optionsFor(uri('a.tf.json'));
    await state.optionsFor(uri('b.tf.json'));
    assert.deepEqual(configProblems, [[uri('.cloudline.yaml'), ['0:17 minimumSeverity must be one of info, low, medium, high, critical.']]]);
    writeFileSync(join(dir, '.cloudline.yaml'), 'minimumSeverity: high\n');
    state.configFileChanged(uri('.cloudline.yaml'));
    assert.deepEqual(configProblems[1], [uri('.cloudline.yaml'), []]);
    assert.equal((await state.optionsFor(uri('a.tf.json'))).options.minimumSeverity, 'high');
  });

  it('asks the client for a document\'s settings once, until they change; the settings\' exclude applies', async () => {
    const a = await state.optionsFor(uri('a.tf.json'));
    await state.optionsFor(uri('a.tf.json'));
    assert.deepEqual(fetched, [uri('a.tf.json')]);
    state.settingsChanged();
    await state.optionsFor(uri('a.tf.json'));
    assert.equal(fetched.length, 2);
    assert.equal(a.excluded, false);
    assert.equal((await state.optionsFor(uri('skip/c.tf.json'))).excluded, true);
  });

  it('scans the folders, keeps the results, publishes them, and clears a deleted file', async () => {
    writeFileSync(join(dir, 'main.tf.json'), BUCKET);
    writeFileSync(join(dir, 'other.tf.json'), '{"variable": {"v": {}}}\n');
    const result = await state.scan({ report: () => undefined, cancelled: false });
    assert.equal(result.files, 2);
    assert.equal(result.cancelled, false);
    assert.ok(state.isScanned(uri('main.tf.json')));
    assert.deepEqual(state.moduleContext(uri('main.tf.json')).map((f) => f.uri), [uri('other.tf.json')]);
    assert.ok(state.inventory([]).some((i) => i.uri === uri('main.tf.json') && i.id === 'aws_s3_bucket.b'));
    assert.ok(published.some(([u, n]) => u === uri('main.tf.json') && (n ?? 0) > 0));
    state.deleted(uri('main.tf.json'));
    assert.equal(state.isScanned(uri('main.tf.json')), false);
    assert.deepEqual(published[published.length - 1], [uri('main.tf.json'), undefined]);
  });
});
