// Frameworks are named and versioned once (rules/kit/frameworks.ts): every rule cites a framework at one version.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_LISTS, RULE_DIRS, RULES } from '../../rules/index';
import { FRAMEWORKS, frameworkOf } from '../../rules/frameworks';
import { cisAws, cisK8s, iso27001, nist, nsaK8s, pci, soc2 } from '../../rules/kit';
import { renderFrameworkDocs } from '../../scripts/framework-docs';

// Every rule cites frameworks and reference links through the kit (none are pending any more).
const PENDING = new Set<string>([]);

describe('framework references', () => {
  it('each framework appears at one version across the catalogue', () => {
    const versions = new Map<string, Set<string>>();
    for (const rule of RULES.filter((r) => !PENDING.has(r.slug))) {
      for (const f of rule.frameworks) {
        if (!versions.has(f.framework)) versions.set(f.framework, new Set());
        versions.get(f.framework)!.add(f.version);
      }
    }
    const several = [...versions].filter(([, v]) => v.size > 1).map(([name, v]) => `${name}: ${[...v].join(', ')}`);
    assert.deepEqual(several, []);
  });

  it('the kit names each framework and its version once', () => {
    assert.deepEqual(nist('AC-3', 'SC-7'), { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-3', 'SC-7'] });
    assert.deepEqual(
      [iso27001('A.8.2'), pci('1.4.4'), soc2('CC6.1'), cisAws('2.3.3'), cisK8s('5.4.2'), nsaK8s('Secrets')].map((f) => `${f.framework} ${f.version}: ${f.controls.join(', ')}`),
      [
        'ISO/IEC 27001 2022: A.8.2',
        'PCI DSS 4.0: 1.4.4',
        'SOC 2 2017: CC6.1',
        'CIS AWS Foundations Benchmark 3.0.0: 2.3.3',
        'CIS Kubernetes Benchmark 1.9: 5.4.2',
        'NSA/CISA Kubernetes Hardening Guidance 1.2: Secrets',
      ],
    );
  });

  it('every framework a rule cites is in the list of known frameworks, spelled exactly so', () => {
    const unknown = new Set<string>();
    for (const rule of RULES) for (const f of rule.frameworks) if (!frameworkOf(f)) unknown.add(`${rule.id}: ${f.framework} ${f.version}`);
    assert.deepEqual([...unknown], []);
    assert.equal(new Set(FRAMEWORKS.map((f) => f.id)).size, FRAMEWORKS.length);
    assert.equal(new Set(FRAMEWORKS.map((f) => `${f.name} ${f.version}`)).size, FRAMEWORKS.length);
  });

  it('every known framework has its bundled control list, with unique IDs', () => {
    assert.deepEqual(CONTROL_LISTS.map((l) => l.framework).sort(), FRAMEWORKS.map((f) => f.id).sort());
    for (const list of CONTROL_LISTS) {
      const ids = list.controls.map((c) => c.id);
      assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], `${list.framework}: a control listed twice`);
      assert.ok(list.source.startsWith('https://'), `${list.framework}: its source`);
    }
  });

  it('every control a rule cites is in its framework\'s list; the list classifies exactly the controls no rule cites', () => {
    const cited = new Map<string, Set<string>>();
    const missing: string[] = [];
    for (const rule of RULES) {
      for (const ref of rule.frameworks) {
        const info = frameworkOf(ref);
        if (!info) continue;
        const list = CONTROL_LISTS.find((l) => l.framework === info.id);
        if (!list) continue;
        if (!cited.has(info.id)) cited.set(info.id, new Set());
        for (const control of ref.controls) {
          cited.get(info.id)!.add(control);
          if (!list.controls.some((c) => c.id === control)) missing.push(`${rule.id}: ${info.id} ${control}`);
        }
      }
    }
    assert.deepEqual(missing, []);
    const misclassified: string[] = [];
    for (const list of CONTROL_LISTS) {
      for (const c of list.controls) {
        const isCited = cited.get(list.framework)?.has(c.id) ?? false;
        if (isCited && c.class) misclassified.push(`${list.framework} ${c.id}: rules cite it, yet it is classed ${c.class}`);
        if (!isCited && !c.class) misclassified.push(`${list.framework} ${c.id}: no rule cites it, and it has no class`);
      }
    }
    assert.deepEqual(misclassified, []);
  });

  it('rules cite frameworks, shared control sets and reference links through the kit, not by hand', () => {
    const byHand = RULE_DIRS.filter((dir) => !PENDING.has(dir.split('/')[1])).flatMap((dir) => {
      const text = readFileSync(join(__dirname, '..', '..', 'rules', dir, 'rule.ts'), 'utf8');
      const found: string[] = [];
      if (/\{ framework: '/.test(text)) found.push('a framework object');
      if (text.includes("'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/")) found.push('a Terraform registry link');
      if (/'https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/(UserGuide|TemplateReference)\/aws-/.test(text)) found.push('a CloudFormation reference link');
      return found.map((f) => `${dir}: ${f}`);
    });
    assert.deepEqual(byHand, []);
  });

  it('docs/frameworks.md is current (regenerate with npm run docs:frameworks)', () => {
    assert.equal(readFileSync(join(__dirname, '..', '..', 'docs', 'frameworks.md'), 'utf8'), renderFrameworkDocs());
  });
});
