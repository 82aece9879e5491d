// CL-AWS-015: an S3 bucket policy with an Allow to Principal "*" and no Condition that narrows who.
import { cfnGuideDoc, defineRule, tfDoc } from '../../kit';
import { PUBLIC_DATA_ACCESS, publicPolicyChecks, RESOURCE_POLICIES, resourcePolicyResponsibility, restrictPublicBucketsOn } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-015',
  slug: 's3-bucket-policy-public',
  title: 'S3 bucket policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A bucket policy statement that allows Principal "*" without a Condition opens the bucket\'s objects (or the bucket itself) to anyone on the internet. S3 Block Public Access, on by default for new buckets since April 2023, rejects such a policy unless BlockPublicPolicy has been turned off.',
  remediation: 'Name the principals that need access (accounts, roles, a CloudFront origin access control), or add a Condition such as aws:SourceVpce or aws:PrincipalOrgID.',
  responsibility: resourcePolicyResponsibility(
    'data-protection',
    'AWS runs S3 and, since April 2023, turns Block Public Access on for new buckets, which rejects public bucket policies',
    'what your bucket policy allows, and whether Block Public Access stays on, is yours to decide',
  ),
  frameworks: PUBLIC_DATA_ACCESS,
  equivalents: {
    checkov: ['CKV_AWS_70'],
    kics: [
      '7772bb8c-c0f3-42d4-8e4e-f1b8939ad085',
      'f97b7d23-568f-4bcc-9ac9-02df0d57fbba',
      'faa8fddf-c0aa-4b2d-84ff-e993e233ebe9',
      'f6397a20-4cf1-4540-a997-1d363c25ef58',
      'acc78859-765e-4011-a229-a65ea57db252',
      '456b00a3-1072-4149-9740-6b8bb60251b0',
      '4ae8af91-5108-42cb-9471-3bdbe596eac9',
      '7af43613-6bb9-4a0e-8c4d-1314b799425e',
      'a4966c4f-9141-48b8-a564-ffe9959945bc',
      'ffdf4b37-7703-4dfe-a682-9d2e99bc6c09',
      '1df37f4b-7197-45ce-83f8-9994d2fcf885',
      '66c6f96f-2d9e-417e-a998-9058aeeecd44',
      'd24c0755-c028-44b1-b503-8e719c898832',
    ],
    cfnNag: ['F16'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html',
    cfnGuideDoc('aws-resource-s3-bucketpolicy'),
    tfDoc('s3_bucket_policy'),
  ],
  checks: publicPolicyChecks(RESOURCE_POLICIES.s3, restrictPublicBucketsOn),
});
