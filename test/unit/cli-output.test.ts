// The CLI's buffered report output (server/src/cli/output.ts): parts of text written as UTF-8 through a 64 KiB buffer,
// each flush whole UTF-8 (a character that would straddle the buffer's end goes whole into the next flush); and the
// SARIF results the report writes by hand (cli/report.ts), held to the text JSON.stringify writes.
import { strict as assert } from 'node:assert';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferedOutput, fdSink, OUTPUT_BUFFER_BYTES } from '../../server/src/cli/output';
import { main } from '../../server/src/cli/main';

/** Writes `parts` through a BufferedOutput and returns the flushes, copied (the buffer may be reused). */
function flushesOf(parts: readonly string[], keeps = false, size?: number): Buffer[] {
  const flushes: Buffer[] = [];
  const out = new BufferedOutput((bytes) => flushes.push(keeps ? bytes : Buffer.from(bytes)), keeps, size);
  for (const part of parts) out.write(part);
  out.flush();
  return flushes;
}

/** Each flush decodes alone to text without a replacement character, and they join to `expected`. */
function assertWhole(flushes: readonly Buffer[], expected: string, size = OUTPUT_BUFFER_BYTES) {
  for (const f of flushes) {
    assert.ok(f.length > 0, 'no empty flush');
    assert.ok(!f.toString('utf8').includes('\uFFFD'), 'a flush ends or starts inside a character');
    assert.ok(Buffer.from(f.toString('utf8'), 'utf8').equals(f), 'each flush is whole UTF-8 on its own');
  }
  assert.equal(flushes.map((f) => f.toString('utf8')).join(''), expected);
  assert.ok(Buffer.concat(flushes).equals(Buffer.from(expected, 'utf8')));
  for (const f of flushes.slice(0, -1)) assert.ok(f.length <= size || f.toString('utf8').length * 3 > size, 'a flush is at most the buffer, unless one part is larger');
}

