// Baseline fingerprints survive line shifts and unrelated edits, never absorb a finding in another file or on another
// value, and the baseline file is sorted, versioned, validated by its schema and refused with a reason when broken.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import {
  BaselineError,
  baselineEntries,
  baselineText,
  compareWithBaseline,
  fingerprintResults,
  parseBaseline,
  readBaseline,
  sha256Hex,
  withoutBaselined,
  type BaselineEntry,
} from '../../server/src/engine/baseline';
import type { LintResult } from '../../server/src/engine/lint';
import { parseConfig } from '../../server/src/engine/config';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintText } from '../helpers';

const root = join(__dirname, '..', '..');
const WS = '/ws';

/** The fingerprint entries of one file's findings of `rule` (all rules when omitted). */
function prints(name: string, text: string, rule?: string): BaselineEntry[] {
  const r = lintText(`${WS}/${name}`, text);
  const m = fingerprintResults([r], WS);
  return r.findings.filter((f) => !rule || f.rule.id === rule).map((f) => m.get(f)!);
}

const DB = (extra = '', props = '      PubliclyAccessible: true\n') => `${extra}Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n${props}`;
const BUCKET = '  Logs:\n    Type: AWS::S3::Bucket\n';

const POD = (containers: string[]) =>
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n' +
  containers.map((n) => `    - name: ${n}\n      image: nginx:1.25\n      securityContext:\n        privileged: ${n === 'sidecar' ? 'false' : 'true'}\n`).join('');

describe('baseline fingerprints', () => {
  it('hash with SHA-256 of the UTF-8 text (our own, checked against Node\'s at block boundaries and non-ASCII)', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(63), 'a'.repeat(64), 'x'.repeat(1000), 'Ünïcødé 🙂 \u0000 名前']) {
      assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'), JSON.stringify(text.slice(0, 20)));
    }
  });

  it('name the file, rule, resource and the path of the offending value (a missing setting: <name>)', () => {
    const [e] = prints('stack/db.yaml', DB(), 'CL-AWS-004');
    assert.deepEqual({ ...e, fingerprint: undefined }, { file: 'stack/db.yaml', rule: 'CL-AWS-004', type: 'AWS::RDS::DBInstance', resource: 'Db', path: 'Properties.PubliclyAccessible', fingerprint: undefined });
    assert.match(e.fingerprint, /^[0-9a-f]{32}$/);
    assert.equal(prints('stack/db.yaml', DB(), 'CL-AWS-055')[0].path, '<name>');
  });

  it('survive line shifts and unrelated edits: comments above, another resource before, other properties', () => {
    const before = prints('db.yaml', DB());
    for (const text of [
      DB('# owned by the data team\n\n\n'),
      DB('', '      # why\n      Engine: postgres\n      PubliclyAccessible: true\n'),
      `Resources:\n${BUCKET}  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n`,
    ]) {
      const after = prints('db.yaml', text);
      for (const e of before.filter((x) => ['CL-AWS-004', 'CL-AWS-055'].includes(x.rule))) {
        assert.ok(after.some((a) => a.fingerprint === e.fingerprint), `${e.rule} ${e.path} kept after:\n${text}`);
      }
    }
  });

  it('differ for the same finding in another file, or on another resource', () => {
    const a = prints('a.yaml', DB(), 'CL-AWS-004')[0];
    const b = prints('b.yaml', DB(), 'CL-AWS-004')[0];
    const c = prints('a.yaml', DB().replace('  Db:', '  Db2:'), 'CL-AWS-004')[0];
    assert.notEqual(a.fingerprint, b.fingerprint);
    assert.notEqual(a.fingerprint, c.fingerprint);
  });

  it('differ for two findings of one rule on one resource at different paths; list items by name survive reordering', () => {
    const two = prints('pod.yaml', POD(['web', 'api']), 'CL-K8S-001');
    assert.deepEqual(two.map((e) => e.path), ['spec.containers[name="web"].securityContext.privileged', 'spec.containers[name="api"].securityContext.privileged']);
    assert.notEqual(two[0].fingerprint, two[1].fingerprint);
    // A sidecar added before them (not privileged) moves every index: the fingerprints stay.
    const three = prints('pod.yaml', POD(['sidecar', 'api', 'web']), 'CL-K8S-001');
    assert.deepEqual(three.map((e) => e.fingerprint).sort(), two.map((e) => e.fingerprint).sort());
  });

  it('Terraform HCL: a value path in the block body, stable when blocks are added above', () => {
    const tf = 'resource "aws_db_instance" "d" {\n  publicly_accessible = true\n}\n';
    const [a] = prints('main.tf', tf, 'CL-AWS-004');
    assert.equal(a.path, 'publicly_accessible');
    const [b] = prints('main.tf', `resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n\n${tf}`, 'CL-AWS-004');
    assert.equal(a.fingerprint, b.fingerprint);
  });

  it('are unique per finding: a repeated key gets an occurrence number', () => {
    const r = lintText(`${WS}/pod.yaml`, POD(['web', 'web']));
    const all = [...fingerprintResults([r], WS).values()].map((e) => e.fingerprint);
    assert.equal(new Set(all).size, all.length);
  });
});

