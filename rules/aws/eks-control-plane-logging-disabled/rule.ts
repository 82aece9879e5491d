// CL-AWS-091: an EKS cluster whose control plane does not log audit and authenticator events.
import { addPath, AUDIT_LOGGING, cfnGuideDoc, type CheckContext, defineRule, pairOf, type Plain, type Resource, tfDoc, Val } from '../../kit';

/** The log types this rule requires: who did what through the API server, and who authenticated as whom. */
const REQUIRED = ['audit', 'authenticator'];
const CONSEQUENCE = 'so calls to the Kubernetes API and the IAM identities behind them are not recorded';

function list(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Checks one alternative of the enabled types; `typeOf` reads a log type from an item. */
function checkTypes(r: Resource, ctx: CheckContext, v: Val, key: string, typeOf: (item: Val) => Val, single: boolean) {
  if (v.isUnknown) return;
  if (v.isAbsent) {
    // The fix turns on the two required types where nothing is written (CloudWatch Logs charges for what they log).
    const cfn = r.format === 'cloudformation';
    const value: Plain = cfn ? REQUIRED.map((t) => ({ Type: t })) : REQUIRED;
    const edits = single ? addPath(ctx.edits, r, key.split('.'), value) : undefined;
    ctx.report(single ? r.anchor : v, `EKS cluster ${r.id} has no ${key}, ${CONSEQUENCE}.`, {
      fix: { title: `Add ${key} with ${list(REQUIRED)}`, edits },
    });
    return;
  }
  if (!v.isSeq) return;
  const types = v.items().map(typeOf);
  if (types.some((t) => t.isUnknown || t.str() === undefined)) return;
  const enabled = new Set(types.map((t) => t.str()!));
  const missing = REQUIRED.filter((t) => !enabled.has(t));
  if (missing.length === 0) return;
  const has = enabled.size === 0 ? 'enables no log types' : `enables ${list([...enabled])} but not ${list(missing)}`;
  // A YAML block list spans several lines: point at its key instead, keeping the branch's condition.
  const node = v.node;
  const key_ = node && node === v.at && node.kind === 'seq' && !node.flow ? pairOf(node)?.key : undefined;
  const at = key_ ? new Val([{ state: 'known', node: node!, at: key_, when: v.when }], r.resolver) : v;
  ctx.report(at, `EKS cluster ${r.id} ${has} in ${key}, ${CONSEQUENCE}.`);
}

function cloudformation(r: Resource, ctx: CheckContext) {
  const v = r.body.path('Logging', 'ClusterLogging', 'EnabledTypes');
  for (const alt of v.each()) checkTypes(r, ctx, alt, 'Logging.ClusterLogging.EnabledTypes', (i) => i.get('Type'), v.alts.length === 1 && alt.when.length === 0);
}

function terraform(r: Resource, ctx: CheckContext) {
  const v = r.body.get('enabled_cluster_log_types');
  checkTypes(r, ctx, v, 'enabled_cluster_log_types', (i) => i, true);
}

export default defineRule({
  id: 'CL-AWS-091',
  slug: 'eks-control-plane-logging-disabled',
  title: 'EKS control plane audit and authenticator logs are not enabled',
  severity: 'medium',
  fixable: true,
  description:
    'EKS sends no control plane logs unless you enable them. The audit log records every request to the Kubernetes API server (who, what, when); the authenticator log records which IAM identity authenticated as which Kubernetes user. Without them, a compromised credential or a malicious workload that calls the API leaves no trace.',
  remediation: 'Enable at least the audit and authenticator log types (Logging.ClusterLogging.EnabledTypes, enabled_cluster_log_types); add api, controllerManager and scheduler if you need them for troubleshooting.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the control plane and, once you enable the log types, delivers their logs to CloudWatch Logs',
    customer: 'enabling the log types, keeping the logs and watching them are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    kics: ['37304d3f-f852-40b8-ae3f-725e87a7cedf'],
    trivy: ['aws-eks-enable-control-plane-logging'],
  },
  docs: [
    'https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html',
    cfnGuideDoc('aws-properties-eks-cluster-logging'),
    tfDoc('eks_cluster', 'enabled_cluster_log_types'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EKS::Cluster'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_eks_cluster'], run: terraform },
  },
});
