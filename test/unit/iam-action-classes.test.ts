// rules/lib/iam-action-classes.ts: the tables of sensitive IAM actions, how a policy's action patterns match them, and
// which statements and actions CL-AWS-212, -213 and -214 report (and leave to CL-AWS-003, -012, -161, -211).
import { strict as assert } from 'node:assert';
import {
  classActionsOf,
  CREDENTIAL_EXPOSURE_ACTIONS,
  DATA_EXFILTRATION_ACTIONS,
  ESCALATION_ACTIONS,
  matchedActions,
  PERMISSIONS_MANAGEMENT_ACTIONS,
} from '../../rules/lib/iam-action-classes';
import { lintText, spanText } from '../helpers';

const CLASS_RULES = ['CL-AWS-212', 'CL-AWS-213', 'CL-AWS-214'];

/** The findings of the class rules (and of CL-AWS-003/-012, to show who reports what) in a managed policy with one statement. */
function findings(statement: string[], rules = CLASS_RULES): string[] {
  const text = ['Resources:', '  P:', '    Type: AWS::IAM::ManagedPolicy', '    Properties:', '      PolicyDocument:', '        Statement:', ...statement.map((l) => `          ${l}`), ''].join('\n');
  const result = lintText('template.yaml', text);
  assert.deepEqual(result.problems, []);
  return result.findings.filter((f) => rules.includes(f.rule.id)).map((f) => `${f.rule.id} ${spanText(result, f.span)}`);
}

