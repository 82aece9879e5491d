// Other tools' suppressions (engine/foreign-suppress.ts): each syntax silences the Cloudline rules equivalent to the
// check it names, only where the tool applies it; one naming another check, or a rule without that equivalent, does
// not; the tool, the check and the reason reach the JSON and SARIF records; a setting, the options file and a flag
// turn it off.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from '../cli/formats';
import { jsonReportParts, sarifReportParts } from '../../server/src/cli/report';
import { main } from '../../server/src/cli/main';
import { parseConfig } from '../../server/src/engine/config';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { collectForeignSuppressions, parseIgnore, readIgnore } from '../../server/src/engine/foreign-suppress';
import { resourcesOf } from '../../server/src/formats';
import { parseFile } from '../../server/src/model/parse';
import { toDiagnostics } from '../../server/src/service/diagnostics';
import { normaliseSettings } from '../../server/src/service/workspace-state';
import type { LintResult } from '../../server/src/engine/lint';
import { lintText, spanText } from '../helpers';

const PUBLIC = 'CL-AWS-004'; // rds-publicly-accessible: Checkov CKV_AWS_17, KICS, Trivy aws-rds-no-public-db-access, cfn_nag F22
const PASSWORD = 'CL-AWS-023'; // db-plaintext-master-password: cfn-lint W2501, cfn_nag F23 (no Checkov, no Trivy)
const HOST_NETWORK = 'CL-K8S-009'; // Checkov CKV_K8S_19, KICS, kube-linter host-network, Polaris hostNetworkSet
const SHARE_PID = 'CL-K8S-012'; // share-process-namespace: no equivalents at all

const open = (r: LintResult, id: string) => r.findings.some((f) => f.rule.id === id);
const quiet = (r: LintResult, id: string) => r.suppressed.find((s) => s.finding.rule.id === id);
/** Asserts `id` is suppressed by `tool` (naming `check`, with `reason`) and not among the findings. */
function suppressedBy(r: LintResult, id: string, tool: string, check: string | undefined, reason = '') {
  assert.ok(!open(r, id), `${id} should be suppressed`);
  const s = quiet(r, id);
  assert.ok(s, `${id} should be on record as suppressed`);
  assert.equal(s.suppression.tool, tool);
  assert.equal(s.suppression.check, check);
  assert.equal(s.suppression.reason, reason);
  return s;
}
function reported(r: LintResult, id: string) {
  assert.ok(open(r, id), `${id} should be reported`);
  assert.equal(quiet(r, id), undefined);
}

