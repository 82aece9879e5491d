// Dev aid: prints this rule's findings (position, message head, fix title) and fixed text for each example.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { applyEdits } from './server/src/engine/edits';
import { EXAMPLE_FILES, lintText, spanText } from './test/helpers';
const [dir, only] = process.argv.slice(2);
const ex = parse(readFileSync(`${dir}/examples.yaml`, 'utf8'));
const id = /id: '([^']+)'/.exec(readFileSync(`${dir}/rule.ts`, 'utf8'))![1];
for (const [format, sets] of Object.entries<any>(ex)) {
  for (const kind of ['bad', 'good']) {
    for (const e of sets[kind] ?? []) {
      if (only && !e.name.includes(only)) continue;
      const res = lintText(EXAMPLE_FILES[format], e.code);
      const mine = res.findings.filter((f) => f.rule.id === id);
      console.log(`== ${format} ${kind}: ${e.name}  problems=${res.problems.length} errors=${res.errors.join(';')}`);
      for (const f of mine) console.log(`   ${spanText(res, f.span)} | ${f.message.split(' Amazon')[0].split(' AWS ')[0]} | fix: ${f.fixes[0]?.title ?? '-'}`);
      const edits = mine.flatMap((f) => f.fixes[0]?.edits ?? []);
      if (edits.length && process.env.FIXED) console.log(applyEdits(e.code, edits));
    }
  }
}
