// The README's CI recipes and the pre-commit hooks run commands our CLI has, write the report where they upload it,
// and install from our repository; the yaml.customTags defaults name every short-form tag our YAML parser reads.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../server/src/cli/main';
import { parseFile } from '../../server/src/model/parse';
import { SHORT_TAGS } from '../../server/src/model/yaml';
import { validateGitlabSast } from '../cli/gitlab-schema';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The README's YAML blocks under "## CI recipes", by the file name on their first line (`# .gitlab-ci.yml`). */
function recipes(): Map<string, { text: string; value: any }> {
  const start = readme.indexOf('\n## CI recipes\n');
  assert.ok(start > 0, 'README has a "## CI recipes" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const out = new Map<string, { text: string; value: any }>();
  for (const m of section.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const name = /^# (\S+)\n/.exec(m[1])?.[1];
    assert.ok(name, `a recipe names its file on its first line:\n${m[1]}`);
    out.set(name, { text: m[1], value: parse(m[1]) });
  }
  return out;
}

/** The usage text's line for `cloudline <command>`, with the continuation lines of the README's own block. */
async function usage(): Promise<string> {
  let text = '';
  assert.equal(await main(['--help'], (s) => (text += s), () => undefined), 0);
  return text;
}

/** Splits a shell command line (double quotes only, as the recipes write them). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/** Checks a `cloudline …` command line against the usage: the command exists and every flag is in its usage line. */
async function checkCommand(line: string): Promise<string[]> {
  const argv = words(line);
  assert.equal(argv[0], 'cloudline', line);
  const help = await usage();
  const synopsis = help.split('\n').find((l) => l.startsWith(`  cloudline ${argv[1]} `));
  assert.ok(synopsis, `"cloudline ${argv[1]}" is in the usage`);
  for (const a of argv.slice(2)) if (a.startsWith('--')) assert.ok(synopsis!.includes(`[${a}`), `${a} is an option of cloudline ${argv[1]}: ${synopsis}`);
  return argv.slice(1);
}

const REPO = String(pkg.repository.url);
const INSTALL = `npm install --global "git+${REPO}#`;

describe('CI recipes in the README', () => {
  it('GitHub Actions: scans to SARIF at the path upload-sarif uploads, even when the scan fails', async () => {
    const wf = recipes().get('.github/workflows/cloudline.yml')!.value;
    const job = Object.values(wf.jobs)[0] as any;
    assert.equal(job.permissions['security-events'], 'write');
    const steps: any[] = job.steps;
    assert.ok(steps.some((s) => typeof s.run === 'string' && s.run.startsWith(INSTALL)), 'installs from our repository');
    const scan = steps.find((s) => typeof s.run === 'string' && s.run.startsWith('cloudline '));
    const args = await checkCommand(scan.run);
    assert.deepEqual(args.slice(0, 1), ['scan']);
    assert.equal(args[args.indexOf('--format') + 1], 'sarif');
    const output = args[args.indexOf('--output') + 1];
    const upload = steps.find((s) => typeof s.uses === 'string' && s.uses.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload, 'uploads with github/codeql-action/upload-sarif');
    assert.equal(upload.with.sarif_file, output);
    assert.ok(steps.indexOf(upload) > steps.indexOf(scan));
    assert.match(String(upload.if), /!cancelled\(\)|always\(\)/, 'the upload runs when the scan exits 1');
    assert.ok(wf.on.push && 'pull_request' in wf.on);
  });

  it('the scan command line runs and writes a valid SARIF report where the recipe says', () => {
    const wf = recipes().get('.github/workflows/cloudline.yml')!.value;
    const scan = (Object.values(wf.jobs)[0] as any).steps.find((s: any) => typeof s.run === 'string' && s.run.startsWith('cloudline '));
    const args = words(scan.run).slice(1);
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-recipe-'));
    writeFileSync(join(dir, 'db.yaml'), 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n');
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const sarif = JSON.parse(readFileSync(join(dir, args[args.indexOf('--output') + 1]), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((x: any) => x.ruleId === 'CL-AWS-004'));
  });

  it('GitLab CI: installs, scans to a GitLab SAST report and hands it to artifacts:reports:sast whatever the exit status', async () => {
    const ci = recipes().get('.gitlab-ci.yml')!.value;
    const job = ci.cloudline;
    assert.ok(job.script.some((l: string) => l.startsWith(INSTALL)));
    const line = job.script.find((l: string) => l.startsWith('cloudline '));
    const args = await checkCommand(line);
    assert.deepEqual(args.slice(0, 1), ['scan']);
    assert.equal(args[args.indexOf('--format') + 1], 'gitlab-sast');
    assert.deepEqual(job.artifacts.reports, { sast: args[args.indexOf('--output') + 1] });
    assert.equal(job.artifacts.when, 'always');
  });

  it('the GitLab scan command line runs and writes a report with the fields GitLab documents where the recipe says', () => {
    const job = recipes().get('.gitlab-ci.yml')!.value.cloudline;
    const args = words(job.script.find((l: string) => l.startsWith('cloudline '))).slice(1);
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-recipe-'));
    writeFileSync(join(dir, 'db.yaml'), 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n');
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(readFileSync(join(dir, job.artifacts.reports.sast), 'utf8'));
    validateGitlabSast(report);
    const v = report.vulnerabilities.find((x: any) => x.identifiers[0].value === 'CL-AWS-004');
    assert.deepEqual(v.location, { file: 'db.yaml', start_line: 5, end_line: 5 });
  });

  it('pre-commit: the hooks file declares node hooks running our bin, and the README config names them', async () => {
    const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as any[];
    assert.deepEqual(hooks.map((h) => h.id), ['cloudline', 'cloudline-fix']);
    for (const h of hooks) {
      for (const key of ['id', 'name', 'entry', 'language', 'files']) assert.equal(typeof h[key], 'string', `${h.id}: ${key}`);
      assert.equal(h.language, 'node');
      const [bin] = words(h.entry);
      assert.ok(bin in pkg.bin, `${h.entry} runs a bin of package.json`);
      await checkCommand(h.entry);
      const files = new RegExp(h.files);
      for (const f of ['template.yaml', 'stack.yml', 'k8s/pod.json', 'main.tf', 'main.tf.json']) assert.ok(files.test(f), `${h.id} runs on ${f}`);
      for (const f of ['README.md', 'main.py', 'vars.tfvars']) assert.ok(!files.test(f), `${h.id} does not run on ${f}`);
      assert.equal(h.pass_filenames, false, 'the whole repository is scanned (cross-file checks)');
    }
    // npm installs the hook from git: `prepare` builds the CLI and .npmignore ships dist/.
    assert.match(pkg.scripts.prepare, /npm run build/);
    assert.match(readFileSync(join(root, '.npmignore'), 'utf8'), /^!\/dist\/$/m);
    const config = recipes().get('.pre-commit-config.yaml')!.value;
    const repo = config.repos[0];
    assert.equal(repo.repo, REPO);
    for (const h of repo.hooks) {
      const hook = hooks.find((x) => x.id === h.id);
      assert.ok(hook, `hook ${h.id} exists`);
      await checkCommand([hook.entry, ...(h.args ?? [])].join(' '));
    }
  });

  it('documents the exit codes and --severity', () => {
    const start = readme.indexOf('\n## CI recipes\n');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    assert.match(section, /`--severity` is the threshold/);
    assert.match(section, /Exit status: 0 [^]*1 findings or syntax errors, 2 usage error/);
  });
});

describe('yaml.customTags defaults for Red Hat YAML', () => {
  const tags: string[] = pkg.contributes.configurationDefaults['yaml.customTags'];
  const KINDS = { scalar: 'X', sequence: '[a, b]', mapping: '{ Ref: A }' } as const;

  it('are well-formed and listed once each', () => {
    for (const t of tags) assert.match(t, /^![A-Za-z0-9]+ (scalar|sequence|mapping)$/);
    assert.equal(new Set(tags).size, tags.length);
  });

  it('cover every short-form tag our YAML parser reads, in every node kind it reads it in, and nothing else', () => {
    const expected: string[] = [];
    for (const tag of Object.keys(SHORT_TAGS)) {
      for (const [kind, value] of Object.entries(KINDS)) {
        // The parser reads the tag in this kind when the value comes back as the long form, with no problem.
        const file = parseFile('t.yaml', `Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: ${tag} ${value}\n`);
        assert.deepEqual(file.problems, [], `${tag} ${kind}`);
        const props = (file.docs[0].doc.root as any).pairs[0].value.pairs[0].value.pairs[1].value;
        const p = props.pairs[0].value;
        if (p.kind === 'map' && p.pairs[0]?.key.value === SHORT_TAGS[tag]) expected.push(`${tag} ${kind}`);
      }
    }
    assert.ok(expected.length >= Object.keys(SHORT_TAGS).length);
    assert.deepEqual([...tags].sort(), expected.sort());
  });
});
