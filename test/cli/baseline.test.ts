// `cloudline scan --write-baseline` / `--baseline` as a user runs them: only new findings reported, the counts said in
// text, JSON and SARIF, the exit status from new findings only, SARIF baselineState and fingerprints, clear errors.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from './formats';
import { makeWorkspace, runCli } from './run';

const root = join(__dirname, '..', '..');
const RULES = ['--rules', 'CL-AWS-004'];

function run(args: string[], cwd: string) {
  return runCli([...args, ...RULES], cwd);
}

const db = (name: string, value = 'true', above = '') => `${above}Resources:\n  ${name}:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: ${value}\n`;

const made: string[] = [];
function workspace(files: Record<string, string>): string {
  return makeWorkspace('baseline', files, made);
}

function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(root, '..', 'shared', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('cloudline scan --baseline', function () {
  this.timeout(60_000);
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('--write-baseline records the findings (sorted, relative to its folder) and exits 0; --baseline then reports none', () => {
    const dir = workspace({ 'stack/b.yaml': db('B'), 'stack/a.yaml': db('A') });
    let r = run(['scan', 'stack', '--write-baseline', 'ci/baseline.json'], dir);
    assert.equal(r.code, 2, 'a folder that does not exist cannot take the file');
    assert.match(r.stderr, /cannot write the baseline ci\/baseline\.json/);
    r = run(['scan', 'stack', '--write-baseline', '.cloudline-baseline.json'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No customer-side findings at or above info/);
    assert.match(r.stdout, /2 findings in the baseline \.cloudline-baseline\.json: 2 still there \(not reported\), 0 fixed now\. Baseline written to \.cloudline-baseline\.json\./);
    const base = JSON.parse(readFileSync(join(dir, '.cloudline-baseline.json'), 'utf8'));
    assert.deepEqual(
      base.findings.map((e: { file: string; resource: string; path: string }) => [e.file, e.resource, e.path]),
      [
        ['stack/a.yaml', 'A', 'Properties.PubliclyAccessible'],
        ['stack/b.yaml', 'B', 'Properties.PubliclyAccessible'],
      ],
    );
    r = run(['scan', 'stack', '--baseline', '.cloudline-baseline.json'], dir);
    assert.equal(r.code, 0, r.stdout);
  });

  it('reports only new findings, says how many are in the baseline and fixed, and exits 1 only for new ones', () => {
    const dir = workspace({ 'a.yaml': db('A'), 'b.yaml': db('B') });
    assert.equal(run(['scan', '.', '--write-baseline', 'base.json'], dir).code, 0);
    // Lines shift in a.yaml; b.yaml is fixed; c.yaml is new with the very finding a.yaml has.
    writeFileSync(join(dir, 'a.yaml'), db('A', 'true', '# a comment\n\n'));
    writeFileSync(join(dir, 'b.yaml'), db('B', 'false'));
    writeFileSync(join(dir, 'c.yaml'), db('A'));
    let r = run(['scan', '.', '--baseline', 'base.json'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /^ {2}a\.yaml/m);
    assert.match(r.stdout, /^ {2}c\.yaml:5:27 {2}high {2}CL-AWS-004 /m);
    assert.match(r.stdout, /^1 finding \(1 high\) in 3 IaC files/m);
    assert.match(r.stdout, /^2 findings in the baseline base\.json: 1 still there \(not reported\), 1 fixed now\.$/m);

    r = run(['scan', '.', '--baseline', 'base.json', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.findings.map((f: { file: string }) => f.file), ['c.yaml']);
    assert.equal(out.summary.findings, 1);
    assert.deepEqual(out.summary.baseline, { file: 'base.json', findings: 2, unchanged: 1, fixed: 1, notScanned: 0, new: 1 });

    // Only a.yaml scanned: b.yaml's entry is neither found nor fixed.
    r = run(['scan', 'a.yaml', '--baseline', 'base.json', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(JSON.parse(r.stdout).summary.baseline, { file: 'base.json', findings: 2, unchanged: 1, fixed: 0, notScanned: 1, new: 0 });
  });

  it('SARIF: baselineState new/unchanged, the baselined result suppressed externally, counts in the run, fingerprints equal to the baseline', () => {
    const dir = workspace({ 'a.yaml': db('A') });
    assert.equal(run(['scan', '.', '--write-baseline', 'base.json'], dir).code, 0);
    const base = JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8'));
    writeFileSync(join(dir, 'c.yaml'), db('C'));
    const r = run(['scan', '.', '--baseline', 'base.json', '--format', 'sarif'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(sarifValidator()(JSON.parse(r.stdout)), 'validates against SARIF 2.1.0');
    const sarif = JSON.parse(r.stdout);
    const results = sarif.runs[0].results;
    const byFile = (f: string) => results.find((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri === f);
    const a = byFile('a.yaml');
    const c = byFile('c.yaml');
    assert.equal(a.baselineState, 'unchanged');
    assert.deepEqual(a.suppressions, [{ kind: 'external', status: 'accepted', justification: 'In the baseline base.json.' }]);
    assert.equal(a.partialFingerprints['cloudline/v3'], base.findings[0].fingerprint);
    assert.equal(c.baselineState, 'new');
    assert.equal(c.suppressions, undefined);
    assert.deepEqual(sarif.runs[0].properties.baseline, { file: 'base.json', findings: 1, unchanged: 1, fixed: 0, notScanned: 0, new: 1 });
    // Without a baseline: no baselineState, the same fingerprints (the baseline is in the scan's folder).
    const plainText = run(['scan', '.', '--format', 'sarif'], dir).stdout;
    assert.ok(sarifValidator()(JSON.parse(plainText)), 'validates without a baseline');
    const plain = JSON.parse(plainText);
    assert.ok(plain.runs[0].results.every((x: { baselineState?: string }) => x.baselineState === undefined));
    assert.deepEqual(plain.runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['cloudline/v3']).sort(), [a, c].map((x) => x.partialFingerprints['cloudline/v3']).sort());
  });

  it('baseline: in .cloudline.yaml (relative to it) is used when --baseline is not given; a broken one exits 2', () => {
    const dir = workspace({ 'a.yaml': db('A') });
    assert.equal(run(['scan', '.', '--write-baseline', 'base.json'], dir).code, 0);
    writeFileSync(join(dir, 'b.yaml'), db('B'));
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'cloudline.yaml'), 'baseline: ../base.json\n');
    let r = run(['scan', '.', '--config', 'conf/cloudline.yaml', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file), ['b.yaml']);
    assert.equal(JSON.parse(r.stdout).summary.baseline.unchanged, 1);
    writeFileSync(join(dir, 'conf', 'cloudline.yaml'), 'baseline: base.json\n');
    r = run(['scan', '.', '--config', 'conf/cloudline.yaml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot use the baseline base\.json: no such file/);
  });

  it('a missing or malformed baseline: exit 2 naming the file and the reason, before any scan', () => {
    const dir = workspace({ 'a.yaml': db('A'), 'bad.json': '{"tool": "cloudline", "version": 7}', 'list.json': '[1]' });
    for (const [file, why] of [
      ['none.json', /cannot use the baseline none\.json: no such file/],
      ['bad.json', /cannot use the baseline bad\.json: baseline version 7 is newer/],
      ['list.json', /cannot use the baseline list\.json: not a Cloudline baseline/],
    ] as const) {
      const r = run(['scan', '.', '--baseline', file], dir);
      assert.equal(r.code, 2, file);
      assert.match(r.stderr, why);
      assert.equal(r.stdout, '');
    }
    const r = run(['inventory', '.', '--baseline', 'bad.json'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--baseline is an option of scan/);
  });
});
