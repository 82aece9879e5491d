// CL-AWS-057: DynamoDB tables encrypted with an AWS owned or AWS managed key instead of a customer managed KMS key.
import { addUnder, blocks, cfnGuideDoc, type CheckContext, chooseFix, defineRule, findById, type FixOffer, iso27001, isSet, keyNode, missingAt, nist, type Node, type Plain, type Resource, samGlobal, type TextEdit, tfDoc, type Val } from '../../kit';
import { globalTableReplicas, KMS_KEY, tableReplicaBlocks } from '../../lib/dynamodb';

const TITLE = 'Encrypt with a customer managed KMS key (fill in its ARN)';

/** SSEEnabled false (or missing) in a block written in place: set it, and add the key when the block has none. */
function enableFix(ctx: CheckContext, b: Val, enabled: Val, names: { enabled: string; key: string }): FixOffer {
  const edits: TextEdit[] = [];
  const keyMissing = b.get(names.key).isAbsent;
  if (enabled.isAbsent) {
    const add = enabled.when.length === 0 ? addUnder(ctx.edits, b, [names.enabled], true) : undefined;
    // Both keys at once: two insertions at the same place would not be separated.
    const both = keyMissing && add && b.node?.kind === 'map' ? ctx.edits.addPairs(b.node, { [names.enabled]: true, [names.key]: KMS_KEY }) : add;
    return { title: TITLE, edits: both, snippet: true };
  }
  const set = ctx.edits.setValue(enabled, true);
  if (!set) return { title: TITLE, edits: undefined };
  edits.push(...set);
  if (keyMissing) {
    const key = addUnder(ctx.edits, b, [names.key], KMS_KEY);
    if (!key) return { title: TITLE, edits: undefined };
    edits.push(...key);
  }
  return { title: TITLE, edits, snippet: true };
}

/** The AWS managed key for DynamoDB, named by alias or alias ARN. */
function isAwsManagedAlias(v: Val): boolean {
  const s = v.str();
  return s !== undefined && /(^|:)alias\/aws\/dynamodb$/.test(s);
}

/**
 * A Terraform table with `replica` blocks (written or `dynamic`): once KMS is on, a replica without its own
 * `kms_key_arn` uses the AWS managed key of its region, so a fix that turns KMS on in the table alone would leave a
 * finding per replica. No quick-fix turns it on there; the key of each region is the user's to add.
 */
function hasReplicas(r: Resource): boolean {
  return r.format !== 'cloudformation' && (tableReplicaBlocks(r).length > 0 || !r.body.path('dynamic', 'replica').isAbsent);
}

function check(names: { sse: string; enabled: string; key: string }) {
  return (r: Resource, ctx: CheckContext) => {
    const table = `DynamoDB table ${r.id}`;
    const turnOn = !hasReplicas(r);
    const sse = r.body.get(names.sse);
    if (sse.isUnknown) return;
    const none = `${table} has no ${names.sse}, so it is encrypted with an AWS owned key that you cannot manage, audit or revoke, not a customer managed KMS key.`;
    for (const alt of sse.each()) {
      const block: Plain = names.sse === 'SSESpecification' ? { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: KMS_KEY } : { enabled: true, kms_key_arn: KMS_KEY };
      if (alt.isAbsent) ctx.report(missingAt(alt, r.anchor), none, { fix: turnOn ? chooseFix(ctx, r, alt, [names.sse], block, TITLE) : undefined });
      // An empty Terraform block list is no block.
      else if (alt.node?.kind === 'seq' && alt.node.items.length === 0) ctx.report(r.anchor, none, { fix: turnOn ? chooseFix(ctx, r, alt, [names.sse], block, TITLE) : undefined });
    }
    const enabledName = `${names.sse}.${names.enabled}`;
    const keyName = `${names.sse}.${names.key}`;
    for (const b of blocks(r.body, names.sse)) {
      for (const enabled of b.get(names.enabled).each()) {
        if (enabled.isFalse() || enabled.isAbsent) {
          const at = enabled.isAbsent ? missingAt(enabled, keyNode(r.body, names.sse) ?? r.anchor) : enabled;
          ctx.report(at, `${table} does not set ${enabledName} to true, so it is encrypted with an AWS owned key, not a customer managed KMS key.`, { fix: turnOn ? enableFix(ctx, b, enabled, names) : undefined });
        } else if (enabled.isTrue()) {
          const key = b.get(names.key);
          if (!isSet(key) && !key.isUnknown) {
            ctx.report(enabled, `${table} sets ${enabledName} to true without ${keyName}, so it is encrypted with the AWS managed key aws/dynamodb, not a customer managed KMS key.`, {
              fix: key.isAbsent && key.when.length === 0 ? chooseFix(ctx, r, key, [names.key], KMS_KEY, TITLE, b) : undefined,
            });
          } else {
            const alias = key.find(isAwsManagedAlias);
            if (alias) ctx.report(alias, `${table} sets ${keyName} to the AWS managed key aws/dynamodb, not a customer managed KMS key.`, { fix: chooseFix(ctx, r, alias, [names.key], KMS_KEY, TITLE) });
          }
        }
      }
    }
  };
}

const CFN_TABLE = check({ sse: 'SSESpecification', enabled: 'SSEEnabled', key: 'KMSMasterKeyId' });

/**
 * The key of one replica of a table known to be encrypted with KMS: a replica without its own key is encrypted with the
 * AWS managed key aws/dynamodb of its region. Reported at `at` (its region) when missing, at the value when it names
 * that key; never when unknown. No quick-fix: the key must be one of the replica's region.
 */
