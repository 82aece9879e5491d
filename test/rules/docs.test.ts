// Each rule's README.md: its mechanical half (header and the block after the marker) is generated from rule.ts by
// scripts/rule-docs.ts and must be current; its written half has the sections a reader expects, in order.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_DIRS } from '../../rules/index';
import type { Rule } from '../../server/src/engine/rule';
import { MARKER, REQUIRED_SECTIONS, block, fallbackTitle, fixable, formatsPhrase, header, render, split, writtenSections } from '../../scripts/rule-docs';

const rulesDir = join(__dirname, '..', '..', 'rules');
const readme = (i: number) => readFileSync(join(rulesDir, RULE_DIRS[i], 'README.md'), 'utf8');
const examples = (i: number) => readFileSync(join(rulesDir, RULE_DIRS[i], 'examples.yaml'), 'utf8');
const byId = (id: string) => RULES.find((r) => r.id === id)!;
const GENERATED_HEADINGS = ['Rule facts', 'Frameworks', 'Same check in other tools', 'References'];

describe('rule pages (README.md)', () => {
  it('are current (regenerate with npm run docs:pages)', () => {
    const stale = RULES.filter((rule, i) => render(rule, readme(i), examples(i)) !== readme(i)).map((r) => r.id);
    assert.deepEqual(stale, []);
  });

  it('have the generated block once, at the end, after the written half', () => {
    RULES.forEach((rule, i) => {
      const text = readme(i);
      assert.equal(text.split(MARKER).length, 2, `${RULE_DIRS[i]}: one marker`);
      assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'), `${RULE_DIRS[i]}: ends with one newline`);
    });
  });

  it('have the written sections, each once and in order', () => {
    RULES.forEach((rule, i) => {
      const sections = writtenSections(readme(i));
      const positions = REQUIRED_SECTIONS.map((s) => sections.indexOf(s));
      assert.ok(positions.every((p) => p >= 0), `${RULE_DIRS[i]}: lacks ${REQUIRED_SECTIONS.filter((_, k) => positions[k] < 0).join(', ')}`);
      assert.deepEqual([...positions].sort((a, b) => a - b), positions, `${RULE_DIRS[i]}: sections out of order: ${sections.join(' / ')}`);
      for (const s of sections) assert.equal(sections.filter((x) => x === s).length, 1, `${RULE_DIRS[i]}: "${s}" twice`);
      assert.equal(sections[0], REQUIRED_SECTIONS[0], `${RULE_DIRS[i]}: starts with ${sections[0]}`);
    });
  });

  it('cover every rule folder, and say something in each written section (what, why, whose side, how to fix, not reported)', () => {
    assert.equal(RULE_DIRS.length, RULES.length);
    RULES.forEach((rule, i) => {
      for (const part of split(readme(i)).written.split(/^## /m).filter(Boolean)) {
        const [title, ...body] = part.split('\n');
        if ((REQUIRED_SECTIONS as readonly string[]).includes(title.trim())) assert.ok(body.join('\n').trim() !== '', `${RULE_DIRS[i]}: "${title.trim()}" is empty`);
      }
    });
  });

  it('do not repeat the generated facts by hand', () => {
    RULES.forEach((rule, i) => {
      const { written } = split(readme(i));
      for (const h of GENERATED_HEADINGS) assert.ok(!written.includes(`\n## ${h}\n`) && !written.startsWith(`## ${h}\n`), `${RULE_DIRS[i]}: written "## ${h}"`);
      // Framework lines are generated: a written list item that is only "Framework version: controls" duplicates one.
      for (const f of rule.frameworks) {
        const line = `- ${f.framework} ${f.version}: ${f.controls.join(', ')}`;
        assert.ok(!written.includes(line), `${RULE_DIRS[i]}: written "${line}"`);
      }
      for (const url of rule.docs) {
        const items = written.split('\n').filter((l) => l.startsWith('- [') && l.includes(`](${url})`) && /^- \[[^\]]*\]\([^)]*\)$/.test(l));
        assert.deepEqual(items, [], `${RULE_DIRS[i]}: a written link item that only repeats ${url}`);
      }
    });
  });
});

