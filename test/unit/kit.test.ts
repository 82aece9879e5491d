// The rule-authoring kit: addPath in every format's style, settingChecks on known, unknown, absent and Fn::If values,
// the one wildcard matcher.
import { strict as assert } from 'node:assert';
import { addPath } from '../../server/src/engine/add-path';
import { Catalogue } from '../../server/src/engine/catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { applyEdits, Edits } from '../../server/src/engine/edits';
import { defineRule, type CheckContext, type ReportOptions } from '../../server/src/engine/rule';
import { resourcesOf } from '../../server/src/formats';
import type { Resource } from '../../server/src/formats/resource';
import { Val } from '../../server/src/formats/value';
import { parseFile } from '../../server/src/model/parse';
import type { Node, Plain } from '../../rules/kit';
import { settingChecks, wildcardMatch } from '../../rules/kit';

function resourceOf(name: string, text: string): { r: Resource; edits: Edits; text: string } {
  const f = parseFile(name, text);
  assert.deepEqual(f.problems, []);
  const r = resourcesOf(f).find((x) => !x.template);
  assert.ok(r, 'a resource');
  return { r, edits: new Edits(f.lines), text };
}

/** The text after `addPath`, or undefined when no edit is offered. */
function added(name: string, text: string, path: string[], value: Plain): string | undefined {
  const { r, edits } = resourceOf(name, text);
  const e = addPath(edits, r, path, value);
  return e && applyEdits(text, e);
}

