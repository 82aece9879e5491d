// Options (server/src/engine/config.ts): `.cloudline.yaml` parsed with exact problem positions, the editor settings
// merged over it, and what the merged options do to a lint: severity overrides, "off", the minimum severity and
// the frameworks filter.
import { strict as assert } from 'node:assert';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { byRuleId, formatProblem, isExcluded, matchesFrameworks, mergeOptions, parseConfig, type Options } from '../../server/src/engine/config';
import { lintText } from '../helpers';

const catalogue = defaultCatalogue();
const rds = catalogue.rule('CL-AWS-004')!;

/** A template with one high (CL-AWS-004, public RDS) and other findings; we look at CL-AWS-004 only. */
const TEMPLATE = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';

function rdsFinding(options: Options): string | undefined {
  const f = lintText('template.yaml', TEMPLATE, options).findings.find((x) => x.rule.id === 'CL-AWS-004');
  return f?.severity;
}

function problems(text: string): string[] {
  return parseConfig(text, catalogue).problems.map((p) => formatProblem('.cloudline.yaml', text, p));
}

describe('options: .cloudline.yaml', () => {
  it('reads every option; rules by ID or slug, kept by ID; false is off; a single string is a one-item list', () => {
    const text = 'minimumSeverity: medium\nrules:\n  CL-AWS-004: critical\n  iam-policy-admin-wildcard: off\n  CL-AWS-001: false\nframeworks: PCI DSS\nexclude:\n  - "vendor/**"\n  - "*.generated.yaml"\n';
    const { options, problems: p } = parseConfig(text, catalogue);
    assert.deepEqual(p, []);
    assert.deepEqual(options, {
      minimumSeverity: 'medium',
      rules: { 'CL-AWS-004': 'critical', [catalogue.rule('iam-policy-admin-wildcard')!.id]: 'off', 'CL-AWS-001': 'off' },
      frameworks: ['PCI DSS'],
      exclude: ['vendor/**', '*.generated.yaml'],
    });
  });

  it('an empty file or a file of comments is no options', () => {
    assert.deepEqual(parseConfig('', catalogue), { options: {}, problems: [] });
    assert.deepEqual(parseConfig('# nothing yet\n', catalogue), { options: {}, problems: [] });
  });

  it('reports each mistake at its position and keeps the valid options', () => {
    const text = 'minimumSeverity: urgent\nrules:\n  CL-AWS-999: off\n  CL-AWS-004: loud\n  CL-AWS-001: low\nframeworks: [PCI, 3]\ncolour: blue\n';
    assert.deepEqual(problems(text), [
      '.cloudline.yaml:1:18: minimumSeverity must be one of info, low, medium, high, critical.',
      '.cloudline.yaml:3:3: Unknown rule "CL-AWS-999": use a rule ID (CL-AWS-004) or slug (rds-publicly-accessible).',
      '.cloudline.yaml:4:15: The setting for CL-AWS-004 must be "off" or one of info, low, medium, high, critical.',
      '.cloudline.yaml:6:13: frameworks must be a list of strings.',
      '.cloudline.yaml:7:1: Unknown option "colour". Known options: minimumSeverity, rules, frameworks, exclude, otherToolsSuppressions, baseline.',
    ]);
    assert.deepEqual(parseConfig(text, catalogue).options, { rules: { 'CL-AWS-001': 'low' } });
  });

  it('a file that is not a mapping, or not YAML, is one problem', () => {
    assert.deepEqual(problems('- a\n- b\n'), ['.cloudline.yaml:1:1: .cloudline.yaml must be a mapping of options (minimumSeverity, rules, frameworks, exclude, otherToolsSuppressions, baseline).']);
    assert.equal(parseConfig('rules: [\n', catalogue).problems.length > 0, true);
    assert.deepEqual(parseConfig('rules: [\n', catalogue).options, {});
  });
});

