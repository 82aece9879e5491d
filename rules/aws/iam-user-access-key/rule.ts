// CL-AWS-169: a long-term access key created for an IAM user in the template.
import { cfnGuideDoc, type CheckContext, defineRule, nist, type Resource, soc2, tfDoc } from '../../kit';
import { identityResponsibility } from '../../lib/iam-trust';

function check(r: Resource, ctx: CheckContext): void {
  const cfn = r.format === 'cloudformation';
  const status = r.body.get(cfn ? 'Status' : 'status');
  // Active is the default; an Inactive key is not usable, and an unknown status is not reported.
  if (!status.isAbsent && status.str()?.toLowerCase() !== 'active') return;
  const user = r.body.get(cfn ? 'UserName' : 'user').str();
  const whose = user === undefined ? 'an IAM user' : `IAM user ${user}`;
  ctx.report(r.anchor, `${cfn ? 'Access key' : 'aws_iam_access_key'} ${r.id} creates a long-term access key for ${whose}: credentials that never expire, and whose secret ends up in ${cfn ? 'whatever reads its SecretAccessKey attribute' : 'the Terraform state'}.`);
}

export default defineRule({
  id: 'CL-AWS-169',
  slug: 'iam-user-access-key',
  title: 'Long-term access key created for an IAM user',
  severity: 'low',
  fixable: false,
  description:
    'An access key of an IAM user is a long-term credential: it works until someone deactivates it, and its secret is handed to whatever reads the resource (stack outputs, Terraform state). Roles, IAM Identity Center and OIDC federation give temporary credentials instead.',
  remediation: 'Give workloads a role (instance profile, task role, IRSA, OIDC federation for CI) and people IAM Identity Center; if a key is unavoidable, create it outside the template and rotate it.',
  responsibility: identityResponsibility('which identities have long-term credentials, and their rotation, is yours to decide', 'AWS runs IAM and STS, issues temporary credentials to roles and signs every request'),
  frameworks: [nist('IA-5', 'AC-2'), soc2('CC6.1')],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    cfnGuideDoc('aws-resource-iam-accesskey'),
    tfDoc('iam_access_key'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::IAM::AccessKey'], run: check },
    terraform: { reads: 'resource', types: ['aws_iam_access_key'], run: check },
  },
});
