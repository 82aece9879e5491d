// The `cloudline` command: scan paths (text, JSON or SARIF), list their resources' responsibility inventory (Markdown,
// JSON or CSV) or list the rule catalogue. Exit 0 clean, 1 findings, 2 bad input.
import { setFlagsFromString } from 'node:v8';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, formatProblem, parseConfig, type Options } from '../engine/config';
import { defaultCatalogue } from '../engine/default-catalogue';
import { SEVERITIES, type Severity } from '../engine/rule';
import { escapeText, jsonReportParts, problemsOf, sarifReportParts, textReportParts, TOOL_VERSION, visible } from './report';
import { rulesReport } from './rules';
import { BufferedOutput, fdSink } from './output';
import { InputError, scan } from './scan';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { autoJobs, isScanWorkerData, runWorker, type ScanWorkerData } from './scan-worker';
import { relativeNames, scanPart } from '../engine/scan';
import { answerOf, type WireAnswer } from '../engine/wire';
import { notCheckedLine } from '../engine/unchecked';
import type { LintResult } from '../engine/lint';
import type { Catalogue } from '../engine/catalogue';
import type { NotChecked } from '../engine/unchecked';
import { buildInventory } from '../report/inventory';
import { baselineEntries, BaselineError, baselineRoot, baselineSentence, baselineText, compareWithBaseline, parseBaseline, readBaseline, withoutBaselined, type Baseline, type BaselineComparison } from '../engine/baseline';
import { inventoryCsv, inventoryJson, inventoryMarkdown } from './inventory';
import { FRAMEWORKS } from '../../../rules/frameworks';
import { buildReport, frameworkByName } from '../report/report';
import { reportJson, reportMarkdown } from './report-md';
import { reportHtml } from './report-html';
import { runFix } from './fix';
import { gitlabSastReport } from './report-gitlab';
import { CUSTOM_RULES_DIR, formatCustomProblems, loadCustomRules, type CustomRuleFile } from '../engine/custom-rules';

/**
 * True when the scan linted at least one IaC file: a file with resources, syntax errors or a Terraform variables
 * file. A Helm template or a Kustomize patch alone (a notice, nothing linted) does not count.
 */
function readIac(results: readonly LintResult[]): boolean {
  return results.some((r) => r.resources.length > 0 || r.problems.length > 0 || r.notices.length === 0);
}

