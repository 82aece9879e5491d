import { readFileSync } from 'node:fs';
import { initHcl } from '../server/src/model/hcl';
import { parseFile } from '../server/src/model/parse';
import { lintFiles } from '../server/src/engine/lint';
import { defaultCatalogue } from '../server/src/engine/default-catalogue';
void (async () => {
  await initHcl();
  const cat = defaultCatalogue();
  for (const p of process.argv.slice(2)) {
    const text = readFileSync(p, 'utf8');
    const f = parseFile(p.endsWith('.json') ? 'x/main.tf.json' : 'x/main.tf', text);
    const [r] = lintFiles([f], cat);
    console.log('===', p, r.resources.map((x) => x.id).join(', '));
    for (const e of r.errors) console.log('ERR', e.slice(0, 400));
    for (const n of r.notices) console.log('NOTE', n.message.slice(0, 200));
    for (const x of r.findings) console.log(f.lines.positionAt(x.span[0]).line + 1, x.rule.id, x.message.split(' AWS')[0].slice(0, 260));
  }
})();
