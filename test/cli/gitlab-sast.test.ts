// `cloudline scan --format gitlab-sast`: GitLab's SAST report (schema 15.0.x) as the bundled CLI writes it.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateGitlabSast } from './gitlab-schema';
import { makeWorkspace, runCli } from './run';


function run(args: string[], cwd: string) {
  return runCli(args, cwd);
}

function workspace(files: Record<string, string>): string {
  return makeWorkspace('gitlab', files);
}

const PUBLIC_DB = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;

describe('scan --format gitlab-sast', () => {
  it('writes one vulnerability per finding with the fields GitLab documents, and exits 1', () => {
    const dir = workspace({ 'stack/db.yaml': PUBLIC_DB });
    const r = run(['scan', '--format', 'gitlab-sast', '--output', 'gl-sast-report.json', '--rules', 'CL-AWS-004'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    const report = JSON.parse(readFileSync(join(dir, 'gl-sast-report.json'), 'utf8'));
    validateGitlabSast(report);
    assert.equal(report.version, '15.0.6');
    assert.equal(report.schema, 'https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.0.6/dist/sast-report-format.json');
    assert.deepEqual(report.scan.analyzer, { id: 'cloudline', name: 'Cloudline', url: 'https://example.invalid/cloudline', vendor: { name: 'Cloudline' }, version: '0.1.0' });
    assert.deepEqual(report.scan.scanner, report.scan.analyzer);
    assert.equal(report.scan.type, 'sast');
    assert.equal(report.scan.status, 'success');
    assert.match(report.scan.start_time, TIME);
    assert.match(report.scan.end_time, TIME);
    assert.ok(report.scan.start_time <= report.scan.end_time);
    assert.equal(report.scan.messages, undefined, 'nothing to say');
    assert.equal(report.vulnerabilities.length, 1);
    const v = report.vulnerabilities[0];
    assert.match(v.id, /^[0-9a-f]{32}$/);
    assert.equal(v.name, 'RDS instance is publicly accessible');
    assert.equal(v.severity, 'High');
    assert.match(v.description, /^RDS instance Db sets PubliclyAccessible to true.*\n\n\S/);
    assert.ok(v.solution.length > 0);
    assert.deepEqual(v.location, { file: 'stack/db.yaml', start_line: 5, end_line: 5 });
    assert.deepEqual(v.identifiers.map((i: any) => [i.type, i.name, i.value]), [['cloudline_rule_id', 'Cloudline CL-AWS-004', 'CL-AWS-004']]);
    assert.match(v.identifiers[0].url, /^https:\/\/docs\.aws\.amazon\.com\//);
    assert.equal(v.details.resource.value, 'AWS::RDS::DBInstance Db');
    assert.equal(v.details.owner.value, 'customer');
    // The check can fail: a field schema 15.0.0 removed, or a severity in our own words, is refused.
    assert.throws(() => validateGitlabSast({ ...report, vulnerabilities: [{ ...v, category: 'sast' }] }));
    assert.throws(() => validateGitlabSast({ ...report, vulnerabilities: [{ ...v, severity: 'high' }] }));
  });

  it('keeps the id of a finding across line shifts and unrelated edits (the baseline fingerprint)', () => {
    const dir = workspace({ 'db.yaml': PUBLIC_DB });
    const first = JSON.parse(run(['scan', '--format', 'gitlab-sast', '--rules', 'CL-AWS-004'], dir).stdout);
    writeFileSync(join(dir, 'db.yaml'), `# a comment\n\n${PUBLIC_DB.replace('Properties:\n', 'Properties:\n      Engine: mysql\n')}`);
    const second = JSON.parse(run(['scan', '--format', 'gitlab-sast', '--rules', 'CL-AWS-004'], dir).stdout);
    assert.equal(second.vulnerabilities[0].location.start_line, 8);
    assert.equal(second.vulnerabilities[0].id, first.vulnerabilities[0].id);
    // The same fingerprint SARIF gives the finding.
    const sarif = JSON.parse(run(['scan', '--format', 'sarif', '--rules', 'CL-AWS-004'], dir).stdout);
    assert.equal(sarif.runs[0].results[0].partialFingerprints['cloudline/v3'], first.vulnerabilities[0].id);
  });

  it('leaves suppressed and baselined findings out and says so in the scan messages, with syntax errors and what was not checked', () => {
    const dir = workspace({
      'a.yaml': PUBLIC_DB.replace('true\n', 'true # cloudline-ignore CL-AWS-004 -- a test database\n'),
      'b.yaml': PUBLIC_DB,
      'c.yaml': PUBLIC_DB.replace('Db:', 'Other:'),
      'bad.json': '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n',
      'main.tf': 'resource "azurerm_resource_group" "g" {\n  name = "g"\n  location = "westeurope"\n}\n',
    });
    assert.equal(run(['scan', 'b.yaml', '--write-baseline', 'base.json', '--rules', 'CL-AWS-004'], dir).code, 0);
    const r = run(['scan', '--format', 'gitlab-sast', '--baseline', 'base.json', '--rules', 'CL-AWS-004'], dir);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    validateGitlabSast(report);
    assert.deepEqual(report.vulnerabilities.map((v: any) => v.location.file), ['c.yaml']);
    assert.deepEqual(report.scan.messages, [
      { level: 'warn', value: 'Syntax error in bad.json:3:17: Unexpected end of JSON input: an object or array is not closed.' },
      { level: 'info', value: 'Not checked: 1 Azure Resource Manager resource (no rules for this service yet)' },
      { level: 'info', value: "1 suppressed finding left out (GitLab's format has no suppressed state; the SARIF and JSON reports list them with their suppressions)." },
      { level: 'info', value: '1 finding in the baseline base.json left out.' },
    ]);
  });

  it('reports only findings at or above --severity, and an empty list when there are none (exit 0)', () => {
    const dir = workspace({ 'db.yaml': PUBLIC_DB });
    const r = run(['scan', '--format', 'gitlab-sast', '--severity', 'critical', '--rules', 'CL-AWS-004'], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    validateGitlabSast(report);
    assert.deepEqual(report.vulnerabilities, []);
  });

  it('names Terraform findings by file and line, with unique ids and GitLab\'s severity names', () => {
    const dir = workspace({
      'main.tf': 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n',
    });
    const r = run(['scan', '--format', 'gitlab-sast'], dir);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    validateGitlabSast(report);
    const severities = new Set(report.vulnerabilities.map((v: any) => v.severity));
    for (const s of severities) assert.ok(['Critical', 'High', 'Medium', 'Low', 'Info'].includes(s as string));
    const pub = report.vulnerabilities.find((v: any) => v.identifiers[0].value === 'CL-AWS-004');
    assert.deepEqual(pub.location, { file: 'main.tf', start_line: 2, end_line: 2 });
    assert.equal(new Set(report.vulnerabilities.map((v: any) => v.id)).size, report.vulnerabilities.length, 'ids are unique');
  });
});
