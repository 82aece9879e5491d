// CL-AWS-080: an RDS DB instance or cluster that can be deleted without first turning deletion protection off.
import { type CheckContext, defineRule, type MapNode, type Resource } from '../../kit';

/** Aurora DB instances take deletion protection from their cluster: the setting does not apply to them. */
function isAuroraInstance(r: Resource, clusterKey: string | undefined, engineKey: string): boolean {
  if (clusterKey && !r.body.get(clusterKey).isAbsent) return true;
  return r.body.get(engineKey).some((e) => (e.str() ?? '').toLowerCase().startsWith('aurora'));
}

function check(kind: 'instance' | 'cluster', key: string, clusterKey: string | undefined, engineKey: string) {
  return (r: Resource, ctx: CheckContext) => {
    if (kind === 'instance' && isAuroraInstance(r, clusterKey, engineKey)) return;
    const what = kind === 'instance' ? 'RDS DB instance' : 'RDS DB cluster';
    const risk = r.format === 'cloudformation' ? 'a delete request, a stack deletion or a replacing update can remove it' : 'a delete request or a terraform destroy can remove it';
    const v = r.body.get(key);
    const bad = v.find((x) => x.isFalse() || x.isAbsent);
    if (!bad) return;
    if (bad.isFalse()) {
      const edits = ctx.edits.setValue(bad, true);
      ctx.report(bad, `${what} ${r.id} sets ${key} to false, so ${risk}.`, {
        fix: edits && { title: `Set ${key} to true`, edits },
      });
      return;
    }
    if (!v.isAbsent) {
      // Removed in one branch of Fn::If (AWS::NoValue): report at that branch, no fix.
      ctx.report(bad, `${what} ${r.id} leaves ${key} unset, so ${risk}.`);
      return;
    }
    const map = r.body.node?.kind === 'map' ? (r.body.node as MapNode) : undefined;
    const edits = map && ctx.edits.addPair(map, key, true);
    ctx.report(r.anchor, `${what} ${r.id} does not set ${key}, which defaults to false, so ${risk}.`, {
      fix: edits && edits.length > 0 ? { title: `Add ${key}: true`, edits } : undefined,
    });
  };
}

const cfnInstance = check('instance', 'DeletionProtection', 'DBClusterIdentifier', 'Engine');
const cfnCluster = check('cluster', 'DeletionProtection', undefined, 'Engine');
const tfInstance = check('instance', 'deletion_protection', undefined, 'engine');
const tfCluster = check('cluster', 'deletion_protection', undefined, 'engine');

export default defineRule({
  id: 'CL-AWS-080',
  slug: 'rds-deletion-protection-disabled',
  title: 'RDS database has deletion protection disabled',
  severity: 'medium',
  fixable: true,
  description:
    'Without deletion protection an RDS DB instance or cluster is deleted by a single DeleteDBInstance/DeleteDBCluster call, a stack update that replaces or removes it, or a terraform destroy. Deletion protection is off by default in CloudFormation, Terraform and the API.',
  remediation: 'Set DeletionProtection (deletion_protection) to true; turn it off deliberately before a planned deletion.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'AWS runs the database hosts and storage and performs the backups you schedule',
    customer: 'protecting the database from being deleted by a mistaken change is your setting',
  },
  frameworks: [],
  equivalents: {
    checkov: ['CKV_AWS_293', 'CKV_AWS_139'],
    kics: ['2c161e58-cb52-454f-abea-6470c37b5e6e'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-deletionprotection',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-deletionprotection',
  ],
  checks: {
    cloudformation: {
      types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
      run(r, ctx) {
        (r.type === 'AWS::RDS::DBCluster' ? cfnCluster : cfnInstance)(r, ctx);
      },
    },
    terraform: {
      types: ['aws_db_instance', 'aws_rds_cluster'],
      run(r, ctx) {
        (r.type === 'aws_rds_cluster' ? tfCluster : tfInstance)(r, ctx);
      },
    },
  },
});