describe('rule page generator (scripts/rule-docs.ts)', () => {
  const rds = byId('CL-AWS-004');

  it('writes the header from the metadata', () => {
    assert.equal(header(rds), '# CL-AWS-004 · rds-publicly-accessible\n\n**RDS instance is publicly accessible** · severity: high · CloudFormation, Terraform (HCL and JSON), Terraform plans\n');
    const lowered = { ...rds, severity: 'low' } as Rule;
    const text = render(lowered, render(rds, 'x\n## What it finds\nA.\n'));
    assert.match(text, /^\*\*RDS instance is publicly accessible\*\* · severity: low · /m);
    assert.match(text, /^\| Severity \| low \(/m);
  });

  it('names the formats from checks and projectChecks', () => {
    const k8s = RULES.find((r) => r.projectChecks?.kubernetes);
    if (k8s) assert.equal(formatsPhrase(k8s), 'Kubernetes manifests (YAML and JSON), across documents and files');
    assert.equal(formatsPhrase(byId('CL-GEN-001')), 'every format');
    assert.equal(formatsPhrase({ ...rds, checks: { kubernetes: rds.checks.cloudformation } } as Rule), 'Kubernetes manifests (YAML and JSON)');
    const sam = { ...rds, checks: { cloudformation: { types: ['AWS::Serverless::Function'], run() {} } } } as unknown as Rule;
    assert.equal(formatsPhrase(sam), 'CloudFormation (incl. AWS SAM)');
  });

  it('reads fixable from the metadata first, else from the examples', () => {
    const withFixed = 'cloudformation-yaml:\n  bad:\n    - name: x\n      code: a\n      fixed: b\n';
    const without = 'cloudformation-yaml:\n  bad:\n    - name: x\n      code: a\n';
    // Every rule declares `fixable` now; a rule object without it (an older rule) falls back to its examples.
    const undeclared = { ...rds, fixable: undefined } as unknown as Rule;
    assert.equal(fixable(rds), true);
    assert.equal(fixable(undeclared), undefined);
    assert.equal(fixable(undeclared, withFixed), true);
    assert.equal(fixable(undeclared, without), false);
    assert.equal(fixable({ ...rds, fixable: false } as Rule, withFixed), false);
    assert.equal(fixable({ ...rds, fixable: true } as Rule, without), true);
    assert.match(block({ ...rds, fixable: true } as Rule), /^\| Quick-fix \| yes \|$/m);
    assert.match(block({ ...rds, fixable: false } as Rule), /^\| Quick-fix \| no \|$/m);
    assert.doesNotMatch(block(undeclared), /Quick-fix/);
  });

  it('writes responsibility, frameworks, equivalents and links, escaping table cells', () => {
    const rule = {
      ...rds,
      responsibility: { ...rds.responsibility, customer: 'a | b' },
      frameworks: [{ framework: 'PCI DSS', version: '4.0', controls: ['1.4.1', '1.3.1'] }],
      equivalents: { polaris: ['p'], checkov: ['CKV_1', 'CKV_2'], kubeLinter: ['k'] },
      docs: ['https://docs.aws.amazon.com/a/b/page.html#frag', 'https://example.com/x'],
    } as Rule;
    const titles = new Map([['https://example.com/x', 'Example']]);
    assert.equal(
      block(rule, titles, 'k: {}\n'),
      [
        MARKER,
        '## Rule facts',
        '',
        '| ID | `CL-AWS-004` |',
        '|---|---|',
        '| Slug | `rds-publicly-accessible` |',
        '| Severity | high (change it or turn the rule off with `cloudline.rules` or `.cloudline.yaml`) |',
        '| Formats | CloudFormation, Terraform (HCL and JSON), Terraform plans |',
        '| Resource types | `AWS::RDS::DBInstance`, `AWS::RDS::DBCluster`, `aws_db_instance`, `aws_rds_cluster_instance` |',
        '| Quick-fix | yes |',
        '| Owner | customer |',
        '| Service model | PaaS |',
        '| Layer | network |',
        `| The provider | ${rds.responsibility.provider} |`,
        '| Yours | a \\| b |',
        '',
        '## Frameworks',
        '',
        '- PCI DSS 4.0: 1.4.1, 1.3.1',
        '',
        '## Same check in other tools',
        '',
        '- Checkov: `CKV_1`, `CKV_2`',
        '- kube-linter: `k`',
        '- Polaris: `p`',
        '',
        '## References',
        '',
        '- [AWS documentation: page (frag)](https://docs.aws.amazon.com/a/b/page.html#frag)',
        '- [Example](https://example.com/x)',
        '',
      ].join('\n'),
    );
  });

  it('keeps the written half and the link titles, and replaces a stale block', () => {
    const page = render(rds, '# old\n\nold summary\n\n## What it finds\nSomething.\n');
    const edited = page.replace(/\[[^\]]+\]\(https:\/\/docs\.aws\.amazon\.com\/AmazonRDS/, '[My title](https://docs.aws.amazon.com/AmazonRDS');
    assert.equal(render(rds, edited), edited);
    assert.ok(render(rds, edited).includes('[My title](https://docs.aws.amazon.com/AmazonRDS'));
    const { written } = split(page);
    assert.equal(written, '## What it finds\nSomething.\n\n');
    const stale = page.replace('| Owner | customer |', '| Owner | provider |');
    assert.notEqual(render(rds, stale), stale);
    assert.equal(render(rds, stale), page);
  });

  it('titles an untitled link from its URL', () => {
    assert.equal(fallbackTitle('https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#publicly_accessible'), 'Terraform aws_db_instance (publicly_accessible)');
    // The google provider names some pages with its prefix already (the IAM family): not prefixed twice.
    assert.equal(fallbackTitle('https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_iam'), 'Terraform google_project_iam');
    assert.equal(fallbackTitle('https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket'), 'Terraform google_storage_bucket');
    assert.equal(fallbackTitle('https://kubernetes.io/docs/concepts/security/pod-security-standards/'), 'Kubernetes documentation: pod-security-standards');
    assert.equal(fallbackTitle('not a url'), 'not a url');
  });
});