const tf = (body: string, before = '') => `${before}resource "aws_db_instance" "db" {\n${body}}\n`;
const cfn = (props: string, extra = '') => `Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n${extra}    Properties:\n${props}`;
const pod = (annotations: string, spec = '  hostNetwork: true\n  shareProcessNamespace: true\n') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${annotations ? `  annotations:\n${annotations}` : ''}spec:\n${spec}  containers:\n    - name: c\n      image: nginx:1.25\n`;

describe("other tools' suppressions", () => {
  it('the rule IDs these tests use have the equivalents they assume', () => {
    const c = defaultCatalogue();
    assert.deepEqual(c.rule(PUBLIC)!.equivalents.checkov, ['CKV_AWS_17']);
    assert.ok(c.rule(PUBLIC)!.equivalents.trivy!.includes('aws-rds-no-public-db-access'));
    assert.ok(c.rule(PUBLIC)!.equivalents.cfnNag!.includes('F22'));
    assert.equal(c.rule(PASSWORD)!.slug, 'db-plaintext-master-password');
    assert.ok(c.rule(PASSWORD)!.equivalents.cfnLint!.includes('W2501'));
    assert.ok(c.rule(HOST_NETWORK)!.equivalents.polaris!.includes('hostNetworkSet'));
    assert.deepEqual(c.rule(SHARE_PID)!.equivalents, {});
  });

  describe('Checkov', () => {
    it('#checkov:skip inside a Terraform block, with its reason', () => {
      const r = lintText('main.tf', tf('  #checkov:skip=CKV_AWS_17:behind an allow list\n  publicly_accessible = true\n'));
      const s = suppressedBy(r, PUBLIC, 'checkov', 'CKV_AWS_17', 'behind an allow list');
      assert.equal(spanText(r, s.suppression.span), '2:3-2:48');
      reported(r, 'CL-AWS-055'); // storage encryption: Checkov CKV_AWS_16, not named
    });
    it('# checkov:skip inside a CloudFormation YAML resource; not outside it, not for another check', () => {
      suppressedBy(lintText('t.yaml', cfn('      PubliclyAccessible: true\n', '    # checkov:skip=CKV_AWS_17:sandbox\n')), PUBLIC, 'checkov', 'CKV_AWS_17', 'sandbox');
      reported(lintText('t.yaml', `# checkov:skip=CKV_AWS_17:outside\n${cfn('      PubliclyAccessible: true\n')}`), PUBLIC);
      reported(lintText('t.yaml', cfn('      PubliclyAccessible: true\n', '    # checkov:skip=CKV_AWS_16:encryption only\n')), PUBLIC);
      // In a string it is text, not a comment.
      reported(lintText('t.yaml', cfn('      DBName: "x #checkov:skip=CKV_AWS_17:no"\n      PubliclyAccessible: true\n')), PUBLIC);
    });
    it('Metadata.checkov.skip (YAML and JSON), with the comment as the reason', () => {
      const yaml = cfn('      PubliclyAccessible: true\n', '    Metadata:\n      checkov:\n        skip:\n          - id: CKV_AWS_17\n            comment: replica behind a proxy\n');
      suppressedBy(lintText('t.yaml', yaml), PUBLIC, 'checkov', 'CKV_AWS_17', 'replica behind a proxy');
      const json = JSON.stringify({ Resources: { Db: { Type: 'AWS::RDS::DBInstance', Metadata: { checkov: { skip: [{ id: 'CKV_AWS_17', comment: 'json' }] } }, Properties: { PubliclyAccessible: true } } } });
      suppressedBy(lintText('t.json', json), PUBLIC, 'checkov', 'CKV_AWS_17', 'json');
      const other = JSON.stringify({ Resources: { Db: { Type: 'AWS::RDS::DBInstance', Metadata: { checkov: { skip: [{ id: 'CKV_AWS_16' }] } }, Properties: { PubliclyAccessible: true } } } });
      reported(lintText('t.json', other), PUBLIC);
    });
    it('checkov.io/skip annotations on a Kubernetes object', () => {
      const r = lintText('k.yaml', pod('    checkov.io/skip1: CKV_K8S_19=node agent\n'));
      suppressedBy(r, HOST_NETWORK, 'checkov', 'CKV_K8S_19', 'node agent');
      reported(r, SHARE_PID);
    });
  });

  describe('cfn_nag and cfn-lint', () => {
    it('Metadata.cfn_nag.rules_to_suppress with its reason; another ID does not reach', () => {
      const r = lintText('t.yaml', cfn('      PubliclyAccessible: true\n', '    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: F22\n            reason: nag says fine\n'));
      suppressedBy(r, PUBLIC, 'cfn_nag', 'F22', 'nag says fine');
      reported(r, 'CL-AWS-081'); // backup retention: no cfn_nag equivalent
      reported(lintText('t.yaml', cfn('      PubliclyAccessible: true\n', '    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: F26\n            reason: x\n')), PUBLIC);
    });
    it("Metadata.cfn-lint.config.ignore_checks: a resource's, and the template's for all of it", () => {
      const props = '      PubliclyAccessible: true\n      MasterUsername: admin\n      MasterUserPassword: hunter2hunter2\n';
      const r = lintText('t.yaml', cfn(props, '    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks:\n            - W2501\n'));
      suppressedBy(r, PASSWORD, 'cfn-lint', 'W2501');
      reported(r, PUBLIC); // no cfn-lint equivalent
      const template = `Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [W2501]\n${cfn(props)}`;
      suppressedBy(lintText('t.yaml', template), PASSWORD, 'cfn-lint', 'W2501');
      reported(lintText('t.yaml', cfn(props, '    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [W1001]\n')), PASSWORD);
    });
  });

  describe('KICS', () => {
    it('# kics-scan ignore-line: the next line, for rules with a KICS equivalent only', () => {
      const r = lintText('k.yaml', pod('', '  # kics-scan ignore-line\n  hostNetwork: true\n  # kics-scan ignore-line\n  shareProcessNamespace: true\n'));
      suppressedBy(r, HOST_NETWORK, 'kics', undefined);
      reported(r, SHARE_PID);
      suppressedBy(lintText('main.tf', tf('  # kics-scan ignore-line\n  publicly_accessible = true\n')), PUBLIC, 'kics', undefined);
      reported(lintText('main.tf', tf('  # kics-scan ignore-line\n  engine = "postgres"\n  publicly_accessible = true\n')), PUBLIC);
    });
    it('# kics-scan ignore-block: the block that starts on the next line', () => {
      const block = lintText('t.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    # kics-scan ignore-block\n    Properties:\n      PubliclyAccessible: true\n');
      suppressedBy(block, PUBLIC, 'kics', undefined);
      const resource = lintText('main.tf', tf('  publicly_accessible = true\n', '# kics-scan ignore-block\n'));
      suppressedBy(resource, PUBLIC, 'kics', undefined);
      suppressedBy(resource, 'CL-AWS-080', 'kics', undefined); // missing deletion protection: at the block's name
      // A block that ends before the finding does not reach it.
      const earlier = lintText('k.yaml', pod('', '  # kics-scan ignore-block\n  nodeSelector:\n    a: b\n  hostNetwork: true\n'));
      reported(earlier, HOST_NETWORK);
    });
    it('# kics-scan disable=<query id>: the whole file, written in the comments that open it', () => {
      const id = 'de38e1d5-54cb-4111-a868-6f7722695007';
      const r = lintText('main.tf', tf('  publicly_accessible = true\n', `# kics-scan disable=${id},2c161e58-cb52-454f-abea-6470c37b5e6e\n`));
      suppressedBy(r, PUBLIC, 'kics', id);
      suppressedBy(r, 'CL-AWS-080', 'kics', '2c161e58-cb52-454f-abea-6470c37b5e6e');
      reported(r, 'CL-AWS-081');
      reported(lintText('main.tf', tf('  publicly_accessible = true\n', `locals {}\n# kics-scan disable=${id}\n`)), PUBLIC);
      reported(lintText('main.tf', tf('  publicly_accessible = true\n', '# kics-scan disable=5beacce3-4020-4a3d-9e1d-a36f953df630\n')), PUBLIC);
    });
  });

  describe('Trivy and tfsec', () => {
    it('#trivy:ignore on the line before the resource, the attribute, or ending it', () => {
      const before = lintText('main.tf', tf('  publicly_accessible = true\n', '#trivy:ignore:aws-rds-no-public-db-access\n'));
      suppressedBy(before, PUBLIC, 'trivy', 'aws-rds-no-public-db-access');
      reported(before, 'CL-AWS-080');
      suppressedBy(lintText('main.tf', tf('  #trivy:ignore:aws-rds-no-public-db-access\n  publicly_accessible = true\n')), PUBLIC, 'trivy', 'aws-rds-no-public-db-access');
      suppressedBy(lintText('main.tf', tf('  publicly_accessible = true # trivy:ignore:AWS-RDS-NO-PUBLIC-DB-ACCESS\n')), PUBLIC, 'trivy', 'AWS-RDS-NO-PUBLIC-DB-ACCESS');
      // Stacked ignores above a block all apply to it.
      const stacked = lintText('main.tf', tf('  publicly_accessible = true\n', '#trivy:ignore:aws-rds-enable-deletion-protection\n#trivy:ignore:aws-rds-no-public-db-access\n'));
      suppressedBy(stacked, PUBLIC, 'trivy', 'aws-rds-no-public-db-access');
      suppressedBy(stacked, 'CL-AWS-080', 'trivy', 'aws-rds-enable-deletion-protection');
      // In CloudFormation YAML too.
      suppressedBy(lintText('t.yaml', cfn('      #trivy:ignore:aws-rds-no-public-db-access\n      PubliclyAccessible: true\n')), PUBLIC, 'trivy', 'aws-rds-no-public-db-access');
    });
    it('AVD IDs where the equivalents hold them (Kubernetes)', () => {
      const r = lintText('k.yaml', pod('', '  #trivy:ignore:AVD-KSV-0009\n  hostNetwork: true\n  shareProcessNamespace: true\n'));
      suppressedBy(r, HOST_NETWORK, 'trivy', 'AVD-KSV-0009');
      reported(r, SHARE_PID);
    });
    it('not another check, another attribute, an expired ignore, or one narrowed by a workspace or attribute', () => {
      reported(lintText('main.tf', tf('  #trivy:ignore:aws-rds-enable-deletion-protection\n  publicly_accessible = true\n')), PUBLIC);
      reported(lintText('main.tf', tf('  #trivy:ignore:aws-rds-no-public-db-access\n  engine = "postgres"\n  publicly_accessible = true\n')), PUBLIC);
      reported(lintText('main.tf', tf('  #trivy:ignore:aws-rds-no-public-db-access:exp:2020-01-01\n  publicly_accessible = true\n')), PUBLIC);
      suppressedBy(lintText('main.tf', tf('  #trivy:ignore:aws-rds-no-public-db-access:exp:2999-01-01\n  publicly_accessible = true\n')), PUBLIC, 'trivy', 'aws-rds-no-public-db-access');
      reported(lintText('main.tf', tf('  #trivy:ignore:aws-rds-no-public-db-access:ws:staging\n  publicly_accessible = true\n')), PUBLIC);
      assert.equal(parseIgnore('aws-s3-enable-logging[bucket=x]', '2026-01-01'), undefined);
      assert.equal(parseIgnore('*', '2026-01-01'), undefined);
      assert.equal(parseIgnore('aws-s3-enable-logging:exp:2026-01-01', '2026-01-01'), 'aws-s3-enable-logging');
      assert.equal(parseIgnore('aws-s3-enable-logging:exp:2025-12-31', '2026-01-01'), undefined);
    });
    it('workspace ignores: ws:* holds in every workspace; a named workspace is not honoured and the finding says so at the ignore', () => {
      const ID = 'aws-rds-no-public-db-access';
      // `*` is every workspace, Cloudline's included.
      suppressedBy(lintText('main.tf', tf(`  #trivy:ignore:${ID}:ws:*\n  publicly_accessible = true\n`)), PUBLIC, 'trivy', ID);
      suppressedBy(lintText('main.tf', tf(`  #trivy:ignore:${ID}:exp:2999-01-01:ws:*\n  publicly_accessible = true\n`)), PUBLIC, 'trivy', ID);
      suppressedBy(lintText('main.tf', tf(`  #tfsec:ignore:${ID}:ws:*\n  publicly_accessible = true\n`)), PUBLIC, 'tfsec', ID);
      // A named workspace (or a pattern of some): reported, with the ignore as a related location saying why.
      for (const [comment, why] of [
        [`#trivy:ignore:${ID}:ws:staging`, `A Trivy ignore of ${ID} here holds only in the Terraform workspace staging (Cloudline knows no workspace), so the finding stays.`],
        [`#trivy:ignore:${ID}:ws:dev-*`, `A Trivy ignore of ${ID} here holds only in the Terraform workspace dev-* (Cloudline knows no workspace), so the finding stays.`],
        [`#tfsec:ignore:${ID}:ws:default`, `A tfsec ignore of ${ID} here holds only in the Terraform workspace default (Cloudline knows no workspace), so the finding stays.`],
        [`#trivy:ignore:${ID}:exp:2020-01-01`, `A Trivy ignore of ${ID} here expired on 2020-01-01, so the finding stays.`],
        [`#trivy:ignore:${ID}:ws:prod:exp:2020-01-01`, `A Trivy ignore of ${ID} here holds only in the Terraform workspace prod (Cloudline knows no workspace) and expired on 2020-01-01, so the finding stays.`],
      ]) {
        const text = tf(`  ${comment}\n  publicly_accessible = true\n`);
        const r = lintText('main.tf', text);
        reported(r, PUBLIC);
        const f = r.findings.find((x) => x.rule.id === PUBLIC)!;
        assert.deepEqual(f.related.map((x) => [x.message, text.slice(x.span[0], x.span[1])]), [[why, comment]], comment);
        // Other rules' findings on the same block carry no note: the ignore names this check only.
        for (const other of r.findings.filter((x) => x.rule.id !== PUBLIC)) assert.deepEqual(other.related, [], other.rule.id);
      }
      // The grammar: the key-value pairs in any order; anything else is not read.
      assert.deepEqual(readIgnore(`${ID}:ws:*:exp:2026-01-01`, '2026-01-01'), { id: ID });
      assert.deepEqual(readIgnore(`${ID}:exp:2026-01-01:ws:staging`, '2026-01-01'), { id: ID, inert: 'holds only in the Terraform workspace staging (Cloudline knows no workspace)' });
      assert.equal(readIgnore(`${ID}:ws:`, '2026-01-01'), undefined);
      assert.equal(readIgnore(`${ID}:ws:a b`, '2026-01-01'), undefined);
      assert.equal(readIgnore(`${ID}:exp:2026-1-1`, '2026-01-01'), undefined);
      assert.equal(readIgnore(`${ID}:foo:bar`, '2026-01-01'), undefined);
      assert.equal(parseIgnore(`${ID}:ws:*`, '2026-01-01'), ID);
      assert.equal(parseIgnore(`${ID}:ws:staging`, '2026-01-01'), undefined);
    });
    it('an inert ignore reaches the editor as related information and SARIF as a related location', () => {
      const text = tf('  #trivy:ignore:aws-rds-no-public-db-access:ws:staging\n  publicly_accessible = true\n');
      const r = lintText('main.tf', text);
      const sarif = JSON.parse([...sarifReportParts([r], 'info', defaultCatalogue())].join(''));
      const result = sarif.runs[0].results.find((x: any) => x.ruleId === PUBLIC);
      assert.equal(result.suppressions, undefined);
      assert.deepEqual(result.relatedLocations.map((l: any) => [l.message.text, l.physicalLocation.region.startLine, l.physicalLocation.region.startColumn]), [
        ['A Trivy ignore of aws-rds-no-public-db-access here holds only in the Terraform workspace staging (Cloudline knows no workspace), so the finding stays.', 2, 3],
      ]);
      const diagnostic = toDiagnostics(r, 1, (slug) => `file:///docs/${slug}.md`).find((d) => d.code === PUBLIC)!;
      assert.deepEqual(diagnostic.relatedInformation, [
        {
          location: { uri: 'main.tf', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 54 } } },
          message: 'A Trivy ignore of aws-rds-no-public-db-access here holds only in the Terraform workspace staging (Cloudline knows no workspace), so the finding stays.',
        },
      ]);
    });
    it('#tfsec:ignore in HCL (and // comments); not in YAML, where tfsec never reads', () => {
      suppressedBy(lintText('main.tf', tf('  #tfsec:ignore:aws-rds-no-public-db-access\n  publicly_accessible = true\n')), PUBLIC, 'tfsec', 'aws-rds-no-public-db-access');
      suppressedBy(lintText('main.tf', tf('  publicly_accessible = true // tfsec:ignore:aws-rds-no-public-db-access\n')), PUBLIC, 'tfsec', 'aws-rds-no-public-db-access');
      reported(lintText('main.tf', tf('  #tfsec:ignore:aws-rds-encrypt-instance-storage-data\n  publicly_accessible = true\n')), PUBLIC);
      reported(lintText('t.yaml', cfn('      #tfsec:ignore:aws-rds-no-public-db-access\n      PubliclyAccessible: true\n')), PUBLIC);
    });
  });

  describe('kube-linter and Polaris annotations', () => {
    it('ignore-check.kube-linter.io/<check>, with the annotation value as the reason', () => {
      const r = lintText('k.yaml', pod('    ignore-check.kube-linter.io/host-network: "node agent needs it"\n'));
      suppressedBy(r, HOST_NETWORK, 'kube-linter', 'host-network', 'node agent needs it');
      reported(r, SHARE_PID);
      reported(lintText('k.yaml', pod('    ignore-check.kube-linter.io/host-pid: "x"\n')), HOST_NETWORK);
    });
    it('polaris.fairwinds.com/<check>-exempt: "true" (not "false", not another check)', () => {
      suppressedBy(lintText('k.yaml', pod('    polaris.fairwinds.com/hostNetworkSet-exempt: "true"\n')), HOST_NETWORK, 'polaris', 'hostNetworkSet');
      reported(lintText('k.yaml', pod('    polaris.fairwinds.com/hostNetworkSet-exempt: "false"\n')), HOST_NETWORK);
      reported(lintText('k.yaml', pod('    polaris.fairwinds.com/hostPIDSet-exempt: "true"\n')), HOST_NETWORK);
    });
    it("only on the object's own metadata: another document's annotation does not reach", () => {
      const r = lintText('k.yaml', `${pod('    ignore-check.kube-linter.io/host-network: x\n', '  hostPID: false\n')}---\n${pod('')}`);
      reported(r, HOST_NETWORK);
    });
  });

  it("Cloudline's own suppression wins where both apply; another tool's gives no CL-GEN-001", () => {
    const r = lintText('main.tf', tf('  #checkov:skip=CKV_AWS_17\n  # cloudline-ignore CL-AWS-004 -- ours\n  publicly_accessible = true\n'));
    const s = quiet(r, PUBLIC)!;
    assert.equal(s.suppression.tool, undefined);
    assert.equal(s.suppression.reason, 'ours');
    const bare = lintText('main.tf', tf('  #checkov:skip=CKV_AWS_17\n  publicly_accessible = true\n'));
    suppressedBy(bare, PUBLIC, 'checkov', 'CKV_AWS_17', '');
    assert.ok(!open(bare, 'CL-GEN-001'));
  });

  it('turned off by the lint config, the options file, the editor setting and the CLI flag', async () => {
    const text = tf('  #checkov:skip=CKV_AWS_17:x\n  publicly_accessible = true\n');
    reported(lintText('main.tf', text, { otherToolsSuppressions: false }), PUBLIC);
    suppressedBy(lintText('main.tf', text, { otherToolsSuppressions: true }), PUBLIC, 'checkov', 'CKV_AWS_17', 'x');
    const catalogue = defaultCatalogue();
    assert.deepEqual(parseConfig('otherToolsSuppressions: false\n', catalogue), { options: { otherToolsSuppressions: false }, problems: [] });
    assert.equal(parseConfig('otherToolsSuppressions: nope\n', catalogue).problems[0].message, 'otherToolsSuppressions must be true or false.');
    assert.equal(normaliseSettings({ otherToolsSuppressions: false }).otherToolsSuppressions, false);
    assert.equal(normaliseSettings({}).otherToolsSuppressions, undefined);
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-foreign-'));
    writeFileSync(join(dir, 'main.tf'), text);
    const run = async (...flags: string[]) => {
      let out = '';
      const code = await main(['scan', dir, '--format', 'json', ...flags], (s) => (out += s), () => undefined);
      return { code, json: JSON.parse(out) };
    };
    const on = await run();
    assert.equal(on.json.suppressed.find((s: { ruleId: string }) => s.ruleId === PUBLIC).suppressedBy, 'checkov');
    const off = await run('--no-other-tools-suppressions');
    assert.ok(off.json.findings.some((f: { ruleId: string }) => f.ruleId === PUBLIC));
    assert.ok(!off.json.suppressed.some((s: { ruleId: string }) => s.ruleId === PUBLIC));
    writeFileSync(join(dir, '.cloudline.yaml'), 'otherToolsSuppressions: false\n');
    const file = await run('--config', join(dir, '.cloudline.yaml'));
    assert.ok(file.json.findings.some((f: { ruleId: string }) => f.ruleId === PUBLIC));
  });

  it('carries the tool, the check and the reason into the JSON record and a valid SARIF suppression', () => {
    const catalogue = defaultCatalogue();
    const results = [
      lintText('main.tf', tf('  #checkov:skip=CKV_AWS_17:behind an allow list\n  publicly_accessible = true\n')),
      lintText('k.yaml', pod('    polaris.fairwinds.com/hostNetworkSet-exempt: "true"\n')),
      lintText('t.yaml', cfn('      # cloudline-ignore CL-AWS-004 -- ours\n      PubliclyAccessible: true\n')),
      lintText('nag.yaml', cfn('      PubliclyAccessible: true\n', '    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: F22\n            reason: nag reason\n')),
      lintText('kl.yaml', pod('    ignore-check.kube-linter.io/host-network: "linter reason"\n')),
    ];
    const json = JSON.parse([...jsonReportParts(results, 'info', 3, catalogue)].join(''));
    const byRule = (file: string, id: string) => json.suppressed.find((s: { file: string; ruleId: string }) => s.file === file && s.ruleId === id);
    assert.deepEqual(
      (({ reason, suppressedBy, otherToolCheck, suppressionAt }) => ({ reason, suppressedBy, otherToolCheck, suppressionAt }))(byRule('main.tf', PUBLIC)),
      { reason: 'behind an allow list', suppressedBy: 'checkov', otherToolCheck: 'CKV_AWS_17', suppressionAt: { start: { line: 2, column: 3 }, end: { line: 2, column: 48 } } },
    );
    assert.equal(byRule('k.yaml', HOST_NETWORK).suppressedBy, 'polaris');
    assert.equal(byRule('k.yaml', HOST_NETWORK).otherToolCheck, 'hostNetworkSet');
    assert.equal(byRule('t.yaml', PUBLIC).suppressedBy, 'cloudline');
    assert.equal(byRule('t.yaml', PUBLIC).otherToolCheck, undefined);

    const sarifText = [...sarifReportParts(results, 'info', catalogue)].join('');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const sarif = JSON.parse(sarifText) as any;
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'shared', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(JSON.parse(sarifText)), JSON.stringify(validate.errors, null, 1));
    const resultFor = (uri: string, id: string) =>
      sarif.runs[0].results.find((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.ruleId === id && r.locations[0].physicalLocation.artifactLocation.uri.endsWith(uri));
    assert.deepEqual(resultFor('main.tf', PUBLIC).suppressions, [
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'behind an allow list',
        location: { physicalLocation: { artifactLocation: { uri: 'main.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 48 } } },
        properties: { tool: 'checkov', check: 'CKV_AWS_17' },
      },
    ]);
    assert.deepEqual(resultFor('k.yaml', HOST_NETWORK).suppressions[0].properties, { tool: 'polaris', check: 'hostNetworkSet' });
    assert.equal(resultFor('k.yaml', HOST_NETWORK).suppressions[0].justification, '');
    assert.deepEqual(resultFor('t.yaml', PUBLIC).suppressions[0].properties, { tool: 'cloudline' });
    assert.equal(byRule('nag.yaml', PUBLIC).reason, 'nag reason');
    assert.equal(byRule('kl.yaml', HOST_NETWORK).reason, 'linter reason');
    assert.deepEqual(
      (({ justification, properties }) => ({ justification, properties }))(resultFor('nag.yaml', PUBLIC).suppressions[0]),
      { justification: 'nag reason', properties: { tool: 'cfn_nag', check: 'F22' } },
    );
    assert.deepEqual(
      (({ justification, properties }) => ({ justification, properties }))(resultFor('kl.yaml', HOST_NETWORK).suppressions[0]),
      { justification: 'linter reason', properties: { tool: 'kube-linter', check: 'host-network' } },
    );
  });

  it('reads nothing in a file without another tool\'s marker or annotation', () => {
    const file = parseFile('main.tf', tf('  publicly_accessible = true # some comment\n'));
    assert.deepEqual(collectForeignSuppressions(file, resourcesOf(file, []), defaultCatalogue()), []);
  });
});
