// Terraform semantics on HCL that are trivially known: function calls of written-out values (`jsonencode`, `lower`,
// `merge`, `concat`, `toset`, `format`...) and `dynamic` blocks whose `for_each` is written out. Everything else
// (an argument or a `for_each` that is a variable, a resource, any other function) stays unknown: no finding.
import { strict as assert } from 'node:assert';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFiles } from '../../server/src/engine/lint';
import { parseHcl } from '../../server/src/model/hcl';
import { parseFile } from '../../server/src/model/parse';
import { get, type Node } from '../../server/src/model/tree';
import { lintText, spanText } from '../helpers';

function plain(n: Node | undefined): unknown {
  if (!n) return undefined;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(plain);
  return Object.fromEntries(n.pairs.map((p) => [p.key.value, plain(p.value)]));
}

/** The findings of one rule as `line:col-line:col` and the text they point at. */
function findings(text: string, rule: string): [string, string][] {
  const r = lintText('main.tf', text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.problems, []);
  return r.findings.filter((f) => f.rule.id === rule).map((f) => [spanText(r, f.span), text.slice(f.span[0], f.span[1])]);
}

describe('HCL: trivially known function calls', () => {
  it('reads written-out calls as their values, and every other call as unknown', () => {
    const t = `a = lower("ABC")
b = upper("abc")
c = format("%s-%d-%%", "web", 8)
d = tolist(["x", "y"])
e = toset(["x", "y", "x"])
f = concat(["a"], ["b", "c"])
g = merge({ a = 1, b = 2 }, { b = 3 })
h = jsonencode({ k = "v", l = [1, true] })
u1 = lower(var.name)
u2 = format("%s", var.name)
u3 = concat(["a"], var.list)
u4 = merge(local.tags, { b = 3 })
u5 = concat(var.lists...)
u6 = jsonencode(var.doc)
u7 = format("%q", "x")
u8 = toset([var.a, "b"])
u9 = provider::aws::arn_parse("arn")
u10 = file("policy.json")
u11 = lower("\${var.x}")
`;
    const root = parseHcl(t).doc.root;
    assert.deepEqual(plain(root), {
      a: 'abc',
      b: 'ABC',
      c: 'web-8-%',
      d: ['x', 'y'],
      e: ['x', 'y'],
      f: ['a', 'b', 'c'],
      g: { a: 1, b: 3 },
      h: { k: 'v', l: [1, true] },
      u1: '${lower(var.name)}',
      u2: '${format("%s", var.name)}',
      u3: '${concat(["a"], var.list)}',
      u4: '${merge(local.tags, { b = 3 })}',
      u5: '${concat(var.lists...)}',
      u6: '${jsonencode(var.doc)}',
      u7: '${format("%q", "x")}',
      u8: '${toset([var.a, "b"])}',
      u9: '${provider::aws::arn_parse("arn")}',
      u10: '${file("policy.json")}',
      u11: '${lower("${var.x}")}',
    });
    // Values keep their places in the source: a computed string is the call, a list's items are where they are written.
    const at = (n: Node | undefined) => (n ? t.slice(n.span[0], n.span[1]) : undefined);
    assert.equal(at(get(root, 'a')), 'lower("ABC")');
    const f = get(root, 'f');
    assert.equal(f?.kind === 'seq' ? at(f.items[1]) : undefined, '"b"');
    assert.equal(f?.kind === 'seq' ? f.items[1].parent : undefined, f);
    const g = get(root, 'g');
    assert.equal(at(get(g, 'b')), '3');
    assert.equal(at(get(root, 'h')), '{ k = "v", l = [1, true] }');
  });

  it('an IAM policy written with jsonencode is linted, at the exact characters', () => {
    const t = `resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}
`;
    assert.deepEqual(findings(t, 'CL-AWS-003'), [['7:18-7:21', '"*"']]);
  });

  it('jsonencode of a policy with an unknown value, or of a variable, fires nothing', () => {
    const unknownAction = `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = var.action, Resource = "*" }]
  })
}
`;
    assert.deepEqual(findings(unknownAction, 'CL-AWS-003'), []);
    const fromVar = `resource "aws_iam_policy" "p" {
  policy = jsonencode(var.policy)
}
`;
    assert.deepEqual(findings(fromVar, 'CL-AWS-003'), []);
    // A narrow written-out policy: known, and fine.
    const narrow = `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }]
  })
}
`;
    assert.deepEqual(findings(narrow, 'CL-AWS-003'), []);
  });

  it('a known string from a call is checked like a literal (lower("PUBLIC-READ") is a public ACL)', () => {
    const t = `resource "aws_s3_bucket" "b" {
  bucket = "b"
  acl    = lower("PUBLIC-READ")
}
`;
    assert.deepEqual(findings(t, 'CL-AWS-050'), [['3:12-3:32', 'lower("PUBLIC-READ")']]);
    assert.deepEqual(findings(t.replace('lower("PUBLIC-READ")', 'lower(var.acl)'), 'CL-AWS-050'), []);
  });
});

