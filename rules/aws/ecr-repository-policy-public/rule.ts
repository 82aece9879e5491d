// CL-AWS-019: an ECR repository policy with an Allow to Principal "*" and no Condition that narrows who.
import { defineRule, type Resource } from '../../kit';
import { publicPolicyCheck } from '../../lib/iam';

/** Where each resource type holds its policy. */
const POLICY_ATTR: Record<string, string> = { 'AWS::ECR::Repository': 'RepositoryPolicyText', aws_ecr_repository_policy: 'policy' };

const run = publicPolicyCheck('ECR repository', (r: Resource) => [r.body.get(POLICY_ATTR[r.type])]);

export default defineRule({
  id: 'CL-AWS-019',
  slug: 'ecr-repository-policy-public',
  title: 'ECR repository policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A repository policy statement that allows Principal "*" without a Condition lets any AWS account pull (or, with push actions, overwrite) the images, which often hold code, configuration and secrets baked into layers.',
  remediation: 'Name the accounts or roles that pull the images, or add a Condition such as aws:PrincipalOrgID; publish deliberately public images in ECR Public instead.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the registry and enforces the repository policy on every request',
    customer: 'who may pull and push images is yours to decide',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-3'] },
    { framework: 'SOC 2', version: '2017', controls: ['CC6.1'] },
  ],
  equivalents: { checkov: ['CKV_AWS_32'], kics: ['75be209d-1948-41f6-a8c8-e22dd0121134', 'e86e26fc-489e-44f0-9bcd-97305e4ba69a'], trivy: ['aws-ecr-no-public-access'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecr-repository.html#cfn-ecr-repository-repositorypolicytext',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository_policy',
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::ECR::Repository'], run },
    terraform: { reads: 'scope', types: ['aws_ecr_repository_policy'], run },
  },
});
