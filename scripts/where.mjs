// Dev aid: prints line:col-line:col (1-based, end exclusive) of every occurrence of a string in each example of a rule.
// Usage: node scripts/where.mjs rules/aws/x/examples.yaml 'needle'
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
const [file, needle] = process.argv.slice(2);
const ex = parse(readFileSync(file, 'utf8'));
for (const [format, sets] of Object.entries(ex)) {
  for (const kind of ['bad', 'good']) {
    for (const e of sets[kind] ?? []) {
      const lines = e.code.split('\n');
      const hits = [];
      lines.forEach((l, i) => {
        let at = l.indexOf(needle);
        while (at >= 0) { hits.push(`${i + 1}:${at + 1}-${i + 1}:${at + 1 + needle.length}`); at = l.indexOf(needle, at + 1); }
      });
      console.log(`${format} ${kind} ${e.name}: ${hits.join(' ')}`);
    }
  }
}