describe('kit: addPath', () => {
  it('CloudFormation YAML: adds a property at the end of block Properties, keeping comments and indentation', () => {
    const text = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: data key # the key\n# trailing comment\n';
    assert.equal(
      added('t.yaml', text, ['EnableKeyRotation'], true),
      'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: data key # the key\n      EnableKeyRotation: true\n# trailing comment\n',
    );
  });

  it('CloudFormation YAML: creates a missing nested block in block style', () => {
    const text = 'Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: t\n';
    assert.equal(
      added('t.yaml', text, ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'], true),
      'Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: t\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n',
    );
  });

  it('CloudFormation YAML: adds into an existing nested block, and replaces a value that is there', () => {
    const text = 'Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      PointInTimeRecoverySpecification:\n        Other: 1\n';
    assert.equal(
      added('t.yaml', text, ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'], true),
      'Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      PointInTimeRecoverySpecification:\n        Other: 1\n        PointInTimeRecoveryEnabled: true\n',
    );
    const off = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: false\n';
    assert.equal(added('t.yaml', off, ['EnableKeyRotation'], true), off.replace('false', 'true'));
  });

  it('CloudFormation YAML: adds Properties to a resource without them', () => {
    const text = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n';
    assert.equal(added('t.yaml', text, ['EnableKeyRotation'], true), 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n');
  });

  it('CloudFormation YAML flow mappings stay flow', () => {
    const text = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: {Description: k}\n';
    assert.equal(added('t.yaml', text, ['EnableKeyRotation'], true), 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: {Description: k, EnableKeyRotation: true}\n');
    const nested = 'Resources:\n  D:\n    Type: AWS::OpenSearchService::Domain\n    Properties: {DomainName: d}\n';
    assert.equal(
      added('t.yaml', nested, ['EncryptionAtRestOptions', 'Enabled'], true),
      'Resources:\n  D:\n    Type: AWS::OpenSearchService::Domain\n    Properties: {DomainName: d, EncryptionAtRestOptions: {Enabled: true}}\n',
    );
  });

  it('CloudFormation JSON: indented and one-line objects keep their style', () => {
    const text = '{\n  "Resources": {\n    "Key": {\n      "Type": "AWS::KMS::Key",\n      "Properties": {\n        "Description": "k"\n      }\n    }\n  }\n}\n';
    assert.equal(
      added('t.json', text, ['EnableKeyRotation'], true),
      '{\n  "Resources": {\n    "Key": {\n      "Type": "AWS::KMS::Key",\n      "Properties": {\n        "Description": "k",\n        "EnableKeyRotation": true\n      }\n    }\n  }\n}\n',
    );
    const one = '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"Description": "k"}}}}\n';
    assert.equal(added('t.json', one, ['EnableKeyRotation'], true), '{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"Description": "k", "EnableKeyRotation": true}}}}\n');
  });

  it('Terraform JSON: a missing nested block is created in object form', () => {
    const text = '{"resource": {"aws_dynamodb_table": {"t": {"name": "t"}}}}\n';
    assert.equal(
      added('main.tf.json', text, ['point_in_time_recovery', 'enabled'], true),
      '{"resource": {"aws_dynamodb_table": {"t": {"name": "t", "point_in_time_recovery": {"enabled": true}}}}}\n',
    );
  });

  it('Terraform JSON: an object block and an array block of one object are both entered', () => {
    const obj = '{"resource": {"aws_dynamodb_table": {"t": {"point_in_time_recovery": {"x": 1}}}}}\n';
    assert.equal(added('main.tf.json', obj, ['point_in_time_recovery', 'enabled'], true), '{"resource": {"aws_dynamodb_table": {"t": {"point_in_time_recovery": {"x": 1, "enabled": true}}}}}\n');
    const arr = '{\n  "resource": {\n    "aws_dynamodb_table": {\n      "t": {\n        "point_in_time_recovery": [\n          {\n            "x": 1\n          }\n        ]\n      }\n    }\n  }\n}\n';
    assert.equal(
      added('main.tf.json', arr, ['point_in_time_recovery', 'enabled'], true),
      '{\n  "resource": {\n    "aws_dynamodb_table": {\n      "t": {\n        "point_in_time_recovery": [\n          {\n            "x": 1,\n            "enabled": true\n          }\n        ]\n      }\n    }\n  }\n}\n',
    );
    const empty = '{"resource": {"aws_dynamodb_table": {"t": {"point_in_time_recovery": {}}}}}\n';
    assert.equal(added('main.tf.json', empty, ['point_in_time_recovery', 'enabled'], true), '{"resource": {"aws_dynamodb_table": {"t": {"point_in_time_recovery": {"enabled": true}}}}}\n');
    // Two blocks: which one is meant is the author's decision.
    const two = '{"resource": {"aws_dynamodb_table": {"t": {"point_in_time_recovery": [{"x": 1}, {"x": 2}]}}}}\n';
    assert.equal(added('main.tf.json', two, ['point_in_time_recovery', 'enabled'], true), undefined);
  });

  it('Terraform JSON: no edit through a dynamic block, an interpolation, or in a plan', () => {
    const dyn = '{"resource": {"aws_dynamodb_table": {"t": {"dynamic": {"point_in_time_recovery": {"for_each": "${var.x}"}}}}}}\n';
    assert.equal(added('main.tf.json', dyn, ['point_in_time_recovery', 'enabled'], true), undefined);
    const interp = '{"resource": {"aws_dynamodb_table": {"t": {"point_in_time_recovery": "${var.pitr}"}}}}\n';
    assert.equal(added('main.tf.json', interp, ['point_in_time_recovery', 'enabled'], true), undefined);
    const plan =
      '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_kms_key.k","mode":"managed","type":"aws_kms_key","name":"k","values":{}}]}}}\n';
    assert.equal(added('plan.json', plan, ['enable_key_rotation'], true), undefined);
  });

  it('Kubernetes: creates a securityContext in the pod spec', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n';
    assert.equal(
      added('pod.yaml', text, ['spec', 'securityContext', 'runAsNonRoot'], true),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n  securityContext:\n    runAsNonRoot: true\n',
    );
  });

  it('CRLF files keep CRLF', () => {
    const text = 'Resources:\r\n  Table:\r\n    Type: AWS::DynamoDB::Table\r\n    Properties:\r\n      TableName: t\r\n';
    const out = added('t.yaml', text, ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'], true)!;
    assert.equal(out, 'Resources:\r\n  Table:\r\n    Type: AWS::DynamoDB::Table\r\n    Properties:\r\n      TableName: t\r\n      PointInTimeRecoverySpecification:\r\n        PointInTimeRecoveryEnabled: true\r\n');
    assert.equal(out.replace(/\r\n/g, '').includes('\n'), false);
  });

  it('refuses values that came from elsewhere: a parameter default, an Fn::If branch', () => {
    const param = 'Parameters:\n  R:\n    Type: String\n    Default: "false"\nResources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: !Ref R\n';
    assert.equal(added('t.yaml', param, ['EnableKeyRotation'], true), undefined);
    const branch =
      'Conditions:\n  P: !Equals [!Ref AWS::StackName, p]\nResources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      PointInTimeRecoverySpecification: !If [P, {PointInTimeRecoveryEnabled: true}, {}]\n';
    assert.equal(added('t.yaml', branch, ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'], true), undefined);
  });
});

interface Reported {
  at: string;
  message: string;
  when: readonly string[];
  fixed?: string;
  title?: string;
}

const PITR = settingChecks({
  subject: 'DynamoDB table',
  consequence: 'so point-in-time recovery is off',
  want: true,
  absentMeans: false,
  formats: {
    cloudformation: { types: ['AWS::DynamoDB::Table'], path: ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'] },
    terraform: { types: ['aws_dynamodb_table'], path: ['point_in_time_recovery', 'enabled'] },
  },
});

/** Runs the PITR setting check on the first resource of `text`; reports with the text they point at and the fixed text. */
function check(name: string, text: string, checks = PITR): Reported[] {
  const { r, edits } = resourceOf(name, text);
  const out: Reported[] = [];
  const ctx: CheckContext = {
    report(at: Val | Node, message: string, options?: ReportOptions) {
      const node = at instanceof Val ? at.at : at;
      const e = options?.fix?.edits;
      out.push({
        at: text.slice(node.span[0], node.span[1]),
        message,
        when: at instanceof Val ? at.when : [],
        fixed: e && e.length > 0 ? applyEdits(text, e) : undefined,
        title: e && e.length > 0 ? options?.fix?.title : undefined,
      });
    },
    resources: [r],
    shared: (_key, build) => build([r]),
    referrers: () => [],
    edits,
  };
  const c = r.format === 'cloudformation' ? checks.cloudformation! : checks.terraform!;
  c.run(r, ctx);
  return out;
}

describe('kit: settingChecks', () => {
  const table = (props: string) => `Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n${props}`;

  it('a known bad value: reported at the value, fixed in place', () => {
    const text = table('    Properties:\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: false\n');
    const [f, ...rest] = check('t.yaml', text);
    assert.equal(rest.length, 0);
    assert.equal(f.at, 'false');
    assert.equal(f.message, 'DynamoDB table Table sets PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled to false, so point-in-time recovery is off.');
    assert.equal(f.title, 'Set PointInTimeRecoveryEnabled to true');
    assert.equal(f.fixed, text.replace('false', 'true'));
  });

  it('a good value and unknown values are not reported', () => {
    assert.deepEqual(check('t.yaml', table('    Properties:\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n')), []);
    const param = 'Parameters:\n  On:\n    Type: String\n' + table('    Properties:\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: !Ref On\n');
    assert.deepEqual(check('t.yaml', param), []);
    assert.deepEqual(check('t.yaml', table('    Properties:\n      PointInTimeRecoverySpecification: !ImportValue Spec\n')), []);
    assert.deepEqual(check('main.tf.json', '{"resource": {"aws_dynamodb_table": {"t": {"point_in_time_recovery": {"enabled": "${var.pitr}"}}}}}'), []);
    assert.deepEqual(check('main.tf.json', '{"resource": {"aws_dynamodb_table": {"t": {"dynamic": {"point_in_time_recovery": {}}}}}}'), []);
  });

  it('nothing on the path written: reported at the resource anchor, fixed by adding the path', () => {
    const text = table('    Properties:\n      TableName: t\n');
    const [f] = check('t.yaml', text);
    assert.equal(f.at, 'Table');
    assert.equal(f.message, 'DynamoDB table Table does not set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled, which defaults to false, so point-in-time recovery is off.');
    assert.equal(f.title, 'Add PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true');
    assert.equal(f.fixed, table('    Properties:\n      TableName: t\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n'));
  });

  it('a written block without the setting: reported at the block key, fixed inside the block (Terraform array form too)', () => {
    const text = table('    Properties:\n      PointInTimeRecoverySpecification:\n        Other: 1\n');
    const [f] = check('t.yaml', text);
    assert.equal(f.at, 'PointInTimeRecoverySpecification');
    assert.equal(f.fixed, table('    Properties:\n      PointInTimeRecoverySpecification:\n        Other: 1\n        PointInTimeRecoveryEnabled: true\n'));
    const tf = '{"resource": {"aws_dynamodb_table": {"t": {"point_in_time_recovery": [{"x": 1}]}}}}';
    const [g] = check('main.tf.json', tf);
    assert.equal(g.at, '"point_in_time_recovery"');
    assert.equal(g.fixed, '{"resource": {"aws_dynamodb_table": {"t": {"point_in_time_recovery": [{"x": 1, "enabled": true}]}}}}');
  });

  it('Fn::If: the first bad branch is reported with its condition; no fix for a branch', () => {
    const text =
      'Conditions:\n  P: !Equals [!Ref AWS::StackName, p]\n' +
      table('    Properties:\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: !If [P, true, false]\n');
    const found = check('t.yaml', text);
    assert.equal(found.length, 1);
    assert.equal(found[0].at, 'false');
    assert.deepEqual(found[0].when, ['!P']);
    assert.equal(found[0].fixed, undefined);
    const noValue =
      'Conditions:\n  P: !Equals [!Ref AWS::StackName, p]\n' +
      table('    Properties:\n      PointInTimeRecoverySpecification: !If [P, {PointInTimeRecoveryEnabled: true}, !Ref AWS::NoValue]\n');
    const [n] = check('t.yaml', noValue);
    assert.equal(n.at, '!Ref AWS::NoValue');
    assert.deepEqual(n.when, ['!P']);
    assert.equal(n.fixed, undefined);
  });

  it('a parameter default that is bad: reported at the use, no fix', () => {
    const text = 'Parameters:\n  On:\n    Type: String\n    Default: "false"\n' + table('    Properties:\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: !Ref On\n');
    const [f] = check('t.yaml', text);
    assert.equal(f.at, '!Ref On');
    assert.equal(f.fixed, undefined);
  });
});

/** A made-up setting per item, inherited from `Defaults` of the same resource when an item does not write it. */
const ITEMS = settingChecks({
  subject: 'Thing',
  consequence: 'so it is off',
  want: true,
  absentMeans: false,
  formats: {
    cloudformation: {
      types: ['Custom::Thing'],
      path: ['Flag'],
      each: (r) =>
        r.body.get('Items').items().map((item, i) => ({
          val: item,
          named: `Item ${item.get('Name').str()} of ${r.id}`,
          prefix: `Items[${i}].`,
          anchor: item.get('Name'),
          ...(r.body.get('Defaults').isAbsent ? {} : { inherit: { val: r.body, path: ['Defaults', 'Flag'], named: r.id, shown: 'Flag in its Defaults', consequence: 'so its items are off', nor: 'its Defaults' } }),
        })),
    },
  },
});

describe('kit: settingChecks on several items (each, inherit)', () => {
  const thing = (props: string) => `Parameters:\n  P:\n    Type: String\nResources:\n  Thing:\n    Type: Custom::Thing\n    Properties:\n${props}`;
  const items = '      Items:\n        - Name: a\n        - Name: b\n        - Name: c\n          Flag: true\n        - Name: d\n          Flag: !Ref P\n        - Name: e\n          Flag: false\n';

  it('each item is reported on its own: a bad value at the value, a missing one at the item anchor, fixed in the item', () => {
    const text = thing(items);
    const found = check('t.yaml', text, ITEMS);
    assert.deepEqual(found.map((f) => [f.at, f.message]), [
      ['a', 'Item a of Thing does not set Items[0].Flag, which defaults to false, so it is off.'],
      ['b', 'Item b of Thing does not set Items[1].Flag, which defaults to false, so it is off.'],
      ['false', 'Item e of Thing sets Items[4].Flag to false, so it is off.'],
    ]);
    assert.equal(found[0].fixed, text.replace('- Name: a\n', '- Name: a\n          Flag: true\n'));
    assert.equal(found[2].fixed, text.replace('Flag: false', 'Flag: true'));
  });

  it('an inherited bad value is reported once at the value; items that write the setting decide for themselves', () => {
    const text = thing('      Defaults:\n        Flag: false\n' + items);
    const found = check('t.yaml', text, ITEMS);
    assert.deepEqual(found.map((f) => [f.at, f.message]), [
      ['false', 'Thing sets Flag in its Defaults to false, so its items are off.'],
      ['false', 'Item e of Thing sets Items[4].Flag to false, so it is off.'],
    ]);
    assert.equal(found[0].fixed, text.replace('Defaults:\n        Flag: false', 'Defaults:\n        Flag: true'));
  });

  it('a good or unknown inherited value decides for the items that do not write it; absent in both is the default', () => {
    assert.deepEqual(check('t.yaml', thing('      Defaults:\n        Flag: true\n' + items), ITEMS).map((f) => f.at), ['false']);
    assert.deepEqual(check('t.yaml', thing('      Defaults:\n        Flag: !Ref P\n' + items), ITEMS).map((f) => f.at), ['false']);
    const both = check('t.yaml', thing('      Defaults: {}\n' + items), ITEMS);
    assert.deepEqual(both.map((f) => f.at), ['a', 'b', 'false']);
    assert.equal(both[0].message, 'Item a of Thing does not set Items[0].Flag (nor does its Defaults), which defaults to false, so it is off.');
  });
});

describe('kit: wildcardMatch', () => {
  it('matches stars (and question marks when asked), with or without case', () => {
    assert.equal(wildcardMatch('prod-*', 'prod-api'), true);
    assert.equal(wildcardMatch('prod-?pi', 'prod-api'), false);
    assert.equal(wildcardMatch('prod-?pi', 'prod-?pi'), true);
    assert.equal(wildcardMatch('iam:Pass?ole', 'iam:passrole', { ignoreCase: true, questionMark: true }), true);
    assert.equal(wildcardMatch('IAM:*', 'iam:PassRole'), false);
    assert.equal(wildcardMatch('IAM:*', 'iam:PassRole', { ignoreCase: true }), true);
    assert.equal(wildcardMatch('', ''), true);
    assert.equal(wildcardMatch('', 'a'), false);
  });
});

describe('kit: fix offers', () => {
  it('the engine drops a fix whose edits are undefined or empty, and keeps one with edits', () => {
    const rule = defineRule({
      id: 'CL-TEST-001',
      slug: 'test-fix-offers',
      title: 'test',
      severity: 'low',
      fixable: true,
      description: 'test',
      remediation: 'test',
      responsibility: { owner: 'customer', model: 'PaaS', layer: 'data-protection', provider: 'p', customer: 'c' },
      frameworks: [],
      equivalents: {},
      docs: [],
      checks: {
        cloudformation: {
          types: ['AWS::KMS::Key'],
          reads: 'resource',
          run(r, ctx) {
            ctx.report(r.anchor, 'undefined edits.', { fix: { title: 'none', edits: undefined } });
            ctx.report(r.anchor, 'empty edits.', { fix: { title: 'empty', edits: [] } });
            ctx.report(r.anchor, 'real edits.', { fix: { title: 'real', edits: addPath(ctx.edits, r, ['EnableKeyRotation'], true) } });
          },
        },
      },
    });
    const text = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: k\n';
    const result = lintFile(parseFile('t.yaml', text), new Catalogue([rule], []));
    assert.deepEqual(
      result.findings.map((f) => f.fixes.map((x) => x.title)),
      [[], [], ['real']],
    );
  });
});
