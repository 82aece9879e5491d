// A check may lower the severity of one finding (ReportOptions.severity), never raise it: the effective severity of
// the rule (its own or the user's override) is the ceiling, and the minimum severity drops a lowered finding.
import { strict as assert } from 'node:assert';
import { Catalogue } from '../../server/src/engine/catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { defineRule, type Severity } from '../../server/src/engine/rule';
import { parseFile } from '../../server/src/model/parse';

const rule = defineRule({
  id: 'CL-TEST-001',
  slug: 'test-lowered',
  title: 'test',
  severity: 'high',
  fixable: false,
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
        ctx.report(r.anchor, 'as the rule.');
        ctx.report(r.anchor, 'lowered.', { severity: 'low' });
        ctx.report(r.anchor, 'raised.', { severity: 'critical' });
      },
    },
  },
});

const text = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: k\n';
function severities(config = {}): [string, Severity][] {
  return lintFile(parseFile('t.yaml', text), new Catalogue([rule], []), config).findings.map((f) => [f.message.split('.')[0], f.severity]);
}

describe('per-finding severity', () => {
  it('lowers one finding; a higher one than the rule\'s is ignored', () => {
    assert.deepEqual(severities(), [['as the rule', 'high'], ['lowered', 'low'], ['raised', 'high']]);
  });

  it('the user\'s severity for the rule is the ceiling', () => {
    assert.deepEqual(severities({ rules: { 'CL-TEST-001': 'medium' } }), [['as the rule', 'medium'], ['lowered', 'low'], ['raised', 'medium']]);
    assert.deepEqual(severities({ rules: { 'CL-TEST-001': 'info' } }), [['as the rule', 'info'], ['lowered', 'info'], ['raised', 'info']]);
  });

  it('a finding lowered below the minimum severity is dropped', () => {
    assert.deepEqual(severities({ minimumSeverity: 'medium' }), [['as the rule', 'high'], ['raised', 'high']]);
  });
});
