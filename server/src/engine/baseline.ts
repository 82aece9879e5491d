// Baselines: the findings a team accepts for now, recorded by fingerprint, so a scan reports only new ones.
//
// A fingerprint names a finding by its file (relative to a root: the baseline file's folder, or the SARIF report's
// %SRCROOT%), its rule, its resource (type and ID) and the path of the offending value within the resource
// (`Properties.PubliclyAccessible`, `spec.containers[name=web].securityContext`): not by line or offset, so it
// survives unrelated edits and line shifts; a finding in another file or on another value is a different finding.
// The format is documented in docs/baseline.md (JSON Schema: docs/schemas/baseline-v1.schema.json).
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from '../formats';
import type { Node, Span } from '../model/tree';
import type { Finding, LintResult } from './lint';
import { severityRank, type Severity } from './rule';

/** The version of the baseline file format this release writes and reads. */
export const BASELINE_VERSION = 1;
/** The key of the fingerprint in SARIF `partialFingerprints` (the same value as a baseline entry's `fingerprint`). */
export const FINGERPRINT_KEY = 'cloudline/v3';

/** A finding as a baseline records it. */
export interface BaselineEntry {
  /** The file, relative to the root (the baseline file's folder), with forward slashes. */
  readonly file: string;
  readonly rule: string;
  /** The resource's type and ID (CloudFormation logical ID, Terraform address, Kubernetes `Kind/namespace/name`). */
  readonly type: string;
  readonly resource: string;
  /** The path of the offending value in the resource (readable; `<name>` is the resource's name: a missing setting). */
  readonly path: string;
  /** SHA-256 (hex, 32 digits) of the above, with an occurrence number when one rule reports one value twice. */
  readonly fingerprint: string;
}

export interface Baseline {
  /** The file it was read from (absolute), and the folder its file names are relative to. */
  readonly file: string;
  readonly root: string;
  readonly entries: readonly BaselineEntry[];
}

/** A baseline file that cannot be used: the reason names what is wrong (never a silent "no baseline"). */
export class BaselineError extends Error {}

/** The folder a baseline's file names are relative to: the baseline file's own. */
export function baselineRoot(baselineFile: string): string {
  return resolve(baselineFile, '..');
}