const USAGE = `Usage:
  cloudline scan [paths...] [--format text|json|sarif|gitlab-sast] [--severity info|low|medium|high|critical] [--output FILE] [--config FILE] [--rules ID,...] [--follow-symlinks] [--allow-empty] [--no-other-tools-suppressions]
                 [--baseline FILE] [--write-baseline FILE] [--jobs N]
  cloudline inventory [paths...] [--format md|json|csv] [--output FILE] [--config FILE] [--rules ID,...] [--follow-symlinks] [--allow-empty]
  cloudline report [paths...] [--format md|html|json] [--framework NAME...] [--output FILE] [--config FILE] [--rules ID,...] [--follow-symlinks] [--allow-empty]
  cloudline fix [paths...] [--dry-run] [--allow-side-effects] [--severity info|low|medium|high|critical] [--output FILE] [--config FILE] [--rules ID,...] [--follow-symlinks] [--allow-empty]
  cloudline rules [--format text|json|md] [--config FILE]
  (scan, inventory, report, fix and rules also take [--custom-rules DIR...] [--no-custom-rules])
  cloudline lsp --stdio
  cloudline --version | --help

scan      lints CloudFormation, Kubernetes and Terraform (HCL, JSON, plans) files (directories are walked;
          node_modules, .git and .terraform are skipped). Default path: the current directory.
          Each file is scanned once, however many paths or links lead to it. Files and folders that
          cannot be read are listed (as "not read") and the rest is scanned. A file over 10 MB
          (maxFileSize) is reported without being read; FIFOs, sockets and devices are never opened.
          The report ends with what was not checked: resources of providers or services Cloudline has
          no rules for (azurerm_*, google_*), files of formats it does not lint (Bicep, ARM, Terragrunt,
          Dockerfiles, Ansible, Pulumi, CDK apps) and Helm charts (templates not rendered).
inventory lists every resource of the same files (walked as scan walks them) grouped by service model
          (IaaS, PaaS, SaaS, Hybrid), cloud and service, with the provider's and your side of the line,
          the rules that check it (with their framework controls), its findings and its suppressed
          findings with their reasons; types without responsibility data are listed as unclassified.
          md (default, tables), json (versioned: docs/inventory.md) or csv (one row per resource).
          Exit status 0 when it ran, 2 as scan's for bad input.
report    the responsibility report of the same files: the inventory's counts by model and cloud, the audit
          evidence per framework (each checked control passed, failed or accepted per resource; the others
          classed) and the remediation backlog in order of risk. md (default), html (one self-contained
          file) or json (versioned: docs/report.md). --framework (repeatable: a short ID such as
          cis-aws-3.0.0, or a name) limits the evidence to those frameworks. Exit status as inventory's.
fix       applies every safe quick-fix (the editor's "Fix all") to the same files, in place, and lists what it
          changed (file:line, rule, resource, fix). A file is rewritten only if its content did not change since it
          was read (else it is skipped and said), atomically, with its line ends, byte-order mark and mode.
          Fixes that need a value from you (snippets) are left to the editor. Fixes with a side effect named in their
          title (the resource is replaced, clients must change) are listed as left to you, not applied, unless
          --allow-side-effects. scan --fix is the same command.
          Exit status 0 when no finding at or above --severity and no syntax error remains after fixing, 1 when
          some remain (findings with no safe fix), 2 as scan's for bad input.
lsp       starts the language server on standard input and output, for any LSP editor (Neovim, Helix, Emacs:
          see the README's "Other editors"). Settings come from the editor (workspace/configuration,
          section "cloudline") and from .cloudline.yaml.
--allow-side-effects  fix: also apply fixes whose title names a side effect (replaces an existing volume, clients
          need TLS 1.2)
--dry-run fix: write nothing; print a unified diff of the fixes (the list goes to standard error) and exit as
          scan would on the files as they are
--format  scan: text (default), json, sarif (SARIF 2.1.0) or gitlab-sast (GitLab's SAST report, schema 15.0.x, for
          artifacts:reports:sast; suppressed and baselined findings are left out of it); inventory: md (default), json, or csv;
          report: md (default), html, or json
--severity  scan: report findings at or above this severity (default: info)
--output  write the report to FILE instead of standard output
--rules   run only these rules (comma-separated IDs or slugs)
--follow-symlinks  also follow symbolic links that lead outside the scanned paths (by default only links
          to places inside them are followed; either way each real folder is walked once, so loops end)
--jobs N  scan: threads to use (default: 2 when the machine has 2 CPUs or more and the scan has at least 256 Terraform
          configuration files and 256 others, else 1). With 2 or more, a worker thread scans the Terraform
          configurations (.tf, .tf.json, .tfvars) while the main thread scans the rest; the report is the same
          byte for byte. More than 2 uses 2 today
--allow-empty  exit 0 (not 2) when the scan found no CloudFormation, Kubernetes or Terraform file to lint
--baseline FILE  scan: report only findings that FILE (a baseline) does not hold, and say how many it holds
          and how many of those are fixed now; the exit status counts only the new findings
--write-baseline FILE  scan: record the findings at or above --severity in FILE (JSON, sorted, one finding a
          line; docs/baseline.md); the report then compares with it. Fingerprints are per file (relative to the
          baseline's folder), rule, resource and the path of the value: they survive unrelated edits and line shifts
--config  options file (default: .cloudline.yaml in the current directory, if there is one):
          minimumSeverity, rules (ID or slug: off or a severity), frameworks, exclude (globs), otherToolsSuppressions,
          baseline (a baseline file, relative to the options file: used when --baseline is not given)
--custom-rules DIR  also load the custom rules (*.yaml, *.yml) of DIR (repeatable); by default only those of
          .cloudline/rules/ beside the options file (or in the current directory) are loaded. A rule file with an
          error is said as file:line:col and the exit status is 2 (docs/custom-rules.md)
--no-custom-rules  load no custom rules at all
--no-other-tools-suppressions  do not honour Checkov, cfn_nag, cfn-lint, KICS, Trivy, tfsec, kube-linter and
          Polaris suppressions (by default each silences the Cloudline rules equivalent to the check it names)
Exit status: 0 no findings at or above the threshold, 1 findings or syntax errors, 2 usage error, a named path that
is missing, unreadable or not a regular file or folder (a FIFO, socket or device is never opened), or no IaC file
read at all (unless --allow-empty).
`;

