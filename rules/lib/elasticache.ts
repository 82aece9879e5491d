// ElastiCache knowledge shared by the ElastiCache rules.
import type { Val } from '../kit';

/**
 * The engine of an ElastiCache replication group: its known lower-case name, `redis` when unset (the default of
 * CloudFormation and Terraform), or undefined when it is unknown or differs between `Fn::If` branches.
 */
export function cacheEngine(body: Val, key: string): string | undefined {
  const v = body.get(key);
  if (v.isAbsent) return 'redis';
  return v.str()?.toLowerCase();
}
