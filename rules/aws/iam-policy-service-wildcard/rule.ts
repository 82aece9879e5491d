// CL-AWS-010: an identity policy that allows every action of a service (`s3:*`, `iam:*`, `kms:*`).
import { defineRule } from '../../kit';
import { allowedActionChecks, identityResponsibility, LEAST_PRIVILEGE, ON_EVERY_RESOURCE, serviceWildcard } from '../../lib/iam';

/** What `service:*` grants, with the scope when the statement is on Resource "*". */
function grants(action: string, onEverything: boolean): string | undefined {
  const service = serviceWildcard(action);
  if (!service) return undefined;
  return `every ${service} action ("${action}")${onEverything ? ` ${ON_EVERY_RESOURCE}` : ''}, including ones it will never need.`;
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
  responsibility: identityResponsibility('which actions each policy allows on which resources is yours to decide'),
  frameworks: LEAST_PRIVILEGE,
  equivalents: { trivy: ['aws-iam-no-policy-wildcards', 'aws-iam-no-s3-full-access'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
  ],
  checks: allowedActionChecks((a) => grants(a.action, a.onEverything)),
});
