// CL-AWS-216: a Lambda permission (a statement of the function's resource-based policy) that grants an action other
// than invoking the function.
import { cfnGuideDoc, type CheckContext, defineRule, type Resource, tfDoc, type Val } from '../../kit';
import { LEAST_PRIVILEGE, resourcePolicyResponsibility } from '../../lib/iam';

/**
 * The invoke actions (compared without case, as IAM does): synchronous and asynchronous invocation, through the API or
 * a function URL. `lambda:InvokeAsync` is the deprecated asynchronous invoke API: it grants no more than invoking.
 */
const INVOKE = ['lambda:invokefunction', 'lambda:invokefunctionurl', 'lambda:invokeasync'];

function check(actionKey: string, principalKey: string) {
  return (r: Resource, ctx: CheckContext): void => {
    const bad = r.body.get(actionKey).find((v: Val) => {
      const a = v.str();
      return a !== undefined && !INVOKE.includes(a.toLowerCase());
    });
    if (!bad) return;
    const action = bad.str()!;
    const p = r.body.get(principalKey).str();
    const who = p === undefined ? 'its principal' : `its principal (${p})`;
    const all = action === '*' || action.toLowerCase() === 'lambda:*';
    ctx.report(
      bad,
      all
        ? `Lambda permission ${r.id} lets ${who} take every Lambda action ("${action}") on the function, including replacing its code and changing who may call it, not only invoke it.`
        : `Lambda permission ${r.id} lets ${who} call ${action} on the function: more than invoking it (lambda:InvokeFunction, lambda:InvokeFunctionUrl).`,
    );
  };
}

export default defineRule({
  id: 'CL-AWS-216',
  slug: 'lambda-permission-not-invoke',
  title: 'Lambda permission grants more than invoking the function',
  severity: 'medium',
  fixable: false,
  description:
    'A Lambda permission adds a statement to the function\'s resource-based policy. Services and other accounts need lambda:InvokeFunction (or lambda:InvokeFunctionUrl); any other action lets them read the function\'s code and configuration (lambda:GetFunction), change its code or configuration, or with lambda:* do all of it and re-permission the function.',
  remediation: 'Set Action (action) to lambda:InvokeFunction, or lambda:InvokeFunctionUrl for a function URL; grant management actions through identity policies in your own account instead.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS runs the functions and checks the function\'s resource-based policy on every call',
    'which actions each principal may take on your function is yours to decide',
  ),
  frameworks: LEAST_PRIVILEGE,
  equivalents: {
    kics: ['9b83114b-b2a1-4534-990d-06da015e47aa', '75ec6890-83af-4bf1-9f16-e83726df0bd0', 'ad9dabc7-7839-4bae-a957-aa9120013f39'],
    cfnNag: ['W24'],
  },
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html',
    cfnGuideDoc('aws-resource-lambda-permission', 'cfn-lambda-permission-action'),
    tfDoc('lambda_permission', 'action'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Lambda::Permission'], run: check('Action', 'Principal') },
    terraform: { reads: 'resource', types: ['aws_lambda_permission'], run: check('action', 'principal') },
  },
});
