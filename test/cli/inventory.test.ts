// `cloudline inventory` as a user runs it, on a fixture workspace mixing CloudFormation, Kubernetes (with a custom
// resource) and Terraform (HCL and .tf.json), with a suppressed finding and unclassified types: Markdown, JSON
// (validated against docs/schemas/inventory.schema.json) and CSV output, exit codes.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { Inventory } from '../../server/src/report/inventory';
import { runCli } from './run';

const root = join(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'inventory');
const RULES = ['--rules', 'CL-AWS-004,CL-K8S-001,CL-GEN-001'];

function run(args: string[], cwd = FIXTURE) {
  return runCli(['inventory', ...args], cwd);
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  return rows;
}

describe('cloudline inventory', () => {
  it('writes Markdown tables by model, cloud and service, with suppressed reasons and unclassified types; exits 0', () => {
    const r = run(RULES);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const md = r.stdout;
    assert.ok(
      md.startsWith(
        '# Cloudline responsibility inventory\n\n' +
          '8 resources in 4 IaC files: 1 IaaS, 3 PaaS, 0 SaaS, 1 Hybrid, 3 unclassified (62.5% classified by model and service).\n' +
          '3 open findings, 1 suppressed, each on record with its suppression.\n',
      ),
      md,
    );
    assert.ok(
      md.includes(
        [
          '### AWS · Amazon RDS (3 resources)',
          '',
          '**AWS secures:** AWS patches the database engine and the hosts, runs the storage and performs the backups you schedule.',
          '',
          '**Yours:** Network reachability, encryption settings, credentials, backup retention, deletion protection and the data are yours.',
          '',
          '| Resource | Type | File | Controls | Findings | Suppressed (reason) |',
          '|---|---|---|---|---|---|',
          '| `aws_db_instance.analytics` | `aws_db_instance` | `main.tf:1` | CL-AWS-004 | CL-AWS-004 high (line 3) | — |',
          '| `ReportsDb` | `AWS::RDS::DBInstance` | `stack.yaml:3` | CL-AWS-004 | — | CL-AWS-004 high: “Reached only from the office VPN\\, risk accepted in RISK\\-12” (line 8) |',
          '| `OrdersDb` | `AWS::RDS::DBInstance` | `stack.yaml:13` | CL-AWS-004 | CL-AWS-004 high (line 17) | — |',
          '',
        ].join('\n'),
      ),
      md,
    );
    assert.ok(md.includes('## Hybrid: the provider runs the managed control plane; the workloads are yours (1 resource)\n\n### Kubernetes · Managed Kubernetes (workloads) (1 resource)\n'), md);
    assert.ok(
      md.includes(
        [
          '| Type | Cloud | Resources | Note |',
          '|---|---|---:|---|',
          '| `AWS::GameLift::Fleet` | AWS | 1 |  |',
          '| `Certificate` | Kubernetes | 1 | Kubernetes custom resource: yours to secure; Cloudline has no rules for it |',
          '| `random_id` | Other | 1 |  |',
          '',
        ].join('\n'),
      ),
      md,
    );
    assert.ok(md.includes('| `Certificate/shop/web-tls` | `Certificate` | `workloads.yaml:22` | — | — | — |'), md);
    assert.ok(md.includes('\n## Controls\n\n| Rule | Title | Severity | Frameworks |\n|---|---|---|---|\n| CL-AWS-004 | RDS instance is publicly accessible | high | '), md);
  });

  it('writes versioned JSON that the documented schema validates', () => {
    const r = run([...RULES, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const inv = JSON.parse(r.stdout) as Inventory;
    const schema = JSON.parse(readFileSync(join(root, 'docs', 'schemas', 'inventory.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: true });
    ajv.addFormat('uri', (s: string) => /^https?:\/\/\S+$/.test(s));
    const validate = ajv.compile(schema);
    assert.ok(validate(inv), JSON.stringify(validate.errors, null, 2));
    assert.equal(inv.version, 1);
    assert.deepEqual(inv.summary.byModel, { IaaS: 1, PaaS: 3, SaaS: 0, Hybrid: 1, Unclassified: 3 });
    const reports = inv.models[1].clouds[0].services[0].resources[1];
    assert.deepEqual(reports.suppressed, [
      {
        ruleId: 'CL-AWS-004',
        title: 'RDS instance is publicly accessible',
        severity: 'high',
        line: 12,
        column: 27,
        message: reports.suppressed[0].message,
        fixable: true,
        reason: 'Reached only from the office VPN, risk accepted in RISK-12',
        suppressionLine: 8,
      },
    ]);
    assert.match(reports.suppressed[0].message, /^RDS instance ReportsDb sets PubliclyAccessible to true/);
    // The schema rejects what the shape does not allow.
    assert.equal(validate({ ...inv, version: 2 }), false);
    assert.equal(validate({ ...inv, summary: { ...inv.summary, byModel: { ...inv.summary.byModel, Unclassified: -1 } } }), false);
  });

  it('writes CSV: one row per resource, RFC 4180 quoting, CRLF records', () => {
    const r = run([...RULES, '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    const rows = parseCsv(r.stdout);
    assert.deepEqual(rows[0], [
      'model',
      'cloud',
      'service',
      'type',
      'format',
      'resource',
      'file',
      'line',
      'provider_side',
      'customer_side',
      'controls',
      'findings',
      'finding_rules',
      'suppressed',
      'suppressed_rules_and_reasons',
    ]);
    assert.equal(rows.length, 1 + 8);
    assert.deepEqual(
      rows.slice(1).map((x) => [x[0], x[1], x[2], x[5]]),
      [
        ['IaaS', 'AWS', 'Amazon VPC', 'aws_security_group.web'],
        ['PaaS', 'AWS', 'Amazon RDS', 'aws_db_instance.analytics'],
        ['PaaS', 'AWS', 'Amazon RDS', 'ReportsDb'],
        ['PaaS', 'AWS', 'Amazon RDS', 'OrdersDb'],
        ['Hybrid', 'Kubernetes', 'Managed Kubernetes (workloads)', 'Deployment/shop/web'],
        ['Unclassified', 'AWS', '', 'GameFleet'],
        ['Unclassified', 'Kubernetes', '', 'Certificate/shop/web-tls'],
        ['Unclassified', 'Other', '', 'random_id.suffix'],
      ],
    );
    assert.deepEqual(rows[3].slice(10), ['CL-AWS-004', '0', '', '1', 'CL-AWS-004: Reached only from the office VPN, risk accepted in RISK-12']);
    assert.ok(r.stdout.includes(',"AWS patches the database engine and the hosts, runs the storage and performs the backups you schedule.",'), r.stdout);
    assert.deepEqual(rows[2].slice(3, 8), ['aws_db_instance', 'terraform', 'aws_db_instance.analytics', 'main.tf', '1']);
    assert.deepEqual(rows[2].slice(11, 13), ['1', 'CL-AWS-004 (high, line 3)']);
  });

  it('guards CSV cells a spreadsheet would run as formulas (file names and IDs come from the repository)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-inv-'));
    const db = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: false\n';
    const files = ['=HYPERLINK("x","y").yaml', '+1.yaml', '-2.yaml', '@SUM(A1).yaml'];
    for (const f of files) writeFileSync(join(dir, f), db);
    const r = run(['--format', 'csv'], dir);
    assert.equal(r.code, 0, r.stderr);
    const rows = parseCsv(r.stdout).slice(1);
    assert.deepEqual(rows.map((x) => x[6]).sort(), files.map((f) => `'${f}`).sort());
    assert.ok(r.stdout.includes(`,"'=HYPERLINK(""x"",""y"").yaml",`), r.stdout);
    for (const line of r.stdout.split('\r\n')) assert.ok(!/(^|,)"?[=+\-@]/.test(line), line);
  });

  it('writes to --output, and exits 2 on bad input as scan does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-inv-'));
    const out = join(dir, 'inventory.json');
    let r = run([...RULES, '--format', 'json', '--output', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).summary.resources, 8);
    r = run(['--format', 'sarif']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /inventory --format must be md, json or csv, not "sarif"/);
    r = run(['--severity', 'high']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--severity is an option of scan/);
    r = run(['missing.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read missing\.yaml: no such file or directory/);
    r = run([], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no CloudFormation, Kubernetes or Terraform file was linted/);
    r = run(['--allow-empty', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).summary.resources, 0);
  });
});
