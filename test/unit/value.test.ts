// The value model (server/src/formats/value.ts and the format resolvers): known, unknown and absent values, each with
// the place a finding points at and the conditions it holds under. Every alternative is shown as
// `state text@at [when]`, with the exact source text of the value and of the report position.
import { strict as assert } from 'node:assert';
import { resourcesOf, type Resource } from '../../server/src/formats';
import type { Val } from '../../server/src/formats/value';
import { parseFile } from '../../server/src/model/parse';

function resources(name: string, text: string): Resource[] {
  const file = parseFile(name, text);
  assert.deepEqual(file.problems, []);
  return resourcesOf(file).filter((r) => !r.template);
}

function body(name: string, text: string, index = 0): { v: Val; text: string } {
  return { v: resources(name, text)[index].body, text };
}

/** Each alternative as `state value@at [conditions]` with source text; unknowns add their reason. */
function show(v: Val, text: string): string[] {
  return v.alts.map((a) => {
    const at = text.slice(a.at.span[0], a.at.span[1]);
    const when = a.when.length ? ` [${a.when.join(' ')}]` : '';
    if (a.state === 'known') return `known ${text.slice(a.node.span[0], a.node.span[1])}@${at}${when}`;
    if (a.state === 'unknown') return `unknown@${at}${when} (${a.why})`;
    return `absent@${at}${when}`;
  });
}

const cfn = (props: string, extra = '') => `${extra}Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n${props}`;

