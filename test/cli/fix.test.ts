// `cloudline fix`: the editor's fix-all applied in place, the exact text it writes per format, line ends, byte-order
// marks and modes kept, --dry-run's unified diff, files changed since they were read left alone, exit codes.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { scan } from '../../server/src/engine/scan';
import { runFix } from '../../server/src/cli/fix';
import { unifiedDiff } from '../../server/src/cli/unified-diff';
import { makeWorkspace, runCli } from './run';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const RULES = ['--rules', 'CL-AWS-004,CL-AWS-080,CL-K8S-002'];

function run(args: string[], cwd: string) {
  return runCli(args, cwd);
}

function workspace(files: Record<string, string | Buffer>): string {
  return makeWorkspace('fix', files);
}

const CFN_YAML = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true # for now\n';
const CFN_JSON = '{\n  "Resources": {\n    "Db": {\n      "Type": "AWS::RDS::DBInstance",\n      "Properties": {\n        "PubliclyAccessible": true,\n        "Engine": "mysql"\n      }\n    }\n  }\n}\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext:\n        runAsNonRoot: true\n';
const TF = '# the database\nresource "aws_db_instance" "db" {\n  engine              = "mysql"\n  publicly_accessible = true # for now\n}\n';

describe('cloudline fix', () => {
  it('fixes CloudFormation YAML and JSON, Kubernetes and Terraform in place, says what it changed, exits 0 when nothing is left', () => {
    const dir = workspace({ 'cfn/db.yaml': CFN_YAML, 'cfn/db.json': CFN_JSON, 'k8s/pod.yaml': POD, 'tf/main.tf': TF });
    const r = run(['fix', ...RULES], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      [
        'cfn/db.json: fixed 2 findings',
        '  cfn/db.json:3  CL-AWS-080  Db  Add DeletionProtection: true',
        '  cfn/db.json:6  CL-AWS-004  Db  Set PubliclyAccessible to false',
        'cfn/db.yaml: fixed 2 findings',
        '  cfn/db.yaml:2  CL-AWS-080  Db  Add DeletionProtection: true',
        '  cfn/db.yaml:5  CL-AWS-004  Db  Set PubliclyAccessible to false',
        'k8s/pod.yaml: fixed 1 finding',
        '  k8s/pod.yaml:7  CL-K8S-002  Pod/p  Add securityContext.allowPrivilegeEscalation: false',
        'tf/main.tf: fixed 2 findings',
        '  tf/main.tf:2  CL-AWS-080  aws_db_instance.db  Add deletion_protection: true',
        '  tf/main.tf:4  CL-AWS-004  aws_db_instance.db  Set publicly_accessible to false',
        'Fixed 7 findings in 4 files.',
        '',
      ].join('\n'),
    );
    assert.equal(readFileSync(join(dir, 'cfn/db.yaml'), 'utf8'), 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: false # for now\n      DeletionProtection: true\n');
    assert.equal(
      readFileSync(join(dir, 'cfn/db.json'), 'utf8'),
      '{\n  "Resources": {\n    "Db": {\n      "Type": "AWS::RDS::DBInstance",\n      "Properties": {\n        "PubliclyAccessible": false,\n        "Engine": "mysql",\n        "DeletionProtection": true\n      }\n    }\n  }\n}\n',
    );
    assert.equal(readFileSync(join(dir, 'k8s/pod.yaml'), 'utf8'), POD + '        allowPrivilegeEscalation: false\n');
    assert.equal(
      readFileSync(join(dir, 'tf/main.tf'), 'utf8'),
      '# the database\nresource "aws_db_instance" "db" {\n  engine              = "mysql"\n  publicly_accessible = false # for now\n  deletion_protection = true\n}\n',
    );
    // No temporary file is left beside the files.
    for (const sub of ['cfn', 'k8s', 'tf']) assert.deepEqual(readdirSync(join(dir, sub)).filter((f) => f.startsWith('.')), []);
    // A second run has nothing to do.
    const again = run(['fix', ...RULES], dir);
    assert.equal(again.code, 0);
    assert.equal(again.stdout, 'Nothing to fix.\n');
  });

  it('keeps CRLF line ends, a UTF-8 byte-order mark and the file mode', () => {
    const crlf = CFN_YAML.replace(/\n/g, '\r\n');
    const dir = workspace({ 'db.yaml': crlf, 'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(POD)]) });
    chmodSync(join(dir, 'db.yaml'), 0o640);
    const r = run(['fix', ...RULES], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(readFileSync(join(dir, 'db.yaml'), 'utf8'), 'Resources:\r\n  Db:\r\n    Type: AWS::RDS::DBInstance\r\n    Properties:\r\n      PubliclyAccessible: false # for now\r\n      DeletionProtection: true\r\n');
    assert.equal(statSync(join(dir, 'db.yaml')).mode & 0o777, 0o640);
    const bom = readFileSync(join(dir, 'bom.yaml'));
    assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bom.subarray(3).toString('utf8'), POD + '        allowPrivilegeEscalation: false\n');
  });

  it('rewrites the file a symbolic link leads to and leaves the link a link', () => {
    const dir = workspace({ 'real/pod.yaml': POD });
    symlinkSync(join(dir, 'real/pod.yaml'), join(dir, 'link.yaml'));
    const r = run(['fix', 'link.yaml', ...RULES], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(lstatSync(join(dir, 'link.yaml')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'real/pod.yaml'), 'utf8'), POD + '        allowPrivilegeEscalation: false\n');
  });

  it('--dry-run prints a unified diff on stdout, the list on stderr, writes nothing and exits 1 (findings are there)', () => {
    const dir = workspace({ 'db.yaml': CFN_YAML, 'pod.yaml': POD });
    const r = run(['fix', '--dry-run', ...RULES], dir);
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      [
        '--- a/db.yaml',
        '+++ b/db.yaml',
        '@@ -2,4 +2,5 @@',
        '   Db:',
        '     Type: AWS::RDS::DBInstance',
        '     Properties:',
        '-      PubliclyAccessible: true # for now',
        '+      PubliclyAccessible: false # for now',
        '+      DeletionProtection: true',
        '--- a/pod.yaml',
        '+++ b/pod.yaml',
        '@@ -8,3 +8,4 @@',
        '       image: nginx:1.27',
        '       securityContext:',
        '         runAsNonRoot: true',
        '+        allowPrivilegeEscalation: false',
        '',
      ].join('\n'),
    );
    assert.match(r.stderr, /^db\.yaml: would fix 2 findings\n/);
    assert.match(r.stderr, /\nWould fix 3 findings in 2 files; 3 findings at or above info in the files as they are\.\n$/);
    assert.equal(readFileSync(join(dir, 'db.yaml'), 'utf8'), CFN_YAML);
    assert.equal(readFileSync(join(dir, 'pod.yaml'), 'utf8'), POD);
    // The diff applies: git apply turns the files into what fix writes.
    const applied = spawnSync('git', ['apply', '-'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    assert.equal(applied.status, 0, applied.stderr);
    assert.equal(run(['fix', ...RULES], dir).stdout, 'Nothing to fix.\n');
  });

  it('exits 1 when findings remain, and honours --severity and scan --fix', () => {
    const db = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n      StorageEncrypted: false\n';
    const dir = workspace({ 'db.yaml': db });
    // CL-AWS-004 is high, CL-AWS-080 lower: at --severity high only the first is fixed.
    const r = run(['scan', '--fix', '--severity', 'high', '--rules', 'CL-AWS-004,CL-AWS-080'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, 'db.yaml: fixed 1 finding\n  db.yaml:5  CL-AWS-004  Db  Set PubliclyAccessible to false\nFixed 1 finding in 1 file.\n');
    const left = run(['fix', '--rules', 'CL-AWS-004,CL-AWS-080', '--dry-run'], dir);
    assert.equal(left.code, 1);
    assert.equal(run(['fix', '--format', 'json'], dir).code, 2);
    assert.equal(run(['scan', '--dry-run'], dir).code, 2);
    assert.equal(run(['inventory', '--fix'], dir).code, 2);
  });

  it('leaves fixes with a side effect (replacing the resource) to a person: listed with file:line, rule and why, applied only with --allow-side-effects', () => {
    const VOL = 'Resources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      AvailabilityZone: eu-west-1a\n      Encrypted: false\n';
    const TF_FS = 'resource "aws_efs_file_system" "fs" {\n  encrypted = false\n}\n';
    const dir = workspace({ 'vol.yaml': VOL, 'db.yaml': CFN_YAML, 'main.tf': TF_FS });
    const rules = ['--rules', 'CL-AWS-004,CL-AWS-054,CL-AWS-056'];
    assert.equal(defaultCatalogue().rule('CL-AWS-056')!.slug, 'efs-not-encrypted', 'the rule this test means');
    let r = run(['fix', ...rules], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1, 'the findings left to a person remain');
    assert.equal(
      r.stdout,
      [
        'db.yaml: fixed 1 finding',
        '  db.yaml:5  CL-AWS-004  Db  Set PubliclyAccessible to false',
        'Left to you (2 fixes with a side effect; --allow-side-effects applies them):',
        '  main.tf:2  CL-AWS-056  aws_efs_file_system.fs  Set encrypted to true (replaces an existing file system)',
        '  vol.yaml:7  CL-AWS-054  Vol  Set Encrypted to true (replaces an existing volume)',
        'Fixed 1 finding in 1 file; 2 findings at or above info remain; 2 fixes left to you (listed above).',
        '',
      ].join('\n'),
    );
    assert.equal(readFileSync(join(dir, 'vol.yaml'), 'utf8'), VOL);
    assert.equal(readFileSync(join(dir, 'main.tf'), 'utf8'), TF_FS);
    // scan --fix is the same; --allow-side-effects applies them; elsewhere the flag is a usage error.
    r = run(['scan', '--fix', '--allow-side-effects', ...rules], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^main\.tf: fixed 1 finding\n {2}main\.tf:2 {2}CL-AWS-056 {2}aws_efs_file_system\.fs {2}Set encrypted to true \(replaces an existing file system\)\n/);
    assert.doesNotMatch(r.stdout, /Left to you/);
    assert.equal(readFileSync(join(dir, 'vol.yaml'), 'utf8'), VOL.replace('Encrypted: false', 'Encrypted: true'));
    assert.equal(readFileSync(join(dir, 'main.tf'), 'utf8'), TF_FS.replace('false', 'true'));
    r = run(['scan', '--allow-side-effects'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^cloudline: --allow-side-effects is an option of fix \(and scan --fix\)/);
  });

  it('leaves a file that changed between read and write alone, and says so', async () => {
    const dir = workspace({ 'pod.yaml': POD, 'db.yaml': CFN_YAML });
    const catalogue = defaultCatalogue();
    const config = { rules: Object.fromEntries(catalogue.rules.filter((x) => !['CL-K8S-002', 'CL-AWS-004'].includes(x.id)).map((x) => [x.id, 'off' as const])) };
    const outcome = await scan([dir], catalogue, config, { name: (p) => p });
    const out: string[] = [];
    const err: string[] = [];
    const edited = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p # edited meanwhile\n';
    const code = await runFix(
      {
        results: outcome.results,
        config,
        severity: 'info',
        dryRun: false,
        beforeWrite: (path) => {
          if (path.endsWith('pod.yaml')) writeFileSync(path, edited);
        },
      },
      catalogue,
      (s) => out.push(s),
      (s) => err.push(s),
    );
    assert.equal(readFileSync(join(dir, 'pod.yaml'), 'utf8'), edited);
    assert.equal(err.join(''), `cloudline: ${join(dir, 'pod.yaml')}: not fixed: it changed since it was read\n`);
    assert.equal(readFileSync(join(dir, 'db.yaml'), 'utf8'), CFN_YAML.replace('true #', 'false #'));
    assert.match(out.join(''), /Fixed 1 finding in 1 file; 1 finding at or above info remains; 1 file not fixed \(said above\)\.\n$/);
    assert.equal(code, 1);
  });

  it('leaves a file whose bytes are not valid UTF-8 alone (a syntax error: nothing in it is fixed)', () => {
    const [head, tail] = POD.split('name: p\n');
    const bad = Buffer.concat([Buffer.from(`${head}name: p # caf`), Buffer.from([0xe9]), Buffer.from(`\n${tail}`)]);
    const dir = workspace({ 'pod.yaml': bad });
    const r = run(['fix', ...RULES], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'Nothing to fix; 1 finding at or above info remains; 1 syntax error.\n');
    assert.ok(readFileSync(join(dir, 'pod.yaml')).equals(bad));
  });
});

describe('unified diff', () => {
  it('writes hunks with 3 lines of context, merged when close, and marks a missing last line end', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n';
    const b = 'a\nb\nc\nd\nX\ne\nf\ng\nh\ni\nj\nk\nl\nY\nm';
    assert.equal(
      unifiedDiff('x.yaml', a, b),
      '--- a/x.yaml\n+++ b/x.yaml\n@@ -2,6 +2,7 @@\n b\n c\n d\n+X\n e\n f\n g\n@@ -10,4 +11,5 @@\n j\n k\n l\n-m\n+Y\n+m\n\\ No newline at end of file\n',
    );
    assert.equal(unifiedDiff('x', 'a\nb\n', 'a\nQ\nb\n'), '--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n a\n+Q\n b\n');
    assert.equal(unifiedDiff('x', '', 'a\n'), '--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n');
    assert.equal(unifiedDiff('x', 'a\r\nb\r\n', 'a\r\nc\r\n'), '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n');
    assert.equal(unifiedDiff('x', 'same\n', 'same\n'), '');
  });

  it('turns one text into the other when applied (random texts)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { applyPatch } = require('diff') as { applyPatch: (source: string, patch: string) => string | false };
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 500; t++) {
      const a = Array.from({ length: Math.floor(random() * 30) }, () => `l${Math.floor(random() * 5)}`);
      const b = a.filter(() => random() > 0.2);
      for (let i = 0; i < 3; i++) if (random() < 0.5) b.splice(Math.floor(random() * (b.length + 1)), 0, `n${Math.floor(random() * 3)}`);
      const before = a.join('\n') + (random() < 0.5 ? '\n' : '');
      const after = b.join('\n') + (random() < 0.5 ? '\n' : '');
      if (before === after) continue;
      assert.equal(applyPatch(before, unifiedDiff('f', before, after)), after, JSON.stringify({ before, after }));
    }
  });
});