describe('options: merge (editor settings over .cloudline.yaml)', () => {
  const file: Options = { minimumSeverity: 'high', rules: { 'CL-AWS-004': 'off', 'CL-AWS-001': 'low' }, frameworks: ['CIS'], exclude: ['vendor/**'] };

  it('later layers win option by option; rules merge key by key; excludes add up', () => {
    const editor: Options = { minimumSeverity: 'low', rules: { 'CL-AWS-004': 'medium' }, frameworks: ['PCI'], exclude: ['tmp/**'] };
    assert.deepEqual(mergeOptions(file, editor), {
      minimumSeverity: 'low',
      rules: { 'CL-AWS-004': 'medium', 'CL-AWS-001': 'low' },
      frameworks: ['PCI'],
      exclude: ['vendor/**', 'tmp/**'],
    });
  });

  it('unset and empty editor settings leave the file\'s options alone; missing layers are skipped', () => {
    assert.deepEqual(mergeOptions(file, { rules: {}, frameworks: [], exclude: [] }), { ...file, rules: { ...file.rules } });
    assert.deepEqual(mergeOptions(undefined, file, undefined), { ...file, rules: { ...file.rules } });
    assert.deepEqual(mergeOptions(), {});
  });

  it('the merged options decide the lint: the editor\'s severity over the file\'s "off"', () => {
    assert.equal(rdsFinding(mergeOptions({ rules: { 'CL-AWS-004': 'off' } })), undefined);
    assert.equal(rdsFinding(mergeOptions({ rules: { 'CL-AWS-004': 'off' } }, { rules: { 'CL-AWS-004': 'low' } })), 'low');
    assert.equal(rdsFinding(mergeOptions({ rules: { 'rds-publicly-accessible': 'low' } }, { rules: { 'rds-publicly-accessible': 'off' } })), undefined);
  });

  // Was a bug: the merge is by key, and lint looks a rule up by ID before slug, so when the file named a rule by ID
  // and the editor by slug, the file won: `.cloudline.yaml` "CL-AWS-004: off" silenced the rule although the editor
  // said { "rds-publicly-accessible": "low" }. parseConfig now keeps rules by ID and the server maps the editor's
  // settings with byRuleId before merging.
  it('the editor wins whether either layer names the rule by ID or by slug', () => {
    const fileById = parseConfig('rules:\n  CL-AWS-004: off\n', catalogue).options;
    const fileBySlug = parseConfig('rules:\n  rds-publicly-accessible: off\n', catalogue).options;
    const editorBySlug = { rules: byRuleId({ 'rds-publicly-accessible': 'low' }, catalogue) };
    const editorById = { rules: byRuleId({ 'CL-AWS-004': 'low' }, catalogue) };
    assert.equal(rdsFinding(mergeOptions(fileById, editorBySlug)), 'low');
    assert.equal(rdsFinding(mergeOptions(fileBySlug, editorById)), 'low');
    assert.equal(rdsFinding(mergeOptions(fileBySlug, editorBySlug)), 'low');
    assert.equal(rdsFinding(mergeOptions(fileById)), undefined);
  });

  it('byRuleId maps slugs to IDs and keeps unknown names as written', () => {
    assert.deepEqual(byRuleId({ 'rds-publicly-accessible': 'low', 'CL-AWS-001': 'off', 'no-such-rule': 'high' }, catalogue), { 'CL-AWS-004': 'low', 'CL-AWS-001': 'off', 'no-such-rule': 'high' });
    assert.equal(byRuleId(undefined, catalogue), undefined);
  });
});

describe('options: effect on a lint', () => {
  it('the rule\'s own severity by default; an override by ID or slug replaces it; "off" removes the finding', () => {
    assert.equal(rdsFinding({}), 'high');
    assert.equal(rdsFinding({ rules: { 'CL-AWS-004': 'critical' } }), 'critical');
    assert.equal(rdsFinding({ rules: { 'rds-publicly-accessible': 'info' } }), 'info');
    assert.equal(rdsFinding({ rules: { 'CL-AWS-004': 'off' } }), undefined);
    assert.equal(rdsFinding({ rules: { 'rds-publicly-accessible': 'off' } }), undefined);
  });

  it('the minimum severity applies to the overridden severity', () => {
    assert.equal(rdsFinding({ minimumSeverity: 'critical' }), undefined);
    assert.equal(rdsFinding({ minimumSeverity: 'high' }), 'high');
    assert.equal(rdsFinding({ minimumSeverity: 'critical', rules: { 'CL-AWS-004': 'critical' } }), 'critical');
    assert.equal(rdsFinding({ minimumSeverity: 'medium', rules: { 'CL-AWS-004': 'low' } }), undefined);
  });

  it('the frameworks filter: case-insensitive substring of a framework the rule references', () => {
    assert.deepEqual(rds.frameworks.map((f) => f.framework), ['CIS AWS Foundations Benchmark', 'NIST SP 800-53', 'PCI DSS']);
    assert.equal(matchesFrameworks(rds, undefined), true);
    assert.equal(matchesFrameworks(rds, []), true);
    assert.equal(matchesFrameworks(rds, ['pci']), true);
    assert.equal(matchesFrameworks(rds, ['HIPAA', 'cis aws']), true);
    assert.equal(matchesFrameworks(rds, ['ISO/IEC 27001']), false);
    assert.equal(rdsFinding({ frameworks: ['ISO/IEC 27001'] }), undefined);
    assert.equal(rdsFinding({ frameworks: ['nist'] }), 'high');
  });

  it('the frameworks filter never hides suppressions without a reason (CL-GEN-001)', () => {
    const text = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      # cloudline-ignore CL-AWS-004\n      PubliclyAccessible: true\n';
    const ids = lintText('template.yaml', text, { frameworks: ['PCI'] }).findings.map((f) => f.rule.id);
    assert.ok(ids.includes('CL-GEN-001'), ids.join(', '));
  });

  it('exclude globs: relative paths, a pattern without a slash matches the file name anywhere', () => {
    assert.equal(isExcluded('vendor/a/b.yaml', ['vendor/**']), true);
    assert.equal(isExcluded('src/vendor/b.yaml', ['vendor/**']), false);
    assert.equal(isExcluded('deep/x.generated.yaml', ['*.generated.yaml']), true);
    assert.equal(isExcluded('.hidden/t.yaml', ['.hidden/**']), true);
    assert.equal(isExcluded('t.yaml', undefined), false);
    assert.equal(isExcluded('t.yaml', []), false);
  });
});
