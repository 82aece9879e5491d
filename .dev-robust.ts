import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from './test/helpers';
const roots = ['/work/shared/corpus/cfn-lint/templates', '/work/shared/corpus/terraform-plans', '/work/shared/corpus/kics/cloudformation'];
const counts: Record<string, number> = {};
let files = 0;
const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (/\.(ya?ml|json|template)$/.test(f)) check(p); } };
const check = (p: string) => {
  files++;
  const res = lintText(p.endsWith('.plan.json') ? 'x.plan.json' : p, readFileSync(p, 'utf8'));
  for (const e of res.errors) if (/CL-AWS-0(5[4-9]|6\d|70)/.test(e)) console.log('ERROR', p, e.slice(0, 300));
  for (const f of res.findings) if (/CL-AWS-0(5[4-9]|6\d|70)/.test(f.rule.id)) counts[f.rule.id] = (counts[f.rule.id] ?? 0) + 1;
};
roots.forEach(walk);
console.log(files, counts);
