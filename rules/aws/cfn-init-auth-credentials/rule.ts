// CL-AWS-172: cfn-init authentication (AWS::CloudFormation::Authentication metadata) that carries an access key or a
// password instead of naming a role: the metadata is returned in clear to anyone who may describe the stack
// resource, NoEcho parameters included.
import { cfnGuideDoc, type CheckContext, defineRule, get, NO_EMBEDDED_SECRETS, type Resource } from '../../kit';

/** The credential keys of an authentication entry, in the order a finding prefers them. */
const CREDENTIAL_KEYS = ['accessKeyId', 'secretKey', 'password'];

function check(r: Resource, ctx: CheckContext): void {
  const auth = get(r.metadata, 'AWS::CloudFormation::Authentication');
  if (auth?.kind !== 'map') return;
  for (const { key: name, value: entry } of auth.pairs) {
    if (entry.kind !== 'map') continue;
    const pair = entry.pairs.find((p) => CREDENTIAL_KEYS.includes(String(p.key.value)));
    if (!pair) continue;
    const what = pair.key.value === 'password' ? 'a password' : 'an access key (accessKeyId/secretKey) instead of roleName';
    ctx.report(pair.key, `Resource ${r.id}'s cfn-init authentication ${String(name.value)} carries ${what}: CloudFormation returns resource metadata in clear to anyone who may describe the stack resource, even from NoEcho parameters.`);
  }
}

export default defineRule({
  id: 'CL-AWS-172',
  slug: 'cfn-init-auth-credentials',
  title: 'cfn-init authentication carries credentials instead of a role',
  severity: 'medium',
  fixable: false,
  description:
    'AWS::CloudFormation::Authentication metadata with accessKeyId/secretKey or a password puts the credential in the resource metadata, which DescribeStackResource returns in clear (NoEcho does not mask metadata) and which every instance reading its cfn-init configuration can see. An S3 source can use the instance role (roleName) instead.',
  remediation: 'Use type S3 with roleName (the instance profile\'s role) and bucket policies; fetch other credentials on the instance from Secrets Manager rather than from metadata.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'secrets',
    provider: 'CloudFormation stores resource metadata and serves it to cfn-init and to DescribeStackResource callers',
    customer: 'keeping credentials out of metadata is yours',
  },
  frameworks: NO_EMBEDDED_SECRETS,
  equivalents: {
    kics: ['9ecb6b21-18bc-4aa7-bd07-db20f1c746db'],
    cfnNag: ['W1'],
  },
  docs: [
    cfnGuideDoc('aws-resource-authentication'),
    cfnGuideDoc('parameters-section-structure', 'parameters-section-structure-properties'),
    cfnGuideDoc('best-practices', 'creds'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EC2::Instance', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::LaunchTemplate'], run: check },
  },
});
