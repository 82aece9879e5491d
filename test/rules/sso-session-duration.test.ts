// CL-AWS-276 reads SessionDuration as the ISO 8601 durations IAM Identity Center accepts: longer than one hour is
// reported, one hour or less is not, and text that is no such duration is left unjudged.
import { strict as assert } from 'node:assert';
import { durationSeconds } from '../../rules/aws/sso-permission-set-long-session/rule';
import { lintText } from '../helpers';

function findings(duration: string): string[] {
  const text = `Resources:\n  Ps:\n    Type: AWS::SSO::PermissionSet\n    Properties:\n      InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111\n      Name: Ps\n      SessionDuration: "${duration}"\n`;
  return lintText('t.yaml', text).findings.filter((f) => f.rule.id === 'CL-AWS-276').map((f) => f.message);
}

describe('CL-AWS-276 session durations', () => {
  it('parses the forms the service accepts', () => {
    assert.equal(durationSeconds('PT1H'), 3600);
    assert.equal(durationSeconds('PT90M'), 5400);
    assert.equal(durationSeconds('PT1H30M'), 5400);
    assert.equal(durationSeconds('PT3600S'), 3600);
    assert.equal(durationSeconds('PT3600.5S'), 3600.5);
    assert.equal(durationSeconds('P0DT12H'), 43200);
    assert.equal(durationSeconds('P0Y0M0DT1H'), 3600);
    assert.equal(durationSeconds('P1D'), Number.POSITIVE_INFINITY);
    assert.equal(durationSeconds('P1W'), Number.POSITIVE_INFINITY);
  });

  it('gives undefined for text that is not such a duration', () => {
    for (const bad of ['', 'P', 'PT', 'P1DT', '2h', 'pt2h', 'PT1.5H', '-PT2H', 'PT2H ', '1H', 'PTH', 'P1H', 'PT2H30']) {
      assert.equal(durationSeconds(bad), undefined, bad);
    }
  });

  it('reports only known durations longer than one hour', () => {
    for (const long of ['PT2H', 'PT61M', 'PT1H1M', 'PT3601S', 'P0DT12H', 'P1D']) assert.equal(findings(long).length, 1, long);
    for (const ok of ['PT1H', 'PT60M', 'PT3600S', 'P0DT1H', 'PT30M', '2h', 'PT1.5H', '-PT2H']) assert.deepEqual(findings(ok), [], ok);
  });
});
