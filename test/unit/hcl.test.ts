// Terraform HCL (`*.tf`): the tree adapter (shape, exact spans, heredocs, comments, syntax errors) and the
// Terraform semantics on it (variables, tfvars, locals, templates, references), then the rules on HCL twins of
// Terraform JSON examples.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { collectFiles } from '../../server/src/engine/files';
import { applyEdits } from '../../server/src/engine/edits';
import { lintFiles } from '../../server/src/engine/lint';
import { DocumentLinter } from '../../server/src/service/linter';
import { resourcesOf } from '../../server/src/formats';
import { templateParts } from '../../server/src/formats/terraform-hcl';
import { parseHcl, unescapeHcl } from '../../server/src/model/hcl';
import { parseFile } from '../../server/src/model/parse';
import { get, type Node } from '../../server/src/model/tree';
import { lintText, spanText } from '../helpers';
import { TWINS } from '../hcl/twins';

/** The text a node spans. */
const at = (text: string, n: { span: readonly [number, number] } | undefined) => (n ? text.slice(n.span[0], n.span[1]) : undefined);

/** A node by path of keys and indices. */
function dig(n: Node | undefined, ...path: (string | number)[]): Node | undefined {
  for (const k of path) {
    if (!n) return undefined;
    n = typeof k === 'number' ? (n.kind === 'seq' ? n.items[k] : undefined) : get(n, k);
  }
  return n;
}

/** The key node of `key` in the mapping at `path`. */
function keyOf(n: Node | undefined, key: string) {
  return n?.kind === 'map' ? n.pairs.find((p) => p.key.value === key)?.key : undefined;
}

/** A plain JS value of a node (for shape assertions). */
function plain(n: Node | undefined): unknown {
  if (!n) return undefined;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(plain);
  return Object.fromEntries(n.pairs.map((p) => [String(p.key.value), plain(p.value)]));
}