/** A file URI or path as an absolute path. */
function absolutePath(uri: string): string {
  if (uri.startsWith('file://')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return resolve(uri);
}

/** A file's name relative to `root`, with forward slashes (`stack/db.yaml`; `../x.tf` when outside it). */
export function relativeName(uri: string, root: string): string {
  const abs = absolutePath(uri);
  const rel = isAbsolute(abs) ? relative(root, abs) : abs;
  return rel.split('\\').join('/');
}

const contains = (outer: { span: Span }, span: Span) => outer.span[0] <= span[0] && span[1] <= outer.span[1];
const same = (a: Span, b: Span) => a[0] === b[0] && a[1] === b[1];

/** A map key as a path segment: plain when it is a simple name, else quoted (`["a.b"]`). */
function keySegment(key: unknown, first: boolean): string {
  const k = String(key);
  return /^[A-Za-z_$@][\w$@/:-]*$/.test(k) ? (first ? k : `.${k}`) : `[${JSON.stringify(k)}]`;
}

/**
 * A sequence item as a path segment: by its `name` when it is a mapping with a string `name` (Kubernetes
 * containers, volumes, env vars: adding a container before it does not change it), else by its index.
 */
function itemSegment(item: Node, index: number): string {
  if (item.kind === 'map') {
    const name = item.pairs.find((p) => p.key.value === 'name');
    if (name && name.value.kind === 'scalar' && typeof name.value.value === 'string') return `[name=${JSON.stringify(name.value.value)}]`;
  }
  return `[${index}]`;
}

/**
 * The path from `root` to the node at `span`: map keys and sequence items, then `<key>` when the span is a key's
 * and `@start+length` (relative to the innermost node) when it is part of one.
 */
export function nodePath(root: Node, span: Span): string {
  let path = '';
  let node: Node | undefined = root;
  while (node && !same(node.span, span)) {
    let next: Node | undefined;
    if (node.kind === 'map') {
      const pair: (typeof node.pairs)[number] | undefined = node.pairs.find((p) => contains(p.key, span) || contains(p.value, span) || contains(p, span));
      if (pair) {
        path += keySegment(pair.key.value, path === '');
        if (contains(pair.key, span) && !contains(pair.value, span)) {
          path += same(pair.key.span, span) ? '.<key>' : `.<key>@${span[0] - pair.key.span[0]}+${span[1] - span[0]}`;
          break;
        }
        next = contains(pair.value, span) ? pair.value : undefined;
      }
    } else if (node.kind === 'seq') {
      const i = node.items.findIndex((item) => contains(item, span));
      if (i >= 0) {
        path += itemSegment(node.items[i], i);
        next = node.items[i];
      }
    }
    if (!next) {
      path += `@${span[0] - node.span[0]}+${span[1] - span[0]}`;
      break;
    }
    node = next;
  }
  return path;
}

/** The path of a finding's value in its resource (or in its document, `<doc N>/…`, when it lies outside it). */
export function findingPath(result: LintResult, finding: Finding, byKey?: ReadonlyMap<string, readonly Resource[]>): string {
  const span = finding.span;
  const candidates = byKey ? (byKey.get(`${finding.resource.type}\u0000${finding.resource.id}`) ?? []) : result.resources.filter((r) => r.id === finding.resource.id && r.type === finding.resource.type);
  const resource: Resource | undefined =
    candidates.find((r) => contains(r.node, span) || same(r.anchor.span, span) || same(r.typeNode.span, span)) ?? candidates[0];
  if (resource) {
    if (same(resource.anchor.span, span)) return '<name>';
    if (same(resource.typeNode.span, span)) return '<type>';
    if (contains(resource.node, span)) return nodePath(resource.node, span);
  }
  // A value the finding reports where it comes from (a parameter's default, a variable): its place in the document.
  for (const d of result.file.docs) {
    const root = d.doc.root;
    if (root && contains(root, span)) return `<doc ${d.doc.index}>/${nodePath(root, span)}`;
  }
  return '<file>';
}

export function fingerprintOf(file: string, rule: string, type: string, resource: string, path: string, occurrence: number): string {
  const key = ['cloudline-fingerprint-v3', file, rule, type, resource, path].join('\u0000') + (occurrence ? `\u0000${occurrence}` : '');
  return sha256Hex(key).slice(0, 32);
}

const K256 = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/**
 * SHA-256 of a string's UTF-8 bytes, in hex (FIPS 180-4). Written here, not taken from `node:crypto`: the CLI and
 * server bundles import no crypto module (test/robustness/safety.test.ts); a unit test checks it against Node's.
 */
export function sha256Hex(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const length = bytes.length;
  const blocks = Math.ceil((length + 9) / 64);
  const data = new Uint8Array(blocks * 64);
  data.set(bytes);
  data[length] = 0x80;
  const view = new DataView(data.buffer);
  view.setUint32(data.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(data.length - 4, (length * 8) >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(b * 64 + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, bb, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
}

/**
 * The fingerprint of every finding of `results` (kept and suppressed), with file names relative to `root`. Findings
 * equal in file, rule, resource and path are numbered in order (the kept ones first): each fingerprint is unique.
 */
export function fingerprintResults(results: readonly LintResult[], root: string): Map<Finding, BaselineEntry> {
  const out = new Map<Finding, BaselineEntry>();
  for (const result of results) {
    const file = relativeName(result.file.uri, root);
    const seen = new Map<string, number>();
    const byKey = new Map<string, Resource[]>();
    for (const r of result.resources) {
      const key = `${r.type}\u0000${r.id}`;
      const list = byKey.get(key);
      if (list) list.push(r);
      else byKey.set(key, [r]);
    }
    for (const finding of [...result.findings, ...result.suppressed.map((s) => s.finding)]) {
      const path = findingPath(result, finding, byKey);
      const key = [finding.rule.id, finding.resource.type, finding.resource.id, path].join('\u0000');
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      out.set(finding, { file, rule: finding.rule.id, type: finding.resource.type, resource: finding.resource.id, path, fingerprint: fingerprintOf(file, finding.rule.id, finding.resource.type, finding.resource.id, path, n) });
    }
  }
  return out;
}

const compareEntries = (a: BaselineEntry, b: BaselineEntry): number => {
  for (const k of ['file', 'rule', 'type', 'resource', 'path', 'fingerprint'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
};

/** The entries of a baseline for the findings of `results` at or above `threshold` (suppressed ones need none). */
export function baselineEntries(
  results: readonly LintResult[],
  root: string,
  threshold: Severity = 'info',
  /** The findings' fingerprints relative to `root`, when the scan computed them (a streamed scan's: engine/slim.ts). */
  prints: ReadonlyMap<Finding, BaselineEntry> = fingerprintResults(results, root),
): BaselineEntry[] {
  const min = severityRank(threshold);
  const entries: BaselineEntry[] = [];
  for (const r of results) for (const f of r.findings) if (severityRank(f.severity) >= min) entries.push(prints.get(f)!);
  return entries.sort(compareEntries);
}

/** The text of a baseline file: JSON, one finding a line, sorted by file, rule, resource and path (diff-friendly). */
export function baselineText(entries: readonly BaselineEntry[]): string {
  const sorted = [...entries].sort(compareEntries);
  const line = (e: BaselineEntry) =>
    `    {"file": ${JSON.stringify(e.file)}, "rule": ${JSON.stringify(e.rule)}, "type": ${JSON.stringify(e.type)}, "resource": ${JSON.stringify(e.resource)}, "path": ${JSON.stringify(e.path)}, "fingerprint": ${JSON.stringify(e.fingerprint)}}`;
  return (
    '{\n' +
    '  "tool": "cloudline",\n' +
    `  "version": ${BASELINE_VERSION},\n` +
    `  "fingerprint": ${JSON.stringify(FINGERPRINT_KEY)},\n` +
    (sorted.length ? `  "findings": [\n${sorted.map(line).join(',\n')}\n  ]\n` : '  "findings": []\n') +
    '}\n'
  );
}

const ENTRY_KEYS = ['file', 'rule', 'type', 'resource', 'path', 'fingerprint'] as const;

/** Parses a baseline file's text; a malformed one throws a BaselineError saying what is wrong and where. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`not valid JSON (${(e as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new BaselineError('not a Cloudline baseline (expected a JSON object with "tool": "cloudline")');
  const o = data as Record<string, unknown>;
  if (o.tool !== 'cloudline') throw new BaselineError('not a Cloudline baseline ("tool" is not "cloudline")');
  if (o.version !== BASELINE_VERSION) {
    throw new BaselineError(
      typeof o.version === 'number' && o.version > BASELINE_VERSION
        ? `baseline version ${o.version} is newer than this Cloudline reads (${BASELINE_VERSION}): update Cloudline`
        : `unsupported baseline version ${JSON.stringify(o.version)} (this Cloudline reads version ${BASELINE_VERSION})`,
    );
  }
  if (o.fingerprint !== FINGERPRINT_KEY) throw new BaselineError(`its fingerprints are ${JSON.stringify(o.fingerprint)}, not ${FINGERPRINT_KEY}: write it again with --write-baseline`);
  if (!Array.isArray(o.findings)) throw new BaselineError('"findings" must be a list');
  const entries: BaselineEntry[] = [];
  for (const [i, e] of o.findings.entries()) {
    if (!e || typeof e !== 'object' || Array.isArray(e)) throw new BaselineError(`findings[${i}] must be an object`);
    const entry = e as Record<string, unknown>;
    for (const k of ENTRY_KEYS) if (typeof entry[k] !== 'string') throw new BaselineError(`findings[${i}].${k} must be a string`);
    if (!/^[0-9a-f]{32}$/.test(entry.fingerprint as string)) throw new BaselineError(`findings[${i}].fingerprint must be 32 hexadecimal digits`);
    entries.push({ file: entry.file as string, rule: entry.rule as string, type: entry.type as string, resource: entry.resource as string, path: entry.path as string, fingerprint: entry.fingerprint as string });
  }
  const abs = resolve(file);
  return { file: abs, root: baselineRoot(abs), entries };
}

/** Reads and parses a baseline file; a missing, unreadable or malformed one throws a BaselineError with the reason. */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(code === 'ENOENT' ? 'no such file (write one with --write-baseline)' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message);
  }
  return parseBaseline(text, file);
}

/** How a scan compares with a baseline. */
export interface BaselineSummary {
  /** The baseline file, as named. */
  readonly file: string;
  /** Entries in the baseline. */
  readonly findings: number;
  /** Of those, still found now. */
  readonly unchanged: number;
  /** Of those, in a file this scan read, and not found any more: fixed (or their rule turned off). */
  readonly fixed: number;
  /** Of those, in files this scan did not read (other paths): neither found nor fixed. */
  readonly notScanned: number;
  /** Findings now (at or above the threshold) that the baseline does not hold. */
  readonly new: number;
}

export interface BaselineComparison {
  /** Each current finding's fingerprint entry (kept and suppressed findings), relative to the baseline's root. */
  readonly prints: ReadonlyMap<Finding, BaselineEntry>;
  /** The current findings the baseline holds. */
  readonly unchanged: Set<Finding>;
  readonly summary: BaselineSummary;
}

/** Compares the findings of `results` (at or above `threshold`) with `baseline`. */
export function compareWithBaseline(
  results: readonly LintResult[],
  baseline: Baseline,
  name: string,
  threshold: Severity = 'info',
  /** The findings' fingerprints relative to the baseline's folder, when the scan computed them (engine/slim.ts). */
  prints: ReadonlyMap<Finding, BaselineEntry> = fingerprintResults(results, baseline.root),
): BaselineComparison {
  const wanted = new Set(baseline.entries.map((e) => e.fingerprint));
  const found = new Set<string>();
  const unchanged = new Set<Finding>();
  const min = severityRank(threshold);
  let fresh = 0;
  for (const r of results) {
    for (const f of r.findings) {
      if (severityRank(f.severity) < min) continue;
      const fp = prints.get(f)!.fingerprint;
      if (wanted.has(fp)) {
        unchanged.add(f);
        found.add(fp);
      } else fresh++;
    }
  }
  const scanned = new Set(results.map((r) => relativeName(r.file.uri, baseline.root)));
  let fixed = 0;
  let notScanned = 0;
  const counted = new Set<string>();
  for (const e of baseline.entries) {
    if (found.has(e.fingerprint) || counted.has(e.fingerprint)) continue;
    counted.add(e.fingerprint);
    if (scanned.has(e.file)) fixed++;
    else notScanned++;
  }
  return {
    prints,
    unchanged,
    summary: { file: name, findings: baseline.entries.length, unchanged: unchanged.size, fixed, notScanned, new: fresh },
  };
}

/** The results without the findings the baseline holds (what `--baseline` reports, and what sets the exit status). */
export function withoutBaselined(results: readonly LintResult[], unchanged: ReadonlySet<Finding>): LintResult[] {
  if (unchanged.size === 0) return [...results];
  return results.map((r) => (r.findings.some((f) => unchanged.has(f)) ? { ...r, findings: r.findings.filter((f) => !unchanged.has(f)) } : r));
}

/** One sentence on a comparison, for the text report: "12 findings in the baseline x.json: 10 still there, 2 fixed now." */
export function baselineSentence(s: BaselineSummary): string {
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return (
    `${n(s.findings, 'finding')} in the baseline ${s.file}: ${s.unchanged} still there (not reported), ${s.fixed} fixed now` +
    (s.notScanned ? `, ${s.notScanned} in files not scanned` : '') +
    '.'
  );
}
