// Inventory coverage: runs the responsibility inventory over the shared corpus and prints the share of resources
// classified by service model and service (issue 15 targets at least 95%), per cloud, and the most common
// unclassified types (the next responsibility data to write, in rules/responsibility/).
//
//   npm run inventory:coverage                      Markdown summary
//   npx tsx scripts/inventory-coverage.ts --corpus <dir> [--top N] [--json]
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultCatalogue } from '../server/src/engine/default-catalogue';
import { scan } from '../server/src/engine/scan';
import { initHcl } from '../server/src/model/hcl';
import { TOOL_VERSION } from '../server/src/cli/report';
import { buildInventory, CLOUDS } from '../server/src/report/inventory';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const corpus = resolve(arg('--corpus') ?? join(__dirname, '..', '..', 'shared', 'corpus'));
  const top = Number(arg('--top') ?? 25);
  if (!existsSync(corpus)) {
    process.stderr.write(`inventory-coverage: no corpus at ${corpus} (pass --corpus DIR)\n`);
    process.exitCode = 2;
    return;
  }
  await initHcl();
  const catalogue = defaultCatalogue();
  const outcome = await scan([corpus], catalogue, {}, { base: corpus });
  const inv = buildInventory(outcome.results, catalogue, { toolVersion: TOOL_VERSION, unread: outcome.unread });
  const s = inv.summary;
  const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : '0.0') + '%';
  if (process.argv.includes('--json')) {
    process.stdout.write(
      JSON.stringify({ corpus, summary: s, share: s.resources ? s.classified / s.resources : 0, unclassified: inv.unclassified.map((g) => ({ type: g.type, cloud: g.cloud, count: g.count })) }, null, 2) + '\n',
    );
    return;
  }
  const lines = [
    `# Inventory coverage of ${corpus}`,
    '',
    `${s.resources} resources in ${s.files} IaC files: **${s.classified} classified by model and service (${pct(s.classified, s.resources)})**, ${s.unclassified} unclassified.`,
    '',
    '| Model | Resources |',
    '|---|---:|',
    ...(['IaaS', 'PaaS', 'SaaS', 'Hybrid', 'Unclassified'] as const).map((m) => `| ${m} | ${s.byModel[m]} |`),
    '',
    '| Cloud | Resources | Classified |',
    '|---|---:|---:|',
    ...CLOUDS.map((c) => {
      const un = inv.unclassified.filter((g) => g.cloud === c).reduce((n, g) => n + g.count, 0);
      return `| ${c} | ${s.byCloud[c]} | ${pct(s.byCloud[c] - un, s.byCloud[c])} |`;
    }),
    '',
    `Top ${Math.min(top, inv.unclassified.length)} of ${inv.unclassified.length} unclassified types:`,
    '',
    '| Type | Cloud | Resources |',
    '|---|---|---:|',
    ...inv.unclassified.slice(0, top).map((g) => `| ${g.type}${g.customResource ? ' (custom resource)' : ''} | ${g.cloud} | ${g.count} |`),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

void main();
