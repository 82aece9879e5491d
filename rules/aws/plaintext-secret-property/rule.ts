// CL-AWS-160: a secret (password, token, private key) written as a literal in a property that takes one.
//
// The table of properties is rules/lib/secrets.ts. Database master passwords of RDS, DocumentDB and Redshift are
// CL-AWS-023's (db-plaintext-master-password) and are not in it, so no property is reported twice. The Terraform
// `provider "aws"` configuration (type `provider.aws`) is a row too: its secret key, session token and web identity token.
import { cfnGuideDoc, defineRule, NO_EMBEDDED_SECRETS, tfDoc } from '../../kit';
import { CFN_SECRETS, reportLiteralSecrets, TF_SECRETS } from '../../lib/secrets';

export default defineRule({
  id: 'CL-AWS-160',
  slug: 'plaintext-secret-property',
  title: 'Secret written in plain text in a property that takes one',
  severity: 'high',
  fixable: false,
  description:
    'A password, token or private key written as a literal (or as a parameter default) in the property that takes it is readable by everyone with access to the template, its repository and its history, and can only be rotated by a commit and a deployment.',
  remediation:
    'Read the secret at deploy time: a dynamic reference {{resolve:secretsmanager:…}} or {{resolve:ssm-secure:…}}, a NoEcho parameter without a default, or a sensitive Terraform variable or generated secret; a Terraform provider takes its credentials from the environment, a profile or an assumed role.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'secrets',
    provider: 'AWS stores the secret you give the service and uses it as configured',
    customer: 'where the secret is written and who can read it is yours',
  },
  frameworks: NO_EMBEDDED_SECRETS,
  equivalents: {
    kics: [
      '5f700072-b7ce-4e84-b3f3-497bf1c24a4d',
      'f988a17f-1139-46a3-8928-f27eafd8b024',
      '06adef8c-c284-4de7-aad2-af43b07a8ca1',
      '6685d912-d81f-4cfa-95ad-e316ea31c989',
      '06b9f52a-8cd5-459b-bdc6-21a22521e1be',
      '71493c8b-3014-404c-9802-078b74496fb7',
      'dfb56e5d-ee68-446e-b32a-657b62befe69',
      '73980e43-f399-4fcc-a373-658228f7adf7',
      '03b38885-8f4e-480c-a0e4-12c1affd15db',
      '3c3b7a58-b018-4d07-9444-d9ee7156e111',
      '5b48c507-0d1f-41b0-a630-76817c6b4189',
    ],
    checkov: ['CKV_AWS_41'],
    cfnLint: ['W2501'],
    cfnNag: [
      'F31', 'F36', 'F37', 'F41', 'F42', 'F43', 'F44', 'F46', 'F47', 'F48', 'F49', 'F50', 'F51', 'F52', 'F53', 'F54', 'F55', 'F56', 'F57', 'F58',
      'F60', 'F61', 'F62', 'F63', 'F64', 'F65', 'F66', 'F67', 'F68', 'F69', 'F71', 'F74', 'F75',
    ],
  },
  docs: [
    cfnGuideDoc('dynamic-references'),
    cfnGuideDoc('best-practices', 'creds'),
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/cfn-example_reference-secret.html',
    tfDoc('elasticache_replication_group', 'auth_token'),
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs#provider-configuration',
  ],
  checks: {
    cloudformation: { reads: 'resource', types: Object.keys(CFN_SECRETS), run: (r, ctx) => reportLiteralSecrets(r, ctx, CFN_SECRETS[r.type]) },
    terraform: { reads: 'resource', types: Object.keys(TF_SECRETS), run: (r, ctx) => reportLiteralSecrets(r, ctx, TF_SECRETS[r.type]) },
  },
});
