// The helpers that rule families share (rules/lib/iam.ts, rules/lib/network.ts): what each row of a family reports.
import { strict as assert } from 'node:assert';
import { ADMIN_TABLE, DATABASE_TABLE, reportedPorts } from '../../rules/lib/network';
import { lintText, spanText } from '../helpers';

const ids = (text: string, prefix: string) => {
  const result = lintText('template.yaml', text);
  return result.findings.filter((f) => ['CL-AWS-003', 'CL-AWS-005', 'CL-AWS-010', 'CL-AWS-030'].includes(f.rule.id)).map((f) => `${f.rule.id} ${spanText(result, f.span)}`).filter((s) => s.startsWith(prefix));
};

describe('rule families', () => {
  it('identity policies: a statement that lists "*" twice on Resource "*" is one administrator finding, at the first', () => {
    const text = [
      'Resources:',
      '  P:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      "            Action: ['*', '*', 's3:*']",
      "            Resource: '*'",
      '',
    ].join('\n');
    assert.deepEqual(ids(text, 'CL-AWS-0'), ['CL-AWS-003 8:22-8:25', 'CL-AWS-010 8:32-8:38']);
  });

  it('port tables: every port is the admin table\'s finding (none of its ports reached or not), never the database table\'s', () => {
    const all = { kind: 'all' } as const;
    const tcpAll = { kind: 'ports', protocol: 'tcp', from: 0, to: 65535 } as const;
    const mysql = { kind: 'ports', protocol: 'tcp', from: 3306, to: 3306 } as const;
    assert.deepEqual(reportedPorts(all, ADMIN_TABLE)?.map((p) => p.port), [22, 3389]);
    assert.deepEqual(reportedPorts(tcpAll, ADMIN_TABLE)?.map((p) => p.port), [22, 3389]);
    assert.equal(reportedPorts(tcpAll, DATABASE_TABLE), undefined);
    assert.equal(reportedPorts(mysql, ADMIN_TABLE), undefined);
    assert.deepEqual(reportedPorts(mysql, DATABASE_TABLE)?.map((p) => p.name), ['MySQL/MariaDB']);
    // UDP over every port reaches RDP (3389/udp) but not SSH; still every port, so the admin table reports it.
    assert.deepEqual(reportedPorts({ kind: 'ports', protocol: 'udp', from: 1, to: 65535 }, ADMIN_TABLE)?.map((p) => p.name), ['RDP']);
  });
});
