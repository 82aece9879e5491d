// CL-AWS-213: an identity policy that allows, on every resource and with no Condition, actions that read stored data (objects, parameters, secrets).
import { defineRule, iso27001, nist, pci, soc2 } from '../../kit';
import { actionClassChecks, DATA_EXFILTRATION_ACTIONS, identityResponsibility } from '../../lib/iam-action-classes';

export default defineRule({
  id: 'CL-AWS-213',
  slug: 'iam-data-exfiltration-any-resource',
  title: 'IAM policy allows data-exfiltration actions on every resource',
  severity: 'medium',
  fixable: false,
  description:
    's3:GetObject, ssm:GetParameter* and secretsmanager:GetSecretValue return the data itself: object contents, parameter values, secret values. Allowed on Resource "*" with no Condition, they let the holder read every object, parameter and secret of the account that no resource policy denies, including those created later.',
  remediation: 'Allow these actions only on the buckets (or prefixes), parameter paths and secrets the principal reads, or narrow the statement with a Condition (for example on resource tags).',
  responsibility: identityResponsibility('which data each principal may read is yours to decide'),
  frameworks: [nist('AC-6'), iso27001('A.8.2'), soc2('CC6.3'), pci('7.2.2')],
  equivalents: { checkov: ['CKV_AWS_108', 'CKV_AWS_288'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html',
  ],
  checks: actionClassChecks({
    name: 'data exfiltration',
    actions: DATA_EXFILTRATION_ACTIONS,
    consequence: 'since these actions read the contents of every object, parameter or secret no resource policy denies',
  }),
});
