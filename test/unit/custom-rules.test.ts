// Custom rules (.cloudline/rules/*.yaml): the validator's problems at their line and column, the three-valued
// evaluation (unknown values never reported, Fn::If branches), each operator, each format, positions, suppressions.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCustomProblems, loadCustomRules, parseCustomRules, CUSTOM_RULE_LIMITS } from '../../server/src/engine/custom-rules';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile, type LintResult } from '../../server/src/engine/lint';
import { parseConfig } from '../../server/src/engine/config';
import { customPatternProblem, PATTERN_LIMITS } from '../../server/src/engine/regex-safety';
import { parseFile } from '../../server/src/model/parse';
import { spanText } from '../helpers';
import { FRAMEWORKS } from '../../rules/frameworks';

const RESPONSIBILITY = 'responsibility: {model: PaaS, layer: data-protection, provider: AWS runs the service, customer: the setting is yours}';

/** A rule file's problems as `line:col: [warning: ]message` (the CLI's form without the file name). */
function problemsOf(text: string): string[] {
  const f = parseCustomRules('r.yaml', text, { builtin: defaultCatalogue(), custom: new Map() });
  return formatCustomProblems(f).map((l) => l.replace(/^r\.yaml:/, ''));
}

function rulesOf(text: string) {
  return parseCustomRules('r.yaml', text, { builtin: defaultCatalogue(), custom: new Map() });
}

/** The custom findings (`ACME-*`) of `text` linted as `name` with the rules of `rule`: `line:col-line:col message`. */
function findings(rule: string, name: string, text: string): string[] {
  const parsed = rulesOf(rule);
  assert.deepEqual(formatCustomProblems(parsed), [], 'the rule file has problems');
  const result: LintResult = lintFile(parseFile(name, text), defaultCatalogue().withRules(parsed.rules));
  assert.deepEqual(result.errors, []);
  return result.findings.filter((f) => f.rule.custom).map((f) => `${spanText(result, f.span)} ${f.message}`);
}

/** A rule on `types` of `format` requiring `require` (YAML, indented under require:), with a short message. */
function rule(format: string, types: string, require: string, message = '{id}: {path} is {value}'): string {
  return `id: ACME-001\ntitle: Test rule\nseverity: high\nmessage: "${message}"\n${RESPONSIBILITY}\nmatch: {format: ${format}, types: [${types}]}\nrequire:\n${require}\n`;
}

/** A Deployment named web up to its containers' key (lines 1 to 7), for the container items that follow. */
const DEPLOYMENT = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:'];

const S3_LINE = ' Amazon S3 is PaaS: AWS runs the service; the setting is yours.';

