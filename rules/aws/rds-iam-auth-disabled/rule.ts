// CL-AWS-180: an RDS database (MySQL, MariaDB, PostgreSQL, Aurora) or Neptune DB cluster without IAM database authentication.
import { cfnGuideDoc, checkSetting, defineRule, nist, type Resource, type SettingFormat, type SettingSpec, settingChecks, tfDoc } from '../../kit';
import { auroraInstance, iamAuthEngine } from '../../lib/logging';

const CLUSTERS = new Set(['AWS::RDS::DBCluster', 'aws_rds_cluster']);
const NEPTUNE = new Set(['AWS::Neptune::DBCluster', 'aws_neptune_cluster']);

/**
 * An `AWS::RDS::DBCluster` with `Engine: neptune`: the RDS CreateDBCluster API, which the resource calls, lists
 * `neptune` among its engines, and the cluster it creates is a Neptune cluster (same API, same
 * `EnableIAMDatabaseAuthentication`). `aws_rds_cluster` refuses that engine (the provider validates `engine`).
 */
const rdsNeptune = (r: Resource): boolean => r.type === 'AWS::RDS::DBCluster' && r.body.get('Engine').str()?.trim().toLowerCase() === 'neptune';
const neptune = (r: Resource): boolean => NEPTUNE.has(r.type) || rdsNeptune(r);

/** Once on, Neptune refuses unsigned requests (RDS keeps accepting passwords): its clients must sign first. */
const NEPTUNE_FIX_NOTE = 'unsigned requests are refused from then on';
const RDS_CFN: SettingFormat = {
  types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  path: ['EnableIAMDatabaseAuthentication'],
  fixNote: (r) => (rdsNeptune(r) ? NEPTUNE_FIX_NOTE : undefined),
  appliesTo: (r) =>
    rdsNeptune(r) ||
    (iamAuthEngine(r.body.get('Engine'), r.body.get('EngineVersion')) && (CLUSTERS.has(r.type) || !auroraInstance(r, 'DBClusterIdentifier', 'Engine'))),
};
/** Neptune has one engine, and IAM authentication is a cluster setting (its instances have none). */
const NEPTUNE_CFN: SettingFormat = { types: ['AWS::Neptune::DBCluster'], path: ['IamAuthEnabled'], fixNote: NEPTUNE_FIX_NOTE };

const IAM_AUTH: SettingSpec = {
  subject: (r) => (neptune(r) ? 'Neptune DB cluster' : CLUSTERS.has(r.type) ? 'RDS DB cluster' : 'RDS DB instance'),
  // Neptune has no database passwords: without IAM authentication it answers every client that reaches it.
  consequence: (r) =>
    neptune(r) ? 'so any client that can reach its endpoint can query it, without signing in' : 'so its users sign in only with database passwords, outside IAM',
  want: true,
  absentMeans: false,
  formats: {
    cloudformation: RDS_CFN,
    terraform: {
      types: ['aws_db_instance', 'aws_rds_cluster', 'aws_neptune_cluster'],
      path: ['iam_database_authentication_enabled'],
      fixNote: (r) => (NEPTUNE.has(r.type) ? NEPTUNE_FIX_NOTE : undefined),
      appliesTo: (r) =>
        NEPTUNE.has(r.type) || (iamAuthEngine(r.body.get('engine'), r.body.get('engine_version')) && (CLUSTERS.has(r.type) || !auroraInstance(r, undefined, 'engine'))),
    },
  },
};

export default defineRule({
  id: 'CL-AWS-180',
  slug: 'rds-iam-auth-disabled',
  title: 'RDS or Neptune database has IAM database authentication disabled',
  severity: 'medium',
  fixable: true,
  description:
    'With IAM database authentication, RDS database users sign in with short-lived tokens issued to IAM identities instead of long-lived passwords, and Neptune accepts only requests signed by IAM identities instead of any client that can reach it, so access is granted, revoked and logged in IAM and CloudTrail. It is off unless you turn it on.',
  remediation:
    'Set EnableIAMDatabaseAuthentication (iam_database_authentication_enabled) to true on RDS, IamAuthEnabled (iam_database_authentication_enabled) on Neptune, and grant rds-db:connect or neptune-db:* actions to the identities that need them.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the database engine and, once enabled, checks IAM authentication tokens or signed requests',
    customer: 'turning IAM authentication on and deciding which identities may connect (on RDS, as which database users) are yours',
  },
  frameworks: [nist('AC-2', 'IA-5')],
  equivalents: {
    checkov: ['CKV_AWS_161', 'CKV_AWS_162', 'CKV_AWS_128'],
    kics: ['9fcd0a0a-9b6f-4670-a215-d94e6bf3f184', '88fd05e0-ac0e-43d2-ba6d-fc0ba60ae1a6', 'a3aa0087-8228-4e7e-b202-dc9036972d02', 'c91d7ea0-d4d1-403b-8fe1-c9961ac082c5'],
    trivy: ['aws-rds-enable-iam-auth'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html',
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-enableiamdatabaseauthentication'),
    tfDoc('db_instance', 'iam_database_authentication_enabled'),
    'https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html',
    cfnGuideDoc('aws-resource-neptune-dbcluster', 'cfn-neptune-dbcluster-iamauthenabled'),
    tfDoc('neptune_cluster', 'iam_database_authentication_enabled'),
  ],
  checks: {
    ...settingChecks(IAM_AUTH),
    // Neptune names the CloudFormation property differently (IamAuthEnabled); Terraform uses one name for all three.
    cloudformation: {
      reads: 'scope',
      types: [...RDS_CFN.types, ...NEPTUNE_CFN.types],
      run: (r, ctx) => checkSetting(r, ctx, IAM_AUTH, NEPTUNE.has(r.type) ? NEPTUNE_CFN : RDS_CFN),
    },
  },
});
