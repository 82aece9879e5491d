// CL-AWS-023: a database master password written in the template (or as a parameter default) instead of a secret.
import { cfnDoc, cfnGuideDoc, type CheckContext, defineRule, get, NO_EMBEDDED_SECRETS, type Resource, str, tfDoc } from '../../kit';
import { planProvenance } from '../../lib/iam';

const LABEL: Record<string, string> = {
  'AWS::RDS::DBInstance': 'RDS DB instance',
  'AWS::RDS::DBCluster': 'RDS DB cluster',
  'AWS::DocDB::DBCluster': 'DocumentDB cluster',
  'AWS::Redshift::Cluster': 'Redshift cluster',
  'AWS::RedshiftServerless::Namespace': 'Redshift Serverless namespace',
  'AWS::DocDBElastic::Cluster': 'DocumentDB elastic cluster',
  aws_db_instance: 'RDS DB instance',
  aws_rds_cluster: 'RDS DB cluster',
  aws_docdb_cluster: 'DocumentDB cluster',
  aws_redshift_cluster: 'Redshift cluster',
  aws_redshiftserverless_namespace: 'Redshift Serverless namespace',
  aws_docdbelastic_cluster: 'DocumentDB elastic cluster',
};

/** The property holding the admin password, where it is not `MasterUserPassword` / `master_password`. */
const PASSWORD: Record<string, string> = {
  'AWS::RedshiftServerless::Namespace': 'AdminUserPassword',
  'AWS::DocDBElastic::Cluster': 'AdminUserPassword',
  aws_db_instance: 'password',
  aws_redshiftserverless_namespace: 'admin_user_password',
  aws_docdbelastic_cluster: 'admin_user_password',
};

/** True for a value that is the password itself, not a reference resolved at deploy time. */
function isLiteralPassword(s: string): boolean {
  return s !== '' && !s.includes('{{resolve:');
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  const key = PASSWORD[r.type] ?? 'MasterUserPassword';
  for (const v of r.body.get(key).each()) {
    const s = v.str();
    if (s === undefined || !isLiteralPassword(s)) continue;
    const param = str(get(v.at, 'Ref'));
    if (param && v.node && v.node !== v.at) {
      ctx.report(v, `${LABEL[r.type]} ${r.id} takes ${key} from the default value of parameter ${param}: a password written in the template, even with NoEcho.`, {
        related: [{ node: v.node, message: `the default value of ${param}` }],
      });
    } else {
      ctx.report(v, `${LABEL[r.type]} ${r.id} sets ${key} to a literal password, written in the template for anyone who can read it.`);
    }
  }
}

function terraform(r: Resource, ctx: CheckContext): void {
  const attr = PASSWORD[r.type] ?? 'master_password';
  const v = r.body.get(attr);
  const s = v.str();
  if (s === undefined || !isLiteralPassword(s)) return;
  // A plan shows the value of a variable too; only a constant in the configuration is written in the code.
  if (r.format === 'terraform-plan' && planProvenance(r, [attr]) !== 'constant') return;
  ctx.report(v, `${LABEL[r.type]} ${r.id} sets ${attr} to a literal password, written in the code for anyone who can read it.`);
}

export default defineRule({
  id: 'CL-AWS-023',
  slug: 'db-plaintext-master-password',
  title: 'Database master password is written in the template',
  severity: 'high',
  fixable: false,
  description:
    'A master password written as a literal (or as a parameter default) is readable by everyone with access to the template, its repository and its history, and is hard to rotate. Secrets Manager, an SSM SecureString or an RDS-managed password keep it out of the code.',
  remediation: 'Let RDS manage the password (ManageMasterUserPassword / manage_master_user_password), or use a dynamic reference {{resolve:secretsmanager:…}} or a sensitive Terraform variable.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'secrets',
    provider: 'AWS stores the master password you give it and can generate and rotate one in Secrets Manager when you let it',
    customer: 'where the password is written and who can read it is yours',
  },
  frameworks: NO_EMBEDDED_SECRETS,
  equivalents: { kics: ['39423ce4-9011-46cd-b6b1-009edcd9385d'], cfnLint: ['W2501'], cfnNag: ['F23', 'F34', 'F35', 'F70'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html',
    cfnGuideDoc('dynamic-references'),
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-manage-master-user-password'),
    tfDoc('db_instance', 'manage_master_user_password'),
    cfnDoc('aws-resource-redshiftserverless-namespace', 'cfn-redshiftserverless-namespace-manageadminpassword'),
    cfnDoc('aws-resource-docdbelastic-cluster', 'cfn-docdbelastic-cluster-adminuserpassword'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: Object.keys(LABEL).filter((t) => t.startsWith('AWS::')), run: cloudformation },
    terraform: { reads: 'resource', types: Object.keys(LABEL).filter((t) => !t.startsWith('AWS::')), run: terraform },
  },
});
