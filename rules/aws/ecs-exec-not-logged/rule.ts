// CL-AWS-246: an ECS cluster whose ECS Exec configuration turns the logging of exec sessions off.
import { AUDIT_LOGGING, blocks, cfnDoc, type CheckContext, defineRule, isOneOf, isSet, keyNode, type Resource, tfDoc, type Val } from '../../kit';

const NAMES = {
  cloudformation: {
    config: 'Configuration',
    exec: 'ExecuteCommandConfiguration',
    logging: 'Logging',
    logConfig: 'LogConfiguration',
    group: 'CloudWatchLogGroupName',
    bucket: 'S3BucketName',
  },
  terraform: {
    config: 'configuration',
    exec: 'execute_command_configuration',
    logging: 'logging',
    logConfig: 'log_configuration',
    group: 'cloud_watch_log_group_name',
    bucket: 's3_bucket_name',
  },
} as const;

/** Every ECS Exec configuration block the cluster writes (none under a Terraform `dynamic` block: unknown). */
function execConfigs(r: Resource, n: (typeof NAMES)[keyof typeof NAMES]): Val[] {
  if (!r.body.get('dynamic').get(n.config).isAbsent) return [];
  return blocks(r.body, n.config).flatMap((c) => (c.get('dynamic').get(n.exec).isAbsent ? blocks(c, n.exec) : []));
}

function check(format: 'cloudformation' | 'terraform') {
  const n = NAMES[format];
  const path = `${n.config}.${n.exec}`;
  return (r: Resource, ctx: CheckContext): void => {
    for (const e of execConfigs(r, n)) {
      for (const logging of e.get(n.logging).each()) {
        if (isOneOf(logging, 'NONE')) {
          ctx.report(logging, `ECS cluster ${r.id} sets ${path}.${n.logging} to ${logging.str()}, so the ECS Exec sessions opened in its containers (the commands run and their output) are not logged.`);
          continue;
        }
        if (!isOneOf(logging, 'OVERRIDE')) continue;
        // OVERRIDE sends the session output only where its log configuration says.
        for (const lc of blocks(e, n.logConfig)) {
          if (isSet(lc.get(n.group)) || isSet(lc.get(n.bucket))) continue;
          ctx.report(
            lc.when.length > logging.when.length ? lc : keyNode(e, n.logConfig) ?? logging,
            `ECS cluster ${r.id} sets ${path}.${n.logging} to OVERRIDE but its ${n.logConfig} names no ${n.group} or ${n.bucket}, so the ECS Exec sessions opened in its containers are not logged.`,
          );
        }
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-246',
  slug: 'ecs-exec-not-logged',
  title: 'ECS cluster does not log ECS Exec sessions',
  severity: 'low',
  fixable: false,
  description:
    'ECS Exec opens an interactive shell or runs a command in a running container through Session Manager. With the cluster\'s ECS Exec logging set to NONE, or OVERRIDE without a log group or bucket, what was run in production containers and what it printed leaves no record.',
  remediation:
    'Set ExecuteCommandConfiguration Logging (execute_command_configuration logging) to DEFAULT (the task definition\'s awslogs configuration) or to OVERRIDE with a LogConfiguration that names a CloudWatch Logs group or an S3 bucket.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the ECS control plane and Session Manager and writes ECS Exec session output where the cluster\'s configuration says',
    customer: 'choosing where ECS Exec sessions are logged, and reviewing them, is yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: { checkov: ['CKV_AWS_223'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
    cfnDoc('aws-properties-ecs-cluster-executecommandconfiguration', 'cfn-ecs-cluster-executecommandconfiguration-logging'),
    tfDoc('ecs_cluster', 'execute_command_configuration'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ECS::Cluster'], run: check('cloudformation') },
    terraform: { reads: 'resource', types: ['aws_ecs_cluster'], run: check('terraform') },
  },
});