describe('CLI report output buffer', () => {
  for (const [name, char] of [
    ['a 2-byte character (é)', '\u00e9'],
    ['a 3-byte character (€)', '\u20ac'],
    ['a 4-byte character (a surrogate pair, 😀)', '\ud83d\ude00'],
  ] as const) {
    it(`keeps ${name} whole when it would straddle the 64 KiB boundary`, () => {
      // The buffer holds 64 KiB - 1 bytes of ASCII: the character's first byte would be the buffer's last.
      const head = 'a'.repeat(OUTPUT_BUFFER_BYTES - 1);
      const parts = [head, char + ' and after', '\n'];
      const flushes = flushesOf(parts);
      assertWhole(flushes, parts.join(''));
      assert.deepEqual(
        flushes.map((f) => f.length),
        [OUTPUT_BUFFER_BYTES - 1, Buffer.byteLength(char) + ' and after\n'.length],
      );
      assert.equal(flushes[1].toString('utf8').slice(0, char.length), char);
    });

    it(`keeps ${name} whole at every offset around the boundary, in one part`, () => {
      for (let lead = OUTPUT_BUFFER_BYTES - 5; lead <= OUTPUT_BUFFER_BYTES; lead++) {
        // One part (`x` then ASCII after a first part): the characters fall across the boundary at each offset.
        const parts = ['b'.repeat(lead - 3), 'x' + char.repeat(4) + 'y'];
        assertWhole(flushesOf(parts), parts.join(''));
      }
    });
  }

  it('fills the buffer before flushing: a large report of small parts is written in 64 KiB flushes', () => {
    const parts = Array.from({ length: 5000 }, (_, i) => `    {\n      "ruleId": "CL-AWS-${i}",\n      "message": "S3 bucket b${i} — ü"\n    },\n`);
    const flushes = flushesOf(parts);
    assertWhole(flushes, parts.join(''));
    // Each flush but the last is within one part's size of full.
    for (const f of flushes.slice(0, -1)) assert.ok(f.length > OUTPUT_BUFFER_BYTES - 120, `flush of ${f.length} bytes`);
  });

  it('writes a part larger than the buffer on its own, after what was buffered', () => {
    const big = '€'.repeat(50_000); // 150,000 bytes
    const parts = ['start ', big, ' end'];
    const flushes = flushesOf(parts);
    assertWhole(flushes, parts.join(''));
    assert.deepEqual(flushes.map((f) => f.length), [6, 150_000, 4]);
  });

  it('hands a stream a buffer of its own for each flush (it may keep it until written)', () => {
    const parts = ['x'.repeat(40_000), 'y'.repeat(40_000), 'z'.repeat(40_000)];
    const flushes = flushesOf(parts, true);
    assert.equal(flushes.length, 3);
    assert.notEqual(flushes[0].buffer, flushes[1].buffer);
    assert.deepEqual(flushes.map((f) => f.toString('latin1')), parts);
  });

  it('writes nothing for no text, and a small buffer keeps characters whole too', () => {
    assert.deepEqual(flushesOf([]), []);
    assert.deepEqual(flushesOf(['', '']), []);
    const parts = ['ab', 'çd', '😀', 'e€', 'f'];
    assertWhole(flushesOf(parts, false, 4), parts.join(''), 4);
  });

  it('fdSink writes every byte to the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-output-'));
    try {
      const file = join(dir, 'report.json');
      const fd = openSync(file, 'w');
      const parts = Array.from({ length: 3000 }, (_, i) => `line ${i}: Grüße 😀\n`);
      const out = new BufferedOutput(fdSink(fd));
      for (const p of parts) out.write(p);
      out.flush();
      closeSync(fd);
      assert.equal(readFileSync(file, 'utf8'), parts.join(''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SARIF results written by hand', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudline-sarif-text-'));
    // A finding with a related location (the parameter's default), in-source suppressions (Cloudline's, with and
    // without a reason, and Checkov's), non-ASCII text in messages and reasons.
    writeFileSync(
      join(dir, 'template.yaml'),
      [
        'Parameters:',
        '  DbPassword:',
        '    Type: String',
        '    Default: "hunter2-Grüße"',
        'Resources:',
        '  # cloudline-ignore CL-AWS-004 -- reviewed: a test database "x", ü',
        '  Db:',
        '    Type: AWS::RDS::DBInstance',
        '    Properties:',
        '      MasterUserPassword: !Ref DbPassword',
        '      PubliclyAccessible: true',
        '  Db2:',
        '    Type: AWS::RDS::DBInstance',
        '    Properties:',
        '      #checkov:skip=CKV_AWS_17:intended',
        '      PubliclyAccessible: true',
        '',
      ].join('\n'),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const sarif = async (...args: string[]) => {
    let out = '';
    const code = await main(['scan', dir, '--format', 'sarif', ...args], (s) => (out += s), () => undefined);
    return { code, out };
  };

  it('are exactly what JSON.stringify(report, null, 2) writes, with related locations and suppressions', async () => {
    const { code, out } = await sarif();
    assert.equal(code, 1);
    const report = JSON.parse(out);
    assert.equal(out, JSON.stringify(report, null, 2) + '\n');
    const results = report.runs[0].results as { ruleId: string; relatedLocations: unknown[]; suppressions?: { kind: string; justification: string; properties?: { tool: string } }[] }[];
    assert.ok(results.some((r) => r.ruleId === 'CL-AWS-023' && r.relatedLocations.length === 1));
    assert.deepEqual(
      results.filter((r) => r.suppressions).map((r) => [r.ruleId, r.suppressions![0].kind, r.suppressions![0].properties?.tool, r.suppressions![0].justification]),
      [
        ['CL-AWS-004', 'inSource', 'cloudline', 'reviewed: a test database "x", ü'],
        ['CL-AWS-004', 'inSource', 'checkov', 'intended'],
      ],
    );
  });

  it('are exactly what JSON.stringify writes when compared with a baseline (baselineState, external suppressions)', async () => {
    const baseline = join(dir, '..', `${dir.split(/[\\/]/).pop()}-baseline.json`);
    try {
      const { out } = await sarif('--write-baseline', baseline, '--severity', 'high');
      const report = JSON.parse(out);
      assert.equal(out, JSON.stringify(report, null, 2) + '\n');
      const states = (report.runs[0].results as { baselineState: string; suppressions?: { kind: string }[] }[]).map((r) => `${r.baselineState} ${r.suppressions?.[0].kind ?? '-'}`);
      assert.ok(states.includes('unchanged external'), states.join(', '));
    } finally {
      rmSync(baseline, { force: true });
    }
  });
});
