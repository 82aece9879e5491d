// The fix-safety property (see fixsafety.ts) over every rule example (with its CRLF twin and the variants that share a
// resource's Properties through an alias or a merge key), every corpus file the engine reads as IaC that has a fix (and
// its CRLF twin), for a plain LSP client and for one that runs snippets; then a sample through the real server.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile, type LintResult } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';
import { codeActions } from '../../server/src/service/actions';
import { toDiagnostics } from '../../server/src/service/diagnostics';
import { startServer } from '../lsp/client';
import { aliasVariants, applyLspEdits, checkText, crlfTwin, DOC_URI, lineEndProblem, type CheckOptions, type Failure } from './fixsafety';
import { corpusInputs, exampleInputs, hclCorpusInputs, type Input } from './harness';

const catalogue = defaultCatalogue();

interface Tally {
  fixes: number;
  suppressions: number;
  fixAll: number;
  failures: Failure[];
}

function run(inputs: readonly Input[], options: (client: 'plain' | 'snippet', input: Input) => CheckOptions): Tally {
  const t: Tally = { fixes: 0, suppressions: 0, fixAll: 0, failures: [] };
  for (const input of inputs) {
    const cache = new Map<string, LintResult>();
    for (const client of ['plain', 'snippet'] as const) {
      const r = checkText(input.name, input.text, input.origin, catalogue, client, cache, options(client, input));
      t.fixes += r.fixes;
      t.suppressions += r.suppressions;
      t.fixAll += r.fixAll;
      t.failures.push(...r.failures);
    }
  }
  return t;
}

function twins(inputs: readonly Input[]): Input[] {
  return inputs.flatMap((i) => {
    const twin = crlfTwin(i.text);
    return twin === undefined ? [i] : [i, { ...i, text: twin, origin: `${i.origin} (CRLF)` }];
  });
}

function report(t: Tally): string[] {
  return t.failures.slice(0, 15).map((f) => `${f.cause}: ${f.origin}: ${f.detail}`);
}

function hasFix(result: LintResult): boolean {
  return result.findings.some((f) => f.fixes.length > 0);
}

