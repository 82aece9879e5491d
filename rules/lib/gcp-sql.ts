// Cloud SQL (`google_sql_database_instance`): the engine of an instance, whether it is a read replica, and its
// database flags (`settings.database_flags { name, value }` blocks).
import type { Resource, Val } from '../kit';

export const SQL_INSTANCE = 'google_sql_database_instance';

/** `POSTGRES`, `MYSQL` or `SQLSERVER` from `database_version` (`POSTGRES_15`), or undefined when unknown. */
export function engineOf(r: Resource): 'POSTGRES' | 'MYSQL' | 'SQLSERVER' | undefined {
  const v = r.body.get('database_version').str()?.toUpperCase();
  if (!v) return undefined;
  if (v.startsWith('POSTGRES')) return 'POSTGRES';
  if (v.startsWith('MYSQL')) return 'MYSQL';
  if (v.startsWith('SQLSERVER')) return 'SQLSERVER';
  return undefined;
}

/** True for a read replica (it names its primary): backups and some settings are the primary's. */
export function isReplica(r: Resource): boolean {
  return !r.body.get('master_instance_name').isAbsent;
}

/** The settings block (the first, as the provider allows one). */
export function settingsOf(r: Resource): Val {
  return r.body.get('settings').list()[0] ?? r.body.get('settings');
}

/** A database flag by name: its `value` (absent when the flag is not set); undefined when the flags are not all known. */
export function flag(r: Resource, name: string): { value: Val; block: Val } | null | undefined {
  const flags = settingsOf(r).get('database_flags');
  if (flags.isUnknown) return undefined;
  let unknown = false;
  for (const f of flags.list()) {
    const n = f.get('name');
    if (n.isUnknown) unknown = true;
    if (n.str() === name) return { value: f.get('value'), block: f };
  }
  return unknown ? undefined : null;
}
