// Walking, reading and output of the CLI on hostile trees: symlink loops, FIFOs, unreadable and too-large files,
// UTF-16, control characters in names, SARIF URIs and fingerprints, related locations in other files, odd arguments.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from './formats';
import { makeWorkspace, runCli } from './run';

const root = join(__dirname, '..', '..');

function run(args: string[], cwd: string, timeout = 60_000) {
  return runCli(args, cwd, { timeout, maxBuffer: 256 * 1024 * 1024 });
}

const PUBLIC_DB = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';
const PRIVATE_DB = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: false\n';

const made: string[] = [];

function workspace(files: Record<string, string | Buffer>): string {
  return makeWorkspace('walk', files, made);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(r: { stdout: string }): any {
  return JSON.parse(r.stdout);
}

function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(root, '..', 'shared', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('CLI walking and reading', function () {
  this.timeout(120_000);
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('ends symlink loops: each real folder is walked once and each file reported once', () => {
    const dir = workspace({ 'd/db.yaml': PUBLIC_DB, 'd/e/other.yaml': PUBLIC_DB });
    symlinkSync('..', join(dir, 'd', 'up'));
    symlinkSync('.', join(dir, 'd', 'self'));
    symlinkSync('..', join(dir, 'd', 'e', 'back'));
    const r = run(['scan', '.', '--format', 'json', '--rules', 'CL-AWS-004'], dir, 30_000);
    assert.equal(r.signal, null, 'the scan ends');
    assert.equal(r.code, 1, r.stderr);
    const out = json(r);
    assert.deepEqual(out.findings.map((f: { file: string }) => f.file), ['d/db.yaml', 'd/e/other.yaml']);
    assert.equal(out.summary.scanned, 2);
    assert.deepEqual(out.unread, []);
  });

  it('does not follow a link out of the scanned folder unless --follow-symlinks; a link inside it is read once', () => {
    const outside = workspace({ 'ext.yaml': PUBLIC_DB });
    const dir = workspace({ 'app/db.yaml': PUBLIC_DB });
    symlinkSync(outside, join(dir, 'app', 'vendor'));
    symlinkSync(join(dir, 'app', 'db.yaml'), join(dir, 'alias.yaml'));
    symlinkSync(join(dir, 'app'), join(dir, 'app2'));
    symlinkSync(join(dir, 'missing.yaml'), join(dir, 'dangling.yaml'));
    let r = run(['scan', '.', '--format', 'json', '--rules', 'CL-AWS-004'], dir);
    assert.deepEqual(json(r).findings.map((f: { file: string }) => f.file), ['app/db.yaml']);
    // Nothing is skipped silently: the link not followed and the dangling one are listed as not read.
    assert.deepEqual(json(r).unread, [
      { path: 'app/vendor', reason: 'a symbolic link out of the scanned folders, not followed' },
      { path: 'dangling.yaml', reason: 'a symbolic link that cannot be followed (ENOENT: no such file or directory)' },
    ]);
    r = run(['scan', '.', '--format', 'json', '--rules', 'CL-AWS-004', '--follow-symlinks'], dir);
    assert.deepEqual(json(r).findings.map((f: { file: string }) => f.file), ['app/db.yaml', 'app/vendor/ext.yaml']);
    assert.deepEqual(json(r).unread, [{ path: 'dangling.yaml', reason: 'a symbolic link that cannot be followed (ENOENT: no such file or directory)' }]);
    assert.match(run(['--help'], dir).stdout, /--follow-symlinks {2}also follow symbolic links that lead outside the scanned paths/);
  });

  it('scans a path given twice, as ./x and x, or a file and its folder, once', () => {
    const dir = workspace({ 'x/db.yaml': PUBLIC_DB });
    const r = run(['scan', 'x', './x', 'x/db.yaml', './x/db.yaml', '.', '--format', 'json', '--rules', 'CL-AWS-004'], dir);
    const out = json(r);
    assert.equal(out.findings.length, 1);
    assert.equal(out.summary.scanned, 1);
  });

  it('refuses a FIFO named on the command line without opening it, skips and lists one inside a folder', function () {
    const dir = workspace({ 'db.yaml': PUBLIC_DB });
    try {
      execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    } catch {
      this.skip();
    }
    let r = run(['scan', 'pipe.yaml'], dir, 20_000);
    assert.equal(r.signal, null, 'never blocks on the FIFO');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read pipe\.yaml: it is a named pipe \(FIFO\), not a file or folder; Cloudline reads regular files only/);
    r = run(['scan', '.', '--rules', 'CL-AWS-004'], dir, 20_000);
    assert.equal(r.signal, null);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^pipe\.yaml {2}not read {2}a named pipe \(FIFO\), not a regular file$/m);
    assert.match(r.stdout, /1 finding \(1 high\) in 1 IaC file \(1 file scanned, 1 not read\)\.\n$/);
    r = run(['scan', '.', '--rules', 'CL-AWS-004', '--format', 'json'], dir, 20_000);
    assert.deepEqual(json(r).unread, [{ path: 'pipe.yaml', reason: 'a named pipe (FIFO), not a regular file' }]);
    assert.equal(json(r).summary.unread, 1);
    r = run(['scan', '.', '--rules', 'CL-AWS-004', '--format', 'sarif'], dir, 20_000);
    const sarif = json(r);
    assert.ok(sarifValidator()(JSON.parse(r.stdout)));
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
    assert.deepEqual(sarif.runs[0].invocations[0].toolExecutionNotifications, [
      { level: 'warning', message: { text: 'Not read: a named pipe (FIFO), not a regular file' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'pipe.yaml', uriBaseId: '%SRCROOT%' } } }] },
    ]);
  });

  it('reports a file over maxFileSize without reading it, naming the limit', () => {
    // 11 MB, mostly a comment: the stat says it is too large before anything is read.
    const big = 'AWSTemplateFormatVersion: "2010-09-09"\n#' + 'x'.repeat(11 * 1024 * 1024) + '\n';
    const dir = workspace({ 'big.yaml': big, 'db.yaml': PRIVATE_DB });
    const r = run(['scan', '.', '--rules', 'CL-AWS-004'], dir);
    assert.equal(r.code, 1, 'a file not linted is a problem, as before');
    assert.match(r.stdout, /big\.yaml:1:1 {2}error {2}syntax {2}Cloudline did not lint this file: it is 11 MB, over the 10 MB limit \(maxFileSize\)\./);
  });

  it('reads UTF-16 files (LE and BE with a BOM, and UTF-8 with a BOM): same findings at the same lines as UTF-8', () => {
    const template = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(template, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    const dir = workspace({
      'utf8.yaml': template,
      'utf8bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(template)]),
      'utf16le.yaml': le,
      'utf16be.yaml': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
    });
    const r = run(['scan', '.', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const byFile = new Map<string, string[]>();
    for (const f of json(r).findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), `${f.ruleId}@${f.range.start.line}:${f.range.start.column}`]);
    const expected = byFile.get('utf8.yaml');
    assert.ok(expected && expected.includes('CL-AWS-004@6:27'), String(expected));
    for (const name of ['utf8bom.yaml', 'utf16le.yaml', 'utf16be.yaml']) assert.deepEqual(byFile.get(name), expected, name);
  });

  it('escapes control characters of names in text output, and no line starts with a workflow command', () => {
    const evil = 'Resources:\n  "Db\\e[8m\\n::error::pwned":\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';
    const k8s = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "p\\e]0;x\\a\\n::warning file=a::b"\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n';
    const dir = workspace({ 'db.yaml': evil, 'pod.yaml': k8s, '::error::x.yaml': PUBLIC_DB });
    const r = run(['scan', '.', '--rules', 'CL-AWS-004,CL-K8S-001'], dir);
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes('\u001b'), 'no raw ESC');
    assert.ok(!r.stdout.includes('\u0007'), 'no raw BEL');
    for (const line of r.stdout.split('\n')) assert.ok(!line.startsWith('::'), `a line starts with a workflow command: ${line}`);
    assert.match(r.stdout, /RDS instance Db\\x1b\[8m\\n::error::pwned sets PubliclyAccessible to true/);
    assert.match(r.stdout, /p\\x1b\]0;x\\x07\\n::warning file=a::b/);
    assert.match(r.stdout, /^ ::error::x\.yaml$/m);
  });

  it('--rules with an empty list is a usage error', () => {
    const dir = workspace({ 'db.yaml': PUBLIC_DB });
    for (const value of ['', ',', ' , ,']) {
      const r = run(['scan', '--rules', value], dir);
      assert.equal(r.code, 2, JSON.stringify(value));
      assert.match(r.stderr, /--rules needs at least one rule ID or slug/);
    }
    const r = run(['scan', '--rules='], dir);
    assert.equal(r.code, 2);
  });

  it('SARIF: percent-encodes artifact URIs and points related locations at the right line of the other file', () => {
    const bucket = JSON.stringify({ resource: { aws_s3_bucket: { logs: { bucket: 'x' } } } }, null, 2);
    const policyDoc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] });
    const policy = '\n\n\n\n' + JSON.stringify({ resource: { aws_s3_bucket_policy: { logs: { bucket: '${aws_s3_bucket.logs.id}', policy: policyDoc } } } }, null, 6);
    const dir = workspace({ 'a #1?/main.tf.json': bucket, 'a #1?/policy.tf.json': policy, '100%.yaml': PUBLIC_DB });
    const r = run(['scan', '.', '--format', 'sarif', '--rules', 'CL-AWS-052,CL-AWS-004'], dir);
    const sarif = json(r);
    assert.ok(sarifValidator()(JSON.parse(r.stdout)));
    const results = sarif.runs[0].results;
    const s3 = results.find((x: { ruleId: string }) => x.ruleId === 'CL-AWS-052');
    assert.equal(s3.locations[0].physicalLocation.artifactLocation.uri, 'a%20%231%3F/main.tf.json');
    const related = s3.relatedLocations[0].physicalLocation;
    assert.equal(related.artifactLocation.uri, 'a%20%231%3F/policy.tf.json');
    const line = policy.split('\n').findIndex((l) => l.includes('"logs"')) + 1;
    assert.equal(related.region.startLine, line);
    assert.equal(results.find((x: { ruleId: string }) => x.ruleId === 'CL-AWS-004').locations[0].physicalLocation.artifactLocation.uri, '100%25.yaml');
    const inside = json(run(['scan', '.', '--format', 'sarif', '--rules', 'CL-AWS-052'], join(dir, 'a #1?')));
    assert.match(inside.runs[0].originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/\/.*\/a%20%231%3F\/$/);
  });

  it('SARIF fingerprints are unique per finding over the kics corpus, and the report validates', function () {
    const corpus = join(root, '..', 'shared', 'corpus', 'kics');
    try {
      readFileSync(join(root, '..', 'shared', 'corpus', 'README.md'));
    } catch {
      this.skip();
    }
    const r = run(['scan', corpus, '--format', 'sarif'], root, 300_000);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const sarif = json(r);
    const results = sarif.runs[0].results as { partialFingerprints: Record<string, string> }[];
    assert.ok(results.length > 1000, `${results.length} results`);
    const prints = new Set(results.map((x) => x.partialFingerprints['cloudline/v3']));
    assert.equal(prints.size, results.length, 'one fingerprint per result');
    assert.ok(sarifValidator()(JSON.parse(r.stdout)), 'validates against SARIF 2.1.0');
  });
});
