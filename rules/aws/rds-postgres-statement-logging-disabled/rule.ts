// CL-AWS-281: RDS for PostgreSQL DB instances and Aurora PostgreSQL (or Multi-AZ PostgreSQL) DB clusters whose
// parameter group logs no SQL statements: neither log_statement (ddl, mod or all) nor log_min_duration_statement.
import { AUDIT_LOGGING, cfnGuideDoc, type CheckContext, defineRule, findById, get, type Resource, tfDoc, type Val } from '../../kit';

/** What a parameter group does for statement logging. */
type Logging = 'logs' | 'silent' | 'unknown';

/** log_statement values that log statements (`none`, the default, logs none). */
const LOGGED_CLASSES = new Set(['ddl', 'mod', 'all']);

/** One parameter's contribution: a value known in every alternative that logs, does not, or cannot be told. */
function parameterLogging(name: string, value: Val): Logging {
  const n = name.trim().toLowerCase();
  if (n !== 'log_statement' && n !== 'log_min_duration_statement') return 'silent';
  let logs = 0;
  const alts = value.each();
  for (const alt of alts) {
    if (alt.isUnknown) return 'unknown';
    if (alt.isAbsent) continue;
    const good = n === 'log_statement' ? LOGGED_CLASSES.has((alt.str() ?? '').trim().toLowerCase()) : (alt.num() ?? -1) >= 0;
    if (good) logs++;
  }
  // Logging under some conditions only is not judged.
  return logs === 0 ? 'silent' : logs === alts.length ? 'logs' : 'unknown';
}

