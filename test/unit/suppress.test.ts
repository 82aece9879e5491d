// Suppressions in each format silence exactly what they name, keep the reason on record, and only there.
import { strict as assert } from 'node:assert';
import { parseDirective } from '../../server/src/engine/suppress';
import { lintText } from '../helpers';

/** The findings of the two rules these tests are about (other rules may rightly fire on the same templates). */
const ids = (r: ReturnType<typeof lintText>) => r.findings.map((f) => f.rule.id).filter((id) => id === 'CL-AWS-004' || id === 'CL-GEN-001');

describe('suppressions', () => {
  it('parses the comment directive', () => {
    assert.deepEqual(parseDirective(' cloudline-ignore CL-AWS-004, CL-AWS-005 -- a reason -- with dashes'), { rules: ['CL-AWS-004', 'CL-AWS-005'], reason: 'a reason -- with dashes' });
    assert.deepEqual(parseDirective('cloudline-ignore rds-publicly-accessible'), { rules: ['rds-publicly-accessible'], reason: '' });
    assert.equal(parseDirective('cloudline-ignored CL-AWS-004'), undefined);
    assert.equal(parseDirective('cloudline-ignore'), undefined);
  });

  const db = (props: string, extra = '') => `Resources:\n${extra}  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n${props}`;

  it('YAML comment above the flagged line, trailing it, or above the logical ID', () => {
    for (const text of [
      db('      # cloudline-ignore CL-AWS-004 -- replica behind an allow list\n      PubliclyAccessible: true\n'),
      db('      PubliclyAccessible: true  # cloudline-ignore CL-AWS-004 -- replica behind an allow list\n'),
      db('      PubliclyAccessible: true\n', '  # cloudline-ignore rds-publicly-accessible -- replica behind an allow list\n'),
    ]) {
      const r = lintText('t.yaml', text);
      assert.deepEqual(ids(r), []);
      assert.equal(r.suppressed.length, 1);
      assert.equal(r.suppressed[0].suppression.reason, 'replica behind an allow list');
    }
  });

  it('does not reach other lines, other rules, or a "#" inside a string', () => {
    const other = lintText('t.yaml', db('      # cloudline-ignore CL-AWS-004 -- reason\n      Engine: postgres\n      PubliclyAccessible: true\n'));
    assert.deepEqual(ids(other), ['CL-AWS-004']);
    const wrongRule = lintText('t.yaml', db('      PubliclyAccessible: true # cloudline-ignore CL-AWS-005 -- reason\n'));
    assert.deepEqual(ids(wrongRule), ['CL-AWS-004']);
    const inString = lintText('t.yaml', db('      Engine: "x# cloudline-ignore CL-AWS-004 -- reason"\n      PubliclyAccessible: true\n'));
    assert.deepEqual(ids(inString), ['CL-AWS-004']);
  });

  it('CloudFormation Metadata, Terraform "//" key, Kubernetes annotation', () => {
    const cfn = lintText('t.json', JSON.stringify({ Resources: { Db: { Type: 'AWS::RDS::DBInstance', Metadata: { cloudline: { ignore: [{ id: 'CL-AWS-004', reason: 'sandbox' }] } }, Properties: { PubliclyAccessible: true } } } }));
    assert.deepEqual(ids(cfn), []);
    assert.equal(cfn.suppressed[0].suppression.reason, 'sandbox');
    const tf = lintText('main.tf.json', JSON.stringify({ resource: { aws_db_instance: { db: { '//': 'cloudline-ignore CL-AWS-004 -- sandbox', publicly_accessible: true } } } }));
    assert.deepEqual(ids(tf), []);
    assert.equal(tf.suppressed.length, 1);
  });

  it('the first suppression written that applies is the one on record, whether it names the rule by ID or slug', () => {
    // Above the logical ID (by slug), then above the line (by ID), then trailing it (by ID): the first written wins.
    const text = db(
      '      # cloudline-ignore CL-AWS-004 -- second\n      PubliclyAccessible: true # cloudline-ignore CL-AWS-004 -- third\n',
      '  # cloudline-ignore rds-publicly-accessible -- first\n',
    );
    const r = lintText('t.yaml', text);
    assert.deepEqual(ids(r), []);
    assert.deepEqual(r.suppressed.map((s) => s.suppression.reason), ['first']);
    // One that names another rule, or another line, is passed over for a later one that applies.
    const later = lintText('t.yaml', db('      # cloudline-ignore CL-AWS-005, rds-publicly-accessible -- on the line\n      PubliclyAccessible: true\n', '  # cloudline-ignore CL-AWS-005 -- other rule\n'));
    assert.deepEqual(ids(later), []);
    assert.deepEqual(later.suppressed.map((s) => s.suppression.reason), ['on the line']);
    const elsewhere = lintText('t.yaml', db('      # cloudline-ignore CL-AWS-004 -- another line\n      Engine: postgres\n      PubliclyAccessible: true # cloudline-ignore rds-publicly-accessible -- this line\n'));
    assert.deepEqual(elsewhere.suppressed.map((s) => s.suppression.reason), ['this line']);
  });

  it('a suppression without a reason still suppresses, and is reported itself (CL-GEN-001)', () => {
    const r = lintText('t.yaml', db('      PubliclyAccessible: true # cloudline-ignore CL-AWS-004\n'));
    assert.deepEqual(ids(r), ['CL-GEN-001']);
    assert.equal(r.suppressed.length, 1);
    const off = lintText('t.yaml', db('      PubliclyAccessible: true # cloudline-ignore CL-AWS-004\n'), { rules: { 'CL-GEN-001': 'off' } });
    assert.deepEqual(ids(off), []);
  });
});