describe('value model: CloudFormation', () => {
  it('a written value is known and reported where it is written', () => {
    const { v, text } = body('t.yaml', cfn('      PubliclyAccessible: true\n'));
    assert.deepEqual(show(v.get('PubliclyAccessible'), text), ['known true@true']);
    assert.equal(v.get('PubliclyAccessible').isTrue(), true);
    assert.equal(v.get('PubliclyAccessible').isKnown, true);
  });

  it('a missing key is absent, reported at the mapping; absent below absent stays absent', () => {
    const { v, text } = body('t.yaml', cfn('      Engine: postgres\n'));
    const missing = v.get('PubliclyAccessible');
    assert.deepEqual(show(missing, text), ['absent@Engine: postgres\n']);
    assert.equal(missing.isAbsent, true);
    assert.equal(missing.isUnknown, false);
    assert.equal(missing.isTrue(), false);
    assert.equal(missing.isFalse(), false);
    assert.deepEqual(show(v.path('A', 'B'), text), ['absent@Engine: postgres\n']);
  });

  it('a !Ref to a parameter with a default is the default, reported at the use', () => {
    const params = 'Parameters:\n  Public:\n    Type: String\n    Default: "true"\n';
    const { v, text } = body('t.yaml', cfn('      PubliclyAccessible: !Ref Public\n', params));
    assert.deepEqual(show(v.get('PubliclyAccessible'), text), ['known "true"@!Ref Public']);
    assert.equal(v.get('PubliclyAccessible').isTrue(), true);
    assert.equal(v.get('PubliclyAccessible').node?.span[0], text.indexOf('"true"'));
  });

  it('a !Ref to a parameter without a default is unknown, and so is a pseudo parameter', () => {
    const params = 'Parameters:\n  Public:\n    Type: String\n';
    const { v, text } = body('t.yaml', cfn('      PubliclyAccessible: !Ref Public\n      Region: !Ref AWS::Region\n      Other: !Ref Elsewhere\n', params));
    assert.deepEqual(show(v.get('PubliclyAccessible'), text), ['unknown@!Ref Public (parameter Public has no default)']);
    assert.deepEqual(show(v.get('Region'), text), ['unknown@!Ref AWS::Region (AWS::Region is known only at deploy time)']);
    assert.deepEqual(show(v.get('Other'), text), ['unknown@!Ref Elsewhere (Elsewhere is known only at deploy time)']);
    for (const k of ['PubliclyAccessible', 'Region', 'Other']) {
      const x = v.get(k);
      assert.equal(x.isUnknown, true);
      assert.equal(x.isAbsent, false);
      assert.equal(x.isTrue(), false);
      assert.equal(x.isFalse(), false);
      assert.equal(x.str(), undefined);
    }
  });

  it('in JSON too: a Ref to a parameter default is the default at the use, a pseudo parameter is unknown', () => {
    const { v, text } = body('t.json', JSON.stringify({ Parameters: { P: { Type: 'String', Default: 'x' } }, Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { A: { Ref: 'P' }, B: { Ref: 'AWS::AccountId' } } } } }, null, 2));
    assert.deepEqual(show(v.get('A'), text), ['known "x"@{\n          "Ref": "P"\n        }']);
    assert.deepEqual(show(v.get('B'), text), ['unknown@{\n          "Ref": "AWS::AccountId"\n        }' + ' (AWS::AccountId is known only at deploy time)']);
  });

  it('Fn::If gives both branches, each with its condition', () => {
    const { v, text } = body('t.yaml', cfn('      PubliclyAccessible: !If [IsDev, true, false]\n'));
    const x = v.get('PubliclyAccessible');
    assert.deepEqual(show(x, text), ['known true@true [IsDev]', 'known false@false [!IsDev]']);
    // Predicates answer only for one alternative; find() picks the bad branch with its condition.
    assert.equal(x.isTrue(), false);
    assert.equal(x.node, undefined);
    const bad = x.find((b) => b.isTrue());
    assert.deepEqual(bad && show(bad, text), ['known true@true [IsDev]']);
    assert.deepEqual(bad?.when, ['IsDev']);
    assert.equal(x.some((b) => b.isFalse()), true);
  });

  it('nested Fn::If: contradictory branches are dropped, repeated conditions not doubled', () => {
    const { v, text } = body('t.yaml', cfn('      A: !If [C, !If [C, one, two], !If [C, three, four]]\n      B: !If [C, !If [D, x, y], z]\n'));
    assert.deepEqual(show(v.get('A'), text), ['known one@one [C]', 'known four@four [!C]']);
    assert.deepEqual(show(v.get('B'), text), ['known x@x [C D]', 'known y@y [C !D]', 'known z@z [!C]']);
  });

  it('Fn::If with AWS::NoValue: the branch is absent under its condition', () => {
    const { v, text } = body('t.yaml', cfn('      A: !If [C, !Ref AWS::NoValue, "5"]\n      B: !Ref AWS::NoValue\n'));
    assert.deepEqual(show(v.get('A'), text), ['absent@!Ref AWS::NoValue [C]', 'known "5"@"5" [!C]']);
    assert.equal(v.get('A').isAbsent, false);
    assert.deepEqual(show(v.get('B'), text), ['absent@!Ref AWS::NoValue']);
    assert.equal(v.get('B').isAbsent, true);
  });

  it('AWS::NoValue items of a list are left out; unknown items stay', () => {
    const { v, text } = body('t.yaml', cfn('      L:\n        - a\n        - !Ref AWS::NoValue\n        - !GetAtt X.Arn\n'));
    assert.deepEqual(v.get('L').items().map((i) => show(i, text)), [['known a@a'], ['unknown@!GetAtt X.Arn (Fn::GetAtt is evaluated at deploy time)']]);
    assert.deepEqual(v.get('L').strings(), ['a']);
  });

  it('Fn::Sub without substitutions is its string; with substitutions it is unknown; ${!Literal} is a literal', () => {
    const { v, text } = body('t.yaml', cfn('      A: !Sub plain-name\n      B: !Sub "${AWS::StackName}-logs"\n      C: !Sub "cost-${!Tag}"\n      D: !Sub ["x-${Y}", {Y: 1}]\n'));
    assert.deepEqual(show(v.get('A'), text), ['known plain-name@!Sub plain-name']);
    assert.equal(v.get('A').str(), 'plain-name');
    assert.deepEqual(show(v.get('B'), text), ['unknown@!Sub "${AWS::StackName}-logs" (Fn::Sub substitutes values at deploy time)']);
    assert.deepEqual(show(v.get('C'), text), ['known "cost-${!Tag}"@!Sub "cost-${!Tag}"']);
    assert.deepEqual(show(v.get('D'), text), ['unknown@!Sub ["x-${Y}", {Y: 1}] (Fn::Sub substitutes values at deploy time)']);
  });

  it('other intrinsics are unknown, and so is everything under them', () => {
    const { v, text } = body('t.yaml', cfn('      A: !ImportValue Shared\n      B: !Join ["", [a, b]]\n'));
    assert.deepEqual(show(v.get('A'), text), ['unknown@!ImportValue Shared (Fn::ImportValue is evaluated at deploy time)']);
    assert.deepEqual(show(v.path('B', 'Inner'), text), ['unknown@!Join ["", [a, b]] (Fn::Join is evaluated at deploy time)']);
    assert.equal(v.path('B', 'Inner').isAbsent, false);
  });

  it('null is absent; scalars convert: numeric strings, boolean strings, numbers as written', () => {
    const { v, text } = body('t.yaml', cfn('      N:\n      S: "7"\n      T: "True"\n      F: "false"\n      X: 1.50\n      Y: "yes"\n'));
    assert.deepEqual(show(v.get('N'), text), ['absent@']);
    assert.equal(v.get('S').num(), 7);
    assert.equal(v.get('T').bool(), true);
    assert.equal(v.get('F').isFalse(), true);
    assert.equal(v.get('X').num(), 1.5);
    assert.equal(v.get('Y').bool(), undefined);
    assert.deepEqual(v.entries().map(([k]) => k.value), ['N', 'S', 'T', 'F', 'X', 'Y']);
  });

  it('a duplicated key: the last one counts (as CloudFormation reads it)', () => {
    const text = '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"A": true, "A": false}}}}';
    const file = parseFile('t.json', text);
    assert.deepEqual(file.problems.map((p) => p.severity), ['warning']);
    assert.deepEqual(show(resourcesOf(file).filter((r) => !r.template)[0].body.get('A'), text), ['known false@false']);
  });
});