/** Combines parameters: one that logs is enough; else any unknown one makes the group unknown. */
function combine(states: Iterable<Logging>): Logging {
  let unknown = false;
  for (const s of states) {
    if (s === 'logs') return 'logs';
    if (s === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'silent';
}

/** AWS::RDS::DBParameterGroup / DBClusterParameterGroup: `Parameters` is a map of names to values. */
function cfnGroupLogging(g: Resource): Logging {
  const params = g.body.get('Parameters');
  const states: Logging[] = [];
  for (const alt of params.each()) {
    if (alt.isUnknown) return 'unknown';
    if (alt.isAbsent) continue;
    if (!alt.isMap) return 'unknown';
    states.push(combine(alt.entries().map(([k, v]) => parameterLogging(String(k.value), v))));
  }
  // Alternatives of the whole map: every one must log.
  if (states.length === 0) return 'silent';
  if (states.every((s) => s === 'logs')) return 'logs';
  return states.some((s) => s !== 'silent') ? 'unknown' : 'silent';
}

/** aws_db_parameter_group / aws_rds_cluster_parameter_group: `parameter { name value }` blocks. */
function tfGroupLogging(g: Resource): Logging {
  if (get(get(g.node, 'dynamic'), 'parameter')) return 'unknown';
  const params = g.body.get('parameter');
  if (params.isUnknown) return 'unknown';
  return combine(
    params.list().map((p) => {
      const name = p.get('name');
      if (name.isUnknown) return 'unknown';
      return parameterLogging(name.str() ?? '', p.get('value'));
    }),
  );
}

interface Names {
  readonly format: 'cloudformation' | 'terraform';
  readonly engine: string;
  /** The instance's DB parameter group setting and the type of that group. */
  readonly instanceGroup: string;
  readonly instanceGroupTypes: readonly string[];
  /** The cluster's DB cluster parameter group setting and the type of that group. */
  readonly clusterGroup: string;
  readonly clusterGroupTypes: readonly string[];
  /** The instances of a cluster: their type and the setting that names the cluster. */
  readonly clusterInstanceTypes: readonly string[];
  readonly clusterOfInstance: string;
  /** The DB parameter group setting of a cluster's instance. */
  readonly clusterInstanceGroup: string;
  readonly groupLogging: (g: Resource) => Logging;
}

const CFN: Names = {
  format: 'cloudformation',
  engine: 'Engine',
  instanceGroup: 'DBParameterGroupName',
  instanceGroupTypes: ['AWS::RDS::DBParameterGroup'],
  clusterGroup: 'DBClusterParameterGroupName',
  clusterGroupTypes: ['AWS::RDS::DBClusterParameterGroup'],
  clusterInstanceTypes: ['AWS::RDS::DBInstance'],
  clusterOfInstance: 'DBClusterIdentifier',
  clusterInstanceGroup: 'DBParameterGroupName',
  groupLogging: cfnGroupLogging,
};

const TF: Names = {
  format: 'terraform',
  engine: 'engine',
  instanceGroup: 'parameter_group_name',
  instanceGroupTypes: ['aws_db_parameter_group'],
  clusterGroup: 'db_cluster_parameter_group_name',
  clusterGroupTypes: ['aws_rds_cluster_parameter_group'],
  clusterInstanceTypes: ['aws_rds_cluster_instance'],
  clusterOfInstance: 'cluster_identifier',
  clusterInstanceGroup: 'db_parameter_group_name',
  groupLogging: tfGroupLogging,
};

/** The parameter group a resource uses, as far as the file tells. */
type Used =
  | { readonly kind: 'default'; readonly at: Val | undefined; readonly name?: string }
  | { readonly kind: 'group'; readonly at: Val; readonly group: Resource }
  | { readonly kind: 'unknown' };

/**
 * The group named by `attr`: a group of the file it refers to; the default group when none is named (or a
 * `default.` name); unknown for another name (a group made elsewhere) or a value known only at deploy time.
 */
function usedGroup(r: Resource, ctx: CheckContext, attr: string, types: readonly string[]): Used {
  const v = r.body.get(attr);
  const ids = r.references(attr);
  if (ids.length > 0) {
    const group = findById(ctx, types, ids);
    return group ? { kind: 'group', at: v, group } : { kind: 'unknown' };
  }
  for (const alt of v.each()) {
    if (alt.isAbsent) return { kind: 'default', at: v.alts.length > 1 ? alt : undefined };
    const name = alt.str();
    if (name !== undefined && name.trim().toLowerCase().startsWith('default.')) return { kind: 'default', at: alt, name: name.trim() };
  }
  return { kind: 'unknown' };
}

/** Whether the group a resource uses logs statements; the default groups log none. */
function usedLogging(used: Used, n: Names): Logging {
  if (used.kind === 'unknown') return 'unknown';
  return used.kind === 'default' ? 'silent' : n.groupLogging(used.group);
}

const CONSEQUENCE = 'which sets neither log_statement (to ddl, mod or all) nor log_min_duration_statement (to 0 or more), so the SQL statements run on it are not logged';

function report(r: Resource, ctx: CheckContext, subject: string, attr: string, word: string, used: Used): void {
  if (used.kind === 'unknown') return;
  if (used.kind === 'group') {
    ctx.report(used.at, `${subject} uses the ${word} ${used.group.id}, ${CONSEQUENCE}.`);
  } else if (used.name !== undefined) {
    ctx.report(used.at!, `${subject} uses the default ${word} ${used.name}, ${CONSEQUENCE}.`);
  } else {
    ctx.report(used.at ?? r.anchor, `${subject} does not set ${attr}, so it uses the default ${word}, ${CONSEQUENCE}.`);
  }
}

function engineOf(r: Resource, n: Names): string | undefined {
  const engines = r.body.get(n.engine).each().map((e) => e.str()?.trim().toLowerCase());
  // An engine under a condition, or unknown, is not judged.
  return engines.length === 1 ? engines[0] : undefined;
}

function instanceCheck(n: Names) {
  return (r: Resource, ctx: CheckContext) => {
    if (engineOf(r, n) !== 'postgres') return;
    // An instance of a Multi-AZ DB cluster takes its parameters from the cluster.
    if (n.format === 'cloudformation' && !r.body.get(n.clusterOfInstance).isAbsent) return;
    const used = usedGroup(r, ctx, n.instanceGroup, n.instanceGroupTypes);
    if (usedLogging(used, n) !== 'silent') return;
    report(r, ctx, `RDS for PostgreSQL DB instance ${r.id}`, n.instanceGroup, 'DB parameter group', used);
  };
}

function clusterCheck(n: Names) {
  return (r: Resource, ctx: CheckContext) => {
    const engine = engineOf(r, n);
    if (engine !== 'aurora-postgresql' && engine !== 'postgres') return;
    const used = usedGroup(r, ctx, n.clusterGroup, n.clusterGroupTypes);
    if (usedLogging(used, n) !== 'silent') return;
    // An instance's DB parameter group overrides the cluster's: an instance of the file that logs (or may) is left be.
    for (const instance of ctx.referrers(r, n.clusterInstanceTypes, n.clusterOfInstance)) {
      if (instance.body.get(n.clusterInstanceGroup).isAbsent) continue;
      if (usedLogging(usedGroup(instance, ctx, n.clusterInstanceGroup, n.instanceGroupTypes), n) !== 'silent') return;
    }
    const subject = `${engine === 'aurora-postgresql' ? 'Aurora PostgreSQL' : 'Multi-AZ PostgreSQL'} DB cluster ${r.id}`;
    report(r, ctx, subject, n.clusterGroup, 'DB cluster parameter group', used);
  };
}

/** Instances and clusters of one format. */
function dispatch(n: Names) {
  const instance = instanceCheck(n);
  const cluster = clusterCheck(n);
  return (r: Resource, ctx: CheckContext) => (r.type === 'AWS::RDS::DBCluster' || r.type === 'aws_rds_cluster' ? cluster(r, ctx) : instance(r, ctx));
}

export default defineRule({
  id: 'CL-AWS-281',
  slug: 'rds-postgres-statement-logging-disabled',
  title: 'PostgreSQL database does not log SQL statements',
  severity: 'low',
  fixable: false,
  description:
    'RDS for PostgreSQL and Aurora PostgreSQL log no SQL statements unless the parameter group sets log_statement (ddl, mod or all) or log_min_duration_statement (0 or more): the default groups set neither, so schema changes, data changes and slow queries leave no trace in the PostgreSQL log.',
  remediation: 'Use a parameter group of your own that sets log_statement to ddl (or mod, or all) and/or log_min_duration_statement to a threshold in milliseconds, and export the postgresql log to CloudWatch Logs.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the database engine and writes the PostgreSQL log its parameters ask for',
    customer: 'choosing which statements the engine logs, in a parameter group of yours, is yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: { checkov: ['CKV2_AWS_27', 'CKV2_AWS_30'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Concepts.PostgreSQL.Query_Logging.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_LogAccess.Concepts.PostgreSQL.html',
    cfnGuideDoc('aws-resource-rds-dbparametergroup', 'cfn-rds-dbparametergroup-parameters'),
    tfDoc('db_parameter_group', 'parameter'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'], run: dispatch(CFN) },
    terraform: { reads: 'scope', types: ['aws_db_instance', 'aws_rds_cluster'], run: dispatch(TF) },
  },
});
