// Custom rules from the CLI: .cloudline/rules/ beside the options file, --custom-rules, --no-custom-rules; findings in
// every report with the rule's metadata; a broken rule file is exit 2 with file:line:col.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkspace, runCli } from './run';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  return runCli(args, cwd);
}

function workspace(files: Record<string, string>): string {
  return makeWorkspace('custom-cli', files);
}

const RULE = [
  'id: ACME-001',
  'title: Buckets keep old versions',
  'severity: high',
  'message: "Bucket {id} sets {path} to {value}"',
  'description: Versioning keeps the objects a mistake or an attacker overwrites.',
  'remediation: Set VersioningConfiguration.Status to Enabled.',
  'responsibility:',
  '  model: PaaS',
  '  layer: resilience',
  '  provider: AWS stores the objects durably',
  '  customer: keeping old versions is your setting',
  'frameworks: ["nist-800-53-r5: CP-9"]',
  'match: {format: cloudformation, types: [AWS::S3::Bucket]}',
  'require: {path: VersioningConfiguration.Status, equals: Enabled}',
  '',
].join('\n');

const BUCKET = 'Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration:\n        Status: Suspended\n';
const MESSAGE = 'Bucket Logs sets VersioningConfiguration.Status to Suspended. Amazon S3 is PaaS: AWS stores the objects durably; keeping old versions is your setting.';