describe('HCL: dynamic blocks with a written-out for_each', () => {
  const sg = (forEach: string, extra = '') => `resource "aws_security_group" "sg" {
  name = "sg"
  dynamic "ingress" {
    for_each = ${forEach}${extra}
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value["port"]
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }
}
`;

  it('expands to one block per element, with ingress.value known, reported where the element is written', () => {
    const t = sg('[{ port = 22, cidr = "0.0.0.0/0" }, { port = 443, cidr = "10.0.0.0/8" }]');
    const body = get(get(get(parseHcl(t).doc.root, 'resource'), 'aws_security_group'), 'sg');
    assert.deepEqual(plain(get(body, 'ingress')), [
      { from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] },
      { from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'] },
    ]);
    // The dynamic block itself is kept as written.
    assert.deepEqual(plain(get(get(get(body, 'dynamic'), 'ingress'), 'for_each')), [
      { port: 22, cidr: '0.0.0.0/0' },
      { port: 443, cidr: '10.0.0.0/8' },
    ]);
    assert.deepEqual(findings(t, 'CL-AWS-005'), [['4:37-4:48', '"0.0.0.0/0"']]);
  });

  it('an object for_each, a named iterator and ITERATOR.key; toset of a list of ports', () => {
    const t = `resource "aws_security_group" "sg" {
  name = "sg"
  dynamic "ingress" {
    for_each = { ssh = 22 }
    iterator = rule
    content {
      description = rule.key
      from_port   = rule.value
      to_port     = rule.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
`;
    const body = get(get(get(parseHcl(t).doc.root, 'resource'), 'aws_security_group'), 'sg');
    assert.deepEqual(plain(get(body, 'ingress')), { description: 'ssh', from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] });
    assert.deepEqual(findings(t, 'CL-AWS-005'), [['11:22-11:33', '"0.0.0.0/0"']]);
    // A list's (or a set's) keys are not told apart: ITERATOR.key stays unknown there.
    const listed = get(get(get(parseHcl(t.replace('{ ssh = 22 }', '[22]')).doc.root, 'resource'), 'aws_security_group'), 'sg');
    assert.equal(plain(get(get(listed, 'ingress'), 'description')), '${rule.key}');
    const ports = t.replace('{ ssh = 22 }', 'toset([22, 22])').replace('rule.key', '"ssh"');
    assert.deepEqual(findings(ports, 'CL-AWS-005'), [['11:22-11:33', '"0.0.0.0/0"']]);
  });

  it('a for_each that is not written out stays unknown: no finding, no missing block', () => {
    assert.deepEqual(findings(sg('var.rules'), 'CL-AWS-005'), []);
    assert.deepEqual(findings(sg('[for r in var.rules : r]'), 'CL-AWS-005'), []);
    assert.deepEqual(findings(sg('concat(var.a, [{ port = 22, cidr = "0.0.0.0/0" }])'), 'CL-AWS-005'), []);
    const body = get(get(get(parseHcl(sg('var.rules')).doc.root, 'resource'), 'aws_security_group'), 'sg');
    assert.equal(plain(get(body, 'ingress')), '${dynamic "ingress"}');
    // An element's value that is itself unknown stays unknown.
    assert.deepEqual(findings(sg('[{ port = 22, cidr = var.cidr }]'), 'CL-AWS-005'), []);
  });
});