function replicaKey(ctx: CheckContext, name: string, at: Val | Node, key: Val, shown: string): void {
  if (key.isUnknown) return;
  if (key.isAbsent) {
    ctx.report(at, `${name} sets no ${shown}, so it is encrypted with the AWS managed key aws/dynamodb, not a customer managed KMS key.`);
    return;
  }
  const alias = key.find(isAwsManagedAlias);
  if (alias) ctx.report(alias, `${name} sets ${shown} to the AWS managed key aws/dynamodb, not a customer managed KMS key.`);
}

/**
 * A global table turns KMS encryption on for the table (SSESpecification.SSEEnabled, SSEType KMS) and names the key per
 * replica (Replicas[].SSESpecification.KMSMasterKeyId). No quick-fix: a key is needed in each replica's region.
 */
function globalTable(r: Resource, ctx: CheckContext): void {
  const table = `DynamoDB global table ${r.id}`;
  const sse = r.body.get('SSESpecification');
  if (sse.isUnknown) return;
  for (const alt of sse.each()) {
    if (alt.isAbsent) {
      ctx.report(missingAt(alt, r.anchor), `${table} has no SSESpecification, so it is encrypted with an AWS owned key that you cannot manage, audit or revoke, not a customer managed KMS key.`);
      continue;
    }
    const enabled = alt.get('SSEEnabled');
    const off = enabled.find((e) => e.isFalse() || e.isAbsent);
    if (off) {
      const at = off.isAbsent ? missingAt(off, keyNode(r.body, 'SSESpecification') ?? r.anchor) : off;
      ctx.report(at, `${table} does not set SSESpecification.SSEEnabled to true, so it is encrypted with an AWS owned key, not a customer managed KMS key.`);
      continue;
    }
    if (!enabled.isTrue()) continue;
    for (const replica of globalTableReplicas(r)) replicaKey(ctx, replica.named!, replica.anchor ?? r.anchor, replica.val.path('SSESpecification', 'KMSMasterKeyId'), 'SSESpecification.KMSMasterKeyId');
  }
}

/**
 * A table, or an AWS SAM SimpleTable (its SSESpecification is passed to the table it creates). A SimpleTable that does
 * not set SSESpecification while Globals.SimpleTable does gets the global one merged in: not judged here.
 */
function cloudformation(r: Resource, ctx: CheckContext): void {
  if (r.type === 'AWS::DynamoDB::GlobalTable') return globalTable(r, ctx);
  if (r.type === 'AWS::Serverless::SimpleTable' && r.body.get('SSESpecification').isAbsent && !samGlobal(r, 'SSESpecification').isAbsent) return;
  CFN_TABLE(r, ctx);
}

const TF_TABLE = check({ sse: 'server_side_encryption', enabled: 'enabled', key: 'kms_key_arn' });

/**
 * True when the table is known to be encrypted with KMS (server_side_encryption enabled): its replicas then use KMS
 * too, with their own kms_key_arn or the AWS managed key of their region. With it off (or absent) every replica uses an
 * AWS owned key, which the table's own finding reports.
 */
function kmsOn(table: Resource): boolean {
  const sse = blocks(table.body, 'server_side_encryption');
  return sse.length > 0 && sse.every((b) => {
    const enabled = b.get('enabled').each();
    return enabled.length > 0 && enabled.every((e) => e.isTrue());
  });
}

/**
 * A table and the `replica` blocks of a KMS-encrypted one (each names its key in its region with `kms_key_arn`), and a
 * replica managed on its own (`aws_dynamodb_table_replica`), judged once its global table (found by reference in
 * `global_table_arn`) is known to use KMS: the lookup reads the scope.
 */
function terraform(r: Resource, ctx: CheckContext): void {
  if (r.type === 'aws_dynamodb_table_replica') {
    const table = findById(ctx, ['aws_dynamodb_table'], r.references('global_table_arn'));
    if (table && kmsOn(table)) replicaKey(ctx, `DynamoDB table replica ${r.id}`, r.anchor, r.body.get('kms_key_arn'), 'kms_key_arn');
    return;
  }
  TF_TABLE(r, ctx);
  if (!kmsOn(r)) return;
  for (const replica of tableReplicaBlocks(r)) replicaKey(ctx, replica.named!, replica.anchor ?? r.anchor, replica.val.get('kms_key_arn'), 'kms_key_arn');
}

export default defineRule({
  id: 'CL-AWS-057',
  slug: 'dynamodb-no-cmk',
  title: 'DynamoDB table is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'DynamoDB always encrypts tables at rest, by default with an AWS owned key. This rule is about control of that key: with a customer managed KMS key you decide in the key policy who may use it, see every use in CloudTrail and can revoke access to the data by disabling the key.',
  remediation: 'Set SSESpecification with SSEEnabled true, SSEType KMS and KMSMasterKeyId (server_side_encryption with enabled = true and kms_key_arn) to a customer managed KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts every table at rest, with an AWS owned key unless you choose another',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_119'],
    kics: ['c8dee387-a2e6-4a73-a942-183c975549ac'],
    trivy: ['aws-dynamodb-table-customer-key'],
    cfnNag: ['W74'],
  },
  docs: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html',
    cfnGuideDoc('aws-properties-dynamodb-table-ssespecification'),
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-simpletable.html',
    cfnGuideDoc('aws-properties-dynamodb-globaltable-replicassespecification'),
    tfDoc('dynamodb_table', 'server_side_encryption'),
    tfDoc('dynamodb_table', 'replica'),
    tfDoc('dynamodb_table_replica', 'kms_key_arn'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable', 'AWS::DynamoDB::GlobalTable'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_dynamodb_table', 'aws_dynamodb_table_replica'], run: terraform },
  },
});