describe('value model: Terraform JSON and plans', () => {
  it('${…} interpolations are unknown; $${ escapes are literal; null is absent', () => {
    const text = JSON.stringify({ resource: { aws_db_instance: { db: { publicly_accessible: '${var.public}', name: 'a-$${literal}', engine: null, port: 5432 } } } }, null, 2);
    const { v } = body('main.tf.json', text);
    assert.deepEqual(show(v.get('publicly_accessible'), text), ['unknown@"${var.public}" (${var.public} is known only at plan or apply time)']);
    assert.deepEqual(show(v.get('name'), text), ['known "a-$${literal}"@"a-$${literal}"']);
    assert.deepEqual(show(v.get('engine'), text), ['absent@null']);
    assert.equal(v.get('port').num(), 5432);
    const directive = body('main.tf.json', JSON.stringify({ resource: { aws_s3_bucket: { b: { bucket: '%{if true}x%{endif}' } } } }));
    assert.equal(directive.v.get('bucket').isUnknown, true);
  });

  it('a nested block as an object or a list of objects: list() gives the blocks either way', () => {
    const text = JSON.stringify({ resource: { aws_security_group: { a: { ingress: { from_port: 22 } }, b: { ingress: [{ from_port: 22 }, { from_port: 80 }] } } } });
    const [a, b] = resources('main.tf.json', text);
    assert.deepEqual(a.body.get('ingress').list().map((x) => x.get('from_port').num()), [22]);
    assert.deepEqual(b.body.get('ingress').list().map((x) => x.get('from_port').num()), [22, 80]);
  });

  it('plan values in after_unknown are unknown, at the planned value when there is one; the rest is known', () => {
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.0',
      planned_values: { root_module: { resources: [{ address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', values: { publicly_accessible: false, kms_key_id: null, tags: { a: 'x' }, sgs: ['sg-1', null] } }] } },
      resource_changes: [{ address: 'aws_db_instance.db', type: 'aws_db_instance', change: { actions: ['create'], after_unknown: { kms_key_id: true, tags: { a: false, b: true }, sgs: [false, true] } } }],
    };
    const text = JSON.stringify(plan);
    const { v } = body('plan.json', text);
    assert.deepEqual(show(v.get('publicly_accessible'), text), ['known false@false']);
    assert.deepEqual(show(v.get('kms_key_id'), text), ['unknown@null (known only after apply)']);
    assert.deepEqual(show(v.path('tags', 'a'), text), ['known "x"@"x"']);
    // A key only in after_unknown: unknown, reported at its parent mapping.
    assert.deepEqual(show(v.path('tags', 'b'), text), ['unknown@{"a":"x"} (known only after apply)']);
    assert.deepEqual(v.get('sgs').items().map((i) => show(i, text)), [['known "sg-1"@"sg-1"'], ['unknown@null (known only after apply)']]);
    assert.deepEqual(v.entries().filter(([, x]) => x.isUnknown).map(([k]) => k.value), ['kms_key_id']);
  });
});

describe('value model: Kubernetes', () => {
  it('Helm {{ }} expressions in strings are unknown; other values are literal', () => {
    // An unquoted `{{ … }}` is a YAML flow mapping, not a string: files with Go template actions are not linted
    // at all (see templates.test.ts), so only the quoted form reaches the value model.
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: "{{ .Values.pid }}"\n  hostIPC: true\n  dnsPolicy: a{{ .Values.x }}\n';
    const [pod] = resources('pod.yaml', text);
    assert.deepEqual(show(pod.body.path('spec', 'hostPID'), text), ['unknown@"{{ .Values.pid }}" (a template expression is known only after rendering)']);
    assert.equal(pod.body.path('spec', 'hostPID').isTrue(), false);
    assert.equal(pod.body.path('spec', 'dnsPolicy').isUnknown, true);
    assert.deepEqual(show(pod.body.path('spec', 'hostIPC'), text), ['known true@true']);
    assert.deepEqual(show(pod.body.path('spec', 'hostUsers'), text), [`absent@${text.slice(text.indexOf('hostPID'))}`]);
  });
});
