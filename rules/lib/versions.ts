// Version comparisons and dated support tables for rules about patching and end-of-support versions.
//
// Every table is a snapshot taken on AS_OF. A rule reports a version only when the table says its support ended
// on or before AS_OF: dates after AS_OF are projections that providers move (AWS moved the Lambda runtimes based on
// Amazon Linux 2 by a year in 2026), so they never raise a finding until the table is refreshed.
// To refresh: re-read the pages named above each table, update the rows and AS_OF, and re-run the parity test.
import type { Val } from '../kit';

/** The date every table below was last checked against the provider's pages (YYYY-MM-DD). */
export const AS_OF = '2026-11-29';

/** True when an ISO date (YYYY-MM-DD) is on or before AS_OF. */
export function passed(date: string | undefined): date is string {
  return date !== undefined && date <= AS_OF;
}

/**
 * The text of a known version value as written. A YAML or JSON number such as `1.30` is read from the source
 * text, so it is not turned into `1.3`. Undefined for unknown, absent or non-scalar values.
 */
export function versionText(v: Val): string | undefined {
  const node = v.node;
  if (!node || node.kind !== 'scalar') return undefined;
  if (typeof node.value === 'number') return node.doc.text.slice(node.span[0], node.span[1]).trim();
  return typeof node.value === 'string' ? node.value.trim() : undefined;
}

/** `1.29`, `v1.29.3`, `7.10` → [1, 29, 3]; undefined when it does not start with a dotted number. */
export function parseVersion(s: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(s.trim());
  return m ? m[1].split('.').map(Number) : undefined;
}

