// The responsibility inventory (issue 15): every resource grouped by model, cloud and service, unclassified types
// counted and never dropped, suppressed findings with their reasons; hover cards for types outside the service data;
// the CSV writer's quoting and formula guard; the responsibility data's integrity.
import { strict as assert } from 'node:assert';
import { join, relative } from 'node:path';
import { csvField } from '../../server/src/cli/inventory';
import { TOOL_VERSION } from '../../server/src/cli/report';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { scan } from '../../server/src/engine/scan';
import { buildInventory, isBuiltInGroup } from '../../server/src/report/inventory';
import { hoverAt } from '../../server/src/service/hover';
import { SERVICES } from '../../rules/index';
import { lintText } from '../helpers';

const FIXTURE = join(__dirname, '..', 'cli', 'fixtures', 'inventory');
const ONLY = ['CL-AWS-004', 'CL-K8S-001', 'CL-GEN-001'];

async function fixtureInventory() {
  const catalogue = defaultCatalogue();
  const rules: Record<string, 'off'> = {};
  for (const r of catalogue.rules) if (!ONLY.includes(r.id)) rules[r.id] = 'off';
  const config = { rules };
  const outcome = await scan([FIXTURE], catalogue, config, { base: FIXTURE, name: (p) => relative(FIXTURE, p) });
  return buildInventory(outcome.results, catalogue, { config, toolVersion: TOOL_VERSION });
}

