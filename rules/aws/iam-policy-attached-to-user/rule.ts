// CL-AWS-014: permissions given to an IAM user directly instead of through a group (or a role).
import { cfnGuideDoc, type CheckContext, cisAws, defineRule, nist, type Resource, tfDoc, type Val } from '../../kit';
import { identityResponsibility, keyOf, valAt } from '../../lib/iam';

/** True when a list property holds at least one item (known or not): a user is named even if we cannot tell which. */
function nonEmpty(v: Val): boolean {
  return v.items().length > 0;
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  const b = r.body;
  switch (r.type) {
    case 'AWS::IAM::User':
      for (const [attr, what] of [['Policies', 'inline policies'], ['ManagedPolicyArns', 'managed policies']] as const) {
        const v = b.get(attr).find(nonEmpty);
        if (v) ctx.report(valKey(v, r), `IAM user ${r.id} has ${what} attached directly (${attr}) instead of through a group.`);
      }
      break;
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy': {
      const v = b.get('Users').find(nonEmpty);
      if (v) ctx.report(valKey(v, r), `IAM policy ${r.id} is attached directly to users (Users) instead of to a group.`);
      break;
    }
    case 'AWS::IAM::UserPolicy': {
      const user = b.get('UserName');
      ctx.report(user.isAbsent ? r.anchor : user.at, `IAM user policy ${r.id} attaches an inline policy directly to a user instead of to a group.`);
      break;
    }
  }
}

function terraform(r: Resource, ctx: CheckContext): void {
  const b = r.body;
  if (r.type === 'aws_iam_policy_attachment') {
    const v = b.get('users').find(nonEmpty);
    if (v) ctx.report(valKey(v, r), `Policy attachment ${r.id} attaches its policy directly to users instead of to a group.`);
    return;
  }
  if (r.type === 'aws_iam_user_policy_attachments_exclusive') {
    // The exclusive list of a user's managed policies: an empty list detaches them all.
    const v = b.get('policy_arns').find(nonEmpty);
    const user = b.get('user_name');
    if (v) ctx.report(user.isAbsent ? valKey(v, r) : user.at, `User policy attachments ${r.id} attach managed policies directly to a user instead of to a group.`);
    return;
  }
  const user = b.get('user');
  const [label, what] = r.type === 'aws_iam_user_policy' ? ['User policy', 'an inline policy'] : ['User policy attachment', 'a managed policy'];
  ctx.report(user.isAbsent ? r.anchor : user.at, `${label} ${r.id} attaches ${what} directly to a user instead of to a group.`);
}

/** The property's key (a finding about the list as a whole; the branch itself under Fn::If), keeping the conditions for the message. */
function valKey(v: Val, r: Resource): Val {
  return valAt(v, keyOf(v), r);
}

export default defineRule({
  id: 'CL-AWS-014',
  slug: 'iam-policy-attached-to-user',
  title: 'IAM policy attached directly to a user',
  severity: 'low',
  fixable: false,
  description:
    'Permissions attached to individual IAM users drift apart user by user and are easy to miss in reviews. Granting them through groups (or roles) keeps one place per job function to review and revoke.',
  remediation: 'Attach the policy to a group and add the user to the group, or have the user assume a role.',
  responsibility: identityResponsibility('how permissions are organised and reviewed is yours to decide', 'AWS runs IAM and evaluates the policies of a user and of its groups alike'),
  frameworks: [cisAws('1.15'), nist('AC-2', 'AC-6')],
  equivalents: {
    checkov: ['CKV_AWS_40'],
    kics: [
      'e4239438-e639-44aa-adb8-866e400e3ade',
      'edc95c10-7366-4f30-9b4b-f995c84eceb5',
      '0e5872b4-19a0-4165-8b2f-56d9e14b909f',
      'b4378389-a9aa-44ee-91e7-ef183f11079e',
      '5e7acff5-095b-40ac-9073-ac2e4ad8a512',
    ],
    trivy: ['aws-iam-no-user-attached-policies'],
    cfnNag: ['F10', 'F11', 'F12'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html',
    cfnGuideDoc('aws-resource-iam-user'),
    tfDoc('iam_user_policy_attachment'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::IAM::User', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::UserPolicy'], run: cloudformation },
    terraform: {
      reads: 'resource',
      types: ['aws_iam_user_policy', 'aws_iam_user_policy_attachment', 'aws_iam_policy_attachment', 'aws_iam_user_policy_attachments_exclusive'],
      run: terraform,
    },
  },
});