describe('baseline file', () => {
  const results = (files: Record<string, string>): LintResult[] => Object.entries(files).map(([n, t]) => lintText(`${WS}/${n}`, t));

  it('is sorted JSON, one finding a line, validated by docs/schemas/baseline.schema.json, and read back', () => {
    const text = baselineText(baselineEntries(results({ 'z.yaml': DB(), 'a/pod.yaml': POD(['web']) }), WS));
    const lines = text.split('\n').filter((l) => l.startsWith('    {'));
    assert.ok(lines.length > 5);
    const files = lines.map((l) => JSON.parse(l.replace(/,$/, '')).file as string);
    assert.deepEqual(files, [...files].sort());
    assert.equal(files[0], 'a/pod.yaml');
    const schema = JSON.parse(readFileSync(join(root, 'docs', 'schemas', 'baseline.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors));
    assert.equal(parseBaseline(text, `${WS}/baseline.json`).entries.length, lines.length);
    // Written twice from the same findings: the same bytes (no timestamps, no order from the walk).
    assert.equal(baselineText(baselineEntries(results({ 'a/pod.yaml': POD(['web']), 'z.yaml': DB() }), WS)), text);
  });

  it('keeps only findings at or above the threshold', () => {
    const all = baselineEntries(results({ 'db.yaml': DB() }), WS);
    const high = baselineEntries(results({ 'db.yaml': DB() }), WS, 'high');
    assert.ok(high.length > 0 && high.length < all.length);
  });

  it('compares: unchanged, fixed in scanned files, not scanned, new; the new are what is left', () => {
    const base = parseBaseline(baselineText(baselineEntries(results({ 'db.yaml': DB(), 'other.yaml': DB() }), WS, 'high')), `${WS}/b.json`);
    // db.yaml: PubliclyAccessible fixed, a second database added; other.yaml not scanned.
    const now = results({ 'db.yaml': DB('', '      PubliclyAccessible: false\n      StorageEncrypted: true\n') + '  Db2:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n' });
    const c = compareWithBaseline(now, base, 'b.json', 'high');
    assert.equal(c.summary.findings, 4);
    assert.equal(c.summary.notScanned, 2);
    assert.equal(c.summary.fixed, 2);
    assert.equal(c.summary.unchanged, 0);
    const left = withoutBaselined(now, c.unchanged)[0].findings.filter((f) => f.severity === 'high' || f.severity === 'critical');
    assert.equal(c.summary.new, left.length);
    assert.ok(left.every((f) => f.resource.id === 'Db2'));
    // The same files again: everything is unchanged, nothing new.
    const again = compareWithBaseline(results({ 'db.yaml': DB('# moved\n'), 'other.yaml': DB() }), base, 'b.json', 'high');
    assert.deepEqual({ ...again.summary }, { file: 'b.json', findings: 4, unchanged: 4, fixed: 0, notScanned: 0, new: 0 });
  });

  it('a missing or malformed baseline is an error with the reason, never "no baseline"', () => {
    const bad = (text: string, why: RegExp) => assert.throws(() => parseBaseline(text, 'b.json'), (e: Error) => e instanceof BaselineError && why.test(e.message));
    bad('{', /not valid JSON/);
    bad('[]', /not a Cloudline baseline/);
    bad('{"tool":"cloudline","version":2,"fingerprint":"cloudline/v3","findings":[]}', /version 2 is newer/);
    bad('{"tool":"cloudline","version":1,"fingerprint":"cloudline/v2","findings":[]}', /fingerprints are "cloudline\/v2"/);
    bad('{"tool":"cloudline","version":1,"fingerprint":"cloudline/v3","findings":{}}', /"findings" must be a list/);
    bad('{"tool":"cloudline","version":1,"fingerprint":"cloudline/v3","findings":[{"file":"a","rule":"r","type":"t","resource":"x","path":"p"}]}', /findings\[0\]\.fingerprint must be a string/);
    bad('{"tool":"cloudline","version":1,"fingerprint":"cloudline/v3","findings":[{"file":"a","rule":"r","type":"t","resource":"x","path":"p","fingerprint":"xyz"}]}', /32 hexadecimal/);
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-baseline-'));
    assert.throws(() => readBaseline(join(dir, 'none.json')), /no such file/);
    assert.throws(() => readBaseline(dir), /folder/);
    writeFileSync(join(dir, 'ok.json'), baselineText([]));
    assert.equal(readBaseline(join(dir, 'ok.json')).root, dir);
  });

  it('.cloudline.yaml baseline: a path kept with its span; anything else is a problem at the value', () => {
    const ok = parseConfig('rules: {}\nbaseline: ci/base.json\n', defaultCatalogue());
    assert.deepEqual([ok.options.baseline, ok.baselineSpan, ok.problems], ['ci/base.json', [20, 32], []]);
    const bad = parseConfig('baseline: [a]\n', defaultCatalogue());
    assert.equal(bad.options.baseline, undefined);
    assert.deepEqual(bad.problems.map((p) => p.span), [[10, 13]]);
    assert.match(bad.problems[0].message, /^baseline must be the path of a baseline file/);
  });
});