class UsageError extends Error {}

/** Reads the options file; a broken one is a usage error naming the file, line and column. */
function loadConfig(path: string | undefined, catalogue: ReturnType<typeof defaultCatalogue>): { options: Options; base: string } {
  const file = path ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (!file) return { options: {}, base: process.cwd() };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
  }
  const { options, problems } = parseConfig(text, catalogue);
  if (problems.length) throw new InputError(`invalid options file:\n${problems.map((p) => '  ' + formatProblem(file, text, p)).join('\n')}`);
  return { options, base: dirname(resolve(file)) };
}

interface CliOptions {
  command: string;
  paths: string[];
  format: string;
  severity: Severity;
  output?: string;
  config?: string;
  only?: string[];
  followSymlinks?: boolean;
  allowEmpty?: boolean;
  /** report: --framework values, in order. */
  frameworks?: string[];
  /** --no-other-tools-suppressions: other tools' suppressions are not honoured. */
  noOtherToolsSuppressions?: boolean;
  /** --format or --severity was given (the inventory has its own default format and no threshold). */
  formatGiven?: boolean;
  severityGiven?: boolean;
  /** fix: --dry-run; scan: --fix (run fix instead). */
  dryRun?: boolean;
  fix?: boolean;
  /** fix: --allow-side-effects. */
  allowSideEffects?: boolean;
  baseline?: string;
  writeBaseline?: string;
  /** --custom-rules directories, in order; --no-custom-rules. */
  customRules?: string[];
  noCustomRules?: boolean;
  /** scan: --jobs (threads; undefined: autoJobs). */
  jobs?: number;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { command: '', paths: [], format: 'text', severity: 'info' };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = () => inline ?? value(i++, flag);
    if (flag === '--format' || flag === '-f') {
      opts.format = take();
      opts.formatGiven = true;
    } else if (flag === '--severity' || flag === '-s') {
      const s = take();
      opts.severityGiven = true;
      if (!(SEVERITIES as readonly string[]).includes(s)) throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}, not "${s}"`);
      opts.severity = s as Severity;
    } else if (flag === '--output' || flag === '-o') opts.output = take();
    else if (flag === '--config' || flag === '-c') opts.config = take();
    else if (flag === '--framework') (opts.frameworks ??= []).push(take());
    else if (flag === '--baseline') opts.baseline = take();
    else if (flag === '--write-baseline') opts.writeBaseline = take();
    else if (flag === '--custom-rules') (opts.customRules ??= []).push(take());
    else if (a === '--no-custom-rules') opts.noCustomRules = true;
    else if (flag === '--jobs' || flag === '-j') {
      const n = take();
      if (!/^[1-9][0-9]{0,3}$/.test(n)) throw new UsageError(`--jobs needs a whole number of threads from 1, not "${n}"`);
      opts.jobs = Number(n);
    }
    else if (flag === '--rules' || flag === '-r') {
      opts.only = take().split(',').map((x) => x.trim()).filter(Boolean);
      if (!opts.only.length) throw new UsageError('--rules needs at least one rule ID or slug (an empty list would turn every rule off)');
    } else if (a === '--follow-symlinks') opts.followSymlinks = true;
    else if (a === '--allow-empty') opts.allowEmpty = true;
    else if (a === '--dry-run') opts.dryRun = true;
    else if (a === '--fix') opts.fix = true;
    else if (a === '--allow-side-effects') opts.allowSideEffects = true;
    else if (a === '--no-other-tools-suppressions') opts.noOtherToolsSuppressions = true;
    else if (a === '--help' || a === '-h') opts.command = 'help';
    else if (a === '--version' || a === '-v') opts.command = 'version';
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (!opts.command) opts.command = a;
    else opts.paths.push(a);
  }
  return opts;
}

/**
 * What a scan takes from the command line and the options file: the lint options (with --rules and
 * --no-other-tools-suppressions), the options file's folder, the paths, and the folders fingerprints are relative to.
 */
function scanSetup(opts: CliOptions, catalogue: Catalogue, slim?: { readonly fingerprints: boolean; readonly baselineRoot?: string }) {
  const loaded = loadConfig(opts.config, catalogue);
  const base = loaded.base;
  let options = loaded.options;
  if (opts.only) {
    const unknown = opts.only.filter((id) => !catalogue.rule(id));
    if (unknown.length) throw new UsageError(`unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in --rules`);
    const keep = new Set(opts.only.map((id) => catalogue.rule(id)!.id));
    const rules = { ...options.rules };
    for (const r of catalogue.rules) if (!keep.has(r.id)) rules[r.id] = 'off';
    options = { ...options, rules };
  }
  if (opts.noOtherToolsSuppressions) options = { ...options, otherToolsSuppressions: false };
  const paths = opts.paths.length ? opts.paths : ['.'];
  // `scan`: files are linted as they are read and their trees dropped (engine/slim.ts). The fingerprints the reports
  // and a baseline read are computed meanwhile: relative to the current directory (SARIF, GitLab) and to the
  // baseline's folder (--baseline, --write-baseline, or the options file's baseline, which --write-baseline overrides).
  const baselineFolder = slim?.baselineRoot ?? (slim && options.baseline && !opts.writeBaseline ? baselineRoot(resolve(base, options.baseline)) : undefined);
  const roots = slim ? [...new Set([...(slim.fingerprints ? [process.cwd()] : []), ...(baselineFolder !== undefined ? [baselineFolder] : [])])] : [];
  return { options, base, paths, roots };
}

/**
 * Each half of a split scan (engine/scan-split.ts) holds at least this many files before `--jobs` left to itself
 * starts a worker: starting one (this bundle again, and the HCL parser) costs about a quarter of a second of CPU, a
 * few hundred Terraform files' worth.
 */
const AUTO_WORKER_MINIMUM = 256;

/**
 * The scan both `scan` and `inventory` run: the options file (or --config), --rules, the walk with its excludes,
 * --follow-symlinks and the progress line on a terminal. A check that threw is said on stderr.
 */
async function scanPaths(opts: CliOptions, catalogue: Catalogue, err: (s: string) => void, slim?: { readonly fingerprints: boolean; readonly baselineRoot?: string }, argv: readonly string[] = []) {
  const { options, base, paths, roots } = scanSetup(opts, catalogue, slim);
  // Progress on stderr for long scans in a terminal; never in pipes or CI logs.
  let last = 0;
  // `scan` on two threads (engine/scan-split.ts) when the machine has the CPUs: the Terraform configurations in a
  // worker running this bundle, when each half has enough files to pay for starting it (--jobs 2 and more: any).
  const jobs = opts.jobs ?? autoJobs();
  const worker =
    slim && jobs > 1 && __filename.endsWith('.js')
      ? (files: readonly string[], inChart: readonly boolean[], stop: AbortSignal) => runWorker(__filename, { argv, files, inChart, explicit: paths, fingerprints: roots }, stop)
      : undefined;
  const outcome = await scan(paths, catalogue, options, {
    exclude: options.exclude,
    base,
    followSymlinks: opts.followSymlinks,
    ...(slim ? { slim: { fingerprints: roots } } : {}),
    ...(worker ? { worker, workerMinimum: opts.jobs === undefined ? AUTO_WORKER_MINIMUM : 1 } : {}),
    ...(process.env.CLOUDLINE_TRACE ? { trace: (line: string) => err(`cloudline: ${line}\n`) } : {}),
    progress: (done, total) => {
      if (!process.stderr.isTTY || total <= 200 || (done !== total && Date.now() - last < 100)) return;
      last = Date.now();
      process.stderr.write(done === total ? '\r\u001b[K' : `\rcloudline: reading ${done}/${total} files…`);
    },
  });
  // A check's error names the resource, so it is escaped line by line (a stack trace keeps its lines).
  const safe = (text: string) => text.split('\n').map((l) => escapeText(l).replace(/^::/, ' ::')).join('\n');
  for (const r of outcome.results) for (const e of r.errors) err(`cloudline: internal error in ${escapeText(r.file.uri)}: ${safe(e)}\n`);
  return { ...outcome, paths, options, base };
}

/**
 * The built-in catalogue with the custom rules of `.cloudline/rules/` beside the options file in use (or in the
 * current directory) and of each --custom-rules directory. Warnings go to stderr; an error in a rule file is an input
 * error naming the file, line and column (exit 2).
 */
function withCustomRules(opts: CliOptions, builtin: Catalogue, err: (s: string) => void): Catalogue {
  if (opts.noCustomRules) {
    if (opts.customRules) throw new UsageError('--custom-rules and --no-custom-rules contradict each other');
    return builtin;
  }
  const configFile = opts.config ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  const dirs = [join(configFile ? dirname(configFile) : '.', CUSTOM_RULES_DIR)];
  for (const dir of opts.customRules ?? []) {
    if (!isDirectory(dir)) throw new InputError(`--custom-rules ${dir}: not a directory`);
    if (!dirs.some((d) => resolve(d) === resolve(dir))) dirs.push(dir);
  }
  const taken = { builtin, custom: new Map<string, string>() };
  const files: CustomRuleFile[] = dirs.flatMap((dir) => loadCustomRules(dir, builtin, taken).files);
  for (const f of files) for (const line of formatCustomProblems(f, 'warning')) err(`cloudline: ${escapeText(line)}\n`);
  const errors = files.flatMap((f) => formatCustomProblems(f, 'error'));
  if (errors.length) throw new InputError(`invalid custom rule file${errors.length > 1 ? 's' : ''}:\n${errors.map((l) => '  ' + escapeText(l)).join('\n')}`);
  return builtin.withRules(files.flatMap((f) => f.rules));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A baseline read or parsed by `read`; a missing or malformed one is an input error naming the file and the reason. */
function loadBaseline(file: string, read: () => Baseline): Baseline {
  try {
    return read();
  } catch (e) {
    if (e instanceof BaselineError) throw new InputError(`cannot use the baseline ${file}: ${e.message}`);
    throw e;
  }
}

/** True (and said on stderr) when the scan linted no IaC file and --allow-empty was not given: exit 2. */
function nothingLinted(results: readonly LintResult[], notChecked: readonly NotChecked[], scanned: number, paths: readonly string[], opts: CliOptions, err: (s: string) => void): boolean {
  if (readIac(results) || opts.allowEmpty) return false;
  const line = notCheckedLine(notChecked);
  err(
    `cloudline: no CloudFormation, Kubernetes or Terraform file was linted in ${paths.map(escapeText).join(', ')} (${scanned} candidate file${scanned === 1 ? '' : 's'} read)` +
      `${line ? `. ${escapeText(line)}` : '.'} Pass --allow-empty to exit 0 when that is expected.\n`,
  );
  return true;
}

/**
 * `cloudline lsp --stdio`: runs the language server in this process. The server is dist/server.js, next to this
 * bundle, loaded at run time (the CLI bundle does not hold a second copy of it); it reads its transport from the
 * command line (`--stdio`) and exits when the editor closes the connection. Returns 0 once it is listening.
 */
function startLanguageServer(args: readonly string[]): number {
  const unknown = args.filter((a) => a !== '--stdio' && !/^--clientProcessId=\d+$/.test(a));
  if (unknown.length) throw new UsageError(`lsp: unknown option ${unknown[0]} (the server speaks LSP on standard input and output: cloudline lsp --stdio)`);
  if (!args.includes('--stdio')) throw new UsageError('lsp needs --stdio (the server speaks LSP on standard input and output)');
  const serverPath = join(__dirname, 'server.js');
  if (!existsSync(serverPath)) throw new InputError(`cannot start the language server: ${serverPath} is missing (it is built next to cli.js)`);
  // A run-time require of a computed path: esbuild leaves it alone, so the server is not bundled into the CLI.
  (require(serverPath) as { run(): void }).run();
  return 0;
}

/**
 * Runs the CLI; returns the exit code. Output goes to `out` (stdout or the --output file) and `err`; a report for
 * stdout goes to `outBytes` when given (UTF-8, each buffer its own: standard output may keep it until written).
 */
export async function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void, outBytes?: (bytes: Buffer) => void): Promise<number> {
  let opts: CliOptions;
  try {
    if (argv[0] === 'lsp') return startLanguageServer(argv.slice(1));
    opts = parseArgs(argv);
    if (opts.command === 'help' || opts.command === '') {
      (opts.command === '' ? err : out)(USAGE);
      return opts.command === '' ? 2 : 0;
    }
    if (opts.command === 'version') {
      out(`cloudline ${TOOL_VERSION}\n`);
      return 0;
    }
    if (opts.frameworks && opts.command !== 'report') throw new UsageError('--framework is an option of report (the options file\'s frameworks filter applies to scan)');
    const catalogue = opts.command === 'scan' || opts.command === 'inventory' || opts.command === 'report' || opts.command === 'fix' || opts.command === 'rules' ? withCustomRules(opts, defaultCatalogue(), err) : defaultCatalogue();
    /**
     * Writes the report's parts to the --output file (opened at the first part) or standard output, through a 64 KiB
     * buffer (output.ts): a report has a part per finding, and a write per part was a system call each.
     */
    const emit = (parts: Iterable<string>) => {
      if (!opts.output) {
        const buffered = new BufferedOutput(outBytes ?? ((bytes) => out(bytes.toString('utf8'))), !!outBytes);
        for (const part of parts) buffered.write(part);
        buffered.flush();
        return;
      }
      const fd = openSync(opts.output, 'w');
      try {
        const buffered = new BufferedOutput(fdSink(fd));
        for (const part of parts) buffered.write(part);
        buffered.flush();
      } finally {
        closeSync(fd);
      }
    };
    if ((opts.dryRun || opts.fix) && opts.command !== 'fix' && opts.command !== 'scan') throw new UsageError(`${opts.dryRun ? '--dry-run' : '--fix'} is an option of fix${opts.fix ? ' (and scan)' : ''}`);
    if (opts.allowSideEffects && opts.command !== 'fix' && !(opts.command === 'scan' && opts.fix)) throw new UsageError('--allow-side-effects is an option of fix (and scan --fix)');
    if (opts.command === 'rules') {
      if (!['text', 'json', 'md'].includes(opts.format)) throw new UsageError(`rules --format must be text, json or md, not "${opts.format}"`);
      emit([rulesReport(catalogue, opts.format as 'text' | 'json' | 'md')]);
      return 0;
    }
    if (opts.command === 'inventory') {
      const format = opts.format === 'text' && !opts.formatGiven ? 'md' : opts.format;
      if (!['md', 'json', 'csv'].includes(format)) throw new UsageError(`inventory --format must be md, json or csv, not "${opts.format}"`);
      if (opts.baseline || opts.writeBaseline) throw new UsageError(`${opts.baseline ? '--baseline' : '--write-baseline'} is an option of scan (the inventory lists every finding)`);
      if (opts.severityGiven) throw new UsageError('--severity is an option of scan (the inventory lists every finding; minimumSeverity in the options file applies to both)');
      const { results, scanned, unread, notChecked, paths, options } = await scanPaths(opts, catalogue, err);
      const inventory = buildInventory(results, catalogue, { config: options, toolVersion: TOOL_VERSION, unread });
      emit([format === 'json' ? inventoryJson(inventory) : format === 'csv' ? inventoryCsv(inventory) : inventoryMarkdown(inventory)]);
      if (format === 'csv') for (const u of unread) err(`cloudline: not read: ${escapeText(u.path)} (${escapeText(u.reason)})\n`);
      return nothingLinted(results, notChecked, scanned, paths, opts, err) ? 2 : 0;
    }
    if (opts.command === 'report') {
      const format = opts.format === 'text' && !opts.formatGiven ? 'md' : opts.format;
      if (!['md', 'html', 'json'].includes(format)) throw new UsageError(`report --format must be md, html or json, not "${opts.format}"`);
      if (opts.severityGiven) throw new UsageError('--severity is an option of scan (the report lists every finding; minimumSeverity in the options file applies to both)');
      const frameworks = opts.frameworks?.map((name) => {
        const f = frameworkByName(name);
        if (!f) throw new UsageError(`unknown framework "${name}" in --framework; known: ${FRAMEWORKS.map((x) => `${x.id} (${x.name} ${x.version})`).join(', ')}`);
        return f;
      });
      const { results, scanned, unread, notChecked, paths, options } = await scanPaths(opts, catalogue, err);
      const report = buildReport(results, catalogue, { config: options, toolVersion: TOOL_VERSION, unread, frameworks: frameworks && [...new Set(frameworks)] });
      emit([format === 'json' ? reportJson(report) : format === 'html' ? reportHtml(report) : reportMarkdown(report)]);
      return nothingLinted(results, notChecked, scanned, paths, opts, err) ? 2 : 0;
    }
    if (opts.command === 'fix' || (opts.command === 'scan' && opts.fix)) {
      if (opts.formatGiven && opts.format !== 'text') throw new UsageError(`fix writes text only, not --format ${opts.format}`);
      const { results, scanned, notChecked, paths, options } = await scanPaths(opts, catalogue, err);
      if (nothingLinted(results, notChecked, scanned, paths, opts, err)) return 2;
      const parts: string[] = [];
      const code = await runFix({ results, config: options, severity: opts.severity, dryRun: !!opts.dryRun, allowSideEffects: opts.allowSideEffects }, catalogue, (s) => parts.push(s), err);
      emit(parts);
      return code;
    }
    if (opts.dryRun || opts.fix) throw new UsageError(`${opts.dryRun ? '--dry-run' : '--fix'} is an option of fix${opts.fix ? ' (and scan)' : ''}`);
    if (opts.command !== 'scan') throw new UsageError(`unknown command "${opts.command}"`);
    if (!['text', 'json', 'sarif', 'gitlab-sast'].includes(opts.format)) throw new UsageError(`--format must be text, json, sarif or gitlab-sast, not "${opts.format}"`);
    const started = new Date();
    // A baseline that cannot be read is an error before the scan, never a silent "no baseline".
    let baseline: Baseline | undefined;
    if (opts.baseline) baseline = loadBaseline(opts.baseline, () => readBaseline(opts.baseline!));
    const baselineFolder = baseline?.root ?? (opts.writeBaseline ? baselineRoot(opts.writeBaseline) : undefined);
    const slim = { fingerprints: opts.format === 'sarif' || opts.format === 'gitlab-sast', ...(baselineFolder !== undefined ? { baselineRoot: baselineFolder } : {}) };
    const { results, scanned, unread, notChecked, paths, options, base, fingerprints } = await scanPaths(opts, catalogue, err, slim, argv);
    /** The scan's fingerprints relative to `root`, or undefined (then the reader computes them from the trees). */
    const printsAt = (root: string) => fingerprints?.get(root);
    // `baseline:` in the options file (relative to it), unless --baseline names one.
    if (!baseline && options.baseline && !opts.writeBaseline) baseline = loadBaseline(options.baseline, () => readBaseline(resolve(base, options.baseline!)));
    const color = !opts.output && opts.format === 'text' && !!process.stdout.isTTY && !process.env.NO_COLOR;
    let written = '';
    if (opts.writeBaseline) {
      const file = opts.writeBaseline;
      const text = baselineText(baselineEntries(results, baselineRoot(file), opts.severity, printsAt(baselineRoot(file))));
      try {
        writeFileSync(file, text);
      } catch (e) {
        throw new InputError(`cannot write the baseline ${file}: ${(e as Error).message}`);
      }
      written = `Baseline written to ${file}.`;
      // Without --baseline, the report compares with the baseline just written (every finding is in it).
      if (!baseline) baseline = loadBaseline(file, () => parseBaseline(text, file));
    }
    const comparison: BaselineComparison | undefined = baseline ? compareWithBaseline(results, baseline, opts.baseline ?? opts.writeBaseline ?? options.baseline!, opts.severity, printsAt(baseline.root)) : undefined;
    // Compared with a baseline, the text and JSON reports (and the exit status) have only the new findings.
    const reported = comparison ? withoutBaselined(results, comparison.unchanged) : results;
    const tail = comparison ? [`${escapeText(baselineSentence(comparison.summary))}${written ? ` ${escapeText(written)}` : ''}\n`] : [];
    emit(
      opts.format === 'json'
        ? jsonReportParts(reported, opts.severity, scanned, catalogue, unread, notChecked, comparison?.summary)
        : opts.format === 'sarif'
          ? sarifReportParts(results, opts.severity, catalogue, unread, notChecked, comparison && { comparison }, printsAt(process.cwd()))
          : opts.format === 'gitlab-sast'
            ? [gitlabSastReport({ results, threshold: opts.severity, unread, notChecked, baselined: comparison?.unchanged, baselineFile: comparison?.summary.file, start: started, end: new Date(), root: process.cwd(), prints: printsAt(process.cwd()) })]
            : [...textReportParts(reported, opts.severity, scanned, color, unread, notChecked), ...tail],
    );
    if (written && opts.format !== 'text') err(`cloudline: ${escapeText(written)}\n`);
    // A scan that linted nothing is not a clean result: said on stderr, exit 2 (the report is written all the same).
    if (nothingLinted(results, notChecked, scanned, paths, opts, err)) return 2;
    return visible(reported, opts.severity).length > 0 || problemsOf(results).length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`cloudline: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError) {
      err(`cloudline: ${e.message}\n`);
      return 2;
    }
    err(`cloudline: ${(e as Error)?.message ?? e}\n`);
    return 2;
  }
}

