// CL-AWS-180: an RDS database (MySQL, MariaDB, PostgreSQL, Aurora) without IAM database authentication.
import { cfnGuideDoc, defineRule, nist, settingChecks, tfDoc } from '../../kit';
import { auroraInstance, iamAuthEngine } from '../../lib/logging';

const CLUSTERS = new Set(['AWS::RDS::DBCluster', 'aws_rds_cluster']);

export default defineRule({
  id: 'CL-AWS-180',
  slug: 'rds-iam-auth-disabled',
  title: 'RDS database has IAM database authentication disabled',
  severity: 'medium',
  fixable: true,
  description:
    'With IAM database authentication, database users sign in with short-lived tokens issued to IAM identities instead of long-lived passwords, so access is granted, revoked and logged in IAM and CloudTrail. It is off unless you turn it on.',
  remediation: 'Set EnableIAMDatabaseAuthentication (iam_database_authentication_enabled) to true and grant rds-db:connect to the identities that need it.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the database engine and, once enabled, checks IAM authentication tokens at sign-in',
    customer: 'turning IAM authentication on and deciding which identities may connect as which database users are yours',
  },
  frameworks: [nist('AC-2', 'IA-5')],
  equivalents: {
    checkov: ['CKV_AWS_161', 'CKV_AWS_162', 'CKV_AWS_128'],
    kics: ['9fcd0a0a-9b6f-4670-a215-d94e6bf3f184', '88fd05e0-ac0e-43d2-ba6d-fc0ba60ae1a6'],
    trivy: ['aws-rds-enable-iam-auth'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html',
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-enableiamdatabaseauthentication'),
    tfDoc('db_instance', 'iam_database_authentication_enabled'),
  ],
  checks: settingChecks({
    subject: (r) => (CLUSTERS.has(r.type) ? 'RDS DB cluster' : 'RDS DB instance'),
    consequence: 'so its users sign in only with database passwords, outside IAM',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: {
        types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
        path: ['EnableIAMDatabaseAuthentication'],
        appliesTo: (r) => iamAuthEngine(r.body.get('Engine'), r.body.get('EngineVersion')) && (CLUSTERS.has(r.type) || !auroraInstance(r, 'DBClusterIdentifier', 'Engine')),
      },
      terraform: {
        types: ['aws_db_instance', 'aws_rds_cluster'],
        path: ['iam_database_authentication_enabled'],
        appliesTo: (r) => iamAuthEngine(r.body.get('engine'), r.body.get('engine_version')) && (CLUSTERS.has(r.type) || !auroraInstance(r, undefined, 'engine')),
      },
    },
  }),
});
