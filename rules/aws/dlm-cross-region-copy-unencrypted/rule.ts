// CL-AWS-222: Data Lifecycle Manager policies whose cross-Region snapshot and AMI copies are not encrypted (copy rules
// of snapshot and AMI policies, cross-Region copy actions of event-based policies).
import { AT_REST, blocks, cfnDoc, type CheckContext, defineRule, keyNode, type Node, requireTrue, type Resource, tfDoc, type Val } from '../../kit';

const CONSEQUENCE = 'so copies of unencrypted snapshots are stored unencrypted in the target Region unless EBS encryption by default is on there';

interface Names {
  readonly details: string;
  readonly schedules: string;
  readonly rules: string;
  readonly actions: string;
  readonly copies: string;
  readonly config: string;
  readonly encrypted: string;
  readonly targets: readonly string[];
}
const CFN: Names = {
  details: 'PolicyDetails',
  schedules: 'Schedules',
  rules: 'CrossRegionCopyRules',
  actions: 'Actions',
  copies: 'CrossRegionCopy',
  config: 'EncryptionConfiguration',
  encrypted: 'Encrypted',
  targets: ['TargetRegion', 'Target'],
};
const TF: Names = {
  details: 'policy_details',
  schedules: 'schedule',
  rules: 'cross_region_copy_rule',
  actions: 'action',
  copies: 'cross_region_copy',
  config: 'encryption_configuration',
  encrypted: 'encrypted',
  targets: ['target_region', 'target'],
};

/** The items of a CloudFormation list or the blocks of a Terraform block list, across `Fn::If` branches. */
const itemsOf = (parent: Val, key: string): Val[] => blocks(parent, key);

/** The copy's target Region (or Outpost), as messages name it, and where a missing setting is reported. */
function target(copy: Val, names: Names, fallback: Node): { label: string; at: Node } {
  for (const key of names.targets) {
    const t = copy.get(key);
    if (t.str()) return { label: ` to ${t.str()}`, at: t.at };
  }
  return { label: '', at: fallback };
}

function check(names: Names) {
  return (r: Resource, ctx: CheckContext) => {
    for (const details of blocks(r.body, names.details)) {
      // Snapshot and AMI policies: each cross-Region copy rule of each schedule.
      for (const schedule of itemsOf(details, names.schedules)) {
        for (const rule of itemsOf(schedule, names.rules)) {
          const t = target(rule, names, keyNode(schedule, names.rules) ?? r.anchor);
          const what = `The cross-Region copy rule${t.label} of lifecycle policy ${r.id}`;
          requireTrue(ctx, r, {
            parent: rule,
            key: names.encrypted,
            anchor: t.at,
            absentIsBad: true,
            whenFalse: `${what} sets ${names.encrypted} to false, ${CONSEQUENCE}.`,
            whenAbsent: `${what} does not set ${names.encrypted}, ${CONSEQUENCE}.`,
            setTitle: `Set ${names.encrypted} to true`,
            addTitle: `Add ${names.encrypted}: true`,
          });
        }
      }
      // Event-based policies: each cross-Region copy action, whose encryption settings are a block of their own.
      for (const action of itemsOf(details, names.actions)) {
        for (const copy of itemsOf(action, names.copies)) {
          const t = target(copy, names, keyNode(action, names.copies) ?? r.anchor);
          const what = `The cross-Region copy action${t.label} of lifecycle policy ${r.id}`;
          const configs = blocks(copy, names.config);
          if (configs.length === 0) {
            if (copy.get(names.config).isAbsent) ctx.report(t.at, `${what} has no ${names.config}, ${CONSEQUENCE}.`);
            continue;
          }
          for (const config of configs) {
            requireTrue(ctx, r, {
              parent: config,
              key: names.encrypted,
              anchor: keyNode(copy, names.config) ?? t.at,
              absentIsBad: true,
              whenFalse: `${what} sets ${names.config}.${names.encrypted} to false, ${CONSEQUENCE}.`,
              whenAbsent: `${what} does not set ${names.config}.${names.encrypted}, ${CONSEQUENCE}.`,
              setTitle: `Set ${names.encrypted} to true`,
              addTitle: `Add ${names.encrypted}: true`,
            });
          }
        }
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-222',
  slug: 'dlm-cross-region-copy-unencrypted',
  title: 'DLM lifecycle policy copies snapshots to another Region without encryption',
  severity: 'medium',
  fixable: true,
  description:
    'A Data Lifecycle Manager policy that copies snapshots or AMIs to another Region encrypts the copies of unencrypted snapshots only when its copy rule sets Encrypted. Without it, and without EBS encryption by default in the target Region, the copies, often the disaster-recovery copies of the data, are stored in plaintext.',
  remediation: 'Set Encrypted (encrypted) to true on each cross-Region copy rule, and EncryptionConfiguration.Encrypted (encryption_configuration.encrypted) on each cross-Region copy action of an event-based policy.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS copies the snapshots and AMIs the policy names, and keeps copies of encrypted snapshots encrypted',
    customer: 'asking for the copies of unencrypted snapshots to be encrypted is your setting',
  },
  frameworks: AT_REST,
  equivalents: { checkov: ['CKV_AWS_253', 'CKV_AWS_255'], cfnNag: ['W81'] },
  docs: [
    'https://docs.aws.amazon.com/dlm/latest/APIReference/API_CrossRegionCopyRule.html',
    cfnDoc('aws-properties-dlm-lifecyclepolicy-crossregioncopyrule', 'cfn-dlm-lifecyclepolicy-crossregioncopyrule-encrypted'),
    cfnDoc('aws-properties-dlm-lifecyclepolicy-encryptionconfiguration', 'cfn-dlm-lifecyclepolicy-encryptionconfiguration-encrypted'),
    tfDoc('dlm_lifecycle_policy', 'encrypted'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::DLM::LifecyclePolicy'], run: check(CFN) },
    terraform: { reads: 'resource', types: ['aws_dlm_lifecycle_policy'], run: check(TF) },
  },
});
