// `cloudline report` as a user runs it, on a fixture workspace mixing CloudFormation, Kubernetes and Terraform
// (test/cli/fixtures/report): a suppressed finding with its reason, a control with no resources, unclassified types,
// the backlog order. JSON validated against docs/schemas/report.schema.json, totals reconciled with
// `scan --format json` over the same files; Markdown; self-contained, escaped HTML; --framework; exit codes.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { FRAMEWORKS } from '../../rules/frameworks';
import type { Report } from '../../server/src/report/report';
import { runCli } from './run';

const root = join(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'report');
const RULES = ['--rules', 'CL-AWS-003,CL-AWS-004,CL-AWS-005,CL-AWS-030,CL-AWS-034,CL-AWS-054,CL-AWS-055,CL-AWS-080,CL-AWS-083,CL-K8S-001,CL-GEN-001'];

function run(args: string[], cwd = FIXTURE) {
  return runCli(args, cwd);
}

interface ScanJson {
  summary: { findings: number; suppressed: number };
  findings: { ruleId: string; frameworks: { framework: string; version: string }[]; responsibility: { layer: string; model: string } }[];
  suppressed: { ruleId: string; reason: string }[];
}

describe('cloudline report', function () {
  this.timeout(60000);
  let report: Report;
  let scanJson: ScanJson;

  before(() => {
    const r = run(['report', ...RULES, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    report = JSON.parse(r.stdout) as Report;
    const s = run(['scan', ...RULES, '--format', 'json']);
    assert.equal(s.code, 1, s.stderr);
    scanJson = JSON.parse(s.stdout) as ScanJson;
  });

  it('writes versioned JSON that the documented schema validates', () => {
    const schema = JSON.parse(readFileSync(join(root, 'docs', 'schemas', 'report.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: true });
    ajv.addFormat('uri', (s: string) => /^https?:\/\/\S+$/.test(s));
    const validate = ajv.compile(schema);
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
    assert.equal(report.version, 1);
    assert.equal(validate({ ...report, version: 2 }), false);
    assert.equal(validate({ ...report, backlog: [{ ...report.backlog[0], why: '' }] }), false);
    assert.equal(validate({ ...report, summary: { ...report.summary, extra: 1 } }), false);
  });

  it('reconciles its totals exactly with `scan --format json` over the same files', () => {
    assert.equal(report.summary.findings, scanJson.summary.findings);
    assert.equal(report.summary.suppressed, scanJson.summary.suppressed);
    assert.equal(report.summary.suppressed, 1);
    assert.equal(report.backlog.length, scanJson.findings.length);
    assert.deepEqual(report.backlog.map((r) => r.ruleId).sort(), scanJson.findings.map((f) => f.ruleId).sort());
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    assert.equal(sum(report.summary.findingsBySeverity), scanJson.findings.length);
    for (const [layer, n] of Object.entries(report.summary.findingsByLayer)) assert.equal(n, scanJson.findings.filter((f) => f.responsibility.layer === layer).length, layer);
    for (const [model, n] of Object.entries(report.summary.findingsByModel)) assert.equal(n, scanJson.findings.filter((f) => f.responsibility.model === model).length, model);
    assert.equal(report.summary.fixable, report.backlog.filter((r) => r.fixable).length);
    for (const fw of report.frameworks) {
      const info = FRAMEWORKS.find((f) => f.id === fw.id)!;
      const cites = (x: { frameworks: { framework: string; version: string }[] }) => x.frameworks.some((r) => r.framework === info.name && r.version === info.version);
      assert.equal(fw.totals.findings, scanJson.findings.filter(cites).length, `${fw.id}: findings`);
    }
    const cis = report.frameworks.find((f) => f.id === 'cis-aws-3.0.0')!;
    assert.equal(cis.totals.accepted, scanJson.suppressed.filter((s) => s.ruleId === 'CL-AWS-004').length);
  });

  it('counts the inventory by model and cloud, unclassified types included', () => {
    assert.deepEqual(report.summary.byModel, { IaaS: 4, PaaS: 2, SaaS: 1, Hybrid: 1, Unclassified: 2 });
    assert.deepEqual(report.summary.byCloud, { AWS: 8, Azure: 0, 'Google Cloud': 0, Kubernetes: 1, Other: 1 });
    assert.deepEqual(report.unclassified, [
      { type: 'AWS::GameLift::Fleet', cloud: 'AWS', customResource: false, count: 1 },
      { type: 'random_id', cloud: 'Other', customResource: false, count: 1 },
    ]);
  });

  it('gives each control its resources: failed, accepted with the reason and where it is written, and none for a control with no resources', () => {
    const cis = report.frameworks.find((f) => f.id === 'cis-aws-3.0.0')!;
    const rds = cis.checked.find((c) => c.id === '2.3.3')!;
    assert.equal(rds.status, 'failed');
    assert.deepEqual(rds.counts, { passed: 0, failed: 1, accepted: 1 });
    assert.deepEqual(
      rds.resources.map((r) => `${r.file}:${r.line} ${r.id} ${r.status}`),
      ['stack.yaml:12 OrdersDb failed', 'stack.yaml:19 ReportsDb accepted'],
    );
    assert.deepEqual(rds.resources[1].accepted, [
      { ruleId: 'CL-AWS-004', severity: 'high', line: 28, reason: 'Reached only from the office VPN, risk accepted in RISK-12', where: { file: 'stack.yaml', line: 24 } },
    ]);
    const trail = cis.checked.find((c) => c.id === '3.1')!;
    assert.equal(trail.status, 'no-resources');
    assert.deepEqual(trail.resources, []);
    assert.equal(cis.others.find((o) => o.id === '1.1')?.class, 'not-checkable');
  });

  it('lists the backlog in order of risk, with the public database beside its open security group', () => {
    assert.deepEqual(
      report.backlog.map((r) => `${r.rank} ${r.ruleId} ${r.resource.id}`),
      [
        '1 CL-AWS-030 AppSg',
        '2 CL-AWS-004 OrdersDb',
        '3 CL-AWS-005 aws_security_group.admin',
        '4 CL-AWS-034 aws_instance.bastion',
        '5 CL-AWS-003 aws_iam_policy.admin',
        '6 CL-AWS-055 OrdersDb',
        '7 CL-K8S-001 Deployment/shop/web',
        '8 CL-AWS-080 OrdersDb',
        '9 CL-AWS-054 aws_ebs_volume.data',
        '10 CL-AWS-080 ReportsDb',
      ],
    );
    assert.equal(report.backlog[1].ranksWith?.ruleId, 'CL-AWS-030');
  });

  it('writes Markdown: summary, evidence per framework, backlog', () => {
    const r = run(['report', ...RULES]);
    assert.equal(r.code, 0, r.stderr);
    const md = r.stdout;
    assert.ok(md.startsWith('# Cloudline responsibility report\n\n10 resources in 3 IaC files (80.0% classified by service model). 10 findings standing (7 with a quick-fix), 1 suppressed, each on record with its suppression.\n'), md);
    assert.ok(md.includes('\n## Audit evidence\n\n### CIS Amazon Web Services Foundations Benchmark v3.0.0\n'), md);
    assert.ok(
      md.includes(
        '| 2.3.3 | Ensure that public access is not given to RDS Instance | failed | 0 | 1 | 1 | CL-AWS-004 | `OrdersDb` (`stack.yaml:12`) | `ReportsDb` CL-AWS-004: “Reached only from the office VPN\\, risk accepted in RISK\\-12” (`stack.yaml:24`) |',
      ),
      md,
    );
    assert.ok(md.includes('| 3.1 | Ensure CloudTrail is enabled in all regions | no resources | 0 | 0 | 0 | CL-AWS-083 | — | — |'), md);
    assert.ok(md.includes('\n## Remediation backlog\n'), md);
    assert.ok(md.includes('| 1 | high | CL-AWS-030 Security group opens a database or cache port to the internet | `AppSg` | `stack.yaml:11` | customer: which sources may reach your data stores is yours to decide | no | '), md);
  });

  it('limits the evidence to --framework (ID or name); an unknown one is a usage error listing the known ones', () => {
    const r = run(['report', ...RULES, '--format', 'json', '--framework', 'cis-aws-3.0.0', '--framework', 'NIST SP 800-53 Rev. 5']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as Report).frameworks.map((f) => f.id), ['cis-aws-3.0.0', 'nist-800-53-r5']);
    const bad = run(['report', '--framework', 'CIS Whatever 9']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^cloudline: unknown framework "CIS Whatever 9" in --framework; known: cis-aws-3\.0\.0 \(CIS AWS Foundations Benchmark 3\.0\.0\), /);
    for (const f of FRAMEWORKS) assert.ok(bad.stderr.includes(f.id), f.id);
    assert.equal(bad.stdout, '');
    assert.equal(run(['report', '--format', 'csv']).code, 2);
    assert.equal(run(['scan', '--framework', 'cis-aws-3.0.0']).code, 2);
  });

  it('writes one self-contained HTML file: no script, nothing loaded, inline SVG charts, file text escaped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-report-'));
    try {
      writeFileSync(
        join(dir, 'evil.yaml'),
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: "<img src=x onerror=alert(1)>"',
          '  annotations:',
          '    cloudline/ignore.CL-K8S-001: "</td><script>alert(2)</script> https://evil.example/x.js"',
          'spec:',
          '  template:',
          '    spec:',
          '      containers:',
          '        - name: c',
          '          image: nginx:1.27',
          '          securityContext: { privileged: true, allowPrivilegeEscalation: true }',
          '',
        ].join('\n'),
      );
      const r = run(['report', '.', '--format', 'html', '--output', 'out.html'], dir);
      assert.equal(r.code, 0, r.stderr);
      const html = readFileSync(join(dir, 'out.html'), 'utf8');
      assert.ok(html.startsWith('<!DOCTYPE html>'));
      assert.ok(!/<script/i.test(html), 'no script');
      assert.ok(!/<img|<link|<iframe|<object|<embed|@import|url\(/i.test(html), 'nothing loaded');
      // Text from the files cannot open a tag: every tag is ours, and none loads anything.
      for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
        assert.ok(!/\s(src|srcset|data|poster|background|action|formaction)=/i.test(tag), tag);
        if (/\shref=/i.test(tag)) assert.match(tag, /^<a href="https:\/\/[^"]+">$/);
      }
      // Every http(s) URL is a link's href (or its text), never a resource load.
      for (const m of html.matchAll(/https?:\/\//g)) {
        const before = html.slice(Math.max(0, m.index! - 9), m.index!);
        const inText = /<a href="[^"]*"[^>]*>[^<]*$/.test(html.slice(Math.max(0, m.index! - 300), m.index!));
        const inReason = html.slice(m.index!, m.index! + 30).startsWith('https://evil.example/x.js”');
        assert.ok(before.endsWith('<a href="') || inText || inReason, html.slice(m.index! - 80, m.index! + 40));
      }
      assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'names escaped');
      assert.ok(html.includes('“&lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt; https://evil.example/x.js”'), 'reasons escaped, URLs in them plain text');
      assert.ok((html.match(/<svg /g) ?? []).length >= 5, 'inline SVG charts');
      assert.ok(html.includes('Standing findings by responsibility layer') && html.includes('Standing findings by service model') && html.includes('Checked controls per framework'));
      assert.ok(html.includes('@media print'));
      assert.ok(html.includes(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
