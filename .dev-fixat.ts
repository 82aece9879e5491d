// Dev aid: rewrites the `at:` positions of bad examples with what the rule reports (after review!).
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { EXAMPLE_FILES, lintText, spanText } from './test/helpers';
const dir = process.argv[2];
const path = `${dir}/examples.yaml`;
const text = readFileSync(path, 'utf8');
const ex = parse(text);
const id = /id: '([^']+)'/.exec(readFileSync(`${dir}/rule.ts`, 'utf8'))![1];
const lines = text.split('\n');
let fmt = '';
let kind = '';
let current: any;
let k = 0;
const actual = (e: any, f: string) => lintText(EXAMPLE_FILES[f], e.code).findings.filter((x) => x.rule.id === id).map((x, _i, arr) => spanText(lintText(EXAMPLE_FILES[f], e.code), x.span));
for (let i = 0; i < lines.length; i++) {
  const l = lines[i];
  let m;
  if ((m = /^([a-z-]+):\s*$/.exec(l))) fmt = m[1];
  else if ((m = /^  (good|bad):\s*$/.exec(l))) kind = m[1];
  else if ((m = /^    - name: (.*)$/.exec(l))) {
    const e = (ex[fmt][kind] as any[]).find((x) => x.name === (/^".*"$/.test(m![1]) ? JSON.parse(m![1]) : m![1]));
    current = kind === 'bad' && e ? actual(e, fmt) : undefined;
    k = 0;
  } else if ((m = /^(\s+- at: )(\S+)(.*)$/.exec(l)) && current) {
    if (k < current.length) lines[i] = m[1] + current[k] + m[3];
    k++;
  }
}
writeFileSync(path, lines.join('\n'));
