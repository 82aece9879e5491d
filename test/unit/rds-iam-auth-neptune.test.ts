// CL-AWS-180 on Neptune: turning IAM authentication on makes Neptune refuse unsigned requests (RDS keeps accepting
// passwords), so the Neptune quick-fix carries a caution and is left out of unattended fixing; the RDS one is not.
import { strict as assert } from 'node:assert';
import { lintText } from '../helpers';

const fixOf = (file: string, text: string) => {
  const f = lintText(file, text).findings.find((x) => x.rule.id === 'CL-AWS-180');
  assert.ok(f, 'reported');
  return f.fixes[0];
};

describe('CL-AWS-180 quick-fix cautions', () => {
  it('a Neptune cluster fix says that unsigned requests are refused (CloudFormation and Terraform)', () => {
    const cfn = fixOf('t.yaml', 'Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      IamAuthEnabled: false\n');
    assert.equal(cfn.caution, 'unsigned requests are refused from then on');
    assert.equal(cfn.title, 'Set IamAuthEnabled to true (unsigned requests are refused from then on)');
    const tf = fixOf('main.tf', 'resource "aws_neptune_cluster" "graph" {\n  iam_database_authentication_enabled = false\n}\n');
    assert.equal(tf.caution, 'unsigned requests are refused from then on');
  });

  it('an RDS fix has no caution (password sign-in keeps working)', () => {
    const cfn = fixOf('t.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      EnableIAMDatabaseAuthentication: false\n');
    assert.equal(cfn.caution, undefined);
    const tf = fixOf('main.tf', 'resource "aws_rds_cluster" "c" {\n  engine                              = "aurora-mysql"\n  iam_database_authentication_enabled = false\n}\n');
    assert.equal(tf.caution, undefined);
  });
});
