// Audit evidence per framework (server/src/report/evidence.ts) on a fixture workspace mixing CloudFormation,
// Kubernetes and Terraform: resources passed, failed and accepted per control, a control with no resources, the other
// controls' classes, and totals that reconcile with `scan --format json` over the same files.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTROL_LISTS } from '../../rules/index';
import { frameworkOf } from '../../rules/frameworks';
import { jsonReportParts } from '../../server/src/cli/report';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import type { LintResult } from '../../server/src/engine/lint';
import { scan } from '../../server/src/engine/scan';
import { allFrameworkEvidence, frameworkEvidence, type FrameworkEvidence } from '../../server/src/report/evidence';

const TEMPLATE = [
  'Resources:',
  '  PublicDb:',
  '    Type: AWS::RDS::DBInstance',
  '    Properties:',
  '      PubliclyAccessible: true',
  '      StorageEncrypted: true',
  '  # cloudline-ignore CL-AWS-004 -- reporting replica, reached through the VPN only (ticket SEC-12)',
  '  ReportingDb:',
  '    Type: AWS::RDS::DBInstance',
  '    Properties:',
  '      PubliclyAccessible: true',
  '      StorageEncrypted: true',
  '  PrivateDb:',
  '    Type: AWS::RDS::DBInstance',
  '    Properties:',
  '      PubliclyAccessible: false',
  '      StorageEncrypted: true',
  '',
].join('\n');

const MANIFEST = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: shop',
  'spec:',
  '  selector: { matchLabels: { app: web } }',
  '  template:',
  '    metadata: { labels: { app: web } }',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000',
  '          securityContext:',
  '            privileged: true',
  '',
].join('\n');

const TERRAFORM = [
  'resource "aws_ebs_volume" "data" {',
  '  availability_zone = "eu-west-1a"',
  '  size              = 10',
  '  encrypted         = false',
  '}',
  '',
  'resource "aws_ebs_volume" "logs" {',
  '  availability_zone = "eu-west-1a"',
  '  size              = 10',
  '  encrypted         = true',
  '}',
  '',
].join('\n');

