// Finding and reading candidate IaC files on disk: used by the scanner (engine/scan.ts) that the CLI and the editor's
// workspace scan share, and by the editor's re-lint of a scanned file.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { isOtherFormat } from './unchecked';

/** Folders never worth walking into. */
export const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn']);

const CANDIDATE = /\.(ya?ml|json|template|tf|tfvars)$/i;

/** True for a file name the walk picks up. */
export function isCandidate(name: string): boolean {
  return CANDIDATE.test(name);
}

/** An input the CLI could not use: it exits 2 and names the file. */
export class InputError extends Error {}

/** The file-system calls the walk and the reads make: the real ones by default, a stub in unit tests. */
export interface ScanFs {
  lstat(path: string): Stats;
  stat(path: string): Stats;
  realpath(path: string): string;
  readdir(path: string): string[];
  readFile(path: string): Buffer;
  /** The first `bytes` bytes of a file (fewer when it is shorter). */
  readHead(path: string, bytes: number): Buffer;
  /**
   * A file's content, in one open: what the scan does with each file (a stub may leave it out: the scan then makes
   * `stat`, `readFile` and `readHead` calls instead). See `readRegular`.
   */
  readRegular?(path: string, maxBytes: number, headBytes: number): Regular;
}

/**
 * What `ScanFs.readRegular` found: a FIFO, socket or device (`kind`, never read), or a regular file of `size` bytes
 * with its content (`data`: all of it, or only its first `headBytes` when it is over `maxBytes`).
 */
export type Regular = { readonly kind: string } | { readonly kind?: undefined; readonly size: number; readonly data: Buffer };

export const realFs: ScanFs = {
  lstat: (p) => lstatSync(p),
  stat: (p) => statSync(p),
  realpath: (p) => realpathSync.native(p),
  readdir: (p) => readdirSync(p),
  readFile: (p) => readFileSync(p),
  readHead: (p, bytes) => {
    const fd = openSync(p, 'r');
    try {
      const buf = Buffer.alloc(bytes);
      const n = readSync(fd, buf, 0, bytes, 0);
      return buf.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  },
  readRegular: (p, maxBytes, headBytes) => readRegular(p, maxBytes, headBytes),
};

/**
 * Opens `path` without blocking (O_NONBLOCK: opening a FIFO never waits for a writer), then asks the open file what it
 * is: a FIFO, socket or device is closed unread; a regular file is read whole, or only its first `headBytes` when it
 * is over `maxBytes`. One open and one fstat per file instead of a stat by path, then an open and an fstat (as
 * `readFileSync` makes); and what is read is what was checked, even if the entry was replaced since the walk.
 */
function readRegular(path: string, maxBytes: number, headBytes: number): Regular {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    const kind = specialKind(st);
    if (kind) return { kind };
    if (st.isDirectory()) {
      // As readFileSync says of a directory.
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR', errno: -21, syscall: 'read' });
    }
    const size = st.size;
    const want = size > maxBytes ? headBytes : size;
    // A file that says it is empty (procfs and the like) may still have content: read until the end, as readFileSync does.
    if (want === 0 && size === 0) return { size, data: readToEnd(fd) };
    const buf = Buffer.allocUnsafe(want);
    let n = 0;
    while (n < want) {
      const got = readSync(fd, buf, n, want - n, -1);
      if (got === 0) break;
      n += got;
    }
    return { size, data: n === want ? buf : buf.subarray(0, n) };
  } finally {
    closeSync(fd);
  }
}

function readToEnd(fd: number): Buffer {
  const parts: Buffer[] = [];
  for (;;) {
    const buf = Buffer.allocUnsafe(64 * 1024);
    const got = readSync(fd, buf, 0, buf.length, -1);
    if (got === 0) break;
    parts.push(buf.subarray(0, got));
  }
  return Buffer.concat(parts);
}

/**
 * Bytes → text, by byte-order mark: UTF-16 LE or BE with a BOM are decoded as such, anything else as UTF-8. The
 * text keeps a leading U+FEFF whatever the encoding (as a UTF-8 file with a BOM always has), so positions agree.
 */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return '\uFEFF' + buf.toString('utf16le', 2, buf.length - ((buf.length - 2) % 2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const body = Buffer.from(buf.subarray(2, buf.length - ((buf.length - 2) % 2)));
    return '\uFEFF' + body.swap16().toString('utf16le');
  }
  return buf.toString('utf8');
}

/** Reads a file as text, decoded by its byte-order mark. Throws what the file system throws. */
export function readText(path: string, fs: ScanFs = realFs): string {
  return decodeText(fs.readFile(path));
}

/** `readText` of a regular file only: a FIFO, socket or device is refused without being opened (opening a FIFO blocks). */
export function readTextFile(path: string, fs: ScanFs = realFs): string {
  const kind = specialKind(fs.stat(path));
  if (kind) throw Object.assign(new Error(`${path} is ${kind}, not a regular file`), { code: 'ENOTREG' });
  return readText(path, fs);
}

