// CL-AWS-249: Session Manager preferences (an SSM Session document) that do not encrypt session data with a KMS key.
import { cfnDoc, type CheckContext, defineRule, iso27001, keyNode, missingAt, nist, pci, reachable, type Resource, tfDoc } from '../../kit';
import { sessionInputs } from '../../lib/ssm';

const CONSEQUENCE = 'so session data between clients and managed nodes is encrypted only by the TLS of the Session Manager channel, not with a KMS key of yours';

function check(r: Resource, ctx: CheckContext): void {
  for (const { doc, inputs, contentKey } of sessionInputs(r)) {
    if (inputs.isAbsent) {
      ctx.report(missingAt(inputs, contentKey), `SSM document ${r.id} sets Session Manager preferences without inputs.kmsKeyId, ${CONSEQUENCE}.`);
      continue;
    }
    if (!inputs.isMap) continue;
    for (const kms of reachable(inputs.get('kmsKeyId'))) {
      if (kms.isUnknown) continue;
      if (kms.isAbsent) {
        ctx.report(missingAt(kms, keyNode(doc, 'inputs') ?? contentKey), `SSM document ${r.id} sets Session Manager preferences without inputs.kmsKeyId, ${CONSEQUENCE}.`);
      } else if (kms.str()?.trim() === '') {
        ctx.report(kms, `SSM document ${r.id} sets inputs.kmsKeyId of its Session Manager preferences to an empty string, ${CONSEQUENCE}.`);
      }
    }
  }
}

export default defineRule({
  id: 'CL-AWS-249',
  slug: 'ssm-session-not-kms-encrypted',
  title: 'Session Manager preferences do not encrypt sessions with a KMS key',
  severity: 'low',
  fixable: false,
  description:
    'Session Manager sessions carry shell commands and their output between an operator and a managed node. Without kmsKeyId in the Session Manager preferences (the Session document, SSM-SessionManagerRunShell for the account and Region), the session data is protected only by the channel\'s TLS, not also encrypted with a KMS key whose use you control and audit.',
  remediation: 'Set inputs.kmsKeyId in the Session document\'s content to a KMS key that the operators (kms:GenerateDataKey) and the instance profiles of the managed nodes (kms:Decrypt) may use.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS runs Session Manager, encrypts its channel with TLS and, when the preferences name one, with your KMS key',
    customer: 'naming the key in the preferences and granting its use to operators and nodes are yours',
  },
  frameworks: [nist('SC-8'), pci('4.2.1'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_112'], kics: ['ce60cc6b-6831-4bd7-84a2-cc7f8ee71433'] },
  docs: [
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-enable-encryption.html',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-schema.html',
    cfnDoc('aws-resource-ssm-document', 'cfn-ssm-document-content'),
    tfDoc('ssm_document', 'content'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::SSM::Document'], run: check },
    terraform: { reads: 'resource', types: ['aws_ssm_document'], run: check },
  },
});
