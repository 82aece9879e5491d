// CL-AWS-247: an ECS cluster whose ECS Exec configuration encrypts neither the session with a KMS key of yours nor
// (when it sends session logs to CloudWatch Logs or S3) requires the log destination to be encrypted.
import { blocks, cfnDoc, type CheckContext, defineRule, iso27001, isOneOf, isSet, keyNode, missingAt, nist, reachable, type Resource, tfDoc, type Val } from '../../kit';

const NAMES = {
  cloudformation: {
    config: 'Configuration',
    exec: 'ExecuteCommandConfiguration',
    kms: 'KmsKeyId',
    logging: 'Logging',
    logConfig: 'LogConfiguration',
    destinations: [
      { name: 'CloudWatchLogGroupName', flag: 'CloudWatchEncryptionEnabled', what: 'log group' },
      { name: 'S3BucketName', flag: 'S3EncryptionEnabled', what: 'bucket' },
    ],
  },
  terraform: {
    config: 'configuration',
    exec: 'execute_command_configuration',
    kms: 'kms_key_id',
    logging: 'logging',
    logConfig: 'log_configuration',
    destinations: [
      { name: 'cloud_watch_log_group_name', flag: 'cloud_watch_encryption_enabled', what: 'log group' },
      { name: 's3_bucket_name', flag: 's3_bucket_encryption_enabled', what: 'bucket' },
    ],
  },
} as const;

type Names = (typeof NAMES)[keyof typeof NAMES];

/** Every ECS Exec configuration block the cluster writes, with its parent (none under a Terraform `dynamic` block). */
function execConfigs(r: Resource, n: Names): { parent: Val; e: Val }[] {
  if (!r.body.get('dynamic').get(n.config).isAbsent) return [];
  return blocks(r.body, n.config).flatMap((c) => (c.get('dynamic').get(n.exec).isAbsent ? blocks(c, n.exec).map((e) => ({ parent: c, e })) : []));
}

function check(format: 'cloudformation' | 'terraform') {
  const n = NAMES[format];
  const path = `${n.config}.${n.exec}`;
  return (r: Resource, ctx: CheckContext): void => {
    for (const { parent, e } of execConfigs(r, n)) {
      // The session channel: Session Manager's TLS always, a KMS key of yours only when named.
      for (const kms of reachable(e.get(n.kms))) {
        if (kms.isUnknown || isSet(kms)) continue;
        ctx.report(
          missingAt(kms, keyNode(parent, n.exec) ?? r.anchor),
          `ECS cluster ${r.id} does not set ${path}.${n.kms}, so the data of its ECS Exec sessions (commands and their output) is not encrypted with a KMS key of yours between the client and the container.`,
        );
      }
      // Session logs: only OVERRIDE names the destinations, and with them whether they must be encrypted.
      if (!e.get(n.logging).each().some((l) => isOneOf(l, 'OVERRIDE'))) continue;
      for (const lc of blocks(e, n.logConfig)) {
        for (const d of n.destinations) {
          if (!isSet(lc.get(d.name))) continue;
          for (const flag of reachable(lc.get(d.flag))) {
            if (flag.isUnknown || flag.isTrue()) continue;
            if (flag.isAbsent) {
              ctx.report(
                missingAt(flag, keyNode(lc, d.name) ?? r.anchor),
                `ECS cluster ${r.id} sends ECS Exec session logs to the ${d.what} in ${path}.${n.logConfig}.${d.name} without setting ${d.flag}, which defaults to false, so ECS Exec does not require the ${d.what} to be encrypted.`,
              );
            } else if (flag.isFalse()) {
              ctx.report(
                flag,
                `ECS cluster ${r.id} sets ${path}.${n.logConfig}.${d.flag} to false, so ECS Exec does not require the ${d.what} its session logs go to to be encrypted.`,
              );
            }
          }
        }
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-247',
  slug: 'ecs-exec-not-encrypted',
  title: 'ECS cluster does not encrypt ECS Exec sessions or their logs with its own keys',
  severity: 'low',
  fixable: false,
  description:
    'ECS Exec sessions carry shell commands and their output, secrets included, between an operator and a production container. Without a KmsKeyId the session data is protected only by the Session Manager channel\'s TLS, and session logs sent to CloudWatch Logs or S3 without CloudWatchEncryptionEnabled or S3EncryptionEnabled are written whether or not the destination is encrypted.',
  remediation:
    'Set ExecuteCommandConfiguration KmsKeyId (kms_key_id) to a KMS key, and with Logging OVERRIDE set CloudWatchEncryptionEnabled (cloud_watch_encryption_enabled) or S3EncryptionEnabled (s3_bucket_encryption_enabled) to true for the destinations used, encrypting the log group and bucket with a KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'data-protection',
    provider: 'AWS runs Session Manager, encrypts its channel with TLS and, when asked, with your KMS key, and checks the log destination is encrypted when asked',
    customer: 'naming the key, encrypting the log group or bucket and requiring it are yours',
  },
  frameworks: [nist('SC-8', 'SC-28'), iso27001('A.8.24')],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
    cfnDoc('aws-properties-ecs-cluster-executecommandconfiguration', 'cfn-ecs-cluster-executecommandconfiguration-kmskeyid'),
    cfnDoc('aws-properties-ecs-cluster-executecommandlogconfiguration'),
    tfDoc('ecs_cluster', 'execute_command_configuration'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ECS::Cluster'], run: check('cloudformation') },
    terraform: { reads: 'resource', types: ['aws_ecs_cluster'], run: check('terraform') },
  },
});
