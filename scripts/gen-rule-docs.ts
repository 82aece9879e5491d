// `npm run docs:pages`: rewrites the generated parts of every rules/<group>/<slug>/README.md from its rule.ts
// (see scripts/rule-docs.ts). `--check` writes nothing and exits 1 when a page is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_DIRS } from '../rules/index';
import { render } from './rule-docs';

const check = process.argv.includes('--check');
const stale: string[] = [];
RULES.forEach((rule, i) => {
  const dir = join(__dirname, '..', 'rules', RULE_DIRS[i]);
  const file = join(dir, 'README.md');
  const current = readFileSync(file, 'utf8');
  const next = render(rule, current, readFileSync(join(dir, 'examples.yaml'), 'utf8'));
  if (next === current) return;
  stale.push(`rules/${RULE_DIRS[i]}/README.md`);
  if (!check) writeFileSync(file, next);
});
if (check && stale.length) {
  process.stderr.write(`out of date (run npm run docs:pages):\n${stale.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(check ? `all ${RULES.length} rule pages are current\n` : `rewrote ${stale.length} of ${RULES.length} rule pages\n`);
