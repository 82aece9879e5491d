// DynamoDB knowledge shared by the table rules (CL-AWS-057, -082, -192): the replicas of a global table, each set up
// on its own and named by its region in messages.
import type { Resource, SettingItem, Val } from '../kit';

// The key lookups of kms.ts, for CL-AWS-057 (one lib import per rule).
export { KMS_KEY } from './kms';

/** A replica as a place of a setting check: named by its region, where a setting it lacks is reported. */
function replica(val: Val, region: Val, table: string): SettingItem {
  return { val, named: `The replica in ${region.str() ?? 'a region'} of ${table}`, anchor: region.isAbsent ? undefined : region };
}

/**
 * CloudFormation: each replica (`Replicas[]`) of an `AWS::DynamoDB::GlobalTable`, whose settings (point-in-time
 * recovery, deletion protection, the KMS key) are per replica; any other table type is its own one place.
 */
export function globalTableReplicas(r: Resource): SettingItem[] {
  if (r.type !== 'AWS::DynamoDB::GlobalTable') return [{ val: r.body }];
  return r.body
    .get('Replicas')
    .items()
    .flatMap((item) => item.each())
    .filter((v) => v.isMap)
    .map((v) => replica(v, v.get('Region'), `DynamoDB global table ${r.id}`));
}

/**
 * Terraform: each `replica` block of an `aws_dynamodb_table` (a global table of version 2019.11.21), which sets its
 * region's point-in-time recovery, deletion protection and KMS key apart from the table's own settings.
 */
export function tableReplicaBlocks(r: Resource): SettingItem[] {
  return r.body
    .get('replica')
    .list()
    .map((v) => replica(v, v.get('region_name'), `DynamoDB table ${r.id}`));
}
