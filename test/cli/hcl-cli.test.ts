// The bundled CLI on Terraform HCL: it loads the parser (WebAssembly, from dist/) when the scan finds HCL, walks `.tf`
// and variable files, and reports at the exact place; parsing before the parser is loaded is a problem, not a crash.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

describe('cloudline CLI on Terraform HCL', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cloudline-hcl-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  };
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('scans .tf files with their module values and exits 1 on a finding', () => {
    write({
      'infra/main.tf': 'resource "aws_db_instance" "db" {\n  publicly_accessible = var.public\n}\n',
      'infra/variables.tf': 'variable "public" {\n  default = false\n}\n',
      'infra/terraform.tfvars': 'public = true\n',
    });
    const r = run('scan', '.', '--rules', 'CL-AWS-004');
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^infra\/main\.tf\n {2}infra\/main\.tf:2:25 {2}high {2}CL-AWS-004 {2}RDS instance aws_db_instance\.db sets publicly_accessible to true/);
    assert.doesNotMatch(r.stdout, /quick-fix available/);
  });

  it('a syntax error is reported with its line, and exits 1; a clean module exits 0', () => {
    write({ 'main.tf': 'resource "aws_db_instance" "db" {\n  publicly_accessible = false\n}\n' });
    assert.equal(run('scan', '.', '--rules', 'CL-AWS-004').status, 0);
    write({ 'broken.tf': 'resource "aws_s3_bucket" "b" {\n  acl = "private"\n' });
    const r = run('scan', '.', '--rules', 'CL-AWS-004');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /broken\.tf:\d+:\d+ {2}error {2}syntax {2}Syntax error/);
  });

  /**
   * The CLI run with a hook that records which `.wasm` files it reads (the HCL parser's runtime and grammar are read
   * with readFileSync when it loads): the paths' names, in order.
   */
  const wasmReads = (...args: string[]) => {
    const hook = join(dir, '..', `${dir.split(/[\\/]/).pop()}-wasm-hook.js`);
    const log = `${hook}.log`;
    writeFileSync(
      hook,
      `const fs = require('fs'); const read = fs.readFileSync; const seen = [];
fs.readFileSync = function (p, ...rest) { if (String(p).endsWith('.wasm')) seen.push(require('path').basename(String(p))); return read.call(this, p, ...rest); };
process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, JSON.stringify(seen)));\n`,
    );
    try {
      const r = spawnSync(process.execPath, ['--require', hook, cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      return { r, wasm: JSON.parse(readFileSync(log, 'utf8')) as string[] };
    } finally {
      rmSync(hook, { force: true });
      rmSync(log, { force: true });
    }
  };

  it('loads the HCL parser only when the scan finds a .tf or .tfvars file', () => {
    write({
      'template.yaml': 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n',
      'plan.json': '{"format_version": "1.0", "planned_values": {"root_module": {"resources": []}}}\n',
      // Not HCL by name: never parsed as HCL, so never a reason to load the parser.
      'terragrunt.hcl': 'terraform {}\n',
    });
    const yamlOnly = wasmReads('scan', '.', '--rules', 'CL-AWS-004');
    assert.equal(yamlOnly.r.status, 1, yamlOnly.r.stderr);
    assert.match(yamlOnly.r.stdout, /^template\.yaml\n {2}template\.yaml:5:27 {2}high {2}CL-AWS-004 /);
    assert.deepEqual(yamlOnly.wasm, [], 'a scan of YAML and JSON reads no WebAssembly');
    write({ 'infra/main.tf': 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n' });
    const withTf = wasmReads('scan', '.', '--rules', 'CL-AWS-004', '--format', 'json');
    assert.equal(withTf.r.status, 1, withTf.r.stderr);
    assert.deepEqual(
      JSON.parse(withTf.r.stdout).findings.map((f: { file: string; range: { start: { line: number } } }) => `${f.file}:${f.range.start.line}`),
      ['infra/main.tf:2', 'template.yaml:5'],
    );
    assert.deepEqual(withTf.wasm, ['web-tree-sitter.wasm', 'tree-sitter-terraform.wasm'], 'loaded once, for the .tf file');
    // A variables file alone is HCL too.
    rmSync(join(dir, 'infra'), { recursive: true, force: true });
    write({ 'terraform.tfvars': 'public = true\n' });
    assert.deepEqual(wasmReads('scan', '.', '--rules', 'CL-AWS-004').wasm, ['web-tree-sitter.wasm', 'tree-sitter-terraform.wasm']);
    // --version and rules never scan.
    assert.deepEqual(wasmReads('--version').wasm, []);
    assert.deepEqual(wasmReads('rules', '--format', 'json').wasm, []);
  });

  it('parseFile of a .tf before initHcl gives one clear problem, never an exception', () => {
    const script = `
      const { parseFile } = require(${JSON.stringify(join(root, 'server/src/model/parse.ts'))});
      const f = parseFile('main.tf', 'resource "aws_s3_bucket" "b" {}\\n');
      process.stdout.write(JSON.stringify({ isIac: f.isIac, problems: f.problems.map((p) => p.message), docs: f.docs.length }));
    `;
    const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.isIac, true);
    assert.deepEqual(out.problems, ['Cloudline did not lint this file: the HCL parser is not loaded yet (initHcl was not awaited).']);
  });
});