describe('fix safety: every quick-fix, as an LSP client applies it', function () {
  this.timeout(600_000);

  it('every rule example, its CRLF twin, and its variants sharing Properties through an alias or a merge key', () => {
    const base = exampleInputs();
    const variants = base.flatMap((i) => aliasVariants(i.name, i.text).map((v) => ({ ...i, text: v.text, origin: `${i.origin} (${v.what})` })));
    assert.ok(variants.length > 100, `only ${variants.length} alias variants`);
    // Every suppression for a plain client; for a snippet client (the same edit, with a reason typed), the first of a file.
    const t = run([...twins(base), ...variants], (client) => ({ suppressions: client === 'plain' ? 'all' : 'first', fixAll: client === 'plain' }));
    assert.deepEqual(report(t), []);
    assert.ok(t.fixes > 1000 && t.suppressions > 1000 && t.fixAll > 300, `checked ${t.fixes} fixes, ${t.suppressions} suppressions, ${t.fixAll} fix-alls`);
  });

  it('every corpus file read as IaC that has a fix, and its CRLF twin', function () {
    const inputs = corpusInputs();
    if (inputs.length === 0) this.skip();
    // Only files with a fix can break; the first suppression of each file is checked (all of them: scripts/fix-safety.ts).
    const fixable = inputs.filter((i) => {
      const r = lintFile(parseFile(i.name, i.text), catalogue);
      return r.file.isIac && hasFix(r);
    });
    const t = run(twins(fixable), (client) => ({ suppressions: client === 'plain' ? 'first' : 'none', fixAll: client === 'plain' }));
    assert.deepEqual(report(t), []);
    assert.ok(fixable.length > 500 && t.fixes > 10_000, `checked ${t.fixes} fixes in ${fixable.length} files`);
  });

  it('Terraform HCL: every HCL example and the KICS AWS Terraform corpus files with a fix, and their CRLF twins', function () {
    const examples = exampleInputs().filter((i) => i.name.endsWith('.tf'));
    const corpus = hclCorpusInputs();
    if (corpus.length === 0) this.skip();
    const fixable = [...examples, ...corpus].filter((i) => hasFix(lintFile(parseFile(i.name, i.text), catalogue)));
    const t = run(twins(fixable), (client) => ({ suppressions: client === 'plain' ? 'first' : 'none', fixAll: client === 'plain' }));
    assert.deepEqual(report(t), []);
    // Measured on 2026-12-05: 682 files and CRLF twins with a fix, 2,868 quick-fixes (both client kinds), 682 fix-alls.
    assert.ok(fixable.length > 250 && t.fixes > 2000 && t.fixAll > 500, `checked ${t.fixes} fixes and ${t.fixAll} fix-alls in ${fixable.length} HCL files`);
  });

  it('the server over stdio offers the same actions as the service layer, for a plain client and a snippet client', async () => {
    const sample = pick();
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-fixsafety-'));
    const plain = await startServer(null);
    const snippet = await startServer(null, { initializationOptions: { cloudline: { applySnippet: true } } });
    try {
      let version = 1;
      for (const [k, input] of sample.entries()) {
        const path = join(dir, String(k), input.name.replace(/^.*\//, ''));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, input.text);
        const uri = pathToFileURL(path).toString();
        for (const [client, snippets] of [[plain, false], [snippet, true]] as const) {
          const v = ++version;
          await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: path.endsWith('.json') ? 'json' : path.endsWith('.tf') ? 'terraform' : 'yaml', version: v, text: input.text } });
          const published = await client.diagnostics(uri, (p) => p.version === v);
          const wire = (await client.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: published.diagnostics },
          })) as CodeAction[];
          const result = lintFile(parseFile(uri, input.text), catalogue);
          const local = codeActions({ uri, version: v, result, catalogue, config: {}, snippets }, toDiagnostics(result, v, DOC_URI));
          const shape = (a: CodeAction) => ({ title: a.title, edit: a.edit, command: a.command?.command === 'cloudline.applySnippet' ? a.command.arguments : a.command?.command });
          assert.deepEqual(wire.map(shape), local.map(shape), `${input.origin}: the server's actions differ from the service layer's`);
          for (const a of wire) {
            if (!a.edit) continue;
            const after = applyLspEdits(input.text, a.edit.changes?.[uri] ?? []);
            assert.deepEqual(after.problems, [], `${input.origin}: ${a.title}`);
            assert.equal(lineEndProblem(input.text, after.text), undefined, `${input.origin}: ${a.title}`);
            assert.ok(!/\$\{\d+:/.test(JSON.stringify(a.edit)), `${input.origin}: ${a.title}: a plain edit holds a snippet placeholder`);
            assert.deepEqual(parseFile(uri, after.text).problems.filter((p) => p.severity === 'error'), [], `${input.origin}: ${a.title} breaks the file`);
          }
          await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        }
      }
    } finally {
      await plain.stop();
      await snippet.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** About 30 inputs with fixes, from every format, half of them CRLF, snippet fixes and multi-edit fixes included. */
function pick(): Input[] {
  const inputs = [...exampleInputs(), ...corpusInputs(), ...hclCorpusInputs()];
  const chosen: Input[] = [];
  const wanted = [/template\.yaml$/, /template\.json$/, /main\.tf\.json$/, /manifest\.yaml$/, /^kics\/cloudformation\/.*\.yaml$/, /^kics\/kubernetes\//, /^kubernetes-examples\//, /^cfn-lint\//, /main\.tf$/, /^kics\/terraform\/aws\/.*\.tf$/];
  for (const re of wanted) {
    const matching = inputs.filter((i) => re.test(i.name) && hasFix(lintFile(parseFile(i.name, i.text), catalogue))).slice(0, 3);
    chosen.push(...matching);
  }
  // Snippet fixes with several edits (CL-K8S-033 … 036 adding to requests and limits).
  const multi = inputs.filter((i) => /manifest\.yaml$|kubernetes/.test(i.name) && lintFile(parseFile(i.name, i.text), catalogue).findings.some((f) => f.fixes[0]?.snippet && f.fixes[0].edits.length > 1));
  chosen.push(...multi.slice(0, 3));
  return chosen.flatMap((i) => {
    const twin = crlfTwin(i.text);
    return twin === undefined ? [i] : [i, { ...i, text: twin, origin: `${i.origin} (CRLF)` }];
  });
}
