// The shared scanner over a stubbed file system: unreadable entries are listed and the rest is scanned, files over
// the size limit and special files are never read, the walk visits each real folder once.
import { strict as assert } from 'node:assert';
import type { Stats } from 'node:fs';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { InputError, realFs, type ScanFs } from '../../server/src/engine/files';
import { scan } from '../../server/src/engine/scan';

const PUBLIC_DB = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';

/** `error`: a file (or with `dir`, a folder) that exists but whose content cannot be read. */
type Entry = { file: string } | { dir: true } | { link: string } | { fifo: true } | { error: string; dir?: true } | { big: number };

/** A file system from a table of absolute paths; `reads` records every path whose content was read. */
function stubFs(entries: Record<string, Entry>) {
  const reads: string[] = [];
  const fail = (code: string, path: string) => Object.assign(new Error(`${code}: stubbed, open '${path}'`), { code });
  const stats = (e: Entry, link = false): Stats =>
    ({
      isFile: () => 'file' in e || 'big' in e || ('error' in e && !('dir' in e)),
      isDirectory: () => 'dir' in e,
      isSymbolicLink: () => link,
      isFIFO: () => 'fifo' in e,
      isSocket: () => false,
      isCharacterDevice: () => false,
      isBlockDevice: () => false,
      size: 'file' in e ? Buffer.byteLength(e.file) : 'big' in e ? e.big : 0,
    }) as unknown as Stats;
  /** The real path: every link on the way resolved. */
  const resolveLinks = (path: string): string => {
    const e = entries[path];
    if (e && 'link' in e) return resolveLinks(e.link);
    const slash = path.lastIndexOf('/');
    if (slash <= 0) return path;
    const parent = resolveLinks(path.slice(0, slash));
    return parent === path.slice(0, slash) ? path : resolveLinks(parent + path.slice(slash));
  };
  /** The entry at a path whose parent folders are resolved (the entry itself may be a link). */
  const get = (path: string): Entry => {
    const slash = path.lastIndexOf('/');
    const e = entries[slash > 0 ? resolveLinks(path.slice(0, slash)) + path.slice(slash) : path];
    if (!e) throw fail('ENOENT', path);
    return e;
  };
  const fs: ScanFs = {
    lstat: (p) => {
      const e = get(p);
      return 'link' in e ? stats({ file: '' }, true) : stats(e);
    },
    stat: (p) => stats(get(resolveLinks(p))),
    realpath: (p) => resolveLinks(p),
    readdir: (path) => {
      const p = resolveLinks(path);
      const e = get(p);
      if ('error' in e) throw fail(e.error, path);
      return Object.keys(entries)
        .filter((k) => k.startsWith(p + '/') && !k.slice(p.length + 1).includes('/'))
        .map((k) => k.slice(p.length + 1));
    },
    readFile: (p) => {
      reads.push(p);
      const e = get(resolveLinks(p));
      if ('error' in e) throw fail(e.error, p);
      if (!('file' in e)) throw new Error(`test: read of ${p}, which is not a small file`);
      return Buffer.from(e.file);
    },
    readHead: (p, bytes) => {
      reads.push(`head:${p}`);
      return Buffer.from('AWSTemplateFormatVersion: "2010-09-09"\n'.slice(0, bytes));
    },
  };
  return { fs, reads };
}

