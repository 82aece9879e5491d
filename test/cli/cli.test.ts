// The bundled CLI as a user runs it: exit codes, text/JSON/SARIF output, directory walking, clear errors.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from './formats';
import { makeWorkspace, runCli } from './run';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

/** Runs the CLI; scans are limited to CL-AWS-004 (and CL-GEN-001) unless the test passes its own --rules. */
function run(args: string[], cwd: string) {
  const limited = args[0] === 'scan' && !args.includes('--rules') ? [...args, '--rules', 'CL-AWS-004,CL-GEN-001'] : args;
  return runCli(limited, cwd);
}

const PUBLIC_DB = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';
const PRIVATE_DB = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: false\n';

function workspace(files: Record<string, string>): string {
  return makeWorkspace('cli', files);
}

describe('cloudline CLI', () => {
  it('prints findings grouped by file with file:line:col, severity, rule ID, message and owner; exits 1', () => {
    const dir = workspace({ 'stack/db.yaml': PUBLIC_DB, 'stack/ok.yaml': PRIVATE_DB, 'notes.yaml': 'hello: world\n' });
    const r = run(['scan', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'stack/db.yaml');
    assert.match(lines[1], /^ {2}stack\/db\.yaml:5:27 {2}high {2}CL-AWS-004 {2}RDS instance Db sets PubliclyAccessible to true.*Amazon RDS is PaaS: .*your decision\. {2}\[fix owner: customer, quick-fix available\]$/);
    assert.match(r.stdout, /1 finding \(1 high\) in 2 IaC files \(3 files scanned\)\./);
  });

  it('exits 0 when nothing is at or above the severity threshold', () => {
    const dir = workspace({ 'db.yaml': PUBLIC_DB });
    const r = run(['scan', '--severity', 'critical'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No customer-side findings at or above critical in 1 IaC file \(1 file scanned\)\./);
  });

  it('skips node_modules, .git and .terraform', () => {
    const dir = workspace({ 'node_modules/x/db.yaml': PUBLIC_DB, '.git/db.yaml': PUBLIC_DB, '.terraform/m/db.yaml': PUBLIC_DB, 'ok.yaml': PRIVATE_DB });
    const r = run(['scan', dir], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /\(1 file scanned\)/);
  });

  it('exits 2 with a clear message on usage errors and unreadable input, naming the file', () => {
    const dir = workspace({ 'db.yaml': PUBLIC_DB });
    let r = run(['scan', '--format', 'xml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format must be text, json, sarif or gitlab-sast, not "xml"/);
    r = run(['scan', '--severity', 'urgent'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--severity must be one of info, low, medium, high, critical/);
    r = run(['scan', 'missing.yaml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read missing\.yaml: no such file or directory/);
    r = run(['frobnicate'], dir);
    assert.equal(r.code, 2);
    if (process.getuid?.() !== 0) {
      chmodSync(join(dir, 'db.yaml'), 0o000);
      r = run(['scan', 'db.yaml'], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /cannot read db\.yaml/);
    }
    r = run(['scan', '--output'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--output needs a value/);
  });

  it('reports a syntax error in an IaC file at its position and exits 1', () => {
    const dir = workspace({ 'bad.json': '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n' });
    const r = run(['scan', '.'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /bad\.json:3:17 {2}error {2}syntax {2}Unexpected end of JSON input: an object or array is not closed\./);
  });

  it('JSON output has the documented shape', () => {
    const dir = workspace({ 'db.yaml': PUBLIC_DB });
    const r = run(['scan', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.tool, 'cloudline');
    assert.deepEqual(report.summary, { files: 1, scanned: 1, findings: 1, suppressed: 0, syntaxErrors: 0, unread: 0, notChecked: 0 });
    assert.deepEqual(report.unread, []);
    assert.deepEqual(report.notChecked, []);
    const f = report.findings[0];
    assert.equal(f.ruleId, 'CL-AWS-004');
    assert.equal(f.slug, 'rds-publicly-accessible');
    assert.equal(f.severity, 'high');
    assert.equal(f.file, 'db.yaml');
    assert.deepEqual(f.range, { start: { line: 5, column: 27 }, end: { line: 5, column: 31 } });
    assert.deepEqual(f.resource, { id: 'Db', type: 'AWS::RDS::DBInstance', format: 'cloudformation' });
    assert.equal(f.responsibility.owner, 'customer');
    assert.equal(f.responsibility.service, 'Amazon RDS');
    assert.equal(f.responsibility.model, 'PaaS');
    assert.equal(f.fixable, true);
  });

  it('JSON output is written exactly as JSON.stringify(report, null, 2) would write it (findings are written by hand)', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "quo\\"te\\u2028"\n  namespace: ns\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n      securityContext:\n        privileged: true\n';
    const dir = workspace({ 'db.yaml': PUBLIC_DB, 'pod.yaml': pod, 'b.tf.json': '{"resource": {"aws_db_instance": {"d": {"publicly_accessible": true}}}}' });
    const r = spawnSync(process.execPath, [cli, 'scan', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(r.stdout, JSON.stringify(report, null, 2) + '\n');
    const k8s = report.findings.find((f: { ruleId: string }) => f.ruleId === 'CL-K8S-001');
    assert.deepEqual(k8s.resource, { id: 'Pod/ns/quo"te\u2028', type: 'Pod', format: 'kubernetes', kind: 'Pod', namespace: 'ns', name: 'quo"te\u2028' });
    assert.ok(report.findings.some((f: { file: string }) => f.file === 'b.tf.json'));
    assert.ok(report.findings.every((f: { frameworks: unknown[]; responsibility: { provider: string } }) => Array.isArray(f.frameworks) && f.responsibility.provider.length > 0));
  });

  it('SARIF output validates against the SARIF 2.1.0 schema and carries exact regions', () => {
    const dir = workspace({ 'db.yaml': PUBLIC_DB, 'bad.json': '{"AWSTemplateFormatVersion": ' });
    const out = join(dir, 'report.sarif');
    const r = run(['scan', '--format', 'sarif', '--output', out], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '', 'with --output nothing goes to stdout');
    const text = readFileSync(out, 'utf8');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const sarif = JSON.parse(text) as any;
    const schema = JSON.parse(readFileSync(join(root, '..', 'shared', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.equal(validate({ version: '2.1.0', runs: [{ results: [] }] }), false, 'the schema must reject a run without a tool');
    assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors, null, 1));
    const result = sarif.runs[0].results[0];
    assert.equal(result.ruleId, 'CL-AWS-004');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 5, startColumn: 27, endLine: 5, endColumn: 31 });
    assert.equal(result.locations[0].logicalLocations[0].name, 'Db');
    assert.equal(sarif.runs[0].tool.driver.rules[0].id, 'CL-AWS-004');
    assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications.length, 1);
  });

  it('keeps suppressed findings on record: JSON lists them with the reason, SARIF marks them accepted, text counts them', () => {
    const suppressedDb = PUBLIC_DB.replace('PubliclyAccessible: true', 'PubliclyAccessible: true # cloudline-ignore CL-AWS-004 -- reporting replica');
    const dir = workspace({ 'db.yaml': suppressedDb });
    const text = run(['scan'], dir);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /1 finding suppressed, each on record with its suppression\./);
    const json = JSON.parse(run(['scan', '--format', 'json'], dir).stdout);
    assert.equal(json.findings.length, 0);
    assert.deepEqual(json.suppressed.map((x: { ruleId: string; reason: string }) => [x.ruleId, x.reason]), [['CL-AWS-004', 'reporting replica']]);
    const sarif = JSON.parse(run(['scan', '--format', 'sarif'], dir).stdout);
    assert.deepEqual(sarif.runs[0].results[0].suppressions, [
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'reporting replica',
        location: { physicalLocation: { artifactLocation: { uri: 'db.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 32, endLine: 5, endColumn: 82 } } },
        properties: { tool: 'cloudline' },
      },
    ]);
  });

  it('reads .cloudline.yaml: rules turned off, excluded globs, a frameworks filter', () => {
    const dir = workspace({ 'a/db.yaml': PUBLIC_DB, 'generated/db.yaml': PUBLIC_DB, '.cloudline.yaml': 'exclude: ["generated/**"]\n' });
    let r = run(['scan'], dir);
    assert.match(r.stdout, /^a\/db\.yaml$/m);
    assert.doesNotMatch(r.stdout, /generated/);
    writeFileSync(join(dir, '.cloudline.yaml'), 'rules:\n  rds-publicly-accessible: off\n');
    r = run(['scan'], dir);
    assert.equal(r.code, 0, r.stdout);
    writeFileSync(join(dir, '.cloudline.yaml'), 'frameworks: [PCI DSS]\n');
    assert.equal(run(['scan'], dir).code, 1, 'CL-AWS-004 cites PCI DSS');
    writeFileSync(join(dir, '.cloudline.yaml'), 'frameworks: [HIPAA]\n');
    assert.equal(run(['scan'], dir).code, 0, 'no rule cites HIPAA');
  });

  it('rejects a bad options file with exit 2 and file:line:col for each problem', () => {
    const dir = workspace({ 'db.yaml': PUBLIC_DB, 'opts.yaml': 'minimumSeverity: urgent\nrulez: {}\nrules:\n  CL-NOPE-1: off\n' });
    const r = run(['scan', '--config', 'opts.yaml'], dir);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'cloudline: invalid options file:\n' +
        '  opts.yaml:1:18: minimumSeverity must be one of info, low, medium, high, critical.\n' +
        '  opts.yaml:2:1: Unknown option "rulez". Known options: minimumSeverity, rules, frameworks, exclude, otherToolsSuppressions, baseline.\n' +
        '  opts.yaml:4:3: Unknown rule "CL-NOPE-1": use a rule ID (CL-AWS-004) or slug (rds-publicly-accessible).\n',
    );
  });

  it('--rules limits the scan to the named rules, and rejects unknown ones', () => {
    const dir = workspace({ 'db.yaml': PUBLIC_DB });
    const all = JSON.parse(spawnSync(process.execPath, [cli, 'scan', '--format', 'json'], { cwd: dir, encoding: 'utf8' }).stdout);
    assert.ok(all.findings.length > 1, 'without --rules every rule runs');
    const one = JSON.parse(run(['scan', '--format', 'json', '--rules', 'rds-publicly-accessible'], dir).stdout);
    assert.deepEqual(one.findings.map((f: { ruleId: string }) => f.ruleId), ['CL-AWS-004']);
    const bad = run(['scan', '--rules', 'CL-AWS-999'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown rule CL-AWS-999 in --rules/);
  });

  it('sees a Terraform module as all *.tf.json files of its directory (split resources, by reference)', () => {
    const bucket = JSON.stringify({ resource: { aws_s3_bucket: { logs: { bucket: 'x' } } } });
    const block = JSON.stringify({
      resource: { aws_s3_bucket_public_access_block: { logs: { bucket: '${aws_s3_bucket.logs.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } } },
    });
    const dir = workspace({ 'mod/main.tf.json': bucket, 'mod/s3.tf.json': block, 'other/main.tf.json': bucket });
    const r = JSON.parse(run(['scan', '--format', 'json', '--rules', 'CL-AWS-002'], dir).stdout);
    assert.deepEqual(r.findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`), ['other/main.tf.json CL-AWS-002']);
  });

  it('lists the catalogue with its metadata as JSON and Markdown', () => {
    const r = run(['rules', '--format', 'json'], root);
    assert.equal(r.code, 0);
    const rules = JSON.parse(r.stdout);
    const rds = rules.find((x: { id: string }) => x.id === 'CL-AWS-004');
    assert.deepEqual(rds.formats, ['cloudformation', 'terraform', 'terraform-plan']);
    assert.equal(rds.responsibility.owner, 'customer');
    assert.ok(rds.equivalents.checkov.includes('CKV_AWS_17'));
    assert.equal(rules.find((x: { id: string }) => x.id === 'CL-AWS-071').fixable, true);
    assert.equal(rules.find((x: { id: string }) => x.id === 'CL-AWS-023').fixable, false);
    const md = run(['rules', '--format', 'md'], root);
    assert.match(md.stdout, /^\| ID \| Slug \| Title \| Severity \| Formats \| Quick-fix \| Owner \| Model \| Layer \| Frameworks \| Equivalents \|/);
    assert.match(md.stdout, /\| CL-AWS-071 \| `kms-key-rotation-disabled` \| KMS key rotation is not enabled \| medium \| cloudformation, terraform, terraform-plan \| yes \|/);
  });
});

describe('docs/rules.md', () => {
  it('is the current catalogue (regenerate with npm run docs:rules)', () => {
    const r = spawnSync(process.execPath, [cli, 'rules', '--format', 'md'], { encoding: 'utf8' });
    assert.equal(readFileSync(join(root, 'docs', 'rules.md'), 'utf8'), r.stdout);
  });
});

describe('a reader that stops reading (cloudline scan | head)', () => {
  it('ends quietly when stdout is closed early: no stack trace, exit 141 as a shell reports a closed pipe', async () => {
    const { spawn } = await import('node:child_process');
    // A report many times the pipe's buffer (the KICS CloudFormation corpus: megabytes of JSON), so the scan is still
    // writing when the reader goes: the bundled examples' report (about 100 KB) could fit in the pipe after the first
    // read, and then the scan ends normally (exit 1) before it notices.
    const corpus = join(root, '..', 'shared', 'corpus', 'kics', 'cloudformation');
    const child = spawn(process.execPath, [cli, 'scan', '--format', 'json', corpus], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    // Read the first chunk, then close our end, as `head -c 100` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(stderr, '');
    assert.equal(code, 141);
  });
});
