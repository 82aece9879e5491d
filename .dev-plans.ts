import { readFileSync, readdirSync } from 'node:fs';
import { lintText, spanText } from './test/helpers';
const d = '/work/shared/corpus/terraform-plans/';
for (const f of readdirSync(d).filter((f) => f.endsWith('.json'))) {
  const text = readFileSync(d + f, 'utf8');
  const res = lintText('x.plan.json', text);
  for (const x of res.findings.filter((x) => /CL-AWS-0(5[4-9]|6\d|70)/.test(x.rule.id))) {
    console.log(f, x.rule.id, x.resource.id, spanText(res, x.span), JSON.stringify(text.slice(x.span[0], Math.min(x.span[1], x.span[0] + 60))), x.message.slice(0, 90));
  }
}
