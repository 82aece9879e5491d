// Neovim's built-in LSP client (headless, Debian's `neovim` package) drives `cloudline lsp --stdio`: it reads back the
// diagnostics, asks for the code actions at a finding, runs the documentation command and applies the quick-fix
// (test/nvim/drive.lua). Run by `npm run test:nvim` (and .ci/run), not by `npm test`: it needs `nvim` on the PATH.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { otherEditorsBlocks } from '../readme-blocks';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  code: string;
  source: string;
  message: string;
}

interface Run {
  diagnostics: NvimDiagnostic[];
  actions: { title: string; kind: string; isPreferred: boolean; edit: boolean; command: string | null }[];
  message: string;
  fixed: string;
  original: string;
}

/** Copies the fixture to a fresh folder, runs Neovim on it and reads back what the driver wrote. */
function drive(fixture: string, code: string): Run {
  const dir = mkdtempSync(join(tmpdir(), 'cloudline-nvim-'));
  try {
    const file = join(dir, basename(fixture));
    copyFileSync(join(__dirname, 'fixtures', fixture), file);
    const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(__dirname, 'drive.lua')}`], {
      cwd: dir,
      env: { ...process.env, CLOUDLINE_CLI: CLI, CLOUDLINE_FILE: file, CLOUDLINE_CODE: code, CLOUDLINE_OUT: dir },
      encoding: 'utf8',
      timeout: 90_000,
    });
    const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
    assert.equal(r.status, 0, `nvim exited with ${r.status} (${r.signal ?? 'no signal'}): ${read('error.txt') || r.stderr || r.stdout}`);
    return {
      diagnostics: JSON.parse(read('diagnostics.json')),
      actions: JSON.parse(read('actions.json')),
      message: read('message.txt'),
      fixed: read('fixed.txt'),
      original: readFileSync(file, 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Neovim (headless, built-in LSP client) with cloudline lsp --stdio', function () {
  this.timeout(120_000);

  before(function () {
    assert.equal(spawnSync('nvim', ['--version']).status, 0, 'nvim is installed (apt-get install neovim)');
    assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
  });

  it('CloudFormation YAML: the diagnostic, the actions, the documentation command and the quick-fix', () => {
    const run = drive('db.yaml', 'CL-AWS-004');
    const d = run.diagnostics.filter((x) => x.code === 'CL-AWS-004');
    assert.equal(d.length, 1);
    // Neovim's positions are 0-based: line 8, columns 27-30 of the file (`true`).
    assert.deepEqual({ ...d[0], message: undefined }, { lnum: 7, col: 26, end_lnum: 7, end_col: 30, severity: 1, code: 'CL-AWS-004', source: 'cloudline', message: undefined });
    assert.ok(d[0].message.startsWith('RDS instance Db sets PubliclyAccessible to true, so it gets a DNS name that resolves to a public IP address.'), d[0].message);
    assert.deepEqual(run.actions, [
      { title: 'Set PubliclyAccessible to false', kind: 'quickfix', isPreferred: true, edit: true, command: null },
      { title: 'Suppress CL-AWS-004 on Db with a reason…', kind: 'quickfix', isPreferred: false, edit: true, command: null },
      { title: 'Show documentation for CL-AWS-004 (rds-publicly-accessible)', kind: 'quickfix', isPreferred: false, edit: false, command: 'cloudline.showRuleDocumentation' },
    ]);
    // Neovim 0.7 does not announce window/showDocument: the server says where the page is.
    assert.equal(run.message, `CL-AWS-004 RDS instance is publicly accessible: ${join(ROOT, 'dist', 'docs', 'rds-publicly-accessible.md')}`);
    assert.equal(
      run.fixed,
      [
        '# A database template: the instance is reachable from the internet.',
        'Resources:',
        '  Db:',
        '    Type: AWS::RDS::DBInstance',
        '    Properties:',
        '      Engine: postgres',
        '      StorageEncrypted: true',
        '      PubliclyAccessible: false',
        '',
      ].join('\n'),
    );
    assert.equal(run.original, readFileSync(join(__dirname, 'fixtures', 'db.yaml'), 'utf8'), 'the file on disk is not written (the fix is in the buffer)');
  });

  it('Terraform HCL: the diagnostic and the quick-fix', () => {
    const run = drive('bucket.tf', 'CL-AWS-001');
    const d = run.diagnostics.filter((x) => x.code === 'CL-AWS-001');
    assert.equal(d.length, 1);
    assert.deepEqual({ ...d[0], message: undefined }, { lnum: 3, col: 28, end_lnum: 3, end_col: 33, severity: 2, code: 'CL-AWS-001', source: 'cloudline', message: undefined });
    assert.ok(d[0].message.startsWith('Public access block aws_s3_bucket_public_access_block.reports sets block_public_acls to false'), d[0].message);
    assert.equal(
      run.fixed,
      [
        '# The reports bucket: public reads are not blocked.',
        'resource "aws_s3_bucket_public_access_block" "reports" {',
        '  bucket                  = "reports"',
        '  block_public_acls       = true',
        '  block_public_policy     = true',
        '  ignore_public_acls      = true',
        '  restrict_public_buckets = true',
        '}',
        '',
      ].join('\n'),
    );
  });

  it("the README's Neovim configuration loads in Neovim", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-nvim-'));
    try {
      const [lua] = otherEditorsBlocks('lua');
      const file = join(dir, 'init.lua');
      writeFileSync(file, lua);
      // Compiled, not run: Neovim 0.7 has no vim.lsp.start (the snippet is for 0.8+). Exit 1 when it does not compile.
      const check = `lua local f, e = loadfile(${JSON.stringify(file)}) if not f then io.stderr:write(e) vim.cmd('cquit 1') end`;
      const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', check, '-c', 'qall!'], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 0, r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
