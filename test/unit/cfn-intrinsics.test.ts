// CloudFormation intrinsics resolved before deploy: Fn::FindInMap with known keys, Fn::If branches that contradict
// an enclosing condition or the resource's Condition dropped, and findings that name where a value comes from
// (a parameter's default, a mapping).
import { strict as assert } from 'node:assert';
import { lintText, spanText } from '../helpers';

const RDS = 'CL-AWS-004';
const found = (text: string, rule = RDS, name = 't.yaml') => {
  const r = lintText(name, text);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.errors, []);
  return r.findings.filter((f) => f.rule.id === rule).map((f) => ({ at: spanText(r, f.span), message: f.message.split('. ')[0] }));
};

const db = (publicly: string, extra = '') => `${extra}Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      PubliclyAccessible: ${publicly}
`;

const MAPPINGS = `Mappings:
  Stages:
    prod:
      Public: false
    dev:
      Public: true
`;

describe('CloudFormation: Fn::FindInMap', () => {
  it('literal keys: the mapped value, reported at the use and naming the mapping', () => {
    const f = found(db('!FindInMap [Stages, dev, Public]', MAPPINGS));
    assert.deepEqual(f.map((x) => x.at), ['12:27-12:59']);
    assert.match(f[0].message, /\(from mapping Stages, entry dev\/Public\)/);
    assert.deepEqual(found(db('!FindInMap [Stages, prod, Public]', MAPPINGS)), []);
  });

  it('a key from a parameter with a default: the mapped value, naming the mapping and the parameter', () => {
    const params = `Parameters:\n  Stage:\n    Type: String\n    Default: dev\n${MAPPINGS}`;
    const f = found(db('!FindInMap [Stages, !Ref Stage, Public]', params));
    assert.equal(f.length, 1);
    assert.match(f[0].message, /\(from mapping Stages, entry dev\/Public, where dev is the default of parameter Stage\)/);
  });

  it('a key known only at deploy time (AWS::Region, a parameter without default), a missing entry: unknown, not reported', () => {
    const regions = `Mappings:\n  Stages:\n    us-east-1:\n      Public: true\n`;
    assert.deepEqual(found(db('!FindInMap [Stages, !Ref AWS::Region, Public]', regions)), []);
    assert.deepEqual(found(db('!FindInMap [Stages, !Ref Stage, Public]', `Parameters:\n  Stage:\n    Type: String\n${MAPPINGS}`)), []);
    assert.deepEqual(found(db('!FindInMap [Stages, test, Public]', MAPPINGS)), []);
    assert.deepEqual(found(db('!FindInMap [Nowhere, dev, Public]', MAPPINGS)), []);
  });

  it('a missing entry with a DefaultValue (AWS::LanguageExtensions): the default value', () => {
    const f = found(db('!FindInMap [Stages, test, Public, {DefaultValue: true}]', MAPPINGS));
    assert.equal(f.length, 1);
    assert.match(f[0].message, /DefaultValue of an Fn::FindInMap in mapping Stages/);
  });

  it('JSON templates too', () => {
    const json = JSON.stringify({
      Mappings: { Stages: { dev: { Public: 'true' } } },
      Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', PubliclyAccessible: { 'Fn::FindInMap': ['Stages', 'dev', 'Public'] } } } },
    });
    assert.equal(found(json, RDS, 't.json').length, 1);
  });
});

describe('CloudFormation: Fn::If branches that cannot be taken', () => {
  const CONDITIONS = `Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsDev: !Not [!Condition IsProd]\n`;

  it('a branch that contradicts the resource\'s Condition is dropped; the one it implies carries no condition of its own', () => {
    const text = `${CONDITIONS}Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Condition: IsProd
    Properties:
      Engine: postgres
      PubliclyAccessible: !If [IsProd, false, true]
`;
    assert.deepEqual(found(text), []);
    const open = text.replace('[IsProd, false, true]', '[IsProd, true, false]');
    assert.deepEqual(found(open).map((x) => x.message.replace(/^.*?\(/, '(')), ["(when the resource's condition IsProd is true)"]);
  });

  it('a condition defined as Fn::Not of another is its negation: contradicting branches of nested Ifs are dropped', () => {
    const text = `${CONDITIONS}Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      PubliclyAccessible: !If [IsProd, !If [IsDev, true, false], false]
`;
    assert.deepEqual(found(text), []);
    const dev = `${CONDITIONS}Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Condition: IsDev
    Properties:
      Engine: postgres
      PubliclyAccessible: !If [IsProd, true, false]
`;
    assert.deepEqual(found(dev), []);
  });

  it('independent conditions keep both branches', () => {
    const text = `${CONDITIONS}  Other: !Equals [!Ref Env, x]\nResources:
  Db:
    Type: AWS::RDS::DBInstance
    Condition: Other
    Properties:
      Engine: postgres
      PubliclyAccessible: !If [IsProd, true, false]
`;
    assert.deepEqual(found(text).map((x) => x.message.replace(/^.*?\(/, '(')), ["(when the resource's condition Other is true and IsProd is true)"]);
  });
});

describe('CloudFormation: an Fn::If whose condition is not a condition name', () => {
  it('CloudFormation rejects it: its value is unknown, never reported, and no message shows a "?" condition', () => {
    const inline = `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      PubliclyAccessible: !If [!Equals [!Ref AWS::Region, us-east-1], true, false]
`;
    assert.deepEqual(found(inline), []);
    const named = `Parameters:\n  Env:\n    Type: String\nConditions:\n  East: !Equals [!Ref Env, x]\n${inline.replace('!Equals [!Ref AWS::Region, us-east-1]', 'East')}`;
    assert.deepEqual(found(named).map((x) => x.message.replace(/^.*?\(/, '(')), ['(when East is true)']);
  });
});

describe('CloudFormation: where a reported value comes from', () => {
  it('a parameter\'s default is named in the message', () => {
    const f = found(db('!Ref Public', 'Parameters:\n  Public:\n    Type: String\n    Default: "true"\n'));
    assert.deepEqual(f.map((x) => x.at), ['10:27-10:38']);
    assert.match(f[0].message, /\(from the default of parameter Public\)$/);
  });
});
