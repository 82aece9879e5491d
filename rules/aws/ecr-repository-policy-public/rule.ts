// CL-AWS-019: an ECR repository policy with an Allow to Principal "*" and no Condition that narrows who.
import { cfnGuideDoc, defineRule, tfDoc } from '../../kit';
import { PUBLIC_ACCESS, publicPolicyChecks, RESOURCE_POLICIES, resourcePolicyResponsibility } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-019',
  slug: 'ecr-repository-policy-public',
  title: 'ECR repository policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A repository policy statement that allows Principal "*" without a Condition lets any AWS account pull (or, with push actions, overwrite) the images, which often hold code, configuration and secrets baked into layers.',
  remediation: 'Name the accounts or roles that pull the images, or add a Condition such as aws:PrincipalOrgID; publish deliberately public images in ECR Public instead.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS runs the registry and enforces the repository policy on every request',
    'who may pull and push images is yours to decide',
  ),
  frameworks: PUBLIC_ACCESS,
  equivalents: { checkov: ['CKV_AWS_32'], kics: ['75be209d-1948-41f6-a8c8-e22dd0121134', 'e86e26fc-489e-44f0-9bcd-97305e4ba69a'], trivy: ['aws-ecr-no-public-access'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html',
    cfnGuideDoc('aws-resource-ecr-repository', 'cfn-ecr-repository-repositorypolicytext'),
    tfDoc('ecr_repository_policy'),
  ],
  checks: publicPolicyChecks(RESOURCE_POLICIES.ecr),
});
