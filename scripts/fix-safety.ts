// Runs the fix-safety property (test/robustness/fixsafety.ts) over the corpus, every rule example and their CRLF twins,
// for a plain LSP client and for one that runs snippets, and prints what was checked and what failed, by cause.
//   npx tsx scripts/fix-safety.ts [--verbose] [--all-suppressions]
import { defaultCatalogue } from '../server/src/engine/default-catalogue';
import { initHcl } from '../server/src/model/hcl';
import { corpusInputs, exampleInputs, hclCorpusInputs } from '../test/robustness/harness';
import { aliasVariants, checkText, crlfTwin, type ClientKind, type Failure } from '../test/robustness/fixsafety';

void main();

async function main(): Promise<void> {
await initHcl();
const verbose = process.argv.includes('--verbose');
// Every suppression of every file (slow); by default a corpus file's first suppression is checked, for a plain client.
const all = process.argv.includes('--all-suppressions');
const catalogue = defaultCatalogue();
const examples = exampleInputs();
const withVariants = examples.flatMap((i) => [i, ...aliasVariants(i.name, i.text).map((v) => ({ ...i, text: v.text, origin: `${i.origin} (${v.what})`, example: true }))]);
const inputs = [...withVariants.map((i) => ({ ...i, example: true })), ...[...corpusInputs(), ...hclCorpusInputs()].map((i) => ({ ...i, example: false }))];
const texts = inputs.flatMap((i) => {
  const twin = crlfTwin(i.text);
  return twin === undefined ? [i] : [i, { ...i, text: twin, origin: `${i.origin} (CRLF)` }];
});
const t0 = Date.now();
const totals: Record<ClientKind, { fixes: number; suppressions: number; fixAll: number; failures: Failure[]; files: number }> = {
  plain: { fixes: 0, suppressions: 0, fixAll: 0, failures: [], files: 0 },
  snippet: { fixes: 0, suppressions: 0, fixAll: 0, failures: [], files: 0 },
};
for (const input of texts) {
  const cache = new Map();
  for (const client of ['plain', 'snippet'] as const) {
    const r = checkText(input.name, input.text, input.origin, catalogue, client, cache, {
      suppressions: all || input.example ? 'all' : client === 'plain' ? 'first' : 'none',
      fixAll: client === 'plain',
    });
    const t = totals[client];
    t.fixes += r.fixes;
    t.suppressions += r.suppressions;
    t.fixAll += r.fixAll;
    if (r.fixes + r.fixAll > 0) t.files++;
    t.failures.push(...r.failures);
  }
}
console.log(`${texts.length} inputs (${inputs.length} files and their CRLF twins) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
for (const client of ['plain', 'snippet'] as const) {
  const t = totals[client];
  console.log(`\n${client} client: ${t.fixes} quick-fixes, ${t.suppressions} suppressions, ${t.fixAll} fix-alls in ${t.files} files; ${t.failures.length} failures`);
  const byCause = new Map<string, Failure[]>();
  for (const f of t.failures) byCause.set(f.cause, [...(byCause.get(f.cause) ?? []), f]);
  for (const [cause, list] of [...byCause].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${cause}: ${list.length}`);
    for (const f of list.slice(0, verbose ? 1000 : 3)) console.log(`    ${f.origin}: ${f.detail}`);
  }
}
}
