// Dev aid: runs one rule on the KICS test files of a query and compares with KICS's expected lines.
import { readFileSync, readdirSync } from 'node:fs';
import { lintText } from './test/helpers';
const base = '/work/shared/corpus/kics/cloudformation/';
const pairs: [string, string][] = (process.argv[2] ?? '').split(',').map((p) => p.split('=') as [string, string]);
for (const [query, id] of pairs) {
  const dir = base + query + '/';
  const expected = JSON.parse(readFileSync(dir + 'positive_expected_result.json', 'utf8')) as { line: number; fileName?: string; filename?: string }[];
  for (const f of readdirSync(dir).filter((f) => /^(positive|negative)/.test(f) && !f.endsWith('.json.json') && f !== 'positive_expected_result.json')) {
    const text = readFileSync(dir + f, 'utf8');
    const res = lintText(f.endsWith('.json') ? 'template.json' : 'template.yaml', text);
    const lines = res.findings.filter((x) => x.rule.id === id).map((x) => res.file.lines.positionAt(x.span[0]).line + 1);
    const exp = expected.filter((e) => (e.fileName ?? e.filename) === f).map((e) => e.line);
    console.log(`${id} ${query}/${f}: ours=[${lines}] kics=[${exp}] ${res.errors.length ? 'ERR ' + res.errors[0].slice(0, 200) : ''}`);
  }
}
