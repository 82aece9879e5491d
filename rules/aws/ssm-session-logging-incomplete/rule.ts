// CL-AWS-250: Session Manager preferences (an SSM Session document) that send session logs nowhere, or send them to
// S3 or CloudWatch Logs without requiring the destination to be encrypted.
import {
  AUDIT_LOGGING,
  cfnDoc,
  type CheckContext,
  defineRule,
  isSet,
  keyNode,
  missingAt,
  nist,
  reachable,
  type Resource,
  tfDoc,
} from '../../kit';
import { sessionInputs } from '../../lib/ssm';

const DESTINATIONS = [
  { name: 's3BucketName', flag: 's3EncryptionEnabled', what: 'S3 bucket' },
  { name: 'cloudWatchLogGroupName', flag: 'cloudWatchEncryptionEnabled', what: 'CloudWatch Logs group' },
] as const;

const NOWHERE = 'so the commands run in sessions and their output are not kept';

function check(r: Resource, ctx: CheckContext): void {
  for (const { doc, inputs, contentKey } of sessionInputs(r)) {
    if (inputs.isAbsent || !inputs.isMap) {
      if (inputs.isAbsent) ctx.report(missingAt(inputs, contentKey), `SSM document ${r.id} sets Session Manager preferences without inputs, ${NOWHERE}.`);
      continue;
    }
    // A destination is used when its name is set (known or not); an empty name sends nothing.
    const used = DESTINATIONS.filter((d) => isSet(inputs.get(d.name)));
    if (used.length === 0) {
      ctx.report(
        keyNode(doc, 'inputs') ?? contentKey,
        `SSM document ${r.id} sets Session Manager preferences with neither inputs.s3BucketName nor inputs.cloudWatchLogGroupName, ${NOWHERE}.`,
      );
      continue;
    }
    for (const d of used) {
      for (const flag of reachable(inputs.get(d.flag))) {
        if (flag.isUnknown || flag.isTrue()) continue;
        if (flag.isAbsent) {
          ctx.report(
            missingAt(flag, keyNode(inputs, d.name) ?? contentKey),
            `SSM document ${r.id} sends session logs to the ${d.what} in inputs.${d.name} without setting inputs.${d.flag}, so Session Manager does not require the ${d.what} to be encrypted.`,
          );
        } else if (flag.isFalse()) {
          ctx.report(flag, `SSM document ${r.id} sets inputs.${d.flag} to false, so Session Manager does not require the ${d.what} its session logs go to to be encrypted.`);
        }
      }
    }
  }
}

export default defineRule({
  id: 'CL-AWS-250',
  slug: 'ssm-session-logging-incomplete',
  title: 'Session Manager preferences keep no session logs, or do not require them encrypted',
  severity: 'low',
  fixable: false,
  description:
    'Session Manager writes the commands and output of each session to S3 or CloudWatch Logs only when its preferences (the Session document, SSM-SessionManagerRunShell for the account and Region) name a bucket or log group. With s3EncryptionEnabled or cloudWatchEncryptionEnabled off, it writes them whether or not the destination is encrypted.',
  remediation:
    'In the Session document\'s content, set inputs.s3BucketName or inputs.cloudWatchLogGroupName, each with s3EncryptionEnabled or cloudWatchEncryptionEnabled true, and encrypt that bucket or log group with a KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs Session Manager and writes session logs to the bucket or log group the preferences name, checking its encryption when asked',
    customer: 'naming the destinations, encrypting them and requiring it, and reviewing the logs are yours',
  },
  frameworks: [...AUDIT_LOGGING, nist('SC-28')],
  equivalents: { checkov: ['CKV_AWS_113'] },
  docs: [
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-logging.html',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-schema.html',
    cfnDoc('aws-resource-ssm-document', 'cfn-ssm-document-content'),
    tfDoc('ssm_document', 'content'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::SSM::Document'], run: check },
    terraform: { reads: 'resource', types: ['aws_ssm_document'], run: check },
  },
});
