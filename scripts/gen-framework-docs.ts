// `npm run docs:frameworks`: writes docs/frameworks.md (scripts/framework-docs.ts). `--check` writes nothing and
// exits 1 when the page is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFrameworkDocs } from './framework-docs';

const file = join(__dirname, '..', 'docs', 'frameworks.md');
const next = renderFrameworkDocs();
let current = '';
try {
  current = readFileSync(file, 'utf8');
} catch {
  // first run
}
if (process.argv.includes('--check')) {
  if (current !== next) {
    process.stderr.write('docs/frameworks.md is out of date (run npm run docs:frameworks)\n');
    process.exit(1);
  }
  process.stdout.write('docs/frameworks.md is current\n');
} else if (current !== next) {
  writeFileSync(file, next);
  process.stdout.write('wrote docs/frameworks.md\n');
}
