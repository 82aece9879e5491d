// The streaming scan (ScanOptions.slim, engine/slim.ts): CloudFormation templates and Terraform plans are linted as
// they are read and only slim results kept. Every report written from it must be what the scan of all files at once
// gives, byte for byte, on a tree that stresses what is read across files (Terraform modules and variables,
// Kubernetes objects in several files, a Kustomization naming a CloudFormation template as a patch, suppressions with
// and without a reason, an oversized file, a Helm template, files of other formats).
import { strict as assert } from 'node:assert';
import { rmSync, symlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { scan, type ScanOutcome } from '../../server/src/engine/scan';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { Catalogue } from '../../server/src/engine/catalogue';
import type { Rule } from '../../server/src/engine/rule';
import { RULES, SERVICES } from '../../rules/index';
import { baselineEntries, compareWithBaseline, parseBaseline, baselineText } from '../../server/src/engine/baseline';
import { makeWorkspace } from '../cli/run';
import { reports, TREE } from './scan-tree';

const catalogue = defaultCatalogue();
/** A baseline's folder other than the current directory (it need not exist: fingerprints name files relative to it). */
const BASELINE_ROOT = join(process.cwd(), 'baseline-folder');

describe('the streaming scan (slim results)', function () {
  this.timeout(120_000);
  const made: string[] = [];
  let tree: string;
  let full: ScanOutcome;
  let slim: ScanOutcome;
  before(async () => {
    tree = makeWorkspace('slim', TREE, made);
    // A link to nowhere: listed as not read.
    symlinkSync('../nowhere.yaml', join(tree, 'cfn', 'dangling.yaml'));
    const name = (p: string) => relative(tree, p).split(sep).join('/');
    full = await scan([tree], catalogue, {}, { name, maxFileSize: 20_000 });
    slim = await scan([tree], catalogue, {}, { name, maxFileSize: 20_000, slim: { fingerprints: [process.cwd(), BASELINE_ROOT] } });
  });
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  it('the tree has what needs other files, so that the comparison below means something', () => {
    const text = reports(full).text;
    // The module's database, public through the caller in another directory.
    assert.match(text, /modules\/net\/main\.tf:6:25 {2}high {2}CL-AWS-004 /);
    // The volume covered by the default in another file is not reported; the one in another directory is, and the plan's.
    assert.match(text, /tf\/app\/main\.tf:6:27 {2}low {2}CL-AWS-218 /);
    assert.doesNotMatch(text, /CL-AWS-054 {2}EBS volume aws_ebs_volume\.covered/);
    assert.match(text, /tf\/other\/vol\.tf:1:27 {2}medium {2}CL-AWS-054 /);
    assert.match(text, /plans\/plan\.yaml:\d+:\d+ {2}\w+ {2}CL-AWS-054 /);
    assert.match(text, /k8s\/ns\.yaml:9:9 {2}medium {2}CL-K8S-053 {2}Namespace empty /);
    assert.match(text, /cfn\/patched\.yaml:\d+:\d+ {2}note {2}not-linted {2}This file is a Kustomize patch/);
    assert.doesNotMatch(text, /cfn\/patched\.yaml:\d+:\d+ {2}\w+ {2}CL-AWS/);
    assert.match(text, /cfn\/huge\.yaml:1:1 {2}error {2}syntax {2}Cloudline did not lint this file/);
    assert.match(text, /cfn\/dangling\.yaml {2}not read/);
    assert.match(text, /CL-GEN-001 {2}The suppression of CL-AWS-002 gives no reason/);
    assert.match(text, /cfn\/db\.json:4:\d+ {2}high {2}CL-AWS-004 /);
  });

  it('linted the templates and plans early: their results hold no tree, and reading one says so', () => {
    const early = slim.results.filter((r) => ['cfn/bucket.yaml', 'cfn/db.json', 'plans/plan.yaml', 'plans/plan.json'].includes(r.file.uri));
    assert.equal(early.length, 4);
    for (const r of early) {
      assert.throws(() => r.file.docs, /the documents of .* are not kept after the scan linted the file|not kept after the scan/);
      assert.ok(r.resources.length > 0);
      for (const x of r.resources) {
        assert.equal(x.file, r.file);
        assert.throws(() => x.node, /the node of .* is not kept/);
        assert.throws(() => x.references(), /the references of .* is not kept|not kept/);
      }
    }
    // The Terraform, Kubernetes and patched files were linted with all the others: their trees are there.
    for (const uri of ['tf/app/main.tf', 'k8s/ns.yaml', 'cfn/patched.yaml']) {
      const r = slim.results.find((x) => x.file.uri === uri)!;
      assert.ok(r.file.docs.length > 0, uri);
    }
  });

  for (const kind of ['text', 'json', 'sarif', 'gitlab']) {
    it(`writes the ${kind} report of the scan of all files at once, byte for byte`, () => {
      assert.equal(reports(slim)[kind], reports(full)[kind]);
    });
  }

  it('gives the same results in the same order, and every finding a fingerprint (kept and suppressed)', () => {
    assert.deepEqual(
      slim.results.map((r) => [r.file.uri, r.findings.length, r.suppressed.length, r.notices.length, r.problems.length]),
      full.results.map((r) => [r.file.uri, r.findings.length, r.suppressed.length, r.notices.length, r.problems.length]),
    );
    const all = slim.results.flatMap((r) => [...r.findings, ...r.suppressed.map((s) => s.finding)]);
    assert.ok(all.length > 10);
    for (const root of [process.cwd(), BASELINE_ROOT]) {
      const prints = slim.fingerprints!.get(root)!;
      for (const f of all) assert.ok(prints.get(f), `${f.rule.id} ${f.resource.id}`);
      assert.equal(prints.size, all.length);
    }
    assert.deepEqual(slim.unread, full.unread);
    assert.deepEqual(slim.notChecked, full.notChecked);
  });

  it("writes the baseline, and compares with one, as the scan of all files at once does (fingerprints relative to the baseline's folder)", () => {
    // Names are relative to the current directory (as the CLI's are); the baseline's folder is another one.
    const file = join(BASELINE_ROOT, 'baseline.json');
    const written = baselineText(baselineEntries(slim.results, BASELINE_ROOT, 'info', slim.fingerprints!.get(BASELINE_ROOT)));
    assert.equal(written, baselineText(baselineEntries(full.results, BASELINE_ROOT, 'info')));
    assert.match(written, /"file": "\.\.\/cfn\/bucket\.yaml"/);
    // A baseline that holds all but the findings of one early-linted file: those are new, the rest unchanged.
    const kept = written.split('\n').filter((l) => !l.includes('"file": "../cfn/db.json"')).join('\n').replace(/,\n  \]/, '\n  ]');
    const baseline = parseBaseline(kept, file);
    const a = compareWithBaseline(slim.results, baseline, 'baseline.json', 'info', slim.fingerprints!.get(baseline.root));
    const b = compareWithBaseline(full.results, baseline, 'baseline.json', 'info');
    assert.deepEqual(a.summary, b.summary);
    assert.ok(a.summary.new > 0 && a.summary.unchanged > 0, JSON.stringify(a.summary));
    assert.equal(a.summary.new, slim.results.find((r) => r.file.uri === 'cfn/db.json')!.findings.length);
  });

  it('does not lint alone a format that a project check reads across files', async () => {
    const name = (p: string) => relative(tree, p).split(sep).join('/');
    const quiet = { types: ['AWS::S3::Bucket', 'aws_ebs_volume'], reads: 'project' as const, run: () => undefined };
    const withCheck = (id: string, projectChecks: Rule['projectChecks']) => new Catalogue([...RULES, { ...RULES[0], id, slug: id.toLowerCase(), checks: {}, projectChecks }], SERVICES);
    const kept = (o: ScanOutcome, uri: string) => o.results.find((r) => r.file.uri === uri)!.file.docs.length > 0;
    // A CloudFormation project check: templates wait for the lint of all files; plans still go alone.
    const cfn = await scan([tree], withCheck('CL-TEST-901', { cloudformation: quiet }), {}, { name, maxFileSize: 20_000, slim: {} });
    assert.ok(kept(cfn, 'cfn/bucket.yaml'));
    assert.throws(() => kept(cfn, 'plans/plan.yaml'), /not kept/);
    // A Terraform project check that does not judge each plan alone: plans wait too.
    const tf = await scan([tree], withCheck('CL-TEST-902', { terraform: quiet }), {}, { name, maxFileSize: 20_000, slim: {} });
    assert.ok(kept(tf, 'plans/plan.yaml'));
    assert.throws(() => kept(tf, 'cfn/bucket.yaml'), /not kept/);
    // The same check declaring plans: 'each' lets them go alone again.
    const each = await scan([tree], withCheck('CL-TEST-903', { terraform: { ...quiet, plans: 'each' } }), {}, { name, maxFileSize: 20_000, slim: {} });
    assert.throws(() => kept(each, 'plans/plan.yaml'), /not kept/);
  });

  it('a cooperative scan (the editor) ignores slim: its results keep their trees', async () => {
    const o = await scan([join(tree, 'cfn', 'bucket.yaml')], catalogue, {}, { cooperative: true, slim: {} });
    assert.ok(o.results[0].file.docs.length > 0);
    assert.equal(o.fingerprints, undefined);
  });
});
