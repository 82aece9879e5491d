// CL-AWS-010: an identity policy that allows every action of a service (`s3:*`, `iam:*`, `kms:*`).
import { type CheckContext, defineRule, type Resource } from '../../kit';
import { IDENTITY_POLICY_CFN_TYPES, IDENTITY_POLICY_TF_TYPES, identityStatements, policyHolder, serviceWildcard } from '../../lib/iam';

function check(r: Resource, ctx: CheckContext): void {
  for (const s of identityStatements(r)) {
    if (!s.allows) continue;
    const onEverything = s.resources.some((x) => x.str() === '*');
    for (const a of s.actions) {
      const action = a.str();
      const service = action === undefined ? undefined : serviceWildcard(action);
      if (!service) continue;
      const scope = onEverything ? ' on every resource ("*")' : '';
      ctx.report(a, `${policyHolder(r)} allows every ${service} action ("${action}")${scope}, including ones it will never need.`);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-010',
  slug: 'iam-policy-service-wildcard',
  title: 'IAM policy allows every action of a service',
  severity: 'medium',
  fixable: false,
  description:
    'An Allow of "service:*" grants every present and future action of that service, including the destructive and administrative ones (s3:DeleteBucket, s3:PutBucketPolicy, kms:ScheduleKeyDeletion, iam:*). It is rarely what a workload needs.',
  remediation: 'List the actions the principal uses (or a narrow pattern such as "s3:Get*"), scoped to its resources.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs IAM and evaluates every request against the policies you attach',
    customer: 'which actions each policy allows on which resources is yours to decide',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-6'] },
    { framework: 'SOC 2', version: '2017', controls: ['CC6.3'] },
  ],
  equivalents: { trivy: ['aws-iam-no-policy-wildcards'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
  ],
  checks: {
    cloudformation: { reads: 'resource', types: IDENTITY_POLICY_CFN_TYPES, run: check },
    terraform: { reads: 'resource', types: IDENTITY_POLICY_TF_TYPES, run: check },
  },
});
