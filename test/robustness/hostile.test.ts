// Hostile input: alias bombs, deep nesting, huge files, NUL bytes and bad UTF-8, long lines, odd line ends, a BOM,
// YAML 1.1 values, duplicate keys. Each gets a clear problem (naming the limit that applied) or is linted correctly,
// fast, and nothing throws.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { applyEdits } from '../../server/src/engine/edits';
import { lintFile, type LintResult } from '../../server/src/engine/lint';
import { parseFile, type ParseOptions } from '../../server/src/model/parse';
import { get, type Node } from '../../server/src/model/tree';
import { spanText } from '../helpers';
import { check } from './harness';

const catalogue = defaultCatalogue();

/** Lints with the robustness invariants (no exception, no failing check, ranges inside, CPU time bound) asserted. */
function lint(name: string, text: string, maxMs = 3000): LintResult {
  const { result, violations } = check(name, text, catalogue, maxMs, false);
  assert.deepEqual(violations, [], `${name}: ${violations.join('\n')}`);
  return result!;
}

const ids = (r: LintResult) => r.findings.map((f) => f.rule.id);
const limitProblem = (r: LintResult, limit: string) => r.problems.find((p) => p.limit === limit);

describe('robustness: hostile input', function () {
  this.timeout(60_000);

  describe('YAML alias bombs', () => {
    const bomb = (levels: number, head: string) => {
      const lines = [head, 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(i === 1 ? '*a' : `*a${i - 1}`).join(', ')}]`);
      return lines.join('\n') + '\n';
    };

    it('a billion laughs in a Kubernetes manifest is not linted, and the problem names maxAliasNodes', () => {
      const r = lint('bomb.yaml', bomb(10, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:'), 1000);
      const p = limitProblem(r, 'maxAliasNodes');
      assert.ok(p, JSON.stringify(r.problems));
      assert.match(p.message, /maxAliasNodes/);
      assert.match(p.message, /billion laughs/);
      assert.equal(r.resources.length, 0);
      assert.equal(p.severity, 'error');
    });

    it('a billion laughs inside CloudFormation properties: the tree still shares nodes, nothing expands', () => {
      const text = bomb(12, 'AWSTemplateFormatVersion: "2010-09-09"\nMetadata:').replace(/\n(a\d*):/g, '\n  $1:') +
        'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: *a11\n';
      const r = lint('bomb.yaml', text, 1000);
      assert.ok(limitProblem(r, 'maxAliasNodes'));
      const f = parseFile('bomb.yaml', text);
      const m = get(f.docs[0].doc.root, 'Metadata');
      const a11 = get(m, 'a11') as Node & { kind: 'seq' };
      assert.equal(a11.items[0], get(m, 'a10'), 'an alias is the anchored node itself');
    });

    it('a few aliases and merge keys (the normal use) are linted as usual', () => {
      const text = [
        'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:',
        '      containers:', '        - &c', '          name: web', '          image: nginx:1.27', '          securityContext: &sc {privileged: true}',
        '        - <<: *c', '          name: sidecar', '          securityContext: *sc', '',
      ].join('\n');
      const r = lint('k.yaml', text);
      assert.deepEqual(r.problems, []);
      assert.equal(ids(r).filter((id) => id === 'CL-K8S-001').length, 2, 'both containers are privileged (one through an alias)');
    });

    it('anchors nested 400 deep with aliases to each are fine; deeper than maxDepth is a problem', () => {
      const nest = (n: number) => {
        let s = 'x';
        for (let i = n - 1; i >= 0; i--) s = `&n${i} {k: ${s}}`;
        // Aliases to the innermost hundred anchors (each repeats what it holds; the outer ones would pass maxAliasNodes).
        return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${s}\nrefs: [${Array.from({ length: 100 }, (_, i) => `*n${n - 1 - i}`).join(', ')}]\n`;
      };
      const ok = lint('nest.yaml', nest(400));
      assert.deepEqual(ok.problems, []);
      const deep = lint('nest.yaml', nest(600));
      assert.ok(limitProblem(deep, 'maxDepth'));
    });
  });

  describe('deep nesting', () => {
    const N = 100_000;

    it(`JSON nested ${N.toLocaleString('en')} levels (arrays, objects) gets one problem naming maxDepth, at the level that is too deep`, () => {
      for (const text of ['['.repeat(N) + ']'.repeat(N), `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ${'{"a":'.repeat(N)}1${'}'.repeat(N)}}`]) {
        const r = lint('template.json', text, 2000);
        const p = limitProblem(r, 'maxDepth');
        if (text.startsWith('{')) {
          assert.ok(p, JSON.stringify(r.problems));
          assert.match(p.message, /more than 500 levels/);
          // The 501st opening bracket: the one after the root's, 500 levels of "a".
          assert.equal(text[p.span[0]], '{');
        } else {
          assert.equal(r.file.isIac, false, 'a bare array is none of ours: no diagnostics at all');
        }
      }
    });

    it(`YAML nested ${N.toLocaleString('en')} levels (flow, block sequences, compact mappings, explicit keys, indentation) stops at maxDepth`, () => {
      const head = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ';
      const indented = Array.from({ length: 1500 }, (_, i) => ' '.repeat(i) + 'a:').join('\n');
      for (const [what, body] of [
        ['flow sequences', '['.repeat(N) + ']'.repeat(N)],
        ['flow mappings', '{a: '.repeat(N) + '1' + '}'.repeat(N)],
        ['block sequences', '\n' + '- '.repeat(N) + 'x'],
        ['compact mappings', 'a: '.repeat(N) + 'x'],
        ['explicit keys', '\n' + '? '.repeat(N) + 'x'],
        ['indentation', '\n' + indented],
      ]) {
        const r = lint('template.yaml', head + body, 3000);
        const p = limitProblem(r, 'maxDepth');
        assert.ok(p, `${what}: ${JSON.stringify(r.problems)}`);
        assert.match(p.message, /maxDepth/);
      }
    });

    it('the documents before a too-deep one are still linted', () => {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: x:1\n      securityContext: {privileged: true}\n---\n' + '['.repeat(N);
      const r = lint('k.yaml', text);
      assert.ok(limitProblem(r, 'maxDepth'));
      assert.ok(ids(r).includes('CL-K8S-001'));
    });

    it('a JSON policy nested 100,000 levels inside a Terraform string does not crash the embedded-JSON reader', () => {
      const policy = '['.repeat(N) + ']'.repeat(N);
      const text = JSON.stringify({ resource: { aws_iam_policy: { p: { name: 'p', policy } } } });
      lint('main.tf.json', text, 3000);
    });

    it('maxDepth is an option', () => {
      const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {Tags: [[[[[]]]]]}\n';
      assert.deepEqual(parseFile('t.yaml', text).problems, []);
      const p = parseFile('t.yaml', text, undefined, { maxDepth: 5 }).problems;
      assert.equal(p[0]?.limit, 'maxDepth');
      assert.match(p[0].message, /more than 5 levels/);
    });
  });

  describe('size', () => {
    it('a 50 MB file is skipped quickly with a problem naming maxFileSize (YAML and JSON)', () => {
      const unit = '  Bucket{i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: some-bucket-name-that-is-long\n';
      const body = unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length));
      for (const [name, text] of [
        ['big.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + body],
        ['big.json', '{"AWSTemplateFormatVersion": "2010-09-09", "Description": "' + 'x'.repeat(50 * 1024 * 1024) + '"}'],
      ]) {
        const t0 = performance.now();
        const r = lint(name, text, 2000);
        assert.ok(performance.now() - t0 < 5000);
        const p = limitProblem(r, 'maxFileSize');
        assert.ok(p, JSON.stringify(r.problems));
        assert.match(p.message, /50 MB, over the 10 MB limit \(maxFileSize\)/);
        assert.equal(r.file.docs.length, 0);
      }
    });

    it('maxFileSize is an option; files that are none of ours get no problem at all', () => {
      const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n';
      const opts: ParseOptions = { maxFileSize: 10 };
      assert.equal(parseFile('t.yaml', text, undefined, opts).problems[0]?.limit, 'maxFileSize');
      assert.deepEqual(parseFile('notes.yaml', 'just: notes\n'.repeat(10), undefined, opts).problems, []);
    });

    it('very long lines: a 5 MB value, a one-line plan with a 5 MB string, 20,000 flow items on one line', () => {
      const long = 'x'.repeat(5 * 1024 * 1024);
      const r1 = lint('t.yaml', `Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Description: ${long}\n      PubliclyAccessible: true\n`, 3000);
      assert.equal(spanText(r1, r1.findings.find((f) => f.rule.id === 'CL-AWS-004')!.span), '6:27-6:31');
      const plan = JSON.stringify({
        format_version: '1.2',
        planned_values: { root_module: { resources: [{ address: 'aws_db_instance.d', mode: 'managed', type: 'aws_db_instance', name: 'd', values: { description: long, publicly_accessible: true } }] } },
      });
      const r2 = lint('x.plan.json', plan, 3000);
      const f = r2.findings.find((x) => x.rule.id === 'CL-AWS-004')!;
      assert.equal(plan.slice(f.span[0], f.span[1]), 'true');
      const rules = Array.from({ length: 20_000 }, (_, i) => `{IpProtocol: tcp, FromPort: ${i % 2 ? 22 : 443}, ToPort: ${i % 2 ? 22 : 443}, CidrIp: 0.0.0.0/0}`).join(', ');
      const r3 = lint('t.yaml', `Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress: [${rules}]\n`, 5000);
      assert.equal(ids(r3).filter((id) => id === 'CL-AWS-005').length, 10_000);
    });

    it('many documents, many keys, many duplicate keys: linear', () => {
      lint('k.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n'.repeat(20_000), 5000);
      const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: v`).join('\n');
      lint('t.yaml', `AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n${keys}\n`, 3000);
      const dups = lint('t.yaml', `AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n${'  k: v\n'.repeat(20_000)}`, 3000);
      assert.equal(dups.problems.length, 19_999);
    });
  });

  describe('characters', () => {
    const template = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBName: app\n      PubliclyAccessible: true\n';

    it('a NUL byte gets an error at its position, and the rest is still linted', () => {
      const text = template.replace('DBName: app', 'DBName: a\u0000pp');
      const r = lint('t.yaml', text);
      const p = r.problems.find((x) => /NUL/.test(x.message))!;
      assert.ok(p);
      assert.equal(p.severity, 'error');
      assert.equal(text[p.span[0]], '\u0000');
      assert.ok(ids(r).includes('CL-AWS-004'));
    });

    it('invalid UTF-8 (read as the CLI and the server read files) gets a warning about U+FFFD', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cloudline-utf8-'));
      try {
        const file = join(dir, 't.yaml');
        const [before, after] = template.split('app');
        const bytes = Buffer.concat([Buffer.from(before + 'a'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('p' + after)]);
        writeFileSync(file, bytes);
        const r = lint(file, readFileSync(file, 'utf8'));
        assert.ok(r.problems.some((p) => p.severity === 'warning' && /U\+FFFD/.test(p.message)), JSON.stringify(r.problems));
        assert.ok(ids(r).includes('CL-AWS-004'));
        // The CLI reports it too, and neither crashes nor stops.
        writeFileSync(join(dir, 'nul.yaml'), template.replace('app', 'a\u0000b'));
        const cli = spawnSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'cli.js'), 'scan', dir, '--format', 'json'], { encoding: 'utf8' });
        assert.equal(cli.status, 1, cli.stderr);
        const report = JSON.parse(cli.stdout) as { problems?: { message: string }[] };
        const messages = JSON.stringify(report);
        assert.match(messages, /NUL/);
        assert.match(messages, /U\+FFFD/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('CRLF, lone CR and mixed line ends: findings on the same lines and columns as with LF, fixes keep working', () => {
      const lf = lint('t.yaml', template);
      const want = lf.findings.map((f) => `${f.rule.id} ${spanText(lf, f.span)}`);
      const crlf = template.replace(/\n/g, '\r\n');
      const cr = template.replace(/\n/g, '\r');
      const mixed = template.split('\n').map((l, i) => l + ['\r\n', '\n', '\r'][i % 3]).join('');
      for (const [what, text] of [['CRLF', crlf], ['CR', cr], ['mixed', mixed]]) {
        const r = lint('t.yaml', text);
        assert.deepEqual(r.problems, [], what);
        assert.deepEqual(r.findings.map((f) => `${f.rule.id} ${spanText(r, f.span)}`), want, what);
        for (const f of r.findings) {
          for (const fix of f.fixes) lint('t.yaml', applyEdits(text, fix.edits));
        }
      }
      const crlfResult = lint('t.yaml', crlf);
      const fix = crlfResult.findings.flatMap((f) => f.fixes).find((x) => x.edits.some((e) => e.text.includes('\n')));
      if (fix) for (const e of fix.edits) assert.ok(!/[^\r]\n/.test(e.text), 'a fix in a CRLF file writes CRLF');
    });

    it('a byte-order mark: YAML and JSON parse, and findings keep their lines and columns', () => {
      const lf = lint('t.yaml', template);
      const bom = lint('t.yaml', '\uFEFF' + template);
      assert.deepEqual(bom.problems, []);
      assert.deepEqual(bom.findings.map((f) => spanText(bom, f.span)), lf.findings.map((f) => spanText(lf, f.span).replace(/^1:(\d+)/, (_, c) => `1:${Number(c) + 1}`)));
      const json = '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": true}}}}';
      const r = lint('t.json', '\uFEFF' + json);
      assert.deepEqual(r.problems, []);
      const f = r.findings.find((x) => x.rule.id === 'CL-AWS-004')!;
      assert.equal(('\uFEFF' + json).slice(f.span[0], f.span[1]), 'true');
    });

    it('lone surrogates, U+2028 and other odd characters in values do not disturb anything', () => {
      lint('t.yaml', template.replace('app', '\uD800x\u2028\uDC00\u00A0😀'));
      lint('t.json', JSON.stringify({ Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBName: '\uD800\u2028', PubliclyAccessible: true } } } }));
    });
  });

  describe('YAML 1.1 values in security settings', () => {
    // CloudFormation reads YAML 1.1: unquoted yes/no/on/off/y/n are booleans (aws-cli quotes them when it writes
    // templates for that reason), and 010 is octal. kubectl converts YAML with go-yaml v2 (sigs.k8s.io/yaml), also
    // YAML 1.1: `privileged: yes` is true (kubernetes/kubernetes#34146). Quoted, they are strings, which those
    // fields reject, so nothing is reported on them.
    const rds = (v: string) => `Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: ${v}\n`;
    const pod = (v: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x:1\n      securityContext:\n        privileged: ${v}\n`;

    for (const v of ['yes', 'Yes', 'YES', 'on', 'On', 'ON', 'y', 'Y', 'true']) {
      it(`CloudFormation "PubliclyAccessible: ${v}" is true, and Kubernetes "privileged: ${v}" too`, () => {
        assert.ok(ids(lint('t.yaml', rds(v))).includes('CL-AWS-004'));
        assert.ok(ids(lint('k.yaml', pod(v))).includes('CL-K8S-001'));
      });
    }

    for (const v of ['no', 'off', 'n', 'false', '"yes"', "'on'"]) {
      it(`"${v}" is not true`, () => {
        assert.ok(!ids(lint('t.yaml', rds(v))).includes('CL-AWS-004'));
        assert.ok(!ids(lint('k.yaml', pod(v))).includes('CL-K8S-001'));
      });
    }

    it('the tree keeps the YAML 1.2 reading for files that are neither (and for keys), with the YAML 1.1 one beside it', () => {
      const f = parseFile('notes.yaml', 'a: yes\nb: 010\nyes: 1\n');
      const root = f.docs[0].doc.root!;
      assert.equal(get(root, 'a')!.kind === 'scalar' && (get(root, 'a') as { value: unknown }).value, 'yes');
      assert.equal((get(root, 'b') as { yaml11?: unknown }).yaml11, 8);
      assert.ok(get(root, 'yes'), 'keys stay strings');
      const cfn = parseFile('t.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nMetadata: {a: yes, b: 010, c: 0b11, d: 1_000, e: "010", f: !!str yes, g: 0o10}\n');
      const m = get(cfn.docs[0].doc.root, 'Metadata');
      const v = (k: string) => (get(m, k) as { value: unknown }).value;
      assert.deepEqual([v('a'), v('b'), v('c'), v('d'), v('e'), v('f'), v('g')], [true, 8, 3, 1000, '010', 'yes', 8]);
    });

    it('an octal port in CloudFormation is what CloudFormation reads: 022 is port 18', () => {
      const sg = (port: string) => `Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - {IpProtocol: tcp, FromPort: ${port}, ToPort: ${port}, CidrIp: 0.0.0.0/0}\n`;
      assert.ok(ids(lint('t.yaml', sg('22'))).includes('CL-AWS-005'));
      assert.ok(!ids(lint('t.yaml', sg('022'))).includes('CL-AWS-005'));
      assert.ok(ids(lint('t.yaml', sg('026'))).includes('CL-AWS-005'), '026 is port 22');
    });
  });

  describe('duplicate keys', () => {
    it('YAML and JSON: a warning on the repeated key, naming the line of the first', () => {
      const yaml = 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::SQS::Queue\n';
      const r = lint('t.yaml', yaml);
      assert.equal(r.problems.length, 1);
      assert.equal(r.problems[0].severity, 'warning');
      assert.match(r.problems[0].message, /Duplicate key "A": it is already set on line 2/);
      assert.equal(spanText(r, r.problems[0].span), '4:3-4:4');
      const json = lint('t.json', '{"Resources": {"A": {"Type": "AWS::S3::Bucket"},\n "A": {"Type": "AWS::SQS::Queue"}}}');
      assert.match(json.problems[0].message, /Duplicate key "A": it is already set on line 1/);
      const k8s = lint('k.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, name: b}\n');
      assert.match(k8s.problems[0].message, /Duplicate key "name"/);
    });

    it('keys a merge key brings in are not duplicates; overriding them is the point of merging', () => {
      const r = lint('k.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nbase: &b {x: 1, y: 2}\ndata:\n  <<: *b\n  x: 3\n');
      assert.deepEqual(r.problems, []);
    });
  });

  describe('degenerate files', () => {
    for (const [what, text] of [
      ['empty', ''],
      ['only a BOM', '\uFEFF'],
      ['only comments', '# a\n# b\n'],
      ['only document markers', '---\n---\n...\n---\n'],
      ['only whitespace', ' \n\t\n\r\n  '],
      ['a lone quote', '"'],
      ['a lone bracket', '['],
      ['a directive', '%YAML 1.2\n---\na: 1\n'],
      ['a tab indent', 'Resources:\n\tA:\n\t\tType: AWS::S3::Bucket\n'],
    ]) {
      it(`${what}: no exception, as YAML and as JSON`, () => {
        lint('t.yaml', text);
        lint('t.json', text);
        lint('t.template', text);
      });
    }
  });
});