describe('scanner (engine/scan.ts)', () => {
  const catalogue = defaultCatalogue();
  const config = { rules: Object.fromEntries(catalogue.rules.filter((r) => r.id !== 'CL-AWS-004').map((r) => [r.id, 'off' as const])) };
  const name = (p: string) => p.replace('/w/', '');

  it('lists an unreadable file and an unreadable folder with their reasons, and scans the rest', async () => {
    const { fs } = stubFs({
      '/w': { dir: true },
      '/w/a.yaml': { file: PUBLIC_DB },
      '/w/locked': { error: 'EACCES', dir: true },
      '/w/secret.yaml': { error: 'EACCES' },
      '/w/z': { dir: true },
      '/w/z/b.yaml': { file: PUBLIC_DB },
    });
    const out = await scan(['/w'], catalogue, config, { fs, name });
    assert.equal(out.cancelled, false);
    assert.deepEqual(out.results.map((r) => [r.file.uri, r.findings.map((f) => f.rule.id)]), [['a.yaml', ['CL-AWS-004']], ['z/b.yaml', ['CL-AWS-004']]]);
    assert.deepEqual(out.unread, [
      { path: 'locked', reason: 'EACCES: permission denied' },
      { path: 'secret.yaml', reason: 'EACCES: permission denied' },
    ]);
    assert.equal(out.scanned, 2);
  });

  it('a named path that is missing or a FIFO throws an InputError; one that cannot be read does too', async () => {
    const { fs, reads } = stubFs({ '/w': { dir: true }, '/w/p.yaml': { fifo: true }, '/w/s.yaml': { error: 'EACCES' } });
    await assert.rejects(scan(['/w/missing.yaml'], catalogue, config, { fs }), (e) => e instanceof InputError && /no such file or directory/.test(e.message));
    await assert.rejects(scan(['/w/p.yaml'], catalogue, config, { fs }), (e) => e instanceof InputError && /named pipe \(FIFO\)/.test(e.message));
    await assert.rejects(scan(['/w/s.yaml'], catalogue, config, { fs }), (e) => e instanceof InputError && /EACCES: permission denied/.test(e.message));
    assert.deepEqual(reads, ['/w/s.yaml'], 'the FIFO is never opened');
  });

  it('never reads a FIFO inside a folder, nor more than the head of a file over maxFileSize', async () => {
    const { fs, reads } = stubFs({
      '/w': { dir: true },
      '/w/big.yaml': { big: 50 * 1024 * 1024 },
      '/w/pipe.yaml': { fifo: true },
      '/w/ok.yaml': { file: PUBLIC_DB },
    });
    const out = await scan(['/w'], catalogue, config, { fs, name, maxFileSize: 1024 * 1024 });
    assert.deepEqual(reads, ['head:/w/big.yaml', '/w/ok.yaml']);
    assert.deepEqual(out.unread, [{ path: 'pipe.yaml', reason: 'a named pipe (FIFO), not a regular file' }]);
    const big = out.results.find((r) => r.file.uri === 'big.yaml')!;
    assert.deepEqual(big.problems.map((p) => [p.limit, p.message]), [['maxFileSize', 'Cloudline did not lint this file: it is 50 MB, over the 1.0 MB limit (maxFileSize).']]);
  });

  it('walks each real folder once through link loops, names files by their real path first', async () => {
    const { fs, reads } = stubFs({
      '/w': { dir: true },
      '/w/a': { link: '/w/d' },
      '/w/d': { dir: true },
      '/w/d/db.yaml': { file: PUBLIC_DB },
      '/w/d/up': { link: '/w' },
      '/w/d/self': { link: '/w/d' },
      '/w/out': { link: '/elsewhere' },
      '/elsewhere': { dir: true },
      '/elsewhere/x.yaml': { file: PUBLIC_DB },
    });
    const out = await scan(['/w'], catalogue, config, { fs, name });
    assert.deepEqual(out.results.map((r) => r.file.uri), ['d/db.yaml']);
    assert.deepEqual(reads, ['/w/d/db.yaml']);
    const followed = await scan(['/w'], catalogue, config, { fs, name, followSymlinks: true });
    assert.deepEqual(followed.results.map((r) => r.file.uri), ['d/db.yaml', 'out/x.yaml']);
  });

  it('stops when cancelled, between files', async () => {
    const { fs, reads } = stubFs({ '/w': { dir: true }, '/w/a.yaml': { file: PUBLIC_DB }, '/w/b.yaml': { file: PUBLIC_DB } });
    let n = 0;
    const out = await scan(['/w'], catalogue, config, { fs, name, cooperative: true, progress: () => n++, cancelled: () => n >= 1 });
    assert.equal(out.cancelled, true);
    assert.deepEqual(reads, ['/w/a.yaml']);
  });

  it('reads a real file in one open: a FIFO is refused unread without blocking, a file over the limit only its head', async function () {
    if (process.platform === 'win32') this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-scan-'));
    try {
      writeFileSync(join(dir, 'db.yaml'), PUBLIC_DB);
      writeFileSync(join(dir, 'big.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\n' + '#'.repeat(5000) + '\n');
      writeFileSync(join(dir, 'empty.yaml'), '');
      execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
      // Opening a FIFO without O_NONBLOCK would wait here for a writer (the test would time out).
      assert.deepEqual(realFs.readRegular!(join(dir, 'pipe.yaml'), 1000, 10), { kind: 'a named pipe (FIFO)' });
      const small = realFs.readRegular!(join(dir, 'db.yaml'), 1000, 10);
      assert.ok(small.kind === undefined && small.size === PUBLIC_DB.length && small.data.toString() === PUBLIC_DB);
      const big = realFs.readRegular!(join(dir, 'big.yaml'), 1000, 10);
      assert.ok(big.kind === undefined && big.size === 5040 && big.data.toString() === 'AWSTemplat');
      const empty = realFs.readRegular!(join(dir, 'empty.yaml'), 1000, 10);
      assert.ok(empty.kind === undefined && empty.size === 0 && empty.data.length === 0);
      assert.throws(() => realFs.readRegular!(join(dir, 'missing.yaml'), 1000, 10), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
      // The scan over the real folder: the FIFO listed by the walk, the big file's head told apart as a template.
      const out = await scan([dir], catalogue, config, { name: (p) => p.slice(dir.length + 1), maxFileSize: 1000 });
      assert.deepEqual(out.unread, [{ path: 'pipe.yaml', reason: 'a named pipe (FIFO), not a regular file' }]);
      assert.deepEqual(out.results.map((r) => [r.file.uri, r.findings.map((f) => f.rule.id), r.problems.map((p) => p.limit)]), [
        ['big.yaml', [], ['maxFileSize']],
        ['db.yaml', ['CL-AWS-004'], []],
      ]);
      assert.equal(out.scanned, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names files relative to the current directory, with "/", by default', async () => {
    const { fs } = stubFs({ '/w': { dir: true }, '/w/a.yaml': { file: PUBLIC_DB }, '/w/z': { dir: true }, '/w/z/b.yaml': { file: PUBLIC_DB } });
    const cwd = process.cwd();
    const out = await scan(['/w'], catalogue, config, { fs });
    const expected = ['/w/a.yaml', '/w/z/b.yaml'].map((p) => relative(cwd, p).split(sep).join('/'));
    assert.deepEqual(out.results.map((r) => r.file.uri), expected);
  });
});