/**
 * One CLI run executes each rule's code a few hundred times and exits: with V8's default interrupt budget much of it
 * is optimized (on compiler threads that compete for the same CPUs) without running long enough to pay the
 * compilation back. A budget four times larger leaves lukewarm code to the baseline tiers and still optimizes the
 * parsers' hot loops. On the whole corpus (2 CPUs, node 20) it saved 15–20% of the CPU time and 5–8% of the wall time
 * (docs/performance.md). Set only on the V8 versions where the flag is known to exist (node 18 to 22): an unknown
 * flag prints an error. The editor's server, a long-lived process, keeps V8's defaults.
 */
export function tuneV8ForOneRun(v8Version = process.versions.v8, set = setFlagsFromString): boolean {
  const major = Number(/^(\d+)\./.exec(v8Version)?.[1]);
  if (!(major >= 10 && major <= 12)) return false;
  set('--interrupt-budget=262144');
  return true;
}

/**
 * The worker thread of a split scan (cli/scan-worker.ts): the same catalogue and options as the main thread (built
 * again from the same command line and options file), its files scanned as the main thread scans its own, the part
 * sent back as plain data (engine/wire.ts). Warnings were said by the main thread.
 */
async function scanAsWorker(data: ScanWorkerData): Promise<WireAnswer> {
  try {
    const opts = parseArgs(data.argv);
    const catalogue = withCustomRules(opts, defaultCatalogue(), () => undefined);
    const { options } = scanSetup(opts, catalogue);
    const inChart = new Set(data.files.filter((_, i) => data.inChart[i]));
    const part = await scanPart(data.files, data.files.map((_, i) => i), catalogue, options, {
      name: relativeNames(),
      explicit: new Set(data.explicit),
      inChart: (f) => inChart.has(f),
      slim: { fingerprints: data.fingerprints },
    });
    return part ? answerOf(part) : { kind: 'failed', message: 'the scan worker was cancelled' };
  } catch (e) {
    if (e instanceof InputError) return { kind: 'input-error', message: e.message };
    return { kind: 'failed', message: String((e as Error)?.stack ?? e) };
  }
}

if (!isMainThread && isScanWorkerData(workerData)) {
  const data = workerData;
  void scanAsWorker(data).then((answer) => parentPort?.postMessage(answer));
} else if (require.main === module) {
  tuneV8ForOneRun();
  // A reader that stops reading (`cloudline scan | head`) closes the pipe: stop quietly, as a shell reports it (128 +
  // SIGPIPE), not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(141);
  });
  // The HCL parser (WebAssembly) is loaded by the scan when it finds a `.tf` or `.tfvars` file (engine/scan.ts).
  void main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s), (bytes) => process.stdout.write(bytes))
    .then((code) => {
      process.exitCode = code;
    });
}