describe('audit evidence per framework', function () {
  this.timeout(60000);
  const catalogue = defaultCatalogue();
  let dir: string;
  let results: LintResult[];
  let json: { findings: { ruleId: string }[]; suppressed: { ruleId: string; reason: string }[]; summary: { findings: number; suppressed: number } };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudline-evidence-'));
    writeFileSync(join(dir, 'db.yaml'), TEMPLATE);
    writeFileSync(join(dir, 'web.yaml'), MANIFEST);
    writeFileSync(join(dir, 'main.tf'), TERRAFORM);
    const outcome = await scan([dir], catalogue, {}, { base: dir, name: (p) => p.slice(dir.length + 1) });
    results = outcome.results;
    json = JSON.parse([...jsonReportParts(results, 'info', outcome.scanned, catalogue)].join(''));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const citesFramework = (ruleId: string, e: FrameworkEvidence) =>
    catalogue.rule(ruleId)!.frameworks.some((ref) => frameworkOf(ref)?.id === e.framework.id);

  it('reconciles every framework\'s totals with the findings and suppressed findings of `scan --format json`', () => {
    const all = allFrameworkEvidence(results, catalogue);
    assert.ok(all.length >= 5, 'the frameworks the rules cite');
    assert.ok(json.summary.findings > 0 && json.summary.suppressed === 1);
    for (const e of all) {
      assert.equal(e.totals.findings, json.findings.filter((f) => citesFramework(f.ruleId, e)).length, `${e.framework.id}: findings`);
      assert.equal(e.totals.accepted, json.suppressed.filter((f) => citesFramework(f.ruleId, e)).length, `${e.framework.id}: accepted`);
      // Each control's failed and accepted resources hold exactly the findings of its rules.
      for (const c of e.checked) {
        const standing = c.resources.flatMap((r) => r.findings);
        assert.equal(standing.length, results.flatMap((r) => r.findings).filter((f) => c.rules.includes(f.rule.id)).length, `${e.framework.id} ${c.id}`);
      }
      // The list's controls are each either checked or classed, once.
      const list = CONTROL_LISTS.find((l) => l.framework === e.framework.id);
      if (list) {
        const listed = new Set(list.controls.map((c) => c.id));
        const inList = e.checked.filter((c) => listed.has(c.id)).length;
        assert.equal(inList + e.others.length, list.controls.length, `${e.framework.id}: every control of the list once`);
        const { checked, ...classes } = e.totals.classes;
        assert.equal(checked, e.checked.length);
        assert.equal(Object.values(classes).reduce((a, b) => a + b, 0), e.others.length);
      }
    }
    // Every finding of a rule that cites a framework is in that framework's evidence: none is lost between them.
    const covered = new Set(all.flatMap((e) => [...e.checked, ...(e.unnumbered ? [e.unnumbered] : [])].flatMap((c) => c.resources.flatMap((r) => r.findings))));
    const citing = results.flatMap((r) => r.findings).filter((f) => f.rule.frameworks.length > 0);
    assert.equal(citing.filter((f) => !covered.has(f)).length, 0);
  });

  it('lists a control\'s resources across formats as failed, accepted (with the reason and where it is written) or passed', () => {
    const cis = frameworkEvidence(results, catalogue, 'cis-aws-3.0.0');
    const rds = cis.checked.find((c) => c.id === '2.3.3')!;
    assert.equal(rds.title, 'Ensure that public access is not given to RDS Instance');
    assert.deepEqual(rds.rules, ['CL-AWS-004']);
    assert.equal(rds.status, 'failed');
    assert.deepEqual(
      rds.resources.map((r) => `${r.uri} ${r.id} ${r.status}`),
      ['db.yaml PublicDb failed', 'db.yaml ReportingDb accepted', 'db.yaml PrivateDb passed'],
    );
    assert.deepEqual(rds.counts, { passed: 1, failed: 1, accepted: 1 });
    const [accepted] = rds.resources[1].accepted;
    assert.equal(accepted.reason, 'reporting replica, reached through the VPN only (ticket SEC-12)');
    assert.equal(accepted.where.uri, 'db.yaml');
    const written = TEMPLATE.slice(accepted.where.span[0], accepted.where.span[1]);
    assert.ok(written.includes('cloudline-ignore CL-AWS-004'), written);
    assert.equal(TEMPLATE.slice(rds.resources[0].findings[0].span[0], rds.resources[0].findings[0].span[1]), 'true');

    const ebs = cis.checked.find((c) => c.id === '2.2.1')!;
    assert.deepEqual(ebs.resources.map((r) => `${r.uri} ${r.id} ${r.status}`), ['main.tf aws_ebs_volume.data failed', 'main.tf aws_ebs_volume.logs passed']);

    const k8s = frameworkEvidence(results, catalogue, 'cis-k8s-1.9');
    const privileged = k8s.checked.find((c) => c.id === '5.2.2')!;
    assert.deepEqual(privileged.resources.map((r) => `${r.uri} ${r.id} ${r.status}`), ['web.yaml Deployment/shop/web failed']);
  });

  it('keeps a control with no resources, and classes the list\'s other controls', () => {
    const cis = frameworkEvidence(results, catalogue, 'cis-aws-3.0.0');
    const trail = cis.checked.find((c) => c.id === '3.1')!;
    assert.equal(trail.status, 'no-resources');
    assert.deepEqual(trail.resources, []);
    assert.ok(cis.totals.controls['no-resources'] > 0);
    assert.deepEqual(cis.others.find((c) => c.id === '1.1'), { id: '1.1', title: 'Maintain current contact details', class: 'not-checkable' });
    assert.deepEqual(cis.others.find((c) => c.id === '4.16'), { id: '4.16', title: 'Ensure AWS Security Hub is enabled', class: 'not-covered' });
    assert.ok(!cis.others.some((c) => c.id === '2.3.3'));
    assert.deepEqual(cis.list, { source: 'https://www.cisecurity.org/benchmark/amazon_web_services', complete: true });
    const iso = frameworkEvidence(results, catalogue, 'ISO/IEC 27001 2022');
    assert.equal(iso.framework.id, 'iso-27001-2022');
    assert.equal(iso.others.find((c) => c.id === 'A.7.1')?.class, 'provider');
  });

  it('holds PCI DSS 4.0 like the others: its bundled list, the public database under 1.4.4, the other requirements classed', () => {
    const pci = frameworkEvidence(results, catalogue, 'PCI DSS 4.0');
    assert.equal(pci.framework.id, 'pci-dss-4.0');
    assert.deepEqual(pci.list, { source: 'https://www.pcisecuritystandards.org/document_library/', complete: true });
    const exposed = pci.checked.find((c) => c.id === '1.4.4')!;
    assert.equal(exposed.title, 'Cardholder data stores not reachable from untrusted networks');
    assert.ok(exposed.rules.includes('CL-AWS-004'), exposed.rules.join(', '));
    assert.deepEqual(
      exposed.resources.filter((r) => r.uri === 'db.yaml').map((r) => `${r.id} ${r.status}`),
      ['PublicDb failed', 'ReportingDb accepted', 'PrivateDb passed'],
    );
    assert.equal(exposed.resources.find((r) => r.id === 'ReportingDb')!.accepted[0].reason, 'reporting replica, reached through the VPN only (ticket SEC-12)');
    // CL-AWS-004 no longer cites 1.4.1 (network security controls between networks): no rule checks it yet.
    assert.deepEqual(pci.others.find((c) => c.id === '1.4.1'), { id: '1.4.1', title: 'NSCs between trusted and untrusted networks', class: 'not-covered' });
    assert.equal(pci.others.find((c) => c.id === '9.2.1')?.class, 'provider');
    assert.equal(pci.others.find((c) => c.id === '12.10.1')?.class, 'not-checkable');
    assert.equal(pci.checked.length + pci.others.length, 250);
  });

  it('leaves out a control whose rules are turned off: it is neither checked nor classed', () => {
    const cis = frameworkEvidence(results, catalogue, 'cis-aws-3.0.0', { ruleEnabled: (r) => r.id !== 'CL-AWS-004' });
    assert.ok(!cis.checked.some((c) => c.id === '2.3.3'));
    assert.ok(!cis.others.some((c) => c.id === '2.3.3'));
    assert.throws(() => frameworkEvidence(results, catalogue, 'no-such-framework'), /unknown framework/);
  });
});