describe('HCL adapter', () => {
  const text = `# a comment
// another
/* and a
   block comment */
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs" # trailing
  tags = {
    Name    = "logs"
    "Owner" = "ops"
  }
  count_list = [1, -2.5, true, null]

  ingress {
    from_port = 22
  }
  ingress {
    from_port = 443
  }
  lifecycle {
    prevent_destroy = true
  }
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  name = "x"
}
`;
  let root: Node | undefined;
  before(() => (root = parseHcl(text).doc.root)); // the parser loads in the root hook, after describe bodies run

  it('is shaped like the Terraform JSON document of the same configuration', () => {
    assert.deepEqual(plain(root), {
      resource: {
        aws_s3_bucket: {
          logs: {
            bucket: 'acme-logs',
            tags: { Name: 'logs', Owner: 'ops' },
            count_list: [1, -2.5, true, null],
            ingress: [{ from_port: 22 }, { from_port: 443 }],
            lifecycle: { prevent_destroy: true },
          },
        },
      },
      provider: { aws: { region: 'eu-west-1' } },
      locals: { name: 'x' },
    });
  });

  it('key spans are the names as written (labels with their quotes), value spans the expressions', () => {
    const resource = get(root, 'resource');
    const byType = dig(root, 'resource');
    assert.equal(at(text, keyOf(root, 'resource')), 'resource');
    assert.equal(at(text, keyOf(byType, 'aws_s3_bucket')), '"aws_s3_bucket"');
    assert.equal(at(text, keyOf(dig(byType, 'aws_s3_bucket'), 'logs')), '"logs"');
    const body = dig(resource, 'aws_s3_bucket', 'logs');
    assert.ok(at(text, body)!.startsWith('{\n  bucket'));
    assert.ok(at(text, body)!.endsWith('}\n}'.slice(-1)));
    assert.equal(at(text, keyOf(body, 'bucket')), 'bucket');
    assert.equal(at(text, get(body, 'bucket')), '"acme-logs"');
    assert.equal(at(text, get(body, 'tags')), '{\n    Name    = "logs"\n    "Owner" = "ops"\n  }');
    assert.equal(at(text, keyOf(get(body, 'tags'), 'Owner')), '"Owner"');
    assert.equal(at(text, dig(body, 'count_list', 1)), '-2.5');
    assert.equal(at(text, dig(body, 'ingress', 1, 'from_port')), '443');
    assert.equal(at(text, dig(body, 'ingress', 0)), '{\n    from_port = 22\n  }');
    assert.equal(at(text, keyOf(body, 'ingress')), 'ingress');
    // Positions are UTF-16 offsets, as everywhere else.
    const wide = 'resource "aws_s3_bucket" "b" {\n  bucket = "é😀"\n  acl = "public-read"\n}\n';
    const w = parseHcl(wide).doc.root;
    assert.equal(at(wide, dig(w, 'resource', 'aws_s3_bucket', 'b', 'acl')), '"public-read"');
  });

  it('parents are set, so paths are those of the JSON document', () => {
    const bucket = parseFile('main.tf', text).docs[0].doc.root;
    const port = dig(bucket, 'resource', 'aws_s3_bucket', 'logs', 'ingress', 1, 'from_port')!;
    let depth = 0;
    for (let n: Node | undefined = port; n; n = n.parent) depth++;
    assert.equal(depth, 7);
  });

  it('heredocs: the text between the markers, `<<-` without the shared indentation; interpolations kept', () => {
    const t = `resource "aws_iam_policy" "p" {
  policy = <<EOF
{"Version": "2012-10-17"}
EOF
  script = <<-EOT
    echo \${var.name}
      indented
    EOT
}
`;
    const body = dig(parseHcl(t).doc.root, 'resource', 'aws_iam_policy', 'p');
    assert.equal(str(get(body, 'policy')), '{"Version": "2012-10-17"}\n');
    assert.equal(at(t, get(body, 'policy')), '<<EOF\n{"Version": "2012-10-17"}\nEOF');
    assert.equal(str(get(body, 'script')), 'echo ${var.name}\n  indented\n');
  });

  it('quoted strings decode their escapes; templates keep ${…}; other expressions are ${expression}', () => {
    const t = `a = "x\\n\\"y\\" \\u00e9"
b = "pre-\${var.env}-post"
c = var.env
d = aws_s3_bucket.b.id
e = jsonencode(var.doc)
f = var.on ? 1 : 0
g = [for s in var.l : upper(s)]
h = "$\${literal}"
`;
    const r = parseHcl(t).doc.root;
    assert.deepEqual(plain(r), {
      a: 'x\n"y" é',
      b: 'pre-${var.env}-post',
      c: '${var.env}',
      d: '${aws_s3_bucket.b.id}',
      e: '${jsonencode(var.doc)}',
      f: '${var.on ? 1 : 0}',
      g: '${[for s in var.l : upper(s)]}',
      h: '$${literal}',
    });
    assert.equal(at(t, get(r, 'd')), 'aws_s3_bucket.b.id');
    assert.equal(unescapeHcl('\\U0001F600'), '😀');
  });

  it('dynamic blocks: kept as Terraform JSON writes them, and the block they generate is an unknown value', () => {
    const t = `resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port = ingress.value.port
    }
  }
}
`;
    const body = dig(parseHcl(t).doc.root, 'resource', 'aws_security_group', 'sg');
    assert.equal(str(dig(body, 'dynamic', 'ingress', 'for_each')), '${var.rules}');
    assert.equal(str(get(body, 'ingress')), '${dynamic "ingress"}');
  });

  it('a syntax error is one problem at the error, and the blocks around it are still read', () => {
    const t = `resource "aws_db_instance" "a" {
  publicly_accessible = true
}

resource "aws_db_instance" "broken" {
  engine = 
}

resource "aws_db_instance" "c" {
  publicly_accessible = true
}
`;
    const file = parseFile('main.tf', t);
    assert.equal(file.problems.length, 1);
    const p = file.problems[0];
    assert.equal(p.severity, 'error');
    const line = file.lines.positionAt(p.span[0]).line + 1;
    assert.ok(line >= 6 && line <= 7, `problem on line ${line}: ${p.message}`);
    assert.deepEqual(resourcesOf(file).map((r) => r.id), ['aws_db_instance.a', 'aws_db_instance.c']);
    const result = lintText('main.tf', t);
    assert.deepEqual(
      result.findings.filter((f) => f.rule.id === 'CL-AWS-004').map((f) => [f.resource.id, spanText(result, f.span)]),
      [
        ['aws_db_instance.a', '2:25-2:29'],
        ['aws_db_instance.c', '10:25-10:29'],
      ],
    );
  });

  it('an unclosed block at the end: one problem, the blocks before it linted', () => {
    const t = `resource "aws_db_instance" "a" {\n  publicly_accessible = true\n}\n\nresource "aws_s3_bucket" "b" {\n  acl = "private"\n`;
    const file = parseFile('main.tf', t);
    assert.equal(file.problems.length, 1);
    assert.deepEqual(resourcesOf(file).map((r) => r.id), ['aws_db_instance.a']);
  });

  it('an argument set twice in a block is a warning in Terraform\'s words; repeated blocks are not', () => {
    const file = parseFile('main.tf', 'resource "aws_s3_bucket" "b" {\n  acl = "private"\n  acl = "public-read"\n  grant {\n  }\n  grant {\n  }\n}\n');
    assert.deepEqual(
      file.problems.map((p) => [file.lines.positionAt(p.span[0]).line + 1, p.severity, p.message]),
      [[3, 'warning', 'Duplicate argument "acl": it is already set on line 2 of this block or object. Terraform rejects the configuration ("Attribute redefined"); Cloudline reads the last one. Keep one.']],
    );
  });

  it('maxDepth applies to HCL too', () => {
    const t = `a = ${'['.repeat(600)}${']'.repeat(600)}\n`;
    const file = parseFile('main.tf', t, undefined, { maxDepth: 100 });
    assert.equal(file.problems.length, 1);
    assert.equal(file.problems[0].limit, 'maxDepth');
  });

  it('files: .tf is Terraform, .tfvars are variable values (no resources, no format), and the CLI walk picks both up', () => {
    assert.equal(parseFile('x/main.tf', 'resource "aws_s3_bucket" "b" {}\n').docs[0].format, 'terraform');
    assert.equal(parseFile('x/empty.tf', '').docs[0].format, 'terraform');
    const vars = parseFile('x/terraform.tfvars', 'acl = "public-read"\n');
    assert.equal(vars.lang, 'hcl');
    assert.equal(vars.docs[0].format, undefined);
    assert.equal(vars.isIac, true);
    assert.equal(parseFile('x/prod.auto.tfvars.json', '{"acl": "x"}').isIac, true);
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-hcl-'));
    try {
      for (const f of ['main.tf', 'terraform.tfvars', 'notes.txt', 'a.tf.json']) writeFileSync(join(dir, f), '');
      assert.deepEqual(collectFiles([dir]).map((f) => f.slice(dir.length + 1)), ['a.tf.json', 'main.tf', 'terraform.tfvars']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function str(n: Node | undefined): string | undefined {
  return n && n.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}

describe('Terraform semantics on HCL', () => {
  const catalogue = defaultCatalogue();
  /** Lints files of one directory together and returns CL-AWS-004 / CL-AWS-050 findings as [rule, file, range]. */
  function lintModule(files: Record<string, string>, rules = ['CL-AWS-004', 'CL-AWS-050', 'CL-AWS-005']): [string, string, string][] {
    const parsed = Object.entries(files).map(([name, text]) => parseFile(`mod/${name}`, text));
    const results = lintFiles(parsed, catalogue);
    return results.flatMap((r) =>
      r.findings.filter((f) => rules.includes(f.rule.id)).map((f): [string, string, string] => [f.rule.id, r.file.uri, spanText(r, f.span)]),
    );
  }
  const rds = (value: string) => `resource "aws_db_instance" "db" {\n  publicly_accessible = ${value}\n}\n`;

  it('a variable without a default or value is unknown: no finding', () => {
    assert.deepEqual(lintModule({ 'main.tf': rds('var.public'), 'variables.tf': 'variable "public" {}\n' }), []);
    assert.deepEqual(lintModule({ 'main.tf': rds('var.public') }), []);
  });

  it('a variable default is known, across the files of the module; the finding is at the use', () => {
    assert.deepEqual(lintModule({ 'main.tf': rds('var.public'), 'variables.tf': 'variable "public" {\n  default = true\n}\n' }), [['CL-AWS-004', 'mod/main.tf', '2:25-2:35']]);
    assert.deepEqual(lintModule({ 'main.tf': rds('var.public'), 'variables.tf': 'variable "public" {\n  default = false\n}\n' }), []);
    // Declared in a `.tf.json` file of the module: the same.
    assert.deepEqual(lintModule({ 'main.tf': rds('var.public'), 'variables.tf.json': '{"variable": {"public": {"default": true}}}' }), [['CL-AWS-004', 'mod/main.tf', '2:25-2:35']]);
  });

  it('terraform.tfvars and *.auto.tfvars (HCL or JSON) override the default, the auto file last', () => {
    const base = { 'main.tf': rds('var.public'), 'variables.tf': 'variable "public" {\n  default = false\n}\n' };
    assert.deepEqual(lintModule({ ...base, 'terraform.tfvars': 'public = true\n' }), [['CL-AWS-004', 'mod/main.tf', '2:25-2:35']]);
    assert.deepEqual(lintModule({ ...base, 'prod.auto.tfvars.json': '{"public": true}' }), [['CL-AWS-004', 'mod/main.tf', '2:25-2:35']]);
    assert.deepEqual(lintModule({ ...base, 'terraform.tfvars': 'public = true\n', 'z.auto.tfvars': 'public = false\n' }), []);
    // Other variable files are only read with -var-file: not applied.
    assert.deepEqual(lintModule({ ...base, 'prod.tfvars': 'public = true\n' }), []);
  });

  it('locals resolve when their expression is known, through other locals and variables', () => {
    const locals = 'variable "p" {\n  default = true\n}\nlocals {\n  public = local.also\n  also   = var.p\n  unknown = var.nothing\n}\n';
    assert.deepEqual(lintModule({ 'main.tf': rds('local.public'), 'locals.tf': locals }), [['CL-AWS-004', 'mod/main.tf', '2:25-2:37']]);
    assert.deepEqual(lintModule({ 'main.tf': rds('local.unknown'), 'locals.tf': locals }), []);
    // A local that refers to itself is not a hang.
    assert.deepEqual(lintModule({ 'main.tf': rds('local.loop'), 'locals.tf': 'locals {\n  loop = local.loop\n}\n' }), []);
  });

  it('string templates are known when every part is', () => {
    const main = 'resource "aws_s3_bucket" "b" {\n  acl = "${var.kind}-${local.rw}"\n}\n';
    const known = 'variable "kind" {\n  default = "public"\n}\nlocals {\n  rw = "read"\n}\n';
    assert.deepEqual(lintModule({ 'main.tf': main, 'v.tf': known }), [['CL-AWS-050', 'mod/main.tf', '2:9-2:34']]);
    assert.deepEqual(lintModule({ 'main.tf': main, 'v.tf': 'variable "kind" {}\nlocals {\n  rw = "read"\n}\n' }), []);
    assert.deepEqual(templateParts('a-${x}-$${y}-${f({a = 1})}'), { literal: ['a-', '-${y}-', ''], exprs: ['x', 'f({a = 1})'] });
    assert.equal(templateParts('%{ if x }y%{ endif }'), undefined);
  });

  it('function calls, conditionals, for expressions, each/count values are unknown', () => {
    for (const v of ['tobool("true")', 'var.x ? true : false', 'each.value.public', 'count.index == 0', '[for x in [true] : x][0]']) {
      assert.deepEqual(lintModule({ 'main.tf': rds(v), 'v.tf': 'variable "x" {\n  default = true\n}\n' }), [], v);
    }
  });

  it('references link resources for cross-resource rules, as "${…}" does in JSON', () => {
    const main = `resource "aws_s3_bucket" "b" {\n  bucket = "acme"\n}\n`;
    const pab = `resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`;
    assert.deepEqual(lintModule({ 'main.tf': main }, ['CL-AWS-002']), [['CL-AWS-002', 'mod/main.tf', '1:26-1:29']]);
    // In another file of the module, HCL or JSON.
    assert.deepEqual(lintModule({ 'main.tf': main, 'pab.tf': pab }, ['CL-AWS-002']), []);
    const pabJson = '{"resource": {"aws_s3_bucket_public_access_block": {"b": {"bucket": "${aws_s3_bucket.b.id}", "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}}}}';
    assert.deepEqual(lintModule({ 'main.tf': main, 'pab.tf.json': pabJson }, ['CL-AWS-002']), []);
    // Another directory is another module.
    const results = lintFiles([parseFile('a/main.tf', main), parseFile('b/pab.tf', pab)], catalogue);
    assert.deepEqual(results[0].findings.filter((f) => f.rule.id === 'CL-AWS-002').length, 1);
  });

  describe('local modules', () => {
    /** Findings of `rules` over files given by path, as [rule, file, range]. */
    const scan = (files: Record<string, string>, rules = ['CL-AWS-004']) =>
      lintFiles(
        Object.entries(files).map(([name, text]) => parseFile(name, text)),
        catalogue,
      ).flatMap((r) => r.findings.filter((f) => rules.includes(f.rule.id)).map((f) => [f.rule.id, r.file.uri, spanText(r, f.span)]));
    const child = { 'modules/db/main.tf': rds('var.public'), 'modules/db/variables.tf': 'variable "public" {\n  default = true\n}\n' };

    it('a called module takes its variables from the call, its default where the call does not set one', () => {
      assert.deepEqual(scan({ ...child, 'main.tf': 'module "db" {\n  source = "./modules/db"\n  public = false\n}\n' }), []);
      assert.deepEqual(scan({ ...child, 'main.tf': 'module "db" {\n  source = "./modules/db"\n}\n' }), [['CL-AWS-004', 'modules/db/main.tf', '2:25-2:35']]);
      // The call's value is resolved where it is written.
      const root = 'variable "p" {\n  default = false\n}\nmodule "db" {\n  source = "./modules/db"\n  public = var.p\n}\n';
      assert.deepEqual(scan({ ...child, 'main.tf': root }), []);
      assert.deepEqual(scan({ ...child, 'main.tf': root, 'terraform.tfvars': 'p = true\n' }), [['CL-AWS-004', 'modules/db/main.tf', '2:25-2:35']]);
    });

    it('several calls with their own values: unknown; the module\'s own tfvars are not read for a called module', () => {
      const two = 'module "a" {\n  source = "./modules/db"\n  public = false\n}\nmodule "b" {\n  source = "./modules/db"\n  public = true\n}\n';
      assert.deepEqual(scan({ ...child, 'main.tf': two }), []);
      const called = { ...child, 'modules/db/terraform.tfvars': 'public = true\n', 'main.tf': 'module "db" {\n  source = "./modules/db"\n  public = false\n}\n' };
      assert.deepEqual(scan(called), []);
      // Registry and git sources are not fetched (one note each, at the source); the module's variables keep their defaults.
      // (A module outside the table of known registry modules: terraform-modules.test.ts tests those.)
      const remote = lintText('main.tf', 'module "eks" {\n  source  = "terraform-aws-modules/eks/aws"\n  version = "20.0.0"\n}\nmodule "local" {\n  source = "./modules/db"\n}\nresource "aws_s3_bucket" "b" {\n');
      assert.deepEqual(
        remote.notices.map((n) => [spanText(remote, n.span), n.message]),
        [['2:13-2:44', 'Module "eks" comes from "terraform-aws-modules/eks/aws", which Cloudline does not download: the resources it creates are not linted. Lint a plan (terraform show -json) to cover them.']],
      );
      assert.equal(remote.problems.length, 1, 'the syntax error is still reported');
      assert.deepEqual(scan({ ...child, 'main.tf': 'module "db" {\n  source = "terraform-aws-modules/rds/aws"\n  public = false\n}\n' }), [['CL-AWS-004', 'modules/db/main.tf', '2:25-2:35']]);
    });

    it('module.x.output links to the resources the output names, for cross-resource checks', () => {
      const files = {
        'modules/bucket/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "acme"\n}\n',
        'modules/bucket/outputs.tf': 'output "id" {\n  value = aws_s3_bucket.b.id\n}\n',
      };
      const pab = `module "bucket" {
  source = "./modules/bucket"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = module.bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`;
      assert.deepEqual(scan(files, ['CL-AWS-002']), [['CL-AWS-002', 'modules/bucket/main.tf', '1:26-1:29']]);
      assert.deepEqual(scan({ ...files, 'main.tf': pab }, ['CL-AWS-002']), []);
      const results = lintFiles([...Object.entries(files), ['main.tf', pab]].map(([n, t]) => parseFile(n, t)), catalogue);
      const block = results.flatMap((r) => r.resources).find((r) => r.id === 'aws_s3_bucket_public_access_block.b')!;
      assert.deepEqual(block.references('bucket'), ['aws_s3_bucket.b']);
      // Without the module call, the other directory is another module.
      assert.deepEqual(scan({ ...files, 'main.tf': pab.replace('module "bucket" {\n  source = "./modules/bucket"\n}\n', '') }, ['CL-AWS-002']), [['CL-AWS-002', 'modules/bucket/main.tf', '1:26-1:29']]);
    });
  });

  it('count = 0 and an empty for_each deploy nothing; other counts are linted', () => {
    const r = (meta: string) => `resource "aws_db_instance" "db" {\n  ${meta}\n  publicly_accessible = true\n}\n`;
    assert.deepEqual(lintModule({ 'main.tf': r('count = 0') }), []);
    assert.deepEqual(lintModule({ 'main.tf': r('for_each = {}') }), []);
    assert.deepEqual(lintModule({ 'main.tf': r('count = 2') }), [['CL-AWS-004', 'mod/main.tf', '3:25-3:29']]);
    assert.deepEqual(lintModule({ 'main.tf': r('count = var.n') }), [['CL-AWS-004', 'mod/main.tf', '3:25-3:29']]);
  });

  it('a dynamic block is not a missing block, and its content is not linted as known', () => {
    const sg = `resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
`;
    assert.deepEqual(lintModule({ 'main.tf': sg }), []);
  });

  it('suppressions: a # or // comment above the block, above the attribute, or at the end of its line', () => {
    const base = (before: string, trailing = '') => `${before}resource "aws_db_instance" "db" {\n  publicly_accessible = true${trailing}\n}\n`;
    const ids = (t: string) => lintText('main.tf', t).findings.filter((f) => f.rule.id === 'CL-AWS-004' || f.rule.id === 'CL-GEN-001').map((f) => f.rule.id);
    assert.deepEqual(ids(base('')), ['CL-AWS-004']);
    assert.deepEqual(ids(base('# cloudline-ignore CL-AWS-004 -- internal network only\n')), []);
    assert.deepEqual(ids(base('// cloudline-ignore CL-AWS-004 -- internal network only\n')), []);
    assert.deepEqual(ids(base('', ' # cloudline-ignore CL-AWS-004 -- internal network only')), []);
    assert.deepEqual(ids(`resource "aws_db_instance" "db" {\n  # cloudline-ignore CL-AWS-004 -- reviewed\n  publicly_accessible = true\n}\n`), []);
    // Without a reason: suppressed, and the missing reason is reported.
    assert.deepEqual(ids(base('# cloudline-ignore CL-AWS-004\n')), ['CL-GEN-001']);
    const result = lintText('main.tf', base('# cloudline-ignore CL-AWS-004 -- ok\n'));
    assert.equal(result.suppressed.length, 1);
    assert.equal(result.suppressed[0].suppression.reason, 'ok');
  });

  it('the editor re-lints with the module\'s current files: a changed default in a sibling is not served from the cache', () => {
    const linter = new DocumentLinter(catalogue);
    const main = rds('var.public');
    const vars = (v: boolean) => [parseFile('file:///m/variables.tf', `variable "public" {\n  default = ${v}\n}\n`)];
    const ids = (s: ReturnType<DocumentLinter['lint']>) => s.result.findings.filter((f) => f.rule.id === 'CL-AWS-004').map((f) => spanText(s.result, f.span));
    assert.deepEqual(ids(linter.lint('file:///m/main.tf', 1, main, {}, vars(false))), []);
    assert.deepEqual(ids(linter.lint('file:///m/main.tf', 1, main, {}, vars(true))), ['2:25-2:35']);
    assert.deepEqual(ids(linter.lint('file:///m/main.tf', 2, main + '\n', {}, vars(false))), []);
  });

  // Until HCL fixes existed this test checked that HCL findings had none (fixes were written as YAML or JSON only).
  it('HCL findings carry fixes written in HCL, and none through a variable', () => {
    const text = rds('true');
    const result = lintText('main.tf', text);
    const fixed = (id: string) => {
      const f = result.findings.find((x) => x.rule.id === id)!;
      return applyEdits(text, f.fixes[0].edits);
    };
    assert.equal(fixed('CL-AWS-004'), rds('false'));
    assert.equal(fixed('CL-AWS-055'), rds('true').replace('true\n', 'true\n  storage_encrypted   = true\n'));
    for (const f of result.findings) for (const fix of f.fixes) assert.deepEqual(parseFile('main.tf', applyEdits(text, fix.edits)).problems, [], f.rule.id);
    const viaVar = lintFiles([parseFile('mod/main.tf', rds('var.public')), parseFile('mod/variables.tf', 'variable "public" {\n  default = true\n}\n')], catalogue);
    const reported = viaVar[0].findings.filter((f) => f.rule.id === 'CL-AWS-004');
    assert.equal(reported.length, 1);
    assert.deepEqual(reported[0].fixes, [], 'the fix belongs to the variable, whose other users it would change');
  });
});

describe('HCL twins of Terraform JSON rule examples', () => {
  /** A finding as rule ID and the text it points at (JSON string escapes removed, so both forms read the same). */
  const shown = (r: ReturnType<typeof lintText>) =>
    r.findings.map((f) => `${f.rule.id} ${r.file.text.slice(f.span[0], f.span[1]).replace(/\\"/g, '"')}`).sort();

  for (const twin of TWINS) {
    it(twin.name, () => {
      const json = lintText('main.tf.json', twin.json);
      const hcl = lintText('main.tf', twin.hcl);
      assert.deepEqual(json.problems, []);
      assert.deepEqual(hcl.problems, []);
      assert.deepEqual([...hcl.errors, ...json.errors], []);
      assert.deepEqual(shown(hcl), shown(json), 'the same rules at the corresponding text');
      const got = hcl.findings.map((f) => [f.rule.id, spanText(hcl, f.span)]);
      for (const want of twin.findings) assert.ok(got.some((g) => g[0] === want[0] && g[1] === want[1]), `${want.join(' ')} not in ${JSON.stringify(got)}`);
      for (const id of twin.absent) assert.ok(!got.some((g) => g[0] === id), `${id} fired`);
    });
  }

  it(`at least 10 twins`, () => assert.ok(TWINS.length >= 10));
});


