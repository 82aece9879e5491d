// The backlog rows of the responsibility view: the standing findings in the backlog's risk order (server/src/report/
// backlog.ts), each with its rank, rule, resource, owner, quick-fix marker and why it is at that place. No `vscode`
// import: unit-tested as it is (test/unit/backlog-rows.test.ts).
import type { BacklogItem } from '../../server/src/protocol';

export interface BacklogRowText {
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
}

const OWNER: Record<BacklogItem['owner'], string> = { customer: 'yours', shared: 'shared', provider: 'provider' };

/** The text of one backlog row; `where` names the file (relative to the workspace) and 1-based line. */
export function backlogRowText(item: BacklogItem, where: string): BacklogRowText {
  const fix = item.fixable ? 'quick-fix' : 'no quick-fix';
  const baseline = item.baselined ? ' · in the baseline' : '';
  return {
    label: `${item.rank}. ${item.ruleId} ${item.resource}`,
    description: `${item.severity} · owner: ${OWNER[item.owner]} · ${fix}${baseline} — ${item.why}`,
    tooltip: `#${item.rank} ${item.ruleId} ${item.title}\n${item.resourceType} ${item.resource} at ${where}\n${item.why}\nFix owner: ${item.owner}; ${fix}${baseline}.`,
  };
}

/** The backlog node's description: how many findings, and how many of them the baseline holds. */
export function backlogSummary(items: readonly BacklogItem[]): string {
  const held = items.filter((i) => i.baselined).length;
  return `${items.length} finding${items.length === 1 ? '' : 's'} by risk${held ? ` (${held} in the baseline)` : ''}`;
}
