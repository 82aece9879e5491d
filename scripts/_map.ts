import { readFileSync } from 'node:fs';
import { defaultCatalogue } from '../server/src/engine/default-catalogue';
const L = readFileSync('/work/shared/corpus/kics/labels.jsonl','utf8').split('\n').filter(Boolean).map((l)=>JSON.parse(l));
const T = readFileSync('/work/shared/corpus/kics/labels-terraform.jsonl','utf8').split('\n').filter(Boolean).map((l)=>JSON.parse(l)).filter((l:any)=>l.cloud==='aws');
const cfnName = new Map<string,string>(); for (const l of L) cfnName.set(l.query_id, l.query);
const tfByName = new Map<string,string>(); for (const l of T) tfByName.set(l.query, l.query_id);
const used = new Set<string>();
for (const r of defaultCatalogue().rules) {
  if (!r.checks.terraform) continue;
  const names = (r.equivalents.kics ?? []).map((id)=>cfnName.get(id) ?? ('?'+id));
  const tf = names.filter((n)=>tfByName.has(n));
  tf.forEach((n)=>used.add(n));
  console.log(r.id, r.slug, '| cfn:', names.join(','), '| tf-same:', tf.join(','));
}
console.log('\nTF AWS queries:', [...tfByName.keys()].filter(n=>!used.has(n)).join(' '));
