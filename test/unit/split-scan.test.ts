// The scan on two threads (ScanOptions.worker, engine/scan-split.ts, engine/wire.ts): the Terraform configurations are
// scanned by a worker and sent back as plain data. Every report must be what the scan on one thread writes, byte for
// byte. The worker here is the same code on this thread, its answer passed through the structured clone a thread's
// message goes through (the CLI's real thread: test/cli/jobs.test.ts).
import { strict as assert } from 'node:assert';
import { rmSync, symlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { scan, scanPart, type ScanOptions, type ScanOutcome } from '../../server/src/engine/scan';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { InputError, realFs, type ScanFs } from '../../server/src/engine/files';
import { baselineEntries, baselineText, compareWithBaseline, parseBaseline } from '../../server/src/engine/baseline';
import { answerOf, type WireAnswer } from '../../server/src/engine/wire';
import { splitTerraform } from '../../server/src/engine/scan-split';
import { terraformByName } from '../../server/src/formats/terraform-hcl';
import { makeWorkspace } from '../cli/run';
import { reports, TREE } from './scan-tree';

const catalogue = defaultCatalogue();
const BASELINE_ROOT = join(process.cwd(), 'baseline-folder');
const ROOTS = [process.cwd(), BASELINE_ROOT];

/** The tree of the streaming scan's test, and what only a split meets. */
const SPLIT_TREE: Record<string, string> = {
  ...TREE,
  // A CDK for Terraform stack (Terraform blocks in a `.json`) beside a module's files: this thread reads it, alone.
  'tf/app/stack.json': JSON.stringify({ resource: { aws_ebs_volume: { cdk: { availability_zone: 'us-east-1a', size: 10 } } } }, null, 2) + '\n',
  // A module file that cannot be read (`fs` below): the worker lists it, in its place among the unread.
  'tf/app/gone.tf': 'resource "aws_s3_bucket" "gone" {}\n',
  // Variable values and a `.tf.json` of the module: the worker's.
  'tf/other/terraform.tfvars': 'unused = 1\n',
  'tf/other/extra.tf.json': JSON.stringify({ resource: { aws_db_instance: { open: { publicly_accessible: true } } } }, null, 2) + '\n',
};

/** The real file system, except that a file named `gone` cannot be read (as root, permissions do not stop a read). */
function unreadable(gone: string): ScanFs {
  return {
    ...realFs,
    readRegular: (path, max, head) => {
      if (path.endsWith(gone)) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      return realFs.readRegular!(path, max, head);
    },
  };
}

const fs = unreadable('gone.tf');

/** A worker that scans on this thread and answers as a thread would (a structured clone of the answer). */
function localWorker(name: (p: string) => string, calls: string[][], change?: (a: WireAnswer) => WireAnswer): NonNullable<ScanOptions['worker']> {
  return async (files, inChart) => {
    calls.push([...files]);
    const charts = new Set(files.filter((_, i) => inChart[i]));
    const part = await scanPart(files, files.map((_, i) => i), catalogue, {}, { name, explicit: new Set(), inChart: (f) => charts.has(f), maxFileSize: 20_000, slim: { fingerprints: ROOTS }, fs });
    const answer = structuredClone(answerOf(part!));
    return change ? change(answer) : answer;
  };
}

describe('the scan on two threads (a worker for the Terraform configurations)', function () {
  this.timeout(120_000);
  const made: string[] = [];
  let tree: string;
  let name: (p: string) => string;
  let one: ScanOutcome;
  let two: ScanOutcome;
  const calls: string[][] = [];
  const traces: string[] = [];
  before(async () => {
    tree = makeWorkspace('split', SPLIT_TREE, made);
    symlinkSync('../nowhere.yaml', join(tree, 'cfn', 'dangling.yaml'));
    name = (p: string) => relative(tree, p).split(sep).join('/');
    const options = { name, maxFileSize: 20_000, slim: { fingerprints: ROOTS }, fs };
    one = await scan([tree], catalogue, {}, options);
    two = await scan([tree], catalogue, {}, { ...options, worker: localWorker(name, calls), trace: (l) => traces.push(l) });
  });
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  it('gave the worker the Terraform configurations by name, and joined its part', () => {
    assert.deepEqual(calls.map((c) => c.map(name)), [['modules/net/main.tf', 'tf/app/defaults.tf', 'tf/app/gone.tf', 'tf/app/main.tf', 'tf/other/extra.tf.json', 'tf/other/terraform.tfvars', 'tf/other/vol.tf']]);
    assert.deepEqual(traces, ['the worker scanned 7 files']);
    assert.ok(terraformByName('A/B.TF') && terraformByName('x.tf.json') && terraformByName('prod.auto.tfvars.json'));
    assert.ok(!terraformByName('stack.json') && !terraformByName('main.tf.yaml'));
    assert.deepEqual(splitTerraform(['a.yaml', 'b.tf', 'c.json', 'd.tfvars']), { terraform: [1, 3], rest: [0, 2] });
  });

  it('the tree has what crosses files in each half, so that the comparison below means something', () => {
    const text = reports(one).text;
    assert.match(text, /modules\/net\/main\.tf:6:25 {2}high {2}CL-AWS-004 /);
    assert.match(text, /tf\/other\/extra\.tf\.json:\d+:\d+ {2}high {2}CL-AWS-004 /);
    assert.match(text, /tf\/other\/vol\.tf:1:27 {2}medium {2}CL-AWS-054 /);
    assert.match(text, /k8s\/ns\.yaml:9:9 {2}medium {2}CL-K8S-053 {2}Namespace empty /);
    assert.match(text, /cfn\/patched\.yaml:\d+:\d+ {2}note {2}not-linted {2}This file is a Kustomize patch/);
    assert.deepEqual(one.unread.map((u) => u.path), ['cfn/dangling.yaml', 'tf/app/gone.tf']);
    assert.match(one.unread[1].reason, /EACCES/);
    // The stack beside the module is not one of its files: the module's account-wide EBS default does not cover it.
    assert.match(text, /tf\/app\/stack\.json:\d+:\d+ {2}medium {2}CL-AWS-054 /);
    assert.doesNotMatch(text, /CL-AWS-054 {2}EBS volume aws_ebs_volume\.covered/);
  });

  for (const kind of ['text', 'json', 'sarif', 'gitlab']) {
    it(`writes the ${kind} report of the scan on one thread, byte for byte`, () => {
      assert.equal(reports(two)[kind], reports(one)[kind]);
    });
  }

  it('gives the same results in walk order, every finding its fingerprint, the same unread and not-checked lists', () => {
    assert.deepEqual(
      two.results.map((r) => [r.file.uri, r.findings.length, r.suppressed.length, r.notices.length, r.problems.length]),
      one.results.map((r) => [r.file.uri, r.findings.length, r.suppressed.length, r.notices.length, r.problems.length]),
    );
    assert.equal(two.scanned, one.scanned);
    assert.deepEqual(two.unread, one.unread);
    assert.deepEqual(two.notChecked, one.notChecked);
    const all = two.results.flatMap((r) => [...r.findings, ...r.suppressed.map((s) => s.finding)]);
    for (const root of ROOTS) {
      const prints = two.fingerprints!.get(root)!;
      assert.equal(prints.size, all.length);
      const alone = one.fingerprints!.get(root)!;
      assert.deepEqual(
        all.map((f) => prints.get(f)),
        one.results.flatMap((r) => [...r.findings, ...r.suppressed.map((s) => s.finding)]).map((f) => alone.get(f)),
      );
    }
    // The worker's findings have this thread's rules, and their related locations a line index of their file.
    const module = two.results.find((r) => r.file.uri === 'tf/other/extra.tf.json')!;
    assert.equal(module.findings[0].rule, catalogue.rule(module.findings[0].rule.id));
    assert.equal(module.file.lines.positionAt(module.findings[0].span[0]).line, one.results.find((r) => r.file.uri === 'tf/other/extra.tf.json')!.file.lines.positionAt(module.findings[0].span[0]).line);
    assert.throws(() => module.file.docs, /not kept/);
  });

  it('writes the baseline, and compares with one, as the scan on one thread does', () => {
    const written = baselineText(baselineEntries(two.results, BASELINE_ROOT, 'info', two.fingerprints!.get(BASELINE_ROOT)));
    assert.equal(written, baselineText(baselineEntries(one.results, BASELINE_ROOT, 'info', one.fingerprints!.get(BASELINE_ROOT))));
    const kept = written.split('\n').filter((l) => !l.includes('"file": "../tf/other/vol.tf"')).join('\n').replace(/,\n  \]/, '\n  ]');
    const baseline = parseBaseline(kept, join(BASELINE_ROOT, 'baseline.json'));
    const a = compareWithBaseline(two.results, baseline, 'baseline.json', 'info', two.fingerprints!.get(baseline.root));
    const b = compareWithBaseline(one.results, baseline, 'baseline.json', 'info', one.fingerprints!.get(baseline.root));
    assert.deepEqual(a.summary, b.summary);
    assert.ok(a.summary.new > 0 && a.summary.unchanged > 0, JSON.stringify(a.summary));
  });

  /** The reports of a split scan of `files` (added to the tree) and of the scan on one thread, and the trace. */
  async function both(files: Record<string, string>, change?: (a: WireAnswer) => WireAnswer) {
    const dir = makeWorkspace('split-tie', { ...SPLIT_TREE, ...files }, made);
    const named = (p: string) => relative(dir, p).split(sep).join('/');
    const options = { name: named, maxFileSize: 20_000, slim: { fingerprints: ROOTS }, fs };
    const trace: string[] = [];
    const split = await scan([dir], catalogue, {}, { ...options, worker: localWorker(named, [], change), trace: (l) => trace.push(l) });
    const alone = await scan([dir], catalogue, {}, options);
    return { split: reports(split), alone: reports(alone), trace };
  }

  it('scans again on one thread when a manifest is named .tf.json (the NetworkPolicy check reads every manifest)', async () => {
    const got = await both({ 'k8s/odd.tf.json': JSON.stringify({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'empty' }, spec: { podSelector: {} } }) + '\n' });
    assert.deepEqual(got.trace, ['the halves are tied: the scan runs again on one thread']);
    assert.equal(got.split.json, got.alone.json);
    // The policy in the .tf.json covers namespace "empty": no CL-K8S-053 on it, as on one thread.
    assert.doesNotMatch(got.alone.text, /CL-K8S-053 {2}Namespace empty /);
  });

  it('scans again on one thread when a Kustomization names a .tf.json as a patch', async () => {
    const got = await both({
      'k8s/overlay/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatchesStrategicMerge:\n  - ../../tf/other/extra.tf.json\n',
    });
    assert.deepEqual(got.trace, ['the halves are tied: the scan runs again on one thread']);
    assert.equal(got.split.json, got.alone.json);
    assert.match(got.alone.text, /tf\/other\/extra\.tf\.json:\d+:\d+ {2}note {2}not-linted {2}This file is a Kustomize patch/);
  });

  it('scans again on one thread when the worker failed', async () => {
    const got = await both({}, () => ({ kind: 'failed', message: 'boom' }));
    assert.deepEqual(got.trace, ['the worker failed (boom): the scan runs again on one thread']);
    assert.equal(got.split.sarif, got.alone.sarif);
  });

  it("throws the worker's input error (a named path it could not read)", async () => {
    const dir = makeWorkspace('split-input', { 'a.tf': 'resource "aws_s3_bucket" "b" {}\n', 'b.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n' }, made);
    await assert.rejects(
      scan([dir], catalogue, {}, { slim: {}, worker: async () => ({ kind: 'input-error', message: 'cannot read a.tf: EACCES' }) }),
      (e: unknown) => e instanceof InputError && /cannot read a\.tf: EACCES/.test(e.message),
    );
  });

  it("stops the worker when this thread's part fails (a named path it cannot read), and throws that input error", async () => {
    const dir = makeWorkspace('split-stop', { 'a.tf': 'resource "aws_s3_bucket" "b" {}\n', 'gone.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n' }, made);
    let stopped = false;
    const worker: ScanOptions['worker'] = (_files, _inChart, stop) =>
      new Promise((done) => {
        stop.addEventListener('abort', () => {
          stopped = true;
          done({ kind: 'failed', message: 'stopped' });
        });
      });
    await assert.rejects(
      scan([join(dir, 'a.tf'), join(dir, 'gone.yaml')], catalogue, {}, { slim: {}, worker, fs: unreadable('gone.yaml') }),
      (e: unknown) => e instanceof InputError && /cannot read .*gone\.yaml: EACCES/.test(e.message),
    );
    assert.ok(stopped);
  });

  it('starts no worker when a half has fewer files than workerMinimum, nor without slim, nor for a cooperative scan', async () => {
    let started = 0;
    const worker: ScanOptions['worker'] = async () => {
      started++;
      return { kind: 'failed', message: 'not expected' };
    };
    await scan([tree], catalogue, {}, { name, slim: {}, worker, workerMinimum: 8 });
    await scan([tree], catalogue, {}, { name, worker });
    await scan([tree], catalogue, {}, { name, slim: {}, worker, cooperative: true });
    assert.equal(started, 0);
    await scan([tree], catalogue, {}, { name, slim: {}, worker, workerMinimum: 7 });
    assert.equal(started, 1);
  });
});
