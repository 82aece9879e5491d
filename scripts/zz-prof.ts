import { defaultCatalogue } from '../server/src/engine/default-catalogue';
import { lintFile } from '../server/src/engine/lint';
import { parseFile } from '../server/src/model/parse';
import { initHcl } from '../server/src/model/hcl';
import { genHcl, genPlan } from './gen-terraform';
(async () => {
  await initHcl();
  const kind = process.argv[2];
  const text = kind === 'hcl' ? genHcl(5000) : genPlan(Number(process.argv[3] ?? 1600));
  const name = kind === 'hcl' ? 'main.tf' : 'p.plan.json';
  const c = defaultCatalogue();
  for (let i = 0; i < 40; i++) { const t = performance.now(); lintFile(parseFile(name, text), c); if (i % 10 === 0) console.log(performance.now() - t); }
})();