describe('responsibility inventory', () => {
  it('groups every resource of a mixed workspace by model, cloud and service, and counts the unclassified by type', async () => {
    const inv = await fixtureInventory();
    assert.deepEqual(inv.summary, {
      files: 4,
      resources: 8,
      classified: 5,
      unclassified: 3,
      findings: 3,
      suppressed: 1,
      byModel: { IaaS: 1, PaaS: 3, SaaS: 0, Hybrid: 1, Unclassified: 3 },
      byCloud: { AWS: 5, Azure: 0, 'Google Cloud': 0, Kubernetes: 2, Other: 1 },
    });
    assert.deepEqual(
      inv.models.map((m) => [m.model, m.count, m.clouds.map((c) => [c.cloud, c.services.map((s) => `${s.service}: ${s.resources.map((r) => r.id).join(', ')}`)])]),
      [
        ['IaaS', 1, [['AWS', ['Amazon VPC: aws_security_group.web']]]],
        ['PaaS', 3, [['AWS', ['Amazon RDS: aws_db_instance.analytics, ReportsDb, OrdersDb']]]],
        ['Hybrid', 1, [['Kubernetes', ['Managed Kubernetes (workloads): Deployment/shop/web']]]],
      ],
    );
    assert.deepEqual(
      inv.unclassified.map((g) => [g.type, g.cloud, g.customResource, g.count]),
      [
        ['AWS::GameLift::Fleet', 'AWS', false, 1],
        ['Certificate', 'Kubernetes', true, 1],
        ['random_id', 'Other', false, 1],
      ],
    );
  });

  it('lists open findings and suppressed ones with the reason and where the suppression is written', async () => {
    const inv = await fixtureInventory();
    const rds = inv.models.find((m) => m.model === 'PaaS')!.clouds[0].services[0];
    const [tf, reports, orders] = rds.resources;
    assert.deepEqual(tf.findings.map((f) => [f.ruleId, f.severity, f.line, f.column, f.fixable]), [['CL-AWS-004', 'high', 3, 25, true]]);
    assert.deepEqual(reports.findings, []);
    assert.deepEqual(
      reports.suppressed.map((f) => [f.ruleId, f.line, f.reason, f.suppressionLine]),
      [['CL-AWS-004', 12, 'Reached only from the office VPN, risk accepted in RISK-12', 8]],
    );
    assert.deepEqual(orders.findings.map((f) => [f.ruleId, f.line]), [['CL-AWS-004', 17]]);
    assert.deepEqual([reports.file, reports.line, reports.column, reports.format, reports.controls], ['stack.yaml', 3, 3, 'cloudformation', ['CL-AWS-004']]);
    assert.equal(rds.providerSide, 'AWS patches the database engine and the hosts, runs the storage and performs the backups you schedule.');
  });

  it('names as controls only the rules that run: turned-off rules are not controls that apply', async () => {
    const inv = await fixtureInventory();
    assert.deepEqual(Object.keys(inv.controls), ['CL-AWS-004', 'CL-K8S-001']);
    assert.equal(inv.controls['CL-AWS-004'].title, 'RDS instance is publicly accessible');
    const all = buildInventory([lintText('db.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n')], defaultCatalogue(), { toolVersion: TOOL_VERSION });
    const db = all.models[0].clouds[0].services[0].resources[0];
    assert.ok(db.controls.length > 5 && db.controls.includes('CL-AWS-004') && db.controls.includes('CL-AWS-055'), db.controls.join());
  });

  it('keeps findings on a template section (not on a resource) in fileFindings', () => {
    const text =
      'Parameters:\n  Password:\n    Type: String\n    Default: hunter2hunter2\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUserPassword: !Ref Password\nOutputs:\n  Pw:\n    Value: !Ref Password\n';
    const result = lintText('t.yaml', text);
    const inv = buildInventory([result], defaultCatalogue(), { toolVersion: TOOL_VERSION });
    const attached = inv.models.flatMap((m) => m.clouds.flatMap((c) => c.services.flatMap((s) => s.resources.flatMap((r) => r.findings)))).length;
    assert.deepEqual(inv.fileFindings.map((f) => [f.file, f.ruleId]), [['t.yaml', 'CL-AWS-022']]);
    assert.equal(attached + inv.fileFindings.length, result.findings.length);
    assert.equal(inv.summary.findings, attached);
  });

  it('tells Kubernetes API groups of its own from custom ones', () => {
    for (const g of ['', 'apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'kubelet.config.k8s.io']) assert.equal(isBuiltInGroup(g), true, g);
    for (const g of ['cert-manager.io', 'monitoring.coreos.com', 'sources.knative.dev']) assert.equal(isBuiltInGroup(g), false, g);
  });
});

describe('CSV fields', () => {
  it('quotes per RFC 4180 only when needed, doubling quotes', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField(12), '12');
    assert.equal(csvField('a, b'), '"a, b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  });

  it('guards cells a spreadsheet would run as a formula', () => {
    assert.equal(csvField('=1+2'), "'=1+2");
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-2'), "'-2");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('\t=x'), "'\t=x");
    assert.equal(csvField('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
    assert.equal(csvField('a=b'), 'a=b');
  });
});

describe('hover on a type outside the service data', () => {
  const catalogue = defaultCatalogue();
  const docUri = (slug: string) => `file:///docs/${slug}.md`;
  const card = (name: string, text: string, at: string, kind: 'markdown' | 'plaintext' = 'markdown') =>
    (hoverAt(lintText(name, text), text.indexOf(at) + 1, catalogue, docUri, kind)!.contents as { value: string }).value;

  it('an AWS type: the provider, the model not classified, the configuration yours', () => {
    const text = 'Resources:\n  GameFleet:\n    Type: AWS::GameLift::Fleet\n    Properties:\n      Name: arena\n';
    assert.equal(
      card('s.yaml', text, 'AWS::GameLift'),
      [
        '### AWS::GameLift::Fleet',
        '**AWS** · service model not classified yet',
        '',
        "Cloudline's responsibility data does not cover this type yet, so which side of the line the service sits on is not said here.",
        '',
        '**Yours:** the configuration written in this file, as for every resource you declare.',
        '',
        '_No Cloudline rules check this type._',
        '',
        '_No customer-side findings on this resource._',
      ].join('\n'),
    );
  });

  it('Azure, Google Cloud and other Terraform providers by prefix, in plain text too', () => {
    const az = 'resource "azurerm_dev_center" "dc" {\n  name = "dc"\n}\n';
    assert.match(card('a.tf', az, 'azurerm_dev_center'), /^### azurerm\\_dev\\_center\n\*\*Azure\*\* · service model not classified yet\n/);
    const gcp = 'resource "google_workbench_instance" "wb" {\n  name = "wb"\n}\n';
    assert.match(card('g.tf', gcp, 'google_workbench'), /^### google\\_workbench\\_instance\n\*\*Google Cloud\*\* · service model not classified yet\n/);
    const rnd = 'resource "random_id" "suffix" {\n  byte_length = 4\n}\n';
    assert.equal(
      card('r.tf', rnd, 'random_id', 'plaintext'),
      [
        'random_id',
        'The random provider · service model not classified yet',
        '',
        "Cloudline's responsibility data does not cover this type yet, so which side of the line the provider sits on is not said here.",
        '',
        'Yours: the configuration written in this file, as for every resource you declare.',
        '',
        'No Cloudline rules check this type.',
        '',
        'No customer-side findings on this resource.',
      ].join('\n'),
    );
  });

  it('a type with rules but no service data says how many rules check it', () => {
    const withRules = catalogue.rules.flatMap((r) => r.checks.terraform?.types ?? []).find((t) => t.startsWith('aws_') && !catalogue.service('terraform', t));
    if (!withRules) return; // every AWS type with a rule is classified
    const text = `resource "${withRules}" "x" {\n}\n`;
    assert.match(card('x.tf', text, withRules), /\n\d+ Cloudline rules? checks? this type\.\n/);
  });

  it('a Kubernetes custom resource: yours to secure, no rules', () => {
    const text = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web-tls\nspec:\n  secretName: web-tls\n';
    assert.equal(
      card('c.yaml', text, 'Certificate'),
      [
        '### Certificate',
        '**Kubernetes custom resource** (`cert-manager.io/v1`) · yours to secure',
        '',
        '**Yours:** the object, its custom resource definition, and the controller or operator that acts on it (what it is allowed to do in the cluster). Cloudline has no rules for this kind.',
        '',
        '_No customer-side findings on this resource._',
      ].join('\n'),
    );
  });

  it('a built-in Kubernetes kind outside the service data is not called a custom resource', () => {
    const text = 'apiVersion: apps/v1\nkind: ControllerRevision\nmetadata:\n  name: rev\nrevision: 1\n';
    assert.match(card('r.yaml', text, 'ControllerRevision'), /^### ControllerRevision\n\*\*Kubernetes\*\* · service model not classified yet\n/);
  });

  it('a classified type keeps its service card', () => {
    const text = 'Resources:\n  Zone:\n    Type: AWS::Route53::HostedZone\n    Properties:\n      Name: example.com\n';
    assert.match(card('z.yaml', text, 'AWS::Route53'), /^### AWS::Route53::HostedZone\n\*\*Amazon Route 53\*\* · SaaS/);
  });
});

describe('responsibility data', () => {
  it('names each type once, with a known provider and model, both sides and https documentation', () => {
    const owner = new Map<string, string>();
    const names = new Set<string>();
    for (const s of SERVICES) {
      assert.ok(!names.has(s.service), `service ${s.service} is described twice`);
      names.add(s.service);
      assert.ok(['AWS', 'Azure', 'Google Cloud', 'Kubernetes'].includes(s.provider), `${s.service}: provider ${s.provider}`);
      assert.ok(['IaaS', 'PaaS', 'SaaS', 'Hybrid'].includes(s.model), `${s.service}: model ${s.model}`);
      assert.ok(s.providerSide.trim() && s.customerSide.trim(), s.service);
      for (const d of s.docs ?? []) assert.match(d, /^https:\/\//, s.service);
      for (const [format, types] of Object.entries(s.types)) {
        for (const t of types ?? []) {
          const key = `${format} ${t}`;
          assert.ok(!owner.has(key), `${key} is in both ${owner.get(key)} and ${s.service}`);
          owner.set(key, s.service);
        }
      }
    }
  });
});
