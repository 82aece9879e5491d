// The bundled CLI on Terraform HCL: it loads the parser (WebAssembly, from dist/) before scanning, walks `.tf` and
// variable files, and reports at the exact place; parsing before the parser is loaded is a problem, not a crash.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