describe('IAM action classes', () => {
  it('tables: service:Action entries, no duplicates (case-insensitive)', () => {
    for (const table of [CREDENTIAL_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS, PERMISSIONS_MANAGEMENT_ACTIONS, ESCALATION_ACTIONS]) {
      for (const a of table) assert.match(a, /^[a-z0-9-]+:[A-Za-z]+$/, a);
      const lower = table.map((a) => a.toLowerCase());
      assert.equal(new Set(lower).size, lower.length);
    }
    // ecr:GetAuthorizationToken and sts:GetSessionToken have no resource-level permission: left out on purpose (README, Not reported).
    assert.deepEqual(matchedActions('ecr:*', CREDENTIAL_EXPOSURE_ACTIONS), []);
    assert.deepEqual(matchedActions('sts:*Token', CREDENTIAL_EXPOSURE_ACTIONS), ['sts:GetFederationToken']);
    // Every escalation action that changes permissions is in the permissions-management table (so `iam:*` lists it).
    for (const a of ESCALATION_ACTIONS.filter((x) => !/AccessKey|LoginProfile/.test(x))) assert.ok(PERMISSIONS_MANAGEMENT_ACTIONS.includes(a), a);
  });

  it('matches action patterns as IAM does: case-insensitive, * any run, ? one character', () => {
    assert.deepEqual(matchedActions('STS:assumerole', CREDENTIAL_EXPOSURE_ACTIONS), ['sts:AssumeRole']);
    assert.deepEqual(matchedActions('s3:Get*', DATA_EXFILTRATION_ACTIONS), ['s3:GetObject', 's3:GetObjectVersion']);
    assert.deepEqual(matchedActions('s3:GetObjec?', DATA_EXFILTRATION_ACTIONS), ['s3:GetObject']);
    assert.deepEqual(matchedActions('*SecretValue', DATA_EXFILTRATION_ACTIONS), ['secretsmanager:GetSecretValue']);
    assert.deepEqual(matchedActions('ssm:GetParameter', DATA_EXFILTRATION_ACTIONS), ['ssm:GetParameter']);
    assert.deepEqual(matchedActions('s3:List*', DATA_EXFILTRATION_ACTIONS), []);
    assert.deepEqual(matchedActions('lambda:Add*', PERMISSIONS_MANAGEMENT_ACTIONS), ['lambda:AddLayerVersionPermission', 'lambda:AddPermission']);
  });

  it('leaves "*" to CL-AWS-003 and patterns covering an escalation action to CL-AWS-012, but reports service:*', () => {
    const pm = { name: 'permissions management', actions: PERMISSIONS_MANAGEMENT_ACTIONS, consequence: '' };
    assert.deepEqual(classActionsOf('*', pm), []);
    assert.deepEqual(classActionsOf('iam:AttachRolePolicy', pm), []);
    assert.deepEqual(classActionsOf('iam:Put*', pm), []);
    assert.equal(classActionsOf('iam:*', pm).length, 24);
    assert.deepEqual(classActionsOf('iam:CreatePolicy', pm), ['iam:CreatePolicy']);
    assert.deepEqual(classActionsOf('*:PutKeyPolicy', pm), ['kms:PutKeyPolicy']);
  });

  it('reports each class at its action value, once per action text of a statement', () => {
    assert.deepEqual(
      findings(['- Effect: Allow', '  Action: [sts:AssumeRole, s3:GetObject, kms:PutKeyPolicy, sts:AssumeRole, s3:ListBucket]', "  Resource: ['arn:aws:s3:::a/*', '*']"]),
      ['CL-AWS-212 8:22-8:36', 'CL-AWS-213 8:38-8:50', 'CL-AWS-214 8:52-8:68'],
    );
    // One value can belong to several classes (s3:* reads objects and writes bucket policies).
    assert.deepEqual(findings(['- Effect: Allow', '  Action: s3:*', "  Resource: '*'"]), ['CL-AWS-213 8:21-8:25', 'CL-AWS-214 8:21-8:25']);
  });

  it('does not report Deny, NotResource, NotAction, specific or unknown resources, unknown actions or narrowing conditions', () => {
    const none = (statement: string[]) => assert.deepEqual(findings(statement), [], statement.join('\n'));
    none(['- Effect: Deny', '  Action: [sts:AssumeRole, s3:GetObject, kms:PutKeyPolicy]', "  Resource: '*'"]);
    none(['- Effect: Allow', '  Action: [sts:AssumeRole, s3:GetObject, kms:PutKeyPolicy]', '  NotResource: arn:aws:s3:::a']);
    none(['- Effect: Allow', '  NotAction: [iam:*]', "  Resource: '*'"]);
    none(['- Effect: Allow', '  Action: [sts:AssumeRole, s3:GetObject, kms:PutKeyPolicy]', '  Resource: arn:aws:s3:::a/*']);
    none(['- Effect: Allow', '  Action: [sts:AssumeRole, s3:GetObject, kms:PutKeyPolicy]', '  Resource: !GetAtt Bucket.Arn']);
    none(['- Effect: Allow', '  Action: !GetAtt Some.Action', "  Resource: '*'"]);
    none(['- Effect: !Ref AWS::NoValue', '  Action: s3:GetObject', "  Resource: '*'"]);
    none(['- Effect: Allow', '  Action: s3:GetObject', "  Resource: '*'", '  Condition:', '    StringEquals:', '      aws:ResourceAccount: "111122223333"']);
    none(['- Effect: Allow', '  Action: s3:GetObject', "  Resource: '*'", '  Condition: !GetAtt Some.Condition']);
    none(['- Effect: Allow', "  Action: ['*']", "  Resource: '*'"]);
  });

  it('a Condition that only tests TLS, Referer or User-Agent does not exempt a statement', () => {
    assert.deepEqual(
      findings(['- Effect: Allow', '  Action: secretsmanager:GetSecretValue', "  Resource: '*'", '  Condition:', '    Bool:', '      aws:SecureTransport: "true"', '    StringLike:', '      aws:UserAgent: "app/*"']),
      ['CL-AWS-213 8:21-8:50'],
    );
  });

  it('one finding per action value: an escalation action is CL-AWS-012\'s, "*" is CL-AWS-003\'s', () => {
    assert.deepEqual(findings(['- Effect: Allow', "  Action: ['*', iam:CreateAccessKey, iam:Attach*, iam:CreatePolicy]", "  Resource: '*'"], [...CLASS_RULES, 'CL-AWS-003', 'CL-AWS-012']), [
      'CL-AWS-003 8:22-8:25',
      'CL-AWS-012 8:27-8:46',
      'CL-AWS-012 8:48-8:59',
      'CL-AWS-214 8:61-8:77',
    ]);
  });
});