describe('HCL: count and for_each instances', () => {
  /** The findings of one rule: range, text and the condition the message names. */
  const withWhen = (text: string, rule: string) => {
    const r = lintText('main.tf', text);
    assert.deepEqual(r.errors, []);
    return r.findings.filter((f) => f.rule.id === rule).map((f) => [spanText(r, f.span), /\(when ([^)]*)\)/.exec(f.message)?.[1] ?? '']);
  };

  it('each.value of a written-out for_each is one value per instance, named in the message', () => {
    const t = `resource "aws_s3_bucket" "b" {
  for_each = { logs = "private", site = "public-read" }
  bucket   = each.key
  acl      = each.value
}
`;
    assert.deepEqual(withWhen(t, 'CL-AWS-050'), [['4:14-4:24', 'each.key == "site" is true']]);
    assert.deepEqual(withWhen(t.replace('"public-read"', '"log-delivery-write"'), 'CL-AWS-050'), []);
  });

  it('through a variable default, each.value.attr, and a set of strings (each.key = each.value)', () => {
    const t = `variable "dbs" {
  default = { a = { public = true }, b = { public = false } }
}

resource "aws_db_instance" "db" {
  for_each            = var.dbs
  publicly_accessible = each.value.public
}
`;
    assert.deepEqual(withWhen(t, 'CL-AWS-004'), [['7:25-7:42', 'each.key == "a" is true']]);
    const set = `resource "aws_s3_bucket" "b" {
  for_each = toset(["public-read"])
  acl      = each.key
}
`;
    // The default in another file of the module.
    const files = [
      parseFile('m/main.tf', 'resource "aws_db_instance" "db" {\n  for_each            = var.dbs\n  publicly_accessible = each.value.public\n}\n'),
      parseFile('m/variables.tf', 'variable "dbs" {\n  default = { a = { public = true } }\n}\n'),
    ];
    const [main] = lintFiles(files, defaultCatalogue());
    assert.deepEqual(main.findings.filter((f) => f.rule.id === 'CL-AWS-004').map((f) => spanText(main, f.span)), ['3:25-3:42']);
    // One instance: no condition to name.
    assert.deepEqual(withWhen(set, 'CL-AWS-050'), [['3:14-3:22', '']]);
  });

  it('count.index is known per instance; anything it does not make trivially known stays unknown', () => {
    const db = lintText('main.tf', `resource "aws_db_instance" "db" {\n  count      = 2\n  identifier = count.index\n  port       = "x-\${count.index}"\n}\n`).resources[0];
    assert.deepEqual(
      db.body.get('identifier').alts.map((a) => [a.state, a.state === 'known' && a.node.kind === 'scalar' ? a.node.value : undefined, a.when]),
      [
        ['known', 0, ['count.index == 0']],
        ['known', 1, ['count.index == 1']],
      ],
    );
    assert.deepEqual(db.body.get('port').alts.map((a) => a.state), ['unknown']);
    const counted = `resource "aws_db_instance" "db" {
  count               = 2
  publicly_accessible = [true, false][count.index]
}
`;
    assert.deepEqual(withWhen(counted, 'CL-AWS-004'), []);
    const unknownForEach = `resource "aws_s3_bucket" "b" {
  for_each = var.buckets
  acl      = each.value
}
`;
    assert.deepEqual(withWhen(unknownForEach, 'CL-AWS-050'), []);
    const unknownValue = `resource "aws_s3_bucket" "b" {
  for_each = { logs = var.acl }
  acl      = each.value
}
`;
    assert.deepEqual(withWhen(unknownValue, 'CL-AWS-050'), []);
    const template = `resource "aws_s3_bucket" "b" {
  for_each = { logs = "public" }
  acl      = "\${each.value}-read"
}
`;
    assert.deepEqual(withWhen(template, 'CL-AWS-050'), []);
    const missing = `resource "aws_db_instance" "db" {
  for_each            = { a = {} }
  publicly_accessible = each.value.public
}
`;
    assert.deepEqual(withWhen(missing, 'CL-AWS-004'), []);
  });
});
