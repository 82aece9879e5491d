// Lint tables (each rule's severity, the checks per resource type) are shared by every lint of one catalogue and config,
// and the IAM action tables are matched once per action pattern: both must give what a fresh computation gives.
import { strict as assert } from 'node:assert';
import { classActionsOf, CREDENTIAL_EXPOSURE_ACTIONS, escalationsOf, matchedActions } from '../../rules/lib/iam-action-classes';
import { perText } from '../../rules/lib/memo';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile, LintTables, tablesFor } from '../../server/src/engine/lint';
import type { LintConfig } from '../../server/src/engine/options';
import { parseFile } from '../../server/src/model/parse';

const catalogue = defaultCatalogue();
const TEMPLATE = `Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
`;
const ruleIds = (config?: LintConfig) => lintFile(parseFile('t.yaml', TEMPLATE), catalogue, config).findings.map((f) => `${f.rule.id}:${f.severity}`);

describe('lint tables shared across lints', () => {
  it('gives one set of tables per catalogue and per severities a config sets, whatever the config object', () => {
    const a: LintConfig = { rules: { 'CL-AWS-050': 'off' } };
    const b: LintConfig = { rules: { 'CL-AWS-050': 'off' } };
    const c: LintConfig = { rules: { 'CL-AWS-050': 'low' } };
    // Options the tables do not read (the exclude globs) do not make other tables.
    const d = { rules: { 'CL-AWS-050': 'off' }, exclude: ['vendor/**'] } as LintConfig;
    assert.ok(tablesFor(catalogue, a) instanceof LintTables);
    assert.equal(tablesFor(catalogue, a), tablesFor(catalogue, a));
    assert.equal(tablesFor(catalogue, a), tablesFor(catalogue, b));
    assert.equal(tablesFor(catalogue, a), tablesFor(catalogue, d));
    assert.notEqual(tablesFor(catalogue, a), tablesFor(catalogue, c));
    assert.notEqual(tablesFor(catalogue, {}), tablesFor(catalogue, { minimumSeverity: 'high' }));
    assert.notEqual(tablesFor(catalogue, {}), tablesFor(catalogue, { frameworks: ['PCI'] }));
    assert.equal(tablesFor(catalogue, c).effective(catalogue.rules.find((r) => r.id === 'CL-AWS-050')!), 'low');
  });

  it('keeps each config its own severities when lints with different configs alternate', () => {
    const plain = ruleIds();
    assert.ok(plain.includes('CL-AWS-050:high'), plain.join(' '));
    const off: LintConfig = { rules: { 'CL-AWS-050': 'off' } };
    const low: LintConfig = { rules: { 'CL-AWS-050': 'low' } };
    for (let i = 0; i < 2; i++) {
      assert.ok(!ruleIds(off).some((x) => x.startsWith('CL-AWS-050:')));
      assert.ok(ruleIds(low).includes('CL-AWS-050:low'));
      assert.deepEqual(ruleIds(), plain);
    }
  });
});

describe('IAM action matching remembered per pattern', () => {
  it('reads each text once, and again after the memory starts over', () => {
    const reads: string[] = [];
    const upper = perText((s) => (reads.push(s), s.toUpperCase()), 3);
    assert.equal(upper('a'), 'A');
    assert.equal(upper('a'), 'A');
    assert.deepEqual(reads, ['a']);
    for (const s of ['b', 'c', 'd']) upper(s);
    // 'd' found the memory full (a, b, c): it started over with d alone, so a is read again.
    assert.equal(upper('a'), 'A');
    assert.deepEqual(reads, ['a', 'b', 'c', 'd', 'a']);
    assert.equal(upper('d'), 'D');
    assert.equal(reads.length, 5);
  });

  it('gives what matching the tables afresh gives, for every pattern shape', () => {
    const credentials = { name: 'credential exposure', actions: CREDENTIAL_EXPOSURE_ACTIONS, consequence: '' };
    for (const pattern of ['iam:Create*', 'IAM:createaccesskey', 'iam:*', '*', 'sts:Get*Token', 'ec2:Describe*', 'iam:Put?serPolicy', 'lambda:*']) {
      for (let i = 0; i < 2; i++) {
        const esc = escalationsOf(pattern);
        assert.deepEqual([...classActionsOf(pattern, credentials)], pattern.trim() === '*' || esc.length > 0 ? [] : matchedActions(pattern, CREDENTIAL_EXPOSURE_ACTIONS), pattern);
      }
    }
    assert.ok(escalationsOf('iam:Create*').includes('iam:CreatePolicyVersion'));
    assert.deepEqual(escalationsOf('iam:*'), []);
    assert.ok(classActionsOf('sts:Get*Token', credentials).length > 0);
  });
});