describe('cloudline CLI: custom rules', () => {
  it('loads .cloudline/rules/ from the current directory: the finding in text, JSON and SARIF, exit 1', () => {
    const dir = workspace({ '.cloudline/rules/acme.yaml': RULE, 'stack/b.yaml': BUCKET });
    const text = run(['scan', 'stack', '--rules', 'ACME-001'], dir);
    assert.equal(text.code, 1, text.stderr);
    assert.equal(text.stderr, '');
    assert.equal(text.stdout.split('\n')[1], `  stack/b.yaml:6:17  high  ACME-001  ${MESSAGE}  [fix owner: customer]`);

    const json = run(['scan', 'stack', '--rules', 'ACME-001', '--format', 'json'], dir);
    assert.equal(json.code, 1);
    const f = JSON.parse(json.stdout).findings;
    assert.equal(f.length, 1);
    assert.deepEqual([f[0].ruleId, f[0].slug, f[0].title, f[0].severity, f[0].message, f[0].fixable], ['ACME-001', 'ACME-001', 'Buckets keep old versions', 'high', MESSAGE, false]);
    assert.deepEqual(f[0].range, { start: { line: 6, column: 17 }, end: { line: 6, column: 26 } });

    const sarif = JSON.parse(run(['scan', 'stack', '--rules', 'ACME-001', '--format', 'sarif'], dir).stdout);
    const rule = sarif.runs[0].tool.driver.rules[0];
    assert.equal(rule.id, 'ACME-001');
    assert.equal(rule.shortDescription.text, 'Buckets keep old versions');
    assert.equal(rule.help.text, 'Versioning keeps the objects a mistake or an attacker overwrites. Set VersioningConfiguration.Status to Enabled.');
    assert.deepEqual(rule.properties.tags, ['security', 'resilience', 'owner:customer', 'model:PaaS', 'custom']);
    assert.deepEqual(rule.properties.frameworks, [{ framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['CP-9'] }]);
    assert.deepEqual(rule.properties.custom, { file: '.cloudline/rules/acme.yaml' });
    assert.equal(sarif.runs[0].results[0].ruleId, 'ACME-001');
    assert.equal(sarif.runs[0].results[0].level, 'error');
  });

  it('a broken rule file: exit 2 with file:line:col for each error, before any scan', () => {
    const dir = workspace({ '.cloudline/rules/acme.yaml': RULE.replace('severity: high', 'severity: urgent').replace('equals: Enabled', 'matches: "(a|a)*b"'), 'b.yaml': BUCKET });
    const r = run(['scan', '.'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'cloudline: invalid custom rule files:\n' +
        '  .cloudline/rules/acme.yaml:3:11: severity must be one of info, low, medium, high, critical.\n' +
        '  .cloudline/rules/acme.yaml:14:58: The pattern can backtrack catastrophically (overlapping alternatives under a quantifier): rewrite it so that each repetition has one way to match.\n',
    );
  });

  it('warnings go to stderr and the scan runs', () => {
    const dir = workspace({ '.cloudline/rules/acme.yaml': RULE.replace('"nist-800-53-r5: CP-9"', '"nist-800-53-r5: CP-99"'), 'b.yaml': BUCKET });
    const r = run(['scan', '.', '--rules', 'ACME-001'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'cloudline: .cloudline/rules/acme.yaml:12:14: warning: NIST SP 800-53 Rev. 5 has no control "CP-99" in Cloudline\'s list (rules/frameworks/nist-800-53-r5.yaml): it is left out.\n');
  });

  it('--no-custom-rules loads none; --custom-rules DIR loads another directory too; a missing one is exit 2', () => {
    const dir = workspace({ '.cloudline/rules/acme.yaml': RULE, 'policies/more.yaml': RULE.replace('ACME-001', 'ACME-002'), 'b.yaml': BUCKET });
    const off = run(['scan', '.', '--no-custom-rules', '--rules', 'CL-AWS-004'], dir);
    assert.equal(off.code, 0, off.stdout + off.stderr);
    assert.match(run(['scan', '.', '--no-custom-rules', '--rules', 'ACME-001'], dir).stderr, /unknown rule ACME-001 in --rules/);
    const both = run(['scan', '.', '--custom-rules', 'policies', '--format', 'json'], dir);
    assert.equal(both.code, 1, both.stderr);
    assert.deepEqual(
      JSON.parse(both.stdout).findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('ACME')).map((f: { ruleId: string }) => f.ruleId),
      ['ACME-001', 'ACME-002'],
    );
    const missing = run(['scan', '.', '--custom-rules', 'nowhere'], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'cloudline: --custom-rules nowhere: not a directory\n');
  });

  it('with --config, .cloudline/rules/ beside that options file; its rules: may turn a custom rule off', () => {
    const dir = workspace({ 'conf/.cloudline/rules/acme.yaml': RULE, 'conf/.cloudline.yaml': 'rules:\n  ACME-001: low\n', 'b.yaml': BUCKET });
    const r = run(['scan', '.', '--config', 'conf/.cloudline.yaml', '--format', 'json'], dir);
    const acme = JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'ACME-001');
    assert.deepEqual(acme.map((f: { severity: string }) => f.severity), ['low']);
    assert.equal(run(['scan', '.', '--rules', 'ACME-001'], dir).code, 2, 'without --config the rule is not loaded');
    writeFileSync(join(dir, 'conf/.cloudline.yaml'), 'rules:\n  ACME-001: off\n');
    const off = run(['scan', '.', '--config', 'conf/.cloudline.yaml', '--format', 'json'], dir);
    assert.deepEqual(JSON.parse(off.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'ACME-001'), []);
  });

  it('a suppression comment naming the custom rule silences it, with its reason on record', () => {
    const dir = workspace({ '.cloudline/rules/acme.yaml': RULE, 'b.yaml': BUCKET.replace('  Logs:\n', '  # cloudline-ignore ACME-001 -- log bucket, versions not needed\n  Logs:\n') });
    const r = run(['scan', '.', '--rules', 'ACME-001', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stdout);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.findings, []);
    assert.equal(report.suppressed[0].ruleId, 'ACME-001');
    assert.equal(report.suppressed[0].reason, 'log bucket, versions not needed');
  });

  it('rules lists the custom rules, marked with their file', () => {
    const dir = workspace({ '.cloudline/rules/acme.yaml': RULE });
    const text = run(['rules'], dir);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^ACME-001 {2}high {6}ACME-001 {34}Buckets keep old versions {2}\[cloudformation\] {2}\(custom: \.cloudline\/rules\/acme\.yaml\)$/m);
    const json = JSON.parse(run(['rules', '--format', 'json'], dir).stdout);
    const acme = json.find((r: { id: string }) => r.id === 'ACME-001');
    assert.deepEqual(acme.custom, { file: '.cloudline/rules/acme.yaml' });
    assert.deepEqual(acme.formats, ['cloudformation']);
    assert.equal(json.filter((r: { custom?: unknown }) => r.custom).length, 1);
  });

  it("Markdown outputs escape a custom rule's text: a title or clause cannot add a link, an image, HTML or emphasis", () => {
    const hostile = RULE.replace('title: Buckets keep old versions', 'title: "Keep [versions](https://e.invalid) ![x](https://e.invalid/p.png) <b>*now*</b> `x` a|b"')
      .replace('customer: keeping old versions is your setting', 'customer: "see [here](https://e.invalid) <img src=x>"');
    const dir = workspace({ '.cloudline/rules/acme.yaml': hostile, 'stack/b.yaml': BUCKET });
    const title = 'Keep \\[versions\\](https://e.invalid) \\!\\[x\\](https://e.invalid/p.png) \\<b\\>\\*now\\*\\</b\\> \\`x\\` a\\|b';
    const rules = run(['rules', '--format', 'md'], dir);
    assert.equal(rules.code, 0, rules.stderr);
    const row = rules.stdout.split('\n').find((l) => l.startsWith('| ACME-001 |'))!;
    assert.ok(row.includes(`| ${title} (custom: .cloudline/rules/acme.yaml) |`), row);
    const report = run(['report', 'stack', '--format', 'md'], dir);
    assert.equal(report.code, 0, report.stderr);
    const backlog = report.stdout.split('\n').find((l) => l.includes('| ACME-001 '))!;
    assert.ok(backlog.includes(`ACME-001 ${title} |`), backlog);
    assert.ok(backlog.includes('see \\[here\\](https://e.invalid) \\<img src=x\\>'), backlog);
    for (const out of [rules.stdout, report.stdout]) assert.ok(!/(^|[^\\])\[versions\]|(^|[^\\])<img|(^|[^\\])<b>/.test(out));
  });
});
