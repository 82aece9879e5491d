// Dev aid: rewrites rule metadata onto the kit's helpers, without changing what it says: framework objects become
// `nist('AC-3')`, `pci('1.4.4')`, … (rules/kit/frameworks.ts), a list equal to a shared control set becomes its
// constant (`AT_REST`), and CloudFormation reference and Terraform registry links become `cfnDoc`, `cfnGuideDoc` and
// `tfDoc` (rules/kit/docs.ts); the kit import is extended to match. Run it over rule folders written before the kit
// had these (a branch merged later), then `npm run gen && npx tsc -b` and the rule tests (the pages must stay current).
// Usage: node scripts/kit-metadata.mjs rules/aws/x/rule.ts [more files…]   (no arguments: every rules/*/*/rule.ts)
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FRAMEWORKS = new Map([
  ['NIST SP 800-53|Rev. 5', 'nist'],
  ['ISO/IEC 27001|2022', 'iso27001'],
  ['PCI DSS|4.0', 'pci'],
  ['SOC 2|2017', 'soc2'],
  ['SOC 2|TSC 2017', 'soc2'],
  ['CIS AWS Foundations Benchmark|3.0.0', 'cisAws'],
  ['CIS Kubernetes Benchmark|1.9', 'cisK8s'],
  ['CIS Kubernetes Benchmark|1.9.0', 'cisK8s'],
  ['NSA/CISA Kubernetes Hardening Guidance|1.2', 'nsaK8s'],
]);

// Must match rules/kit/frameworks.ts.
const SETS = new Map([
  ["[nist('SC-28'), iso27001('A.8.24')]", 'AT_REST'],
  ["[nist('SC-8'), pci('4.2.1')]", 'IN_TRANSIT'],
  ["[nist('SC-8'), pci('4.2.1'), iso27001('A.8.24')]", 'IN_TRANSIT_STORES'],
  ["[nist('SC-8', 'SC-13'), pci('4.2.1')]", 'TLS_VERSIONS'],
  ["[nist('AC-3', 'SC-7'), pci('1.4.4')]", 'NOT_PUBLIC'],
  ["[nist('SI-2'), iso27001('A.8.8')]", 'PATCHING'],
  ["[nist('CP-9'), iso27001('A.8.13'), soc2('A1.2')]", 'BACKUPS'],
  ["[nist('AU-2', 'AU-12')]", 'AUDIT_LOGGING'],
  ["[nist('IA-5(7)'), pci('8.6.2'), iso27001('A.5.17')]", 'NO_EMBEDDED_SECRETS'],
  ["[nist('CM-2', 'SI-7')]", 'IMAGE_INTEGRITY'],
]);

const ENTRY = /\{ framework: '([^']+)', version: '([^']+)', controls: \[([^\]]*)\] \}/g;
const HELPERS = new Set(['nist', 'iso27001', 'pci', 'soc2', 'cisAws', 'cisK8s', 'nsaK8s']);

function rewrite(text) {
  const used = new Set();
  const call = (framework, version, controls) => {
    const fn = FRAMEWORKS.get(`${framework}|${version}`);
    if (!fn) throw new Error(`unknown framework ${framework} ${version}`);
    used.add(fn);
    return `${fn}(${controls})`;
  };
  // A frameworks list written one entry a line becomes one line; then any entry left.
  let out = text.replace(/(\n *frameworks: )\[\n((?: *\{ framework: [^\n]*\n)+) *\],/g, (all, head, body) => {
    if (body.replace(ENTRY, '').replace(/[\s,]/g, '') !== '') return all;
    return `${head}[${[...body.matchAll(ENTRY)].map((m) => call(m[1], m[2], m[3])).join(', ')}],`;
  });
  out = out.replace(ENTRY, (_, f, v, c) => call(f, v, c));
  out = out.replace(/(\n {2}frameworks: )(\[.*?\]),\n/, (all, head, list) => {
    const set = SETS.get(list);
    if (!set) return all;
    used.add(set);
    return `${head}${set},\n`;
  });
  out = out.replace(/'https:\/\/registry\.terraform\.io\/providers\/hashicorp\/aws\/latest\/docs\/resources\/([a-z0-9_]+)(?:#([^']*))?'/g, (_, page, anchor) => {
    used.add('tfDoc');
    return `tfDoc('${page}'${anchor ? `, '${anchor}'` : ''})`;
  });
  out = out.replace(/'https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/(UserGuide|TemplateReference)\/([a-zA-Z0-9.-]+?)\.html(?:#([^']*))?'/g, (_, guide, page, anchor) => {
    const fn = guide === 'TemplateReference' ? 'cfnDoc' : 'cfnGuideDoc';
    used.add(fn);
    return `${fn}('${page}'${anchor ? `, '${anchor}'` : ''})`;
  });
  if (out === text) return text;
  const kit = /import \{([^}]*)\} from '((?:\.\.\/)+kit)';/.exec(out);
  if (!kit) throw new Error('no import from the kit to extend');
  const rest = out.slice(kit.index + kit[0].length);
  const bare = (n) => n.replace(/^type /, '');
  // Framework helpers a control-set constant replaced are dropped when nothing else calls them.
  let names = kit[1].split(',').map((n) => n.trim()).filter(Boolean);
  names = names.filter((n) => !HELPERS.has(bare(n)) || new RegExp(`\\b${bare(n)}\\(`).test(rest));
  for (const u of used) if (!names.some((n) => bare(n) === u) && (!HELPERS.has(u) || new RegExp(`\\b${u}\\(`).test(rest))) names.push(u);
  names.sort((a, b) => bare(a).toLowerCase().localeCompare(bare(b).toLowerCase()));
  let line = `import { ${names.join(', ')} } from '${kit[2]}';`;
  if (line.length > 160) line = `import {\n${names.map((n) => `  ${n},\n`).join('')}} from '${kit[2]}';`;
  return out.slice(0, kit.index) + line + rest;
}

function ruleFiles() {
  const out = [];
  for (const group of readdirSync('rules')) {
    if (['kit', 'lib', 'responsibility', 'frameworks'].includes(group) || !statSync(join('rules', group)).isDirectory()) continue;
    for (const slug of readdirSync(join('rules', group))) out.push(join('rules', group, slug, 'rule.ts'));
  }
  return out;
}

const files = process.argv.length > 2 ? process.argv.slice(2) : ruleFiles();
let changed = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const out = rewrite(text);
  if (out !== text) {
    writeFileSync(file, out);
    changed++;
    console.log(file);
  }
}
console.log(`${changed} of ${files.length} files rewritten`);
