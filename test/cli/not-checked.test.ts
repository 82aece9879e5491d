// Issue #12, no silent "clean": the CLI says what it did not check (resources of providers and services without
// rules, files of formats it does not lint, Helm charts) in text, JSON and SARIF, and a scan that linted no IaC file
// exits 2 unless --allow-empty.
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from './formats';
import { makeWorkspace, runCli } from './run';

const root = join(__dirname, '..', '..');

/** Runs the CLI; scans are limited to CL-AWS-004 (the fixtures' RDS instance is private: no findings). */
function run(args: string[], cwd: string) {
  const limited = args[0] === 'scan' ? [...args, '--rules', 'CL-AWS-004'] : args;
  return runCli(limited, cwd);
}

const made: string[] = [];
function workspace(files: Record<string, string>): string {
  return makeWorkspace('notchecked', files, made);
}

const ALICLOUD = [
  'resource "alicloud_oss_bucket" "b" {\n  bucket = "x"\n}\n',
  'resource "alicloud_kms_key" "k" {\n  description = "x"\n}\n',
  'data "alicloud_account" "current" {}\n',
  'resource "random_id" "r" {\n  byte_length = 4\n}\n',
].join('\n');
// A provider the catalogue has no rules for (Azure and Google Cloud have some since issue #14).
const ORACLE = 'resource "oci_objectstorage_bucket" "b" {\n  name = "x"\n}\n';
const PRIVATE_DB = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: false\n  Alias:\n    Type: AWS::GameLift::Alias\n    Properties:\n      Name: example\n';
const CHART = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
  'chart/values.yaml': 'replicas: 1\n',
  'chart/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n',
  'chart/templates/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n',
};
const OTHERS = {
  'infra/main.bicep': "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {}\n",
  'infra/azuredeploy.json': '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": []\n}\n',
  'live/terragrunt.hcl': 'terraform {\n  source = "../modules/x"\n}\n',
  '.terraform.lock.hcl': '# lock file\n',
  'app/Dockerfile': 'FROM alpine\n',
  'site.yml': '- hosts: all\n  tasks:\n    - name: ping\n      ping:\n',
  'notes.yaml': 'hello: world\n',
};