describe('custom rules: validation with positions', () => {
  it('loads a valid rule with its metadata, as a rule of the catalogue', () => {
    const f = rulesOf(
      `id: ACME-001\ntitle: Buckets are versioned\nseverity: high\ndescription: Old versions are kept.\nremediation: Enable versioning.\n${RESPONSIBILITY}\n` +
        'frameworks: ["nist-800-53-r5: CP-9, SC-28", {framework: CIS AWS Foundations Benchmark 3.0.0, control: "2.1.1"}]\n' +
        'equivalents: {checkov: [CKV_AWS_21]}\ndocs: [https://example.com/policy]\n' +
        'match: {format: cloudformation, types: AWS::S3::Bucket}\nrequire: {path: VersioningConfiguration.Status, equals: Enabled}\n',
    );
    assert.deepEqual(f.problems, []);
    assert.equal(f.rules.length, 1);
    const r = f.rules[0];
    assert.equal(r.id, 'ACME-001');
    assert.equal(r.slug, 'ACME-001');
    assert.equal(r.severity, 'high');
    assert.equal(r.fixable, false);
    assert.deepEqual(r.custom, { file: 'r.yaml' });
    assert.deepEqual(r.responsibility, { owner: 'customer', model: 'PaaS', layer: 'data-protection', provider: 'AWS runs the service', customer: 'the setting is yours' });
    assert.deepEqual(r.frameworks, [
      { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['CP-9', 'SC-28'] },
      { framework: 'CIS AWS Foundations Benchmark', version: '3.0.0', controls: ['2.1.1'] },
    ]);
    assert.deepEqual(r.equivalents, { checkov: ['CKV_AWS_21'] });
    assert.deepEqual(r.docs, ['https://example.com/policy']);
    assert.deepEqual(Object.keys(r.checks), ['cloudformation']);
    assert.equal(r.checks.cloudformation!.reads, 'resource');
  });

  it('reads a list of rules under rules:, and several documents', () => {
    const one = rule('kubernetes', 'Pod', '  path: spec.hostNetwork\n  exists: false');
    const f = rulesOf(`rules:\n  - ${one.trim().split('\n').join('\n    ')}\n  - ${one.replace('ACME-001', 'ACME-002').trim().split('\n').join('\n    ')}\n---\n${one.replace('ACME-001', 'ACME-003')}`);
    assert.deepEqual(f.problems, []);
    assert.deepEqual(f.rules.map((r) => r.id), ['ACME-001', 'ACME-002', 'ACME-003']);
  });

  it('says each problem at its line and column', () => {
    const text = [
      'id: ACME-001', // 1
      'title: Test', // 2
      'severity: urgent', // 3
      'colour: blue', // 4
      RESPONSIBILITY, // 5
      'match: {format: [cloudformation, pulumi], types: [AWS::S3::Bucket]}', // 6
      'require:', // 7
      '  all:', // 8
      '    - path: A.B', // 9
      '      matches: "(a+)+$"', // 10
      '    - path: C', // 11
      '      equals: [1]', // 12
      '    - path: D', // 13
      '      matches: "ab"', // 14
      '      flags: gi', // 15
      '    - {path: E, exists: true, equals: 1}', // 16
      '    - {any: []}', // 17
      '    - {}', // 18
      '    - {path: "a..b", exists: true}', // 19
      '    - {path: F, greaterThan: ten}', // 20
      '    - {path: G, matches: "a("}', // 21
    ].join('\n');
    assert.deepEqual(problemsOf(text), [
      '3:11: severity must be one of info, low, medium, high, critical.',
      '4:1: Unknown key "colour" in a rule. Known keys: id, title, severity, message, description, remediation, responsibility, frameworks, equivalents, docs, match, require.',
      '6:34: Unknown format "pulumi": one of cloudformation, terraform, kubernetes (terraform covers .tf, .tf.json and plans).',
      '10:16: The pattern can backtrack catastrophically (nested unbounded quantifiers): rewrite it so that each repetition has one way to match.',
      '12:15: equals must be a string, a number or true/false (to require a property to be missing, use exists: false).',
      '15:14: The flag g is not allowed: a custom pattern may use i, m, s and u only.',
      '16:31: One test per condition: put exists and equals in separate conditions under all: or any:.',
      '17:13: any must be a non-empty list of conditions.',
      '18:7: This condition is empty: write all:, any:, not:, each: or path: with a test.',
      '19:16: An empty step in the path "a..b".',
      '20:30: greaterThan must be a number.',
      '21:26: Not a valid regular expression: /a(/: Unterminated group.',
    ]);
  });

  it('refuses reserved and clashing IDs: CL-, a built-in ID or slug, another custom rule', () => {
    const base = rule('kubernetes', 'Pod', '  {path: spec.hostNetwork, exists: false}');
    assert.deepEqual(problemsOf(base.replace('ACME-001', 'CL-ACME-1')), ['1:5: The rule ID "CL-ACME-1" starts with CL-, which is reserved for Cloudline\'s built-in rules: use your own prefix, e.g. ACME-001.']);
    assert.deepEqual(problemsOf(base.replace('ACME-001', 'rds-publicly-accessible')), ['1:5: The rule ID "rds-publicly-accessible" is the slug of the built-in rule CL-AWS-004: choose another.']);
    assert.deepEqual(problemsOf(base.replace('ACME-001', '"ACME 1"')), ['1:5: The rule ID "ACME 1" must start with a letter and hold only letters, digits, ".", "_" and "-" (at most 64 characters), e.g. ACME-001.']);
    const twice = `rules:\n  - ${base.trim().split('\n').join('\n    ')}\n  - ${base.replace('ACME-001', 'acme-001').trim().split('\n').join('\n    ')}\n`;
    const f = rulesOf(twice);
    assert.deepEqual(formatCustomProblems(f), ['r.yaml:10:9: The rule ID "acme-001" is already used by the custom rule at r.yaml:2.']);
    assert.deepEqual(f.rules.map((r) => r.id), ['ACME-001'], 'the first is loaded, the clashing one is not');
  });

  it('warns (and loads) for an unknown framework or control, a type the format cannot have, an unknown placeholder', () => {
    const text = rule('terraform', 'AWS::S3::Bucket, aws_s3_bucket', '  {path: bucket, exists: true}', '{name} has no bucket') + 'frameworks: [{framework: COBIT, control: X}, "nist-800-53-r5: ZZ-99, AC-3"]\n';
    assert.deepEqual(problemsOf(text), [
      '4:10: warning: The placeholder {name} is not one Cloudline fills in ({id}, {type}, {path}, {value}): it is written as is.',
      '6:36: warning: "AWS::S3::Bucket" is not a terraform resource type (such as aws_s3_bucket): the rule never matches it.',
      `9:26: warning: Unknown framework "COBIT": this reference is left out. Known: ${FRAMEWORKS.map((f) => f.id).join(', ')}.`,
      '9:46: warning: NIST SP 800-53 Rev. 5 has no control "ZZ-99" in Cloudline\'s list (rules/frameworks/nist-800-53-r5.yaml): it is left out.',
    ]);
    const f = rulesOf(text);
    assert.equal(f.rules.length, 1);
    assert.deepEqual(f.rules[0].frameworks, [{ framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-3'] }]);
    assert.deepEqual(f.rules[0].checks.terraform!.types, ['aws_s3_bucket']);
  });

  it('requires id, title, severity, responsibility, match and require; a rule with an error is not loaded, the next one is', () => {
    const bad = 'id: ACME-001\ntitle: T\n';
    assert.deepEqual(problemsOf(bad), [
      '1:1: The rule has no severity:.',
      '1:1: The rule has no responsibility:.',
      '1:1: The rule has no match:.',
      '1:1: The rule has no require:.',
    ]);
    const good = rule('kubernetes', 'Pod', '  {path: spec.hostNetwork, exists: false}').replace('ACME-001', 'ACME-002');
    const f = rulesOf(`rules:\n  - {id: ACME-001, title: T}\n  - ${good.trim().split('\n').join('\n    ')}\n`);
    assert.deepEqual(f.rules.map((r) => r.id), ['ACME-002']);
    assert.equal(f.problems.filter((p) => p.severity === 'error').length, 4);
  });

  it('a YAML syntax error, a tag and a file over the size limit are problems, never code', () => {
    assert.deepEqual(problemsOf('id: [ACME\n'), ['2:1: Flow sequence in block collection must be sufficiently indented and end with a ]']);
    assert.deepEqual(problemsOf(rule('kubernetes', 'Pod', '  {path: spec.hostNetwork, equals: !Ref X}')), [
      '8:36: equals must be a string, a number or true/false (to require a property to be missing, use exists: false).',
    ]);
    const big = 'x'.repeat(CUSTOM_RULE_LIMITS.maxFileBytes + 1);
    assert.deepEqual(problemsOf(big), ['1:1: This rule file is 256 KiB, over the 256 KiB limit for a rule file: Cloudline did not read it.']);
  });

  it('reads a directory in name order, .yaml and .yml only; a missing directory holds no rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-custom-'));
    try {
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'b.yml'), rule('kubernetes', 'Pod', '  {path: spec.hostNetwork, exists: false}').replace('ACME-001', 'ACME-B'));
      writeFileSync(join(dir, 'a.yaml'), rule('kubernetes', 'Pod', '  {path: spec.hostPID, exists: false}').replace('ACME-001', 'ACME-A'));
      writeFileSync(join(dir, 'c.json'), '{}');
      writeFileSync(join(dir, 'sub', 'd.yaml'), 'not: read');
      const set = loadCustomRules(dir, defaultCatalogue());
      assert.deepEqual(set.rules.map((r) => r.id), ['ACME-A', 'ACME-B']);
      assert.deepEqual(set.files.map((f) => f.file), [join(dir, 'a.yaml'), join(dir, 'b.yml')]);
      assert.deepEqual(loadCustomRules(join(dir, 'nope'), defaultCatalogue()), { files: [], rules: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('.cloudline.yaml may turn a custom rule off or change its severity once the catalogue has it', () => {
    const cat = defaultCatalogue().withRules(rulesOf(rule('kubernetes', 'Pod', '  {path: spec.hostNetwork, exists: false}')).rules);
    assert.deepEqual(parseConfig('rules:\n  ACME-001: low\n', cat), { options: { rules: { 'ACME-001': 'low' } }, problems: [] });
    assert.equal(parseConfig('rules:\n  ACME-001: low\n', defaultCatalogue()).problems.length, 1);
  });
});

describe('custom rules: the examples of docs/custom-rules.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'custom-rules.md'), 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('every YAML block is a valid rule file', () => {
    assert.equal(blocks.length, 5);
    for (const b of blocks) {
      const f = rulesOf(b);
      assert.deepEqual(formatCustomProblems(f), [], b);
      assert.ok(f.rules.length > 0, b);
    }
  });

  it('the Kubernetes examples find a privileged container and an image from elsewhere', () => {
    const k8s = blocks.find((b) => b.includes('ACME-K8S-1'))!;
    const dep = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - {name: a, image: x}\n        - {name: b, securityContext: {privileged: true}}\n';
    assert.deepEqual(findings(k8s, 'm.yaml', dep).map((f) => f.split('. ')[0]), ['9:51-9:55 Deployment/web: spec.template.spec.containers[1].securityContext.privileged is true']);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: registry.example.com/app:1}\n    - {name: b, image: docker.io/app:1}\n';
    assert.deepEqual(findings(k8s, 'p.yaml', pod).map((f) => f.split(' (')[0]), ['7:24-7:39 Images come from the company registry: Pod Pod/p']);
  });
});