/** The reason an entry could not be used, for people: `EACCES: permission denied`. */
export function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file or directory',
    ELOOP: 'too many levels of symbolic links',
    EISDIR: 'is a directory',
    EIO: 'input/output error',
    ENAMETOOLONG: 'file name too long',
  };
  if (err?.code) return `${err.code}: ${known[err.code] ?? String(err.message ?? '').replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')}`;
  return String((e as Error)?.message ?? e);
}

/** What a stat says an entry is, when it is neither a regular file nor a directory. */
export function specialKind(st: Stats): string | undefined {
  if (st.isFile() || st.isDirectory()) return undefined;
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** A path that could not be read, with why. */
export interface Unread {
  readonly path: string;
  readonly reason: string;
}

export interface CollectOptions {
  /** Follow symbolic links that lead out of the roots (links inside them are always followed). */
  readonly followSymlinks?: boolean;
  readonly fs?: ScanFs;
}

export interface Collected {
  /** Candidate files, each real file once, named by the first path that reached it (real paths before links). */
  readonly files: string[];
  /** Entries met on the walk that could not be read or are not regular files. */
  readonly unread: Unread[];
  /** Regular files of a format Cloudline does not lint, known by name (`*.bicep`, `Dockerfile`, `terragrunt.hcl`): not read. */
  readonly others: string[];
}

/**
 * Every candidate file under `paths` (files given explicitly are taken whatever their name). The walk goes by real
 * path: each real directory and file is visited once, so symbolic-link loops end, and a link that leads out of the
 * roots is not followed unless `followSymlinks`. A named path that is missing or not a file or folder (a FIFO, a
 * socket, a device) throws an InputError; unreadable entries inside a folder are listed in `unread`, not thrown.
 */
export function collect(paths: readonly string[], options: CollectOptions = {}): Collected {
  const fs = options.fs ?? realFs;
  const files: string[] = [];
  const unread: Unread[] = [];
  const others: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const roots: string[] = [];
  const inRoots = (real: string) => roots.some((r) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep));
  const links: { path: string; name: string }[] = [];
  const addFile = (path: string, real: string) => {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
  };

  const walk = (dir: string, real: string) => {
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let names: string[];
    try {
      names = fs.readdir(dir).sort();
    } catch (e) {
      unread.push({ path: dir, reason: reasonOf(e) });
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      let st: Stats;
      try {
        st = fs.lstat(full);
      } catch (e) {
        if (isCandidate(name)) unread.push({ path: full, reason: reasonOf(e) });
        continue;
      }
      if (st.isSymbolicLink()) links.push({ path: full, name });
      else if (st.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(full, join(real, name));
      } else if (isCandidate(name)) {
        const kind = specialKind(st);
        if (kind) unread.push({ path: full, reason: `${kind}, not a regular file` });
        else addFile(full, join(real, name));
      } else if (st.isFile() && isOtherFormat(name)) others.push(full);
    }
  };

  /** Links come after the real tree, so files keep their real names; a link's target is visited once. */
  const followLinks = () => {
    for (let i = 0; i < links.length; i++) {
      const { path, name } = links[i];
      let real: string;
      let st: Stats;
      try {
        real = fs.realpath(path);
        st = fs.stat(real);
      } catch (e) {
        // A dangling link (or a loop the system refuses): said when its name is one Cloudline would read.
        if (isCandidate(name)) unread.push({ path, reason: `a symbolic link that cannot be followed (${reasonOf(e)})` });
        continue;
      }
      if (!inRoots(real) && !options.followSymlinks) {
        if (st.isDirectory() || isCandidate(name)) unread.push({ path, reason: 'a symbolic link out of the scanned folders, not followed' });
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(path, real);
      } else if (isCandidate(name)) {
        const kind = specialKind(st);
        if (kind) unread.push({ path, reason: `${kind}, not a regular file` });
        else addFile(path, real);
      } else if (st.isFile() && isOtherFormat(name) && !seenFiles.has(real)) {
        seenFiles.add(real);
        others.push(path);
      }
    }
  };

  const named: { path: string; real: string; dir: boolean }[] = [];
  for (const p of paths) {
    let st: Stats;
    let real: string;
    try {
      st = fs.stat(p);
      real = fs.realpath(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`cannot read ${p}: ${code === 'ENOENT' ? 'no such file or directory' : reasonOf(e)}`);
    }
    const kind = specialKind(st);
    if (kind) throw new InputError(`cannot read ${p}: it is ${kind}, not a file or folder; Cloudline reads regular files only`);
    named.push({ path: p, real, dir: st.isDirectory() });
    roots.push(st.isDirectory() ? real : resolve(real));
  }
  // A folder named twice (or inside another named one) is walked once, under the name of the first.
  for (const n of named) {
    if (n.dir) walk(n.path, n.real);
    else addFile(n.path, n.real);
  }
  followLinks();
  return { files, unread, others };
}

/** Every candidate file under `paths`, each once (see `collect`); unreadable entries inside folders are left out. */
export function collectFiles(paths: readonly string[], options: CollectOptions = {}): string[] {
  return collect(paths, options).files;
}