/** Compares two parsed versions part by part (missing parts count as 0). */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `major.minor` of a version string, e.g. `1.29.3` → `1.29`. */
export function majorMinor(s: string): string | undefined {
  const p = parseVersion(s);
  return p && p.length >= 2 ? `${p[0]}.${p[1]}` : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// AWS Lambda managed runtimes: identifier → deprecation date.
// Source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (supported and deprecated runtime tables).
// Only runtimes whose deprecation date is on or before AS_OF are reported. Runtimes on Amazon Linux 2 that AWS
// kept in support after Amazon Linux 2's own end of life (java8.al2, java11, java17, python3.11) are listed with
// their current projected dates and are not reported.
// ---------------------------------------------------------------------------------------------------------------
export const LAMBDA_RUNTIME_DEPRECATION: Readonly<Record<string, string>> = {
  // Deprecated on or before AS_OF.
  'dotnet8': '2026-11-10',
  'python3.10': '2026-10-31',
  'provided.al2': '2026-07-31',
  'nodejs20.x': '2026-04-30',
  'ruby3.2': '2026-03-31',
  'python3.9': '2025-12-15',
  'nodejs18.x': '2025-09-01',
  'dotnet6': '2024-12-20',
  'python3.8': '2024-10-14',
  'nodejs16.x': '2024-06-12',
  'dotnet7': '2024-05-14',
  'java8': '2024-01-08',
  'go1.x': '2024-01-08',
  'provided': '2024-01-08',
  'ruby2.7': '2023-12-07',
  'nodejs14.x': '2023-12-04',
  'python3.7': '2023-12-04',
  'dotnetcore3.1': '2023-04-03',
  'nodejs12.x': '2023-03-31',
  'python3.6': '2022-07-18',
  'dotnet5.0': '2022-05-10',
  'dotnetcore2.1': '2022-01-05',
  'nodejs10.x': '2021-07-30',
  'ruby2.5': '2021-07-30',
  'python2.7': '2021-07-15',
  'nodejs8.10': '2020-03-06',
  'nodejs4.3': '2020-03-05',
  'nodejs4.3-edge': '2020-03-05',
  'nodejs6.10': '2019-08-12',
  'dotnetcore1.0': '2019-06-27',
  'dotnetcore2.0': '2019-05-30',
  'nodejs': '2016-10-31',
  // Supported on AS_OF (projected dates, not reported).
  'java8.al2': '2027-06-30',
  'java11': '2027-06-30',
  'java17': '2027-06-30',
  'python3.11': '2027-06-30',
  'ruby3.3': '2027-03-31',
  'nodejs22.x': '2027-04-30',
  'python3.12': '2028-10-31',
  'ruby3.4': '2028-03-31',
  'nodejs24.x': '2028-04-30',
  'dotnet10': '2028-11-14',
  'python3.13': '2029-06-30',
  'python3.14': '2029-06-30',
  'java21': '2029-06-30',
  'java25': '2029-06-30',
  'java8.al2023': '2029-06-30',
  'java11.al2023': '2029-06-30',
  'java17.al2023': '2029-06-30',
  'provided.al2023': '2029-06-30',
};

/** The deprecation date of a Lambda runtime when it is deprecated as of AS_OF, else undefined. */
export function lambdaRuntimeDeprecated(runtime: string): string | undefined {
  const date = LAMBDA_RUNTIME_DEPRECATION[runtime.trim().toLowerCase()];
  return passed(date) ? date : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Amazon EKS Kubernetes release calendar: minor version → end of standard support, end of extended support.
// Source: https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (release calendar).
// Every version older than the oldest row (1.27) ended standard and extended support before that row's dates
// (for example 1.23: standard support ended 2023-10-11, extended support 2024-10-11, per the same page's FAQ).
// ---------------------------------------------------------------------------------------------------------------
export interface SupportWindow {
  readonly endOfStandardSupport: string;
  readonly endOfExtendedSupport?: string;
}

export const EKS_KUBERNETES_VERSIONS: Readonly<Record<string, SupportWindow>> = {
  '1.27': { endOfStandardSupport: '2024-07-24', endOfExtendedSupport: '2025-07-24' },
  '1.28': { endOfStandardSupport: '2024-11-26', endOfExtendedSupport: '2025-11-26' },
  '1.29': { endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23' },
  '1.30': { endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23' },
  '1.31': { endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' },
  '1.32': { endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  '1.33': { endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  '1.34': { endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
};

export interface EndOfSupport {
  /** The version as `major.minor`. */
  readonly version: string;
  /** The end of standard support, or undefined when only "before <date>" is known. */
  readonly endOfStandardSupport?: string;
  /** A date standard support ended before (versions older than the table). */
  readonly endedBefore?: string;
  readonly endOfExtendedSupport?: string;
  /** True when extended support has ended too, as of AS_OF. */
  readonly extendedEnded: boolean;
}

/**
 * Looks a version up in a support table. Returns the window when standard support ended on or before AS_OF;
 * versions older than every row count as ended before the oldest row's date. Unknown newer versions: undefined.
 */
export function endOfStandardSupport(table: Readonly<Record<string, SupportWindow>>, version: string): EndOfSupport | undefined {
  const mm = majorMinor(version);
  const parsed = parseVersion(version);
  if (!mm || !parsed) return undefined;
  const row = table[mm];
  if (row) {
    if (!passed(row.endOfStandardSupport)) return undefined;
    return { version: mm, ...row, extendedEnded: passed(row.endOfExtendedSupport) };
  }
  const rows = Object.entries(table)
    .map(([v, w]) => ({ v: parseVersion(v)!, w }))
    .sort((a, b) => compareVersions(a.v, b.v));
  const oldest = rows[0];
  if (!oldest || compareVersions(parsed.slice(0, 2), oldest.v) >= 0) return undefined;
  // Older than the oldest row: its support ended before that row's did, and so did its extended support.
  return { version: mm, endedBefore: oldest.w.endOfStandardSupport, extendedEnded: true };
}

// ---------------------------------------------------------------------------------------------------------------
// Amazon OpenSearch Service engine versions: `Elasticsearch_X.Y` / `OpenSearch_X.Y` → end of standard support.
// Source: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/what-is.html#choosing-version
// (standard and extended support). AWS ended standard support for Elasticsearch 1.5–7.8 except 6.8, and for
// OpenSearch 1.0–1.2 and 2.3–2.9, on 2025-11-07; later versions have no end date that has passed.
// ---------------------------------------------------------------------------------------------------------------
const OPENSEARCH_SERVICE_ENDED_2025_11_07: readonly string[] = [
  'Elasticsearch_1.5', 'Elasticsearch_2.3',
  'Elasticsearch_5.1', 'Elasticsearch_5.3', 'Elasticsearch_5.5', 'Elasticsearch_5.6',
  'Elasticsearch_6.0', 'Elasticsearch_6.2', 'Elasticsearch_6.3', 'Elasticsearch_6.4', 'Elasticsearch_6.5', 'Elasticsearch_6.7',
  'Elasticsearch_7.1', 'Elasticsearch_7.4', 'Elasticsearch_7.7', 'Elasticsearch_7.8',
  'OpenSearch_1.0', 'OpenSearch_1.1', 'OpenSearch_1.2',
  'OpenSearch_2.3', 'OpenSearch_2.5', 'OpenSearch_2.7', 'OpenSearch_2.9',
];

export const OPENSEARCH_SERVICE_END_OF_STANDARD_SUPPORT: Readonly<Record<string, string>> = Object.fromEntries(
  OPENSEARCH_SERVICE_ENDED_2025_11_07.map((v) => [v, '2025-11-07']),
);

/**
 * The end of standard support of an OpenSearch Service engine version (`OpenSearch_2.5`, `Elasticsearch_7.4`,
 * or a bare Elasticsearch version `7.4` as AWS::Elasticsearch::Domain writes it) when it passed by AS_OF.
 */
export function openSearchEngineEnded(engineVersion: string): { name: string; date: string } | undefined {
  const s = engineVersion.trim();
  const m = /^(Elasticsearch|OpenSearch)_(\d+\.\d+)$/i.exec(s);
  const name = m
    ? `${m[1].toLowerCase() === 'opensearch' ? 'OpenSearch' : 'Elasticsearch'}_${m[2]}`
    : /^\d+\.\d+$/.test(s)
      ? `Elasticsearch_${s}`
      : undefined;
  if (!name) return undefined;
  const date = OPENSEARCH_SERVICE_END_OF_STANDARD_SUPPORT[name];
  return passed(date) ? { name, date } : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Amazon MQ engine versions: minor version → end of support on Amazon MQ (the "version support calendar").
// Sources: https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/activemq-version-management.html and
// https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/rabbitmq-version-management.html. ActiveMQ 5.18 and
// 5.19 and RabbitMQ 3.13 and 4.2 have no end date. Versions older than the oldest row (ActiveMQ 5.14 and older,
// RabbitMQ 3.8) left the calendar before it. After the date Amazon MQ upgrades the brokers itself, within 45 days, in
// their maintenance windows, and creates no new broker on the version.
// ---------------------------------------------------------------------------------------------------------------
export const AMAZON_MQ_VERSIONS: Readonly<Record<'ActiveMQ' | 'RabbitMQ', Readonly<Record<string, SupportWindow>>>> = {
  ActiveMQ: {
    '5.15': { endOfStandardSupport: '2024-09-16' },
    '5.16': { endOfStandardSupport: '2024-11-15' },
    '5.17': { endOfStandardSupport: '2025-06-16' },
  },
  RabbitMQ: {
    '3.9': { endOfStandardSupport: '2024-09-16' },
    '3.10': { endOfStandardSupport: '2024-10-15' },
    '3.11': { endOfStandardSupport: '2025-02-17' },
    '3.12': { endOfStandardSupport: '2025-03-17' },
  },
};

/**
 * The end of Amazon MQ support of an engine version (`5.17.6`, or `5.17` as written for automatic minor upgrades:
 * judged by its minor version) when it passed by AS_OF. `engine` is the EngineType as written, in any case
 * (`ACTIVEMQ`, `ActiveMQ`, `RABBITMQ`, `RabbitMQ`); undefined for another engine or a supported version.
 */
export function amazonMqVersionEnded(engine: string, version: string): { engine: 'ActiveMQ' | 'RabbitMQ'; ended: EndOfSupport } | undefined {
  const e = engine.trim().toLowerCase();
  const name = e === 'activemq' ? 'ActiveMQ' : e === 'rabbitmq' ? 'RabbitMQ' : undefined;
  if (!name) return undefined;
  const ended = endOfStandardSupport(AMAZON_MQ_VERSIONS[name], version);
  return ended ? { engine: name, ended } : undefined;
}
