// CL-AWS-023: a database master password written in the template (or as a parameter default) instead of a secret.
import { cfnGuideDoc, type CheckContext, defineRule, get, NO_EMBEDDED_SECRETS, type Resource, str, tfDoc } from '../../kit';
import { planProvenance } from '../../lib/iam';

const LABEL: Record<string, string> = {
  'AWS::RDS::DBInstance': 'RDS DB instance',
  'AWS::RDS::DBCluster': 'RDS DB cluster',
  'AWS::DocDB::DBCluster': 'DocumentDB cluster',
  'AWS::Redshift::Cluster': 'Redshift cluster',
  aws_db_instance: 'RDS DB instance',
  aws_rds_cluster: 'RDS DB cluster',
  aws_docdb_cluster: 'DocumentDB cluster',
  aws_redshift_cluster: 'Redshift cluster',
};

/** True for a value that is the password itself, not a reference resolved at deploy time. */
function isLiteralPassword(s: string): boolean {
  return s !== '' && !s.includes('{{resolve:');
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  for (const v of r.body.get('MasterUserPassword').each()) {
    const s = v.str();
    if (s === undefined || !isLiteralPassword(s)) continue;
    const param = str(get(v.at, 'Ref'));
    if (param && v.node && v.node !== v.at) {
      ctx.report(v, `${LABEL[r.type]} ${r.id} takes MasterUserPassword from the default value of parameter ${param}: a password written in the template, even with NoEcho.`, {
        related: [{ node: v.node, message: `the default value of ${param}` }],
      });
    } else {
      ctx.report(v, `${LABEL[r.type]} ${r.id} sets MasterUserPassword to a literal password, written in the template for anyone who can read it.`);
    }
  }
}

function terraform(r: Resource, ctx: CheckContext): void {
  const attr = r.type === 'aws_db_instance' ? 'password' : 'master_password';
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
  equivalents: { kics: ['39423ce4-9011-46cd-b6b1-009edcd9385d'], cfnLint: ['W2501'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html',
    cfnGuideDoc('dynamic-references'),
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-manage-master-user-password'),
    tfDoc('db_instance', 'manage_master_user_password'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DocDB::DBCluster', 'AWS::Redshift::Cluster'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_redshift_cluster'], run: terraform },
  },
});
