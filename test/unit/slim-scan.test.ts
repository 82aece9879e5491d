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
import { baselineEntries, compareWithBaseline, fingerprintResults, parseBaseline, baselineText } from '../../server/src/engine/baseline';
import { jsonReportParts, sarifReportParts, textReportParts } from '../../server/src/cli/report';
import { gitlabSastReport } from '../../server/src/cli/report-gitlab';
import { makeWorkspace } from '../cli/run';

const catalogue = defaultCatalogue();
/** A baseline's folder other than the current directory (it need not exist: fingerprints name files relative to it). */
const BASELINE_ROOT = join(process.cwd(), 'baseline-folder');

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: team
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.25
`;

const TREE: Record<string, string> = {
  // Terraform: a local module call across directories, the account-wide EBS default in another file of the module.
  'tf/app/main.tf': 'module "net" {\n  source = "../../modules/net"\n  public = true\n}\n\nresource "aws_ebs_volume" "covered" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n',
  'modules/net/main.tf': 'variable "public" {\n  default = false\n}\n\nresource "aws_db_instance" "db" {\n  publicly_accessible = var.public\n}\n',
  'tf/app/defaults.tf': 'resource "aws_ebs_encryption_by_default" "d" {\n  enabled = true\n}\n',
  'tf/other/vol.tf': 'resource "aws_ebs_volume" "bare" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n',
  // Plans, linted early: one in YAML with an unencrypted volume (the EBS project check reads plans too), one in JSON.
  'plans/plan.yaml': 'format_version: "1.2"\nplanned_values:\n  root_module:\n    resources:\n      - address: aws_ebs_volume.p\n        type: aws_ebs_volume\n        name: p\n        mode: managed\n        values:\n          availability_zone: us-east-1a\n          encrypted: false\n',
  'plans/plan.json': JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', name: 'b', mode: 'managed', values: { bucket: 'b', acl: 'public-read' } }] } } }, null, 2) + '\n',
  // Kubernetes across files: the NetworkPolicy of namespace team is in another file.
  'k8s/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: empty\n',
  'k8s/deploy.yaml': DEPLOY,
  'k8s/netpol.json': '{\n  "apiVersion": "networking.k8s.io/v1",\n  "kind": "NetworkPolicy",\n  "metadata": { "name": "deny", "namespace": "team" },\n  "spec": { "podSelector": {}, "policyTypes": ["Ingress"] }\n}\n',
  // A Kustomization naming a patch and, oddly, a CloudFormation template: the template is linted early, then found
  // to be a patch, and must end as the lint of all files leaves it (a note, not linted).
  'k8s/overlay/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base\npatchesStrategicMerge:\n  - patch.yaml\n  - ../../cfn/patched.yaml\n',
  'k8s/overlay/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            privileged: true\n',
  'cfn/patched.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n',
  // CloudFormation: findings with fixes, a suppression with a reason and one without (CL-GEN-001), a related
  // location, a syntax error, JSON and YAML, CRLF line ends, a resource type without rules.
  'cfn/bucket.yaml':
    'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n  Quiet:\n    # cloudline-ignore CL-AWS-002 -- logs bucket, reviewed\n    Type: AWS::S3::Bucket\n  Loud:\n    # cloudline-ignore CL-AWS-002\n    Type: AWS::S3::Bucket\n  Pipe:\n    Type: AWS::DataPipeline::Pipeline\n',
  'cfn/db.json': '{\r\n  "AWSTemplateFormatVersion": "2010-09-09",\r\n  "Resources": {\r\n    "Db": { "Type": "AWS::RDS::DBInstance", "Properties": { "PubliclyAccessible": true, "Engine": "mysql" } },\r\n    "Sg": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "x", "SecurityGroupIngress": [{ "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0" }] } }\r\n  }\r\n}\r\n',
  'cfn/broken.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: [\n',
  'cfn/huge.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + '  B:\n    Type: AWS::S3::Bucket\n'.repeat(2_000),
  'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n',
  'arm.json': '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [] }\n',
  Dockerfile: 'FROM alpine\n',
};

/** Every report the CLI's `scan` writes, from one outcome (fingerprints from the outcome when it has them). */
function reports(o: ScanOutcome): Record<string, string> {
  const prints = o.fingerprints?.get(process.cwd()) ?? fingerprintResults(o.results, process.cwd());
  return {
    text: [...textReportParts(o.results, 'info', o.scanned, false, o.unread, o.notChecked)].join(''),
    json: [...jsonReportParts(o.results, 'info', o.scanned, catalogue, o.unread, o.notChecked)].join(''),
    sarif: [...sarifReportParts(o.results, 'info', catalogue, o.unread, o.notChecked, undefined, prints)].join(''),
    gitlab: gitlabSastReport({ results: o.results, threshold: 'info', unread: o.unread, notChecked: o.notChecked, start: new Date(0), end: new Date(0), root: process.cwd(), prints }),
  };
}

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