describe('custom rules: regex safety', () => {
  it('refuses exponential and chained polynomial shapes, other flags, and overlong patterns', () => {
    assert.match(customPatternProblem('(\\w+\\s?)*$', '')!, /catastrophically/);
    assert.equal(
      customPatternProblem('.*a.*b', ''),
      "The pattern has 2 unbounded quantifiers (*, +, {n,}) in a row that can match the same characters, and its work grows as the input's length to the power 3: bound them ({0,64}), separate them by a character the first cannot match ([^/]*/), or drop a leading or trailing .* (a pattern is searched anywhere in the value).",
    );
    assert.match(customPatternProblem('[a-z]+[a-z0-9]+x', '')!, /2 unbounded quantifiers/);
    assert.equal(customPatternProblem('^[^/]+/[^/]+$', ''), undefined);
    assert.equal(customPatternProblem('-prod-', ''), undefined);
    assert.equal(customPatternProblem('^arn:aws:iam::[0-9]{12}:role/.*$', 'i'), undefined);
    assert.equal(customPatternProblem('^[a-z][a-z0-9-]*$', ''), undefined);
    assert.match(customPatternProblem('a', 'y')!, /flag y is not allowed/);
    assert.match(customPatternProblem('a', 'ii')!, /repeated/);
    assert.match(customPatternProblem('a'.repeat(PATTERN_LIMITS.maxPatternLength + 1), '')!, /over the limit/);
  });

  it('a value longer than the input bound is not matched: unknown, never reported', () => {
    const r = rule('kubernetes', 'Pod', '  {path: metadata.labels.team, matches: "^[a-z]+$"}');
    const long = 'A'.repeat(PATTERN_LIMITS.maxInputLength + 1);
    assert.deepEqual(findings(r, 'p.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {team: ${long}}\n`), []);
    assert.equal(findings(r, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {team: AB}\n').length, 1);
  });
});

describe('custom rules: evaluation', () => {
  const versioning = rule('cloudformation', 'AWS::S3::Bucket', '  path: VersioningConfiguration.Status\n  equals: Enabled');

  it('CloudFormation YAML: a bad value at the value, a missing one at the nearest written key or the logical ID', () => {
    const cfn = [
      'Resources:', // 1
      '  Bad:', // 2
      '    Type: AWS::S3::Bucket', // 3
      '    Properties:', // 4
      '      VersioningConfiguration:', // 5
      '        Status: Suspended', // 6
      '  Half:', // 7
      '    Type: AWS::S3::Bucket', // 8
      '    Properties:', // 9
      '      VersioningConfiguration: {}', // 10
      '  None:', // 11
      '    Type: AWS::S3::Bucket', // 12
      '  Good:', // 13
      '    Type: AWS::S3::Bucket', // 14
      '    Properties: {VersioningConfiguration: {Status: Enabled}}', // 15
      '',
    ].join('\n');
    assert.deepEqual(findings(versioning, 'template.yaml', cfn), [
      `6:17-6:26 Bad: VersioningConfiguration.Status is Suspended.${S3_LINE}`,
      `10:7-10:30 Half: VersioningConfiguration.Status is not set.${S3_LINE}`,
      `11:3-11:7 None: VersioningConfiguration.Status is not set.${S3_LINE}`,
    ]);
  });

  it('CloudFormation JSON: the same findings at the JSON positions', () => {
    const json = '{"Resources": {\n  "Bad": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Suspended"}}}\n}}\n';
    assert.deepEqual(findings(versioning, 'template.json', json), [`2:91-2:102 Bad: VersioningConfiguration.Status is Suspended.${S3_LINE}`]);
  });

  it('unknown values are never reported: a parameter without default, GetAtt, ImportValue; a default is used at its use', () => {
    const cfn = [
      'Parameters:', // 1
      '  Mode: {Type: String}', // 2
      '  Fixed: {Type: String, Default: Suspended}', // 3
      'Resources:', // 4
      '  A:', // 5
      '    Type: AWS::S3::Bucket', // 6
      '    Properties: {VersioningConfiguration: {Status: !Ref Mode}}', // 7
      '  B:', // 8
      '    Type: AWS::S3::Bucket', // 9
      '    Properties: {VersioningConfiguration: !ImportValue Shared}', // 10
      '  C:', // 11
      '    Type: AWS::S3::Bucket', // 12
      '    Properties: {VersioningConfiguration: {Status: !Ref Fixed}}', // 13
      '  D:', // 14
      '    Type: AWS::S3::Bucket', // 15
      '    Properties: {VersioningConfiguration: {Status: !GetAtt Other.Status}}', // 16
      '',
    ].join('\n');
    assert.deepEqual(findings(versioning, 'template.yaml', cfn), [`13:52-13:62 C: VersioningConfiguration.Status is Suspended (from the default of parameter Fixed).${S3_LINE}`]);
  });

  it('Fn::If: the first bad reachable branch, with its condition; contradicting branches are left out', () => {
    const cfn = [
      'Conditions:', // 1
      '  Prod: !Equals [!Ref AWS::AccountId, "1"]', // 2
      'Resources:', // 3
      '  A:', // 4
      '    Type: AWS::S3::Bucket', // 5
      '    Properties:', // 6
      '      VersioningConfiguration:', // 7
      '        Status: !If [Prod, Enabled, Suspended]', // 8
      '  B:', // 9
      '    Type: AWS::S3::Bucket', // 10
      '    Properties:', // 11
      '      VersioningConfiguration: !If [Prod, {Status: Enabled}, !Ref AWS::NoValue]', // 12
      '  C:', // 13
      '    Type: AWS::S3::Bucket', // 14
      '    Properties:', // 15
      '      VersioningConfiguration:', // 16
      '        Status: !If [Prod, !If [Prod, Enabled, Suspended], Enabled]', // 17
      '',
    ].join('\n');
    assert.deepEqual(findings(versioning, 'template.yaml', cfn), [
      `8:37-8:46 A: VersioningConfiguration.Status is Suspended (when Prod is false).${S3_LINE}`,
      `12:62-12:79 B: VersioningConfiguration.Status is not set (when Prod is false).${S3_LINE}`,
    ]);
  });

  it('each operator: exists, equals, in, matches, greaterThan, atLeast, lessThan, atMost; all, any, not', () => {
    const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}\n`;
    const k = (req: string) => rule('kubernetes', 'Pod', req, '{path}={value}');
    const hit = (req: string, spec: string) => findings(k(req), 'p.yaml', pod(spec)).map((f) => f.split(' ').slice(0, 2).join(' '));
    assert.deepEqual(hit('  {path: spec.hostNetwork, exists: false}', '  hostNetwork: true'), ['6:16-6:20 spec.hostNetwork=true.']);
    assert.deepEqual(hit('  {path: spec.hostNetwork, exists: false}', '  hostPID: true'), []);
    assert.deepEqual(hit('  {path: spec.priorityClassName, exists: true}', '  hostPID: true'), ['5:1-5:5 spec.priorityClassName=not']);
    assert.deepEqual(hit('  {path: spec.restartPolicy, equals: Never}', '  restartPolicy: Always'), ['6:18-6:24 spec.restartPolicy=Always.']);
    assert.deepEqual(hit('  {path: spec.restartPolicy, in: [Never, OnFailure]}', '  restartPolicy: OnFailure'), []);
    assert.deepEqual(hit('  {path: spec.restartPolicy, in: [Never, OnFailure]}', '  restartPolicy: Always'), ['6:18-6:24 spec.restartPolicy=Always.']);
    assert.deepEqual(hit('  {path: spec.schedulerName, matches: "^acme-", flags: i}', '  schedulerName: ACME-fast'), []);
    assert.deepEqual(hit('  {path: spec.schedulerName, matches: "^acme-"}', '  schedulerName: ACME-fast'), ['6:18-6:27 spec.schedulerName=ACME-fast.']);
    assert.deepEqual(hit('  {path: spec.terminationGracePeriodSeconds, greaterThan: 10}', '  terminationGracePeriodSeconds: 10'), ['6:34-6:36 spec.terminationGracePeriodSeconds=10.']);
    assert.deepEqual(hit('  {path: spec.terminationGracePeriodSeconds, atLeast: 10}', '  terminationGracePeriodSeconds: 10'), []);
    assert.deepEqual(hit('  {path: spec.terminationGracePeriodSeconds, lessThan: 10}', '  terminationGracePeriodSeconds: "10"'), ['6:34-6:38 spec.terminationGracePeriodSeconds=10.']);
    assert.deepEqual(hit('  {path: spec.terminationGracePeriodSeconds, atMost: 10}', '  terminationGracePeriodSeconds: 10'), []);
    assert.deepEqual(hit('  {path: spec.terminationGracePeriodSeconds, atMost: 10}', '  terminationGracePeriodSeconds: soon'), ['6:34-6:38 spec.terminationGracePeriodSeconds=soon.']);
    // all: the first failing condition decides where; any: true when one holds; not: the negation, at its value.
    const all = '  all:\n    - {path: spec.hostNetwork, exists: false}\n    - {path: spec.hostPID, exists: false}';
    assert.deepEqual(hit(all, '  hostPID: true'), ['6:12-6:16 spec.hostPID=true.']);
    const any = '  any:\n    - {path: spec.hostNetwork, equals: false}\n    - {path: spec.hostNetwork, exists: false}';
    assert.deepEqual(hit(any, '  hostNetwork: false'), []);
    assert.deepEqual(hit(any, ''), []);
    assert.deepEqual(hit(any, '  hostNetwork: true'), ['6:16-6:20 spec.hostNetwork=true.']);
    assert.deepEqual(hit('  not: {path: spec.hostNetwork, equals: true}', '  hostNetwork: true'), ['6:16-6:20 spec.hostNetwork=true.']);
    assert.deepEqual(hit('  not: {path: spec.hostNetwork, equals: true}', '  hostNetwork: false'), []);
  });

  it('Kubernetes: [*] requires every item, reported at the first that fails, with its index in {path}', () => {
    const r = rule('kubernetes', 'Deployment', '  {path: "spec.template.spec.containers[*].securityContext.privileged", equals: false}', '{id}: {path} is {value}');
    const dep = [
      ...DEPLOYMENT, // lines 1-7
      '        - {name: a, securityContext: {privileged: false}}', // 8
      '        - {name: b, securityContext: {runAsUser: 1}}', // 9
      '',
    ].join('\n');
    assert.deepEqual(findings(r, 'm.yaml', dep), [
      '9:21-9:36 Deployment/web: spec.template.spec.containers[1].securityContext.privileged is not set. Managed Kubernetes (workloads) is a shared (hybrid) service: AWS runs the service; the setting is yours.',
    ]);
    // Helm-templated values are not linted at all (the file is a template); an empty list holds vacuously.
    assert.deepEqual(findings(r, 'm.yaml', dep.replace(/ {6}containers:[\s\S]*/, '      containers: []\n')), []);
  });

  it('each: every item satisfies a condition of its own; missing in an item is reported at its name or its nearest key', () => {
    const dep = [
      ...DEPLOYMENT, // lines 1-7
      '        - {name: a, securityContext: {privileged: false}, resources: {limits: {memory: 1Gi}}}', // 8
      '        - {name: b}', // 9
      '        - {name: c, securityContext: {privileged: true}, resources: {}}', // 10
      '',
    ].join('\n');
    const notPrivileged = rule(
      'kubernetes',
      'Deployment',
      '  each: spec.template.spec.containers\n  require:\n    any:\n      - {path: securityContext.privileged, exists: false}\n      - {path: securityContext.privileged, equals: false}',
      '{path} is {value}',
    );
    assert.deepEqual(findings(notPrivileged, 'm.yaml', dep).map((f) => f.split('. ')[0]), ['10:51-10:55 spec.template.spec.containers[2].securityContext.privileged is true']);
    const limits = rule('kubernetes', 'Deployment', '  each: spec.template.spec.containers\n  require: {path: resources.limits.memory, exists: true}', '{path} is {value}');
    // b has no resources: at its name; c has resources without limits: at the resources key. One finding per resource: b.
    assert.deepEqual(findings(limits, 'm.yaml', dep).map((f) => f.split('. ')[0]), ['9:18-9:19 spec.template.spec.containers[1].resources.limits.memory is not set']);
    assert.deepEqual(findings(limits, 'm.yaml', dep.replace('        - {name: b}\n', '')).map((f) => f.split('. ')[0]), ['9:58-9:67 spec.template.spec.containers[1].resources.limits.memory is not set']);
    // No list at all holds; each: without require: is an error at each.
    assert.deepEqual(findings(limits, 'm.yaml', dep.replace(/ {6}containers:[\s\S]*/, '      hostNetwork: false\n')), []);
    assert.deepEqual(problemsOf(rule('kubernetes', 'Pod', '  each: spec.containers')), ['8:3: each: needs require: the condition every item of the list satisfies (its paths start at the item).']);
  });

  it('Kubernetes: apiVersion narrows the objects (exact, or group/*)', () => {
    const r = rule('kubernetes', 'Ingress', '  {path: spec.tls, exists: true}').replace('types: [Ingress]}', 'types: [Ingress], apiVersion: networking.k8s.io/*}');
    const ing = (v: string) => `apiVersion: ${v}\nkind: Ingress\nmetadata: {name: i}\nspec: {}\n`;
    assert.equal(findings(r, 'i.yaml', ing('networking.k8s.io/v1')).length, 1);
    assert.equal(findings(r, 'i.yaml', ing('extensions/v1beta1')).length, 0);
  });

  describe('Terraform: one rule covers .tf, .tf.json and plans', () => {
    const tf = rule('terraform', 'aws_s3_bucket', '  {path: versioning.enabled, equals: true}', '{id}: {path} is {value}');
    const LINE = ' Amazon S3 is PaaS: AWS runs the service; the setting is yours.';

    it('HCL: a bad value, a missing block at the resource name, a variable is unknown', () => {
      const hcl = [
        'variable "on" {}', // 1
        'resource "aws_s3_bucket" "a" {', // 2
        '  versioning {', // 3
        '    enabled = false', // 4
        '  }', // 5
        '}', // 6
        'resource "aws_s3_bucket" "b" {', // 7
        '  bucket = "b"', // 8
        '}', // 9
        'resource "aws_s3_bucket" "c" {', // 10
        '  versioning {', // 11
        '    enabled = var.on', // 12
        '  }', // 13
        '}', // 14
        '',
      ].join('\n');
      assert.deepEqual(findings(tf, 'main.tf', hcl), [`4:15-4:20 aws_s3_bucket.a: versioning.enabled is false.${LINE}`, `7:26-7:29 aws_s3_bucket.b: versioning.enabled is not set.${LINE}`]);
    });

    it('JSON: a block as an object or a list, an interpolation is unknown', () => {
      const json = JSON.stringify(
        { resource: { aws_s3_bucket: { a: { versioning: { enabled: false } }, b: { versioning: [{ enabled: true }, { enabled: false }] }, c: { versioning: { enabled: '${var.on}' } } } } },
        null,
        1,
      );
      const found = findings(tf, 'main.tf.json', json);
      assert.deepEqual(found.map((f) => f.split(' ').slice(1, 5).join(' ')), ['aws_s3_bucket.a: versioning.enabled is false.', 'aws_s3_bucket.b: versioning[1].enabled is false.']);
    });

    it('a dynamic block is unknown (HCL and JSON); [*] over no list holds, as over an empty one', () => {
      const both = rule('terraform', 'aws_s3_bucket', '  all:\n    - {path: versioning.enabled, equals: true}\n    - {path: "lifecycle_rule[*].enabled", equals: true}', '{id}: {path} is {value}');
      const hcl = 'variable "v" {}\nresource "aws_s3_bucket" "a" {\n  dynamic "versioning" {\n    for_each = var.v\n    content { enabled = versioning.value }\n  }\n}\n';
      assert.deepEqual(findings(both, 'main.tf', hcl), []);
      const json = JSON.stringify({ resource: { aws_s3_bucket: { a: { dynamic: { versioning: { for_each: '${var.v}', content: { enabled: false } } } } } } });
      assert.deepEqual(findings(both, 'main.tf.json', json), []);
      const bad = 'resource "aws_s3_bucket" "a" {\n  versioning { enabled = true }\n  lifecycle_rule { enabled = false }\n}\n';
      assert.deepEqual(findings(both, 'main.tf', bad).map((f) => f.split('. ')[0]), ['3:30-3:35 aws_s3_bucket.a: lifecycle_rule[0].enabled is false']);
    });

    it('plan: a planned value, a value known after apply is unknown', () => {
      const plan = (values: string, unknown: string) =>
        `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.d","mode":"managed","type":"aws_s3_bucket","name":"d","values":${values}}]}},"resource_changes":[{"address":"aws_s3_bucket.d","change":{"after_unknown":${unknown}}}]}`;
      assert.deepEqual(findings(tf, 'plan.json', plan('{"versioning":[{"enabled":false}]}', '{}')).map((f) => f.split(' ').slice(0, 5).join(' ')), ['1:186-1:191 aws_s3_bucket.d: versioning[0].enabled is false.']);
      assert.deepEqual(findings(tf, 'plan.json', plan('{"versioning":[{}]}', '{"versioning":[{"enabled":true}]}')), []);
    });
  });

  it('a custom finding is suppressed by a comment naming its ID, and turned off by the options', () => {
    const r = rule('cloudformation', 'AWS::S3::Bucket', '  {path: VersioningConfiguration.Status, equals: Enabled}');
    const cfn = 'Resources:\n  # cloudline-ignore ACME-001 -- archive bucket, versions kept elsewhere\n  A:\n    Type: AWS::S3::Bucket\n';
    const cat = defaultCatalogue().withRules(rulesOf(r).rules);
    const result = lintFile(parseFile('t.yaml', cfn), cat);
    assert.deepEqual(result.findings.filter((f) => f.rule.custom), []);
    assert.deepEqual(result.suppressed.map((s) => [s.finding.rule.id, s.suppression.reason]), [['ACME-001', 'archive bucket, versions kept elsewhere']]);
    const off = lintFile(parseFile('t.yaml', cfn.replace(/ {2}# .*\n/, '')), cat, { rules: { 'ACME-001': 'off' } });
    assert.deepEqual(off.findings.filter((f) => f.rule.custom), []);
  });

  it("another tool's suppression of a check the rule names in equivalents silences it (a migrated Checkov policy)", () => {
    const r = rule('terraform', 'aws_s3_bucket', '  {path: versioning.enabled, equals: true}') + 'equivalents: {checkov: [CKV2_ACME_1]}\n';
    const cat = defaultCatalogue().withRules(rulesOf(r).rules);
    const hcl = 'resource "aws_s3_bucket" "a" {\n  #checkov:skip=CKV2_ACME_1:archive bucket\n  bucket = "a"\n}\n';
    const result = lintFile(parseFile('main.tf', hcl), cat);
    assert.deepEqual(result.findings.filter((f) => f.rule.custom), []);
    assert.deepEqual(result.suppressed.filter((x) => x.finding.rule.custom).map((x) => [x.suppression.tool, x.suppression.check, x.suppression.reason]), [['checkov', 'CKV2_ACME_1', 'archive bucket']]);
  });
});
