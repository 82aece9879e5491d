// CL-AWS-020: a Lambda permission that lets anyone invoke the function, or a service without saying whose resource.
import { cfnGuideDoc, type CheckContext, defineRule, type Resource, tfDoc } from '../../kit';
import { PUBLIC_ACCESS, resourcePolicyResponsibility } from '../../lib/iam';

interface Keys {
  principal: string;
  sourceArn: string;
  sourceAccount: string;
  orgId: string;
  eventSourceToken: string;
}

const CFN: Keys = { principal: 'Principal', sourceArn: 'SourceArn', sourceAccount: 'SourceAccount', orgId: 'PrincipalOrgID', eventSourceToken: 'EventSourceToken' };
const TF: Keys = { principal: 'principal', sourceArn: 'source_arn', sourceAccount: 'source_account', orgId: 'principal_org_id', eventSourceToken: 'event_source_token' };

/** An AWS service principal (`s3.amazonaws.com`, `events.amazonaws.com`). */
function isServicePrincipal(p: string): boolean {
  return p.endsWith('.amazonaws.com') && !p.includes('/') && !p.includes(':');
}

function check(k: Keys) {
  return (r: Resource, ctx: CheckContext): void => {
    const b = r.body;
    // Present (known or not) narrows the grant; only an absent setting is missing.
    const present = (key: string) => !b.get(key).isAbsent;
    const bySource = present(k.sourceArn) || present(k.sourceAccount) || present(k.eventSourceToken);
    const bad = b.get(k.principal).find((v) => v.str() === '*' || isServicePrincipal(v.str() ?? ''));
    if (!bad) return;
    const principal = bad.str()!;
    if (principal === '*') {
      if (bySource || present(k.orgId)) return;
      ctx.report(bad, `Lambda permission ${r.id} lets anyone (${k.principal} "*") invoke the function: it sets no ${k.sourceArn}, ${k.sourceAccount} or ${k.orgId}.`);
    } else {
      if (bySource) return;
      ctx.report(bad, `Lambda permission ${r.id} lets ${principal} invoke the function on behalf of any account's resources: it sets neither ${k.sourceArn} nor ${k.sourceAccount}.`);
    }
  };
}

export default defineRule({
  id: 'CL-AWS-020',
  slug: 'lambda-permission-public',
  title: 'Lambda permission lets anyone invoke the function',
  severity: 'high',
  fixable: false,
  description:
    'A Lambda permission with Principal "*" lets any AWS account (and, for function URLs, anyone on the internet) invoke the function. A service principal without SourceArn or SourceAccount lets that service invoke it for any customer\'s resource, for example another account\'s S3 bucket or EventBridge rule (the confused deputy problem).',
  remediation: 'Grant the permission to a named account or service and set SourceArn (and SourceAccount) to the resource that calls the function.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS runs the functions and checks the function\'s resource-based policy on every invocation',
    'who may invoke each function, and for which source resources, is yours to decide',
  ),
  frameworks: PUBLIC_ACCESS,
  equivalents: {
    checkov: ['CKV_AWS_301', 'CKV_AWS_364'],
    kics: ['1d6e16f1-5d8a-4379-bfb3-2dadd38ed5a7', 'e08ed7eb-f3ef-494d-9d22-2e3db756a347'],
    trivy: ['aws-lambda-restrict-source-arn'],
    cfnNag: ['F13'],
  },
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    cfnGuideDoc('aws-resource-lambda-permission'),
    tfDoc('lambda_permission'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Lambda::Permission'], run: check(CFN) },
    terraform: { reads: 'resource', types: ['aws_lambda_permission'], run: check(TF) },
  },
});
