// CL-AWS-200: the Glue Data Catalog resource policy with an Allow to Principal "*" and no Condition that narrows who.
// Terraform only: CloudFormation has no resource type for the Data Catalog policy.
import { defineRule, tfDoc } from '../../kit';
import { EXPOSURE_RESOURCE_POLICIES, PUBLIC_ACCESS, publicPolicyChecks, resourcePolicyResponsibility } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-200',
  slug: 'glue-catalog-policy-public',
  title: 'Glue Data Catalog resource policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A Data Catalog resource policy statement that allows Principal "*" without a Condition lets principals of any AWS account read or change the catalog\'s metadata, depending on the actions it lists: databases, tables and partitions (schemas and S3 locations), user-defined functions and connections, whose properties include a JDBC password unless connection password encryption keeps it behind a KMS key.',
  remediation:
    'Name the accounts or roles that use the catalog, or narrow the statement with a Condition such as aws:PrincipalOrgID; share databases and tables with other accounts through Lake Formation grants where you can.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS runs the Data Catalog and enforces its resource policy on every catalog API call',
    'who may read and change catalog metadata is yours to decide',
  ),
  frameworks: PUBLIC_ACCESS,
  // glue_with_vulnerable_policy: wildcard principal OR wildcard action, no Condition (README, "Compared with other
  // tools": the principal half is this rule's, the action half CL-AWS-164's).
  equivalents: { kics: ['d25edb51-07fb-4a73-97d4-41cecdc53a22'] },
  docs: [
    'https://docs.aws.amazon.com/glue/latest/dg/security_iam_resource-based-policy-examples.html',
    'https://docs.aws.amazon.com/glue/latest/dg/cross-account-access.html',
    tfDoc('glue_resource_policy', 'policy'),
  ],
  checks: publicPolicyChecks(EXPOSURE_RESOURCE_POLICIES.glue),
});