describe('CLI: what was not checked (issue #12)', function () {
  this.timeout(60_000);
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('text: one closing line names providers without rules, CloudFormation services without rules, per provider', () => {
    const dir = workspace({ 'ali/main.tf': ALICLOUD, 'oci/main.tf': ORACLE, 'cfn/db.yaml': PRIVATE_DB });
    const r = run(['scan', '.'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.at(-2), 'No customer-side findings at or above info in 3 IaC files (3 files scanned).');
    assert.equal(
      lines.at(-1),
      'Not checked: 2 alicloud_* resources (no rules for Alibaba Cloud yet), 1 AWS::GameLift::* resource (no rules for this service yet), 1 oci_* resource (no rules for Oracle Cloud yet).',
    );
  });

  it('JSON: summary.notChecked counts, notChecked lists each group with its files', () => {
    const dir = workspace({ 'az/main.tf': ALICLOUD, ...CHART, ...OTHERS, 'db.yaml': PRIVATE_DB });
    const r = run(['scan', '.', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.notChecked, [
      { kind: 'resources', what: 'alicloud_*', reason: 'no rules for Alibaba Cloud yet', count: 2, files: ['az/main.tf'] },
      { kind: 'resources', what: 'AWS::GameLift::*', reason: 'no rules for this service yet', count: 1, files: ['db.yaml'] },
      { kind: 'helm', what: 'Helm chart', reason: 'templates not rendered', count: 1, templates: 2, files: ['chart'] },
      { kind: 'files', what: 'ARM template', reason: 'not linted yet', count: 1, files: ['infra/azuredeploy.json'] },
      { kind: 'files', what: 'Ansible playbook', reason: 'not linted', count: 1, files: ['site.yml'] },
      { kind: 'files', what: 'Bicep file', reason: 'not linted yet', count: 1, files: ['infra/main.bicep'] },
      { kind: 'files', what: 'Dockerfile', reason: 'not linted', count: 1, files: ['app/Dockerfile'] },
      { kind: 'files', what: 'Terragrunt file', reason: 'not linted yet', count: 1, files: ['live/terragrunt.hcl'] },
    ]);
    assert.equal(report.summary.notChecked, 2 + 1 + 1 + 5);
  });

  it('SARIF: one tool execution notification (level note) per group, valid against the SARIF 2.1.0 schema', () => {
    const dir = workspace({ 'az/main.tf': ALICLOUD, 'infra/main.bicep': OTHERS['infra/main.bicep'], 'db.yaml': PRIVATE_DB });
    const r = run(['scan', '.', '--format', 'sarif'], dir);
    assert.equal(r.code, 0, r.stderr);
    const sarif = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(join(root, '..', 'shared', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors));
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
    assert.deepEqual(
      notes.map((n: { level: string; message: { text: string } }) => [n.level, n.message.text]),
      [
        ['note', 'Not checked: 2 alicloud_* resources (no rules for Alibaba Cloud yet)'],
        ['note', 'Not checked: 1 AWS::GameLift::* resource (no rules for this service yet)'],
        ['note', 'Not checked: 1 Bicep file (not linted yet)'],
      ],
    );
    assert.equal(notes[0].locations[0].physicalLocation.artifactLocation.uri, 'az/main.tf');
    assert.deepEqual(notes[0].properties.notChecked, { kind: 'resources', what: 'alicloud_*', reason: 'no rules for Alibaba Cloud yet', count: 2 });
  });

  it('a scan that linted no IaC file exits 2 with a message on stderr naming what was found; --allow-empty exits 0', () => {
    const dir = workspace({ 'infra/main.bicep': OTHERS['infra/main.bicep'], 'notes.yaml': 'hello: world\n' });
    let r = run(['scan', '.'], dir);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'cloudline: no CloudFormation, Kubernetes or Terraform file was linted in . (1 candidate file read). Not checked: 1 Bicep file (not linted yet). ' +
        'Pass --allow-empty to exit 0 when that is expected.\n',
    );
    assert.match(r.stdout, /No customer-side findings at or above info in 0 IaC files \(1 file scanned\)\.\nNot checked: 1 Bicep file \(not linted yet\)\.\n$/);
    r = run(['scan', '.', '--allow-empty'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    // An empty folder, JSON: the report is still written, and the exit status says nothing was linted.
    const empty = workspace({});
    r = run(['scan', '--format', 'json'], empty);
    assert.equal(r.code, 2);
    assert.equal(JSON.parse(r.stdout).summary.files, 0);
    assert.match(r.stderr, /^cloudline: no CloudFormation, Kubernetes or Terraform file was linted in \. \(0 candidate files read\)\. Pass --allow-empty/);
  });

  it('a Helm chart alone is not an IaC file read: exit 2, the chart named once, not per template', () => {
    const dir = workspace(CHART);
    const r = run(['scan', '.'], dir);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stdout, /\nNot checked: 1 Helm chart \(2 templates not rendered\)\.\n$/);
    assert.match(r.stderr, /Not checked: 1 Helm chart \(2 templates not rendered\)\./);
  });

  it('Terraform of a provider without rules alone: read (exit 0), and said not checked instead of a silent clean', () => {
    const dir = workspace({ 'main.tf': ORACLE });
    const r = run(['scan', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /in 1 IaC file \(1 file scanned\)\.\nNot checked: 1 oci_\* resource \(no rules for Oracle Cloud yet\)\.\n$/);
  });

  it('a .tfvars file counts as an IaC file read', () => {
    const dir = workspace({ 'terraform.tfvars': 'public = true\n', 'prod.auto.tfvars': 'x = 1\n' });
    const r = run(['scan', '.'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /in 2 IaC files \(2 files scanned\)\./);
  });

  it('--help names --allow-empty and the exit status', () => {
    const r = run(['--help'], root);
    assert.match(r.stdout, /--allow-empty {2}exit 0 \(not 2\) when the scan found no CloudFormation, Kubernetes or Terraform file to lint/);
    assert.match(r.stdout, /or no IaC file\nread at all \(unless --allow-empty\)/);
  });
});
