// Workspace state without a connection (server/src/service/workspace-state.ts): options files read once per folder
// and validated with their problems published on the file, settings asked once per document until they change,
// exclusions, sibling files and the scan with its results.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFiles, type LintResult } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';
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

  describe('Terraform local modules in the editor, linked as in the CLI', () => {
    const rds = (value: string) => `resource "aws_db_instance" "db" {\n  publicly_accessible = ${value}\n}\n`;
    const write = (name: string, text: string) => {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    };
    const open = new Map<string, string>();
    const versions = new Map<string, number>();
    const edit = (u: string, text: string) => {
      open.set(u, text);
      versions.set(u, (versions.get(u) ?? 0) + 1);
    };
    beforeEach(() => {
      open.clear();
      versions.clear();
      state = new WorkspaceState(defaultCatalogue(), {
        // Each text set is a new version of the open document.
        openDocument: (u) => (open.has(u) ? { version: versions.get(u) ?? 0, getText: () => open.get(u)! } : undefined),
        publish: () => undefined,
        publishConfigProblems: () => undefined,
        log: () => undefined,
      });
      state.setFolders([pathToFileURL(dir).toString()]);
      write('modules/db/main.tf', rds('var.public'));
      write('modules/db/variables.tf', 'variable "public" {\n  default = true\n}\n');
      write('modules/unused/main.tf', rds('true'));
    });
    /** The public-RDS findings of a document linted with its context, as the editor lints it. */
    const publicDb = (name: string) => {
      const text = open.get(uri(name)) ?? require('node:fs').readFileSync(join(dir, name), 'utf8');
      return lintFiles([parseFile(uri(name), text), ...state.moduleContext(uri(name))], defaultCatalogue())[0].findings.filter((f) => f.rule.id === 'CL-AWS-004').length;
    };

    it("a module's file takes its variables from the caller above it (on disk, or as the editor has it)", () => {
      assert.equal(publicDb('modules/db/main.tf'), 1); // no caller: the default (true)
      write('main.tf', 'module "db" {\n  source = "./modules/db"\n  public = false\n}\n');
      assert.equal(publicDb('modules/db/main.tf'), 0);
      assert.deepEqual(
        state.moduleContext(uri('modules/db/main.tf')).map((f) => f.uri).sort(),
        [uri('main.tf'), uri('modules/db/variables.tf')],
      );
      // The caller open with unsaved text: the editor's text wins.
      edit(uri('main.tf'), 'module "db" {\n  source = "./modules/db"\n  public = true\n}\n');
      assert.equal(publicDb('modules/db/main.tf'), 1);
      // Through a variable of the caller, set in its terraform.tfvars.
      edit(uri('main.tf'), 'variable "p" {}\nmodule "db" {\n  source = "./modules/db"\n  public = var.p\n}\n');
      write('terraform.tfvars', 'p = false\n');
      assert.equal(publicDb('modules/db/main.tf'), 0);
    });

    it("a caller's context holds the local modules it calls (../ paths too), and not the others", () => {
      write('envs/prod/main.tf', 'module "db" {\n  source = "../../modules/db"\n  public = false\n}\n');
      assert.deepEqual(
        state.moduleContext(uri('envs/prod/main.tf')).map((f) => f.uri).sort(),
        [uri('modules/db/main.tf'), uri('modules/db/variables.tf')],
      );
      // The document's own text as the editor has it decides what it calls.
      edit(uri('envs/prod/main.tf'), 'module "u" {\n  source = "../../modules/unused"\n}\n');
      assert.deepEqual(state.moduleContext(uri('envs/prod/main.tf')).map((f) => f.uri), [uri('modules/unused/main.tf')]);
      // A source outside the workspace folder is not followed.
      edit(uri('envs/prod/main.tf'), 'module "x" {\n  source = "../../../elsewhere"\n}\n');
      assert.deepEqual(state.moduleContext(uri('envs/prod/main.tf')), []);
    });
  });
});
