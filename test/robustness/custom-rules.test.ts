// Hostile custom rule files: every one-character damage of a valid file, conditions nested past the limit, more rules
// and conditions than allowed, patterns the analysis must refuse. Nothing throws; each limit is a problem at its line.
import { strict as assert } from 'node:assert';
import { CUSTOM_RULE_LIMITS, formatCustomProblems, parseCustomRules } from '../../server/src/engine/custom-rules';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';

const catalogue = defaultCatalogue();
const parse = (text: string) => parseCustomRules('r.yaml', text, { builtin: catalogue, custom: new Map() });

const RULE = [
  'id: ACME-001',
  'title: Buckets are versioned and tagged',
  'severity: high',
  'message: "{id}: {path} is {value}"',
  'responsibility: {model: PaaS, layer: resilience, provider: AWS stores the objects, customer: the setting is yours}',
  'frameworks: ["nist-800-53-r5: CP-9", {framework: iso-27001-2022, control: A.8.13}]',
  'match: {format: [cloudformation, terraform], types: [AWS::S3::Bucket, aws_s3_bucket]}',
  'require:',
  '  all:',
  '    - any: [{path: VersioningConfiguration.Status, equals: Enabled}, {path: "versioning[*].enabled", in: [true]}]',
  '    - not: {path: Tags, exists: false}',
  '    - each: Tags',
  '      require: {path: Key, matches: "^[a-z]+$", flags: i}',
  '    - {path: AccessControl, atMost: 3}',
  '',
].join('\n');

const TEMPLATE = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: [{Key: "a-b", Value: x}]\n      AccessControl: Private\n';

describe('robustness: custom rule files', function () {
  this.timeout(120_000);

  it('every deletion or replacement of one character of a valid file: problems or rules, never an exception', () => {
    assert.deepEqual(formatCustomProblems(parse(RULE)), []);
    const replacements = [' ', ':', '[', '{', '"', '-', '\n', '*', '!', '&'];
    for (let i = 0; i < RULE.length; i++) {
      const texts = [RULE.slice(0, i) + RULE.slice(i + 1), ...replacements.map((c) => RULE.slice(0, i) + c + RULE.slice(i + 1))];
      for (const text of texts) {
        const f = parse(text);
        for (const p of f.problems) assert.ok(p.span[0] >= 0 && p.span[1] <= text.length && p.span[0] <= p.span[1], `${JSON.stringify(text)}: ${p.message}`);
        // Whatever loads runs without an error of the lint (one damage in 4: the lint dominates the time).
        if (f.rules.length && i % 4 === 0) assert.deepEqual(lintFile(parseFile('t.yaml', TEMPLATE), catalogue.withRules(f.rules)).errors, [], text);
      }
    }
  });

  it('conditions nested past the limit, and more conditions than allowed, are one problem each', () => {
    let deep = '{path: A, exists: true}';
    for (let i = 0; i < CUSTOM_RULE_LIMITS.maxDepth + 5; i++) deep = `{not: ${deep}}`;
    const nested = parse(RULE.replace(/require:[\s\S]*/, `require: ${deep}\n`));
    assert.deepEqual(formatCustomProblems(nested), [`r.yaml:8:${10 + 6 * CUSTOM_RULE_LIMITS.maxDepth + 1}: Conditions are nested more than ${CUSTOM_RULE_LIMITS.maxDepth} deep (the limit).`]);
    const wide = parse(RULE.replace(/require:[\s\S]*/, `require:\n  all:\n${'    - {path: A, exists: true}\n'.repeat(CUSTOM_RULE_LIMITS.maxConditions + 10)}`));
    assert.deepEqual(formatCustomProblems(wide), [`r.yaml:${9 + CUSTOM_RULE_LIMITS.maxConditions}:7: Over the limit of ${CUSTOM_RULE_LIMITS.maxConditions} conditions in one rule.`]);
  });

  it('rules past the limit are not loaded, and said', () => {
    // A short rule, so that the file stays under the size limit.
    const one = 'id: ACME-001\n    title: T\n    severity: low\n    responsibility: {model: PaaS, layer: resilience, provider: a, customer: b}\n    match: {format: cloudformation, types: AWS::S3::Bucket}\n    require: {path: A, exists: true}';
    const many = `rules:\n${Array.from({ length: CUSTOM_RULE_LIMITS.maxRules + 2 }, (_, i) => `  - ${one.replace('ACME-001', `ACME-${i}`)}\n`).join('')}`;
    const f = parse(many);
    assert.equal(f.rules.length, CUSTOM_RULE_LIMITS.maxRules);
    assert.deepEqual(
      f.problems.map((p) => p.message),
      [`Over the limit of ${CUSTOM_RULE_LIMITS.maxRules} custom rules: this rule was not loaded.`, `Over the limit of ${CUSTOM_RULE_LIMITS.maxRules} custom rules: this rule was not loaded.`],
    );
  });

  it('the patterns of the classic catastrophic shapes are refused at the pattern', () => {
    for (const bad of ['(a+)+$', '(a|a)*b', '(\\w+\\s?)*$', '^(\\d+)*x', '(x+x+)+y', '(.*a){3,}', '(a|ab)*c', '.*.*x', '\\w+\\d+\\w+x']) {
      const f = parse(RULE.replace('"^[a-z]+$"', JSON.stringify(bad)));
      assert.equal(f.rules.length, 0, bad);
      assert.deepEqual(formatCustomProblems(f).map((l) => l.slice(0, 14)), ['r.yaml:13:37: '], bad);
    }
  });
});
