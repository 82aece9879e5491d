// `cloudline scan --jobs`: the Terraform configurations scanned by a worker thread of the built CLI (dist/cli.js
// started again as a worker), the reports byte for byte those of the scan on one thread (engine/scan-split.ts).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { CLI, makeWorkspace } from './run';

const FILES: Record<string, string> = {
  'tf/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\nresource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n}\n',
  'tf/db.tf': 'resource "aws_db_instance" "db" {\n  publicly_accessible = var.open\n}\n',
  'tf/variables.tf': 'variable "open" {\n  default = true\n}\n',
  'cfn/bucket.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n',
  'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        privileged: true\n',
};

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CLOUDLINE_TRACE: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cloudline scan --jobs (a worker thread for the Terraform configurations)', function () {
  this.timeout(60_000);
  const made: string[] = [];
  let dir: string;
  before(() => {
    dir = makeWorkspace('jobs', FILES, made);
  });
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  for (const format of ['text', 'json', 'sarif', 'gitlab-sast']) {
    it(`--jobs 2 writes the ${format} report of --jobs 1, byte for byte, and says the worker scanned the .tf files`, () => {
      const two = run(['scan', '.', '--jobs', '2', '--format', format], dir);
      const one = run(['scan', '.', '--jobs=1', '--format', format], dir);
      assert.equal(two.code, 1, two.stderr);
      assert.equal(one.code, 1, one.stderr);
      assert.match(two.stderr, /^cloudline: the worker scanned 3 files$/m);
      assert.doesNotMatch(one.stderr, /worker/);
      if (format === 'gitlab-sast') {
        // The report carries the scan's start and end times.
        const strip = (s: string) => s.replace(/"(start|end)_time": "[^"]*"/g, '');
        assert.equal(strip(two.stdout), strip(one.stdout));
      } else assert.equal(two.stdout, one.stdout);
      // The worker's half was linted: the database made public through the variable of another file.
      assert.match(one.stdout, /CL-AWS-004/);
    });
  }

  it('--jobs 2 with --write-baseline and --baseline: the same baseline and the same comparison', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const paths = ['tf', 'cfn', 'k8s'];
    const a = run(['scan', ...paths, '--jobs', '2', '--write-baseline', 'base.json', '--format', 'json'], dir);
    const written = fs.readFileSync(`${dir}/base.json`, 'utf8');
    fs.rmSync(`${dir}/base.json`);
    const b = run(['scan', ...paths, '--jobs', '1', '--write-baseline', 'base.json', '--format', 'json'], dir);
    assert.match(a.stderr, /the worker scanned 3 files/);
    assert.equal(a.stdout, b.stdout);
    assert.equal(written, fs.readFileSync(`${dir}/base.json`, 'utf8'));
    assert.match(written, /"file": "tf\/db\.tf"/);
    const c = run(['scan', ...paths, '--jobs', '2', '--baseline', 'base.json'], dir);
    assert.equal(c.code, 0, c.stdout + c.stderr);
    assert.match(c.stderr, /the worker scanned 3 files/);
    fs.rmSync(`${dir}/base.json`);
  });

  it('the worker uses the same custom rules and options file as the main thread', () => {
    const ws = makeWorkspace(
      'jobs-custom',
      {
        ...FILES,
        '.cloudline/rules/owner.yaml':
          'id: ACME-TF-1\ntitle: Buckets name their owning team\nseverity: low\nmessage: "{id} has no owner tag"\nresponsibility: {model: PaaS, layer: data-protection, provider: AWS stores the objects, customer: knowing who owns the data is yours}\nmatch: {format: terraform, types: [aws_s3_bucket]}\nrequire: {path: tags.owner, exists: true}\n',
        // The options file turns a rule off and changes a severity: the worker reads it too.
        '.cloudline.yaml': 'rules:\n  CL-AWS-004: off\n  CL-AWS-001: critical\n',
      },
      made,
    );
    const two = run(['scan', '.', '--jobs', '2', '--format', 'json'], ws);
    const one = run(['scan', '.', '--jobs', '1', '--format', 'json'], ws);
    assert.match(two.stderr, /the worker scanned 3 files/);
    assert.equal(two.stdout, one.stdout);
    const findings = (JSON.parse(two.stdout) as { findings: { ruleId: string; file: string; severity: string }[] }).findings;
    assert.ok(findings.some((f) => f.ruleId === 'ACME-TF-1' && f.file === 'tf/main.tf'), 'the custom rule ran on the worker');
    assert.ok(!findings.some((f) => f.ruleId === 'CL-AWS-004'), 'the rule turned off stays off on the worker');
    assert.ok(findings.some((f) => f.ruleId === 'CL-AWS-001' && f.severity === 'critical' && f.file === 'tf/main.tf'));
  });

  it('left to itself, starts no worker for a scan this small (each half needs 256 files)', () => {
    const r = run(['scan', '.', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stderr, /worker/);
  });

  it('--jobs needs a whole number from 1', () => {
    for (const bad of ['0', 'two', '-1', '1.5']) {
      const r = run(['scan', '.', `--jobs=${bad}`], dir);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, new RegExp(`--jobs needs a whole number of threads from 1, not "${bad.replace('.', '\\.')}"`));
    }
  });
});
