// A rule author's aid (`npm run rule:show -- rules/aws/<slug> [name filter]`): for each example of the rule's
// examples.yaml, prints the findings of that rule (the text at its position, the message head, the first fix's
// title). With FIXED=1 in the environment, also the example's text after the first fix of each finding.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { applyEdits } from '../server/src/engine/edits';
import { EXAMPLE_FILES, lintText, spanText } from '../test/helpers';

const [dir, only] = process.argv.slice(2);
if (!dir) {
  console.error('usage: npm run rule:show -- rules/<group>/<slug> [example name filter]');
  process.exit(2);
}
const ex = parse(readFileSync(`${dir}/examples.yaml`, 'utf8'));
const id = /id: '([^']+)'/.exec(readFileSync(`${dir}/rule.ts`, 'utf8'))![1];
for (const [format, sets] of Object.entries<Record<string, { name: string; code: string }[]>>(ex)) {
  for (const kind of ['bad', 'good']) {
    for (const e of sets[kind] ?? []) {
      if (only && !e.name.includes(only)) continue;
      const res = lintText(EXAMPLE_FILES[format as keyof typeof EXAMPLE_FILES], e.code);
      const mine = res.findings.filter((f) => f.rule.id === id);
      console.log(`== ${format} ${kind}: ${e.name}  problems=${res.problems.length} errors=${res.errors.join(';')}`);
      for (const f of mine) console.log(`   ${spanText(res, f.span)} | ${f.message.split(' Amazon')[0].split(' AWS ')[0]} | fix: ${f.fixes[0]?.title ?? '-'}`);
      const edits = mine.flatMap((f) => f.fixes[0]?.edits ?? []);
      if (edits.length && process.env.FIXED) console.log(applyEdits(e.code, edits));
    }
  }
}
