// Edit helpers on Terraform HCL (server/src/engine/edits.ts, hcl-edits.ts): values as HCL literals, attributes added
// at the body's indentation with `=` aligned as `terraform fmt` aligns a run, nested objects as blocks (map
// attributes such as `tags` as objects), comments and line ends kept, and no fix through a variable, a local or a
// `dynamic` block. Every case asserts the exact text after applying the edits, and that it parses.
import { strict as assert } from 'node:assert';
import { resourcesOf } from '../../server/src/formats';
import { addPath } from '../../server/src/engine/add-path';
import { applyEdits, Edits, type Plain } from '../../server/src/engine/edits';
import { assignOf } from '../../server/src/engine/hcl-edits';
import { parseFile, type ParsedFile } from '../../server/src/model/parse';
import { get, type MapNode, type Node } from '../../server/src/model/tree';
import { lintText } from '../helpers';

function parsed(text: string): ParsedFile {
  const file = parseFile('main.tf', text);
  assert.deepEqual(file.problems, []);
  return file;
}

function bodyOf(file: ParsedFile, type: string, name: string, ...keys: string[]): Node {
  let n: Node | undefined = resourcesOf(file).find((r) => r.id === `${type}.${name}`)?.node;
  for (const k of keys) n = get(n, k);
  assert.ok(n, `no node at ${type}.${name}.${keys.join('.')}`);
  return n;
}

function check(text: string, out: string): string {
  assert.deepEqual(parseFile('main.tf', out).problems, [], `the result parses:\n${out}`);
  return out;
}

function add(text: string, at: [string, string, ...string[]], pairs: Record<string, Plain>): string {
  const file = parsed(text);
  const map = bodyOf(file, ...at) as MapNode;
  assert.equal(map.kind, 'map');
  return check(text, applyEdits(text, new Edits(file.lines).addPairs(map, pairs)));
}

function set(text: string, type: string, name: string, key: string, value: Plain): string | undefined {
  const file = parsed(text);
  const r = resourcesOf(file).find((x) => x.type === type && x.id.endsWith(`.${name}`))!;
  const edits = new Edits(file.lines).setValue(r.body.get(key), value);
  return edits && check(text, applyEdits(text, edits));
}

const DB = `resource "aws_db_instance" "d" {
  engine              = "postgres" # keep this comment
  publicly_accessible = true
  port                = 5432
}
`;

const BUCKET = `resource "aws_s3_bucket" "b" {
  bucket = "x"
  acl    = "private" # a comment

  versioning {
    enabled = true
  }
}
`;

describe('HCL edits: set a value', () => {
  it('writes HCL literals in place, the comment after the value kept', () => {
    assert.equal(set(DB, 'aws_db_instance', 'd', 'publicly_accessible', false), DB.replace('publicly_accessible = true', 'publicly_accessible = false'));
    assert.equal(set(DB, 'aws_db_instance', 'd', 'engine', 'aws:kms'), DB.replace('"postgres" #', '"aws:kms" #'));
    assert.equal(set(DB, 'aws_db_instance', 'd', 'port', 3306), DB.replace('5432', '3306'));
    assert.equal(set(DB, 'aws_db_instance', 'd', 'port', ['a', 'b']), DB.replace('5432', '["a", "b"]'));
    assert.equal(set(DB, 'aws_db_instance', 'd', 'port', null), DB.replace('5432', 'null'));
  });

  it('escapes what HCL would read as a template, keeps snippet placeholders for the client', () => {
    assert.equal(set(DB, 'aws_db_instance', 'd', 'engine', 'a${b}%{c}"\\'), DB.replace('"postgres"', () => '"a$${b}%%{c}\\"\\\\"'));
    // A snippet: the client replaces the placeholder by its default (`"postgres"`) before the text is HCL again.
    const file = parsed(DB);
    const r = resourcesOf(file)[0];
    const edits = new Edits(file.lines).setValue(r.body.get('engine'), '${1:postgres}')!;
    assert.equal(applyEdits(DB, edits), DB.replace('"postgres"', '"${1:postgres}"'));
  });

  it('writes an object as a multi-line HCL object at the line\'s indentation', () => {
    assert.equal(set(DB, 'aws_db_instance', 'd', 'port', { Name: 'x', Environment: 'prod' }), DB.replace('5432', '{\n    Name        = "x"\n    Environment = "prod"\n  }'));
  });

  it('offers nothing for a value from a variable, a local, a module, or a dynamic block', () => {
    const text = `variable "public" {
  default = true
}

locals {
  public = true
}

resource "aws_db_instance" "a" {
  publicly_accessible = var.public
}

resource "aws_db_instance" "b" {
  publicly_accessible = local.public
}
`;
    assert.equal(set(text, 'aws_db_instance', 'a', 'publicly_accessible', false), undefined);
    assert.equal(set(text, 'aws_db_instance', 'b', 'publicly_accessible', false), undefined);
    const r = lintText('main.tf', text);
    const findings = r.findings.filter((f) => f.rule.id === 'CL-AWS-004');
    assert.equal(findings.length, 2, 'the resolved values are reported');
    assert.deepEqual(findings.map((f) => f.fixes.length), [0, 0], 'with no fix: the fix belongs where the value is set');
    const lit = `resource "aws_db_instance" "l" {\n  engine = "my-data.var.example"\n  name   = "\${var.env}-db"\n}\n`;
    assert.equal(set(lit, 'aws_db_instance', 'l', 'engine', 'x'), lit.replace('"my-data.var.example"', '"x"'), 'a literal that reads like a reference is a literal');
    assert.equal(set(lit, 'aws_db_instance', 'l', 'name', 'x'), undefined, 'a template made of a variable');
    const mod = `resource "aws_db_instance" "c" {\n  publicly_accessible = module.settings.public\n}\n`;
    assert.equal(set(mod, 'aws_db_instance', 'c', 'publicly_accessible', false), undefined);
  });

  it('a dynamic block: no path is added through it', () => {
    const text = `resource "aws_s3_bucket" "b" {
  bucket = "x"
  dynamic "versioning" {
    for_each = var.v
    content {
      enabled = false
    }
  }
}
`;
    const file = parsed(text);
    const r = resourcesOf(file)[0];
    assert.equal(addPath(new Edits(file.lines), r, ['versioning', 'enabled'], true), undefined);
    assert.equal(new Edits(file.lines).setValue(r.body.get('versioning'), true), undefined);
  });
});

