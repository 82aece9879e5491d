// CL-AWS-115: an EFS file system policy with an Allow to Principal "*" and no Condition that narrows who.
import { cfnDoc, defineRule, tfDoc } from '../../kit';
import { EXPOSURE_RESOURCE_POLICIES, PUBLIC_DATA_ACCESS, publicPolicyChecks, resourcePolicyResponsibility } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-115',
  slug: 'efs-policy-public',
  title: 'EFS file system policy allows anyone',
  severity: 'medium',
  fixable: false,
  description:
    'A file system policy statement that allows Principal "*" without a Condition grants its actions (mount, write, root access) to every client and every AWS account\'s principals that can reach a mount target, so IAM authorization no longer limits who uses the file system.',
  remediation:
    'Name the roles that mount the file system, or narrow the statement with a Condition such as aws:PrincipalOrgID, aws:SourceVpc or elasticfilesystem:AccessPointArn, and keep a Deny for aws:SecureTransport false.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS runs the file system and enforces its file system policy on every NFS client connection',
    'which principals may mount, write and act as root is yours to decide',
  ),
  frameworks: PUBLIC_DATA_ACCESS,
  equivalents: { kics: ['fae52418-bb8b-4ac2-b287-0b9082d6a3fd'] },
  docs: [
    'https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html',
    cfnDoc('aws-resource-efs-filesystem', 'cfn-efs-filesystem-filesystempolicy'),
    tfDoc('efs_file_system_policy'),
  ],
  checks: publicPolicyChecks(EXPOSURE_RESOURCE_POLICIES.efs),
});