describe('HCL edits: add attributes and blocks', () => {
  it('a shorter key joins the run after the last attribute, padded to its `=`', () => {
    assert.equal(add(BUCKET, ['aws_s3_bucket', 'b'], { id: 'y' }), BUCKET.replace('# a comment\n', '# a comment\n  id     = "y"\n'));
  });

  it('a longer key re-pads the run it joins (comments kept), not the lines of other runs', () => {
    const text = BUCKET.replace('    enabled = true\n', '    enabled    = true\n    mfa_delete = false\n');
    assert.equal(
      add(text, ['aws_s3_bucket', 'b'], { force_destroy: true }),
      text.replace('  bucket = "x"\n  acl    = "private" # a comment\n', '  bucket        = "x"\n  acl           = "private" # a comment\n  force_destroy = true\n'),
    );
  });

  it('a run the file does not align keeps its style: one space, no line re-padded', () => {
    const text = 'resource "aws_db_instance" "d" {\n  engine = "postgres"\n  instance_class   = "db.t3.micro"\n}\n';
    assert.equal(add(text, ['aws_db_instance', 'd'], { storage_encrypted: true }), text.replace('micro"\n', 'micro"\n  storage_encrypted = true\n'));
  });

  it('a nested object becomes a block after the body\'s last item; an attribute and a block at once', () => {
    const sse = { rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'k' } } };
    assert.equal(
      add(BUCKET, ['aws_s3_bucket', 'b'], { server_side_encryption_configuration: sse, policy: 'p' }),
      BUCKET.replace('# a comment\n', '# a comment\n  policy = "p"\n').replace(
        '    enabled = true\n  }\n',
        '    enabled = true\n  }\n  server_side_encryption_configuration {\n    rule {\n      apply_server_side_encryption_by_default {\n        sse_algorithm     = "aws:kms"\n        kms_master_key_id = "k"\n      }\n    }\n  }\n',
      ),
    );
  });

  it('map attributes (tags, environment variables) are objects, a list of objects is repeated blocks', () => {
    const text = 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n}\n';
    assert.equal(
      add(text, ['aws_lambda_function', 'f'], { tags: { Name: 'x', 'a:b': 'y' }, environment: { variables: { A: '1' } }, ingress: [{ from_port: 1 }, { from_port: 2 }] }),
      'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  tags = {\n    Name  = "x"\n    "a:b" = "y"\n  }\n  environment {\n    variables = {\n      A = "1"\n    }\n  }\n  ingress {\n    from_port = 1\n  }\n  ingress {\n    from_port = 2\n  }\n}\n',
    );
  });

  it('a name the file writes as an attribute stays one', () => {
    const text = 'resource "aws_instance" "a" {\n  ami = "x"\n  metadata_options = {\n    http_endpoint = "enabled"\n  }\n}\n\nresource "aws_instance" "b" {\n  ami = "x"\n}\n';
    assert.equal(
      add(text, ['aws_instance', 'b'], { metadata_options: { http_tokens: 'required' } }),
      text.slice(0, -2) + '  metadata_options = {\n    http_tokens = "required"\n  }\n}\n',
    );
  });

  it('a body with blocks only: the attribute goes first, at the blocks\' indentation', () => {
    const text = 'resource "aws_s3_bucket" "b" {\n    versioning {\n        enabled = true\n    }\n}\n';
    assert.equal(add(text, ['aws_s3_bucket', 'b'], { bucket: 'x' }), 'resource "aws_s3_bucket" "b" {\n    bucket = "x"\n    versioning {\n        enabled = true\n    }\n}\n');
  });

  it('an empty block, `{}` or over two lines, and a one-line block are written over several lines', () => {
    const empty = 'resource "aws_s3_bucket" "b" {\n  versioning {}\n}\n';
    assert.equal(add(empty, ['aws_s3_bucket', 'b', 'versioning'], { enabled: true }), 'resource "aws_s3_bucket" "b" {\n  versioning {\n    enabled = true\n  }\n}\n');
    const file = parsed(empty);
    const replaced = applyEdits(empty, new Edits(file.lines).replaceNode(bodyOf(file, 'aws_s3_bucket', 'b', 'versioning'), { enabled: true, mfa_delete: false }));
    assert.equal(check(empty, replaced), 'resource "aws_s3_bucket" "b" {\n  versioning {\n    enabled    = true\n    mfa_delete = false\n  }\n}\n');
    const two = 'resource "aws_s3_bucket" "b" {\n  versioning {\n  }\n}\n';
    assert.equal(add(two, ['aws_s3_bucket', 'b', 'versioning'], { enabled: true }), 'resource "aws_s3_bucket" "b" {\n  versioning {\n    enabled = true\n  }\n}\n');
    const one = 'resource "aws_s3_bucket" "b" {\n  versioning { mfa_delete = false }\n}\n';
    assert.equal(add(one, ['aws_s3_bucket', 'b', 'versioning'], { enabled: true }), 'resource "aws_s3_bucket" "b" {\n  versioning {\n    mfa_delete = false\n    enabled    = true\n  }\n}\n');
  });

  it('an object expression: one per line aligned, or on its one line', () => {
    const text = 'resource "aws_instance" "a" {\n  tags = {\n    Name = "x"\n  }\n  labels = { a = "b" }\n  empty = {}\n}\n';
    assert.equal(add(text, ['aws_instance', 'a', 'tags'], { Environment: 'prod' }), text.replace('    Name = "x"\n', '    Name        = "x"\n    Environment = "prod"\n'));
    assert.equal(add(text, ['aws_instance', 'a', 'labels'], { c: 'd' }), text.replace('{ a = "b" }', '{ a = "b", c = "d" }'));
    assert.equal(add(text, ['aws_instance', 'a', 'empty'], { c: 'd' }), text.replace('empty = {}', 'empty = { c = "d" }'));
  });

  it('CRLF files get CRLF line breaks, and the re-padded lines keep theirs', () => {
    const crlf = BUCKET.replace(/\n/g, '\r\n');
    assert.equal(
      add(crlf, ['aws_s3_bucket', 'b'], { force_destroy: true, logging: { target_bucket: 'l' } }),
      BUCKET.replace('  bucket = "x"\n  acl    = "private" # a comment\n', '  bucket        = "x"\n  acl           = "private" # a comment\n  force_destroy = true\n')
        .replace('    enabled = true\n  }\n', '    enabled = true\n  }\n  logging {\n    target_bucket = "l"\n  }\n')
        .replace(/\n/g, '\r\n'),
    );
  });

  it('reads a line\'s `=` as fmt does: not in a block header, a comparison, a string or a multi-line value', () => {
    assert.deepEqual(assignOf('  acl    = "private" # c = d'), { eq: 9, leadEnd: 5 });
    assert.deepEqual(assignOf('  "a:b" = 1'), { eq: 8, leadEnd: 7 });
    assert.equal(assignOf('  tags = {'), undefined);
    assert.equal(assignOf('  versioning {'), undefined);
    assert.equal(assignOf('  # a = 1'), undefined);
    assert.equal(assignOf('  x == 1'), undefined);
    assert.deepEqual(assignOf('  x = "${a == b ? "{" : "}"}"'), { eq: 4, leadEnd: 3 });
  });
});

describe('HCL edits: block or attribute', () => {
  it('a resource label that is also a block name does not decide how the name is written', () => {
    const text = 'resource "aws_instance" "tags" {\n  ami = "x"\n}\n';
    assert.equal(add(text, ['aws_instance', 'tags'], { tags: { Name: 'n' } }), 'resource "aws_instance" "tags" {\n  ami = "x"\n  tags = {\n    Name = "n"\n  }\n}\n');
  });
});

describe('HCL edits: what is not replaced', () => {
  it('repeated blocks are not replaced by a value, nor a block body by a scalar', () => {
    const text = 'resource "aws_security_group" "g" {\n  ingress {\n    from_port = 22\n  }\n  ingress {\n    from_port = 80\n  }\n  egress {\n    from_port = 0\n  }\n}\n';
    const file = parsed(text);
    const edits = new Edits(file.lines);
    assert.deepEqual(edits.replaceNode(bodyOf(file, 'aws_security_group', 'g', 'ingress'), []), []);
    assert.deepEqual(edits.replaceNode(bodyOf(file, 'aws_security_group', 'g', 'egress'), false), []);
  });
});
