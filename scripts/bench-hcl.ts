// HCL parse cost (`npx tsx scripts/bench-hcl.ts [lines]`): a generated Terraform file of about 5,000 lines, timed as
// the bare tree-sitter parse, the parse into Cloudline's tree (parseFile), and the full lint. Medians of interleaved
// repetitions, after a warm-up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { defaultCatalogue } from '../server/src/engine/default-catalogue';
import { lintFile } from '../server/src/engine/lint';
import { initHcl } from '../server/src/model/hcl';
import { parseFile } from '../server/src/model/parse';

/** A Terraform module of about `lines` lines: buckets, access blocks, security groups, databases, policies, variables. */
export function genTerraform(lines: number): string {
  const out: string[] = ['variable "env" {\n  default = "prod"\n}\n', 'locals {\n  prefix = "acme-${var.env}"\n}\n'];
  let n = 0;
  let count = 7;
  while (count < lines) {
    const blocks = [
      `resource "aws_s3_bucket" "b${n}" {\n  bucket = "\${local.prefix}-${n}"\n  acl    = "${n % 3 ? 'private' : 'public-read'}"\n  tags = {\n    Name = "b${n}"\n    Env  = var.env\n  }\n}\n`,
      `resource "aws_s3_bucket_public_access_block" "b${n}" {\n  bucket                  = aws_s3_bucket.b${n}.id\n  block_public_acls       = true\n  block_public_policy     = ${n % 2 === 0}\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n`,
      `resource "aws_security_group" "sg${n}" {\n  name = "sg${n}"\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n  ingress {\n    from_port   = ${n % 2 ? 22 : 8080}\n    to_port     = ${n % 2 ? 22 : 8080}\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]\n  }\n}\n`,
      `resource "aws_db_instance" "db${n}" {\n  engine              = "postgres"\n  instance_class      = "db.t4g.micro"\n  publicly_accessible = ${n % 4 === 0}\n  storage_encrypted   = true\n  # cloudline-ignore CL-AWS-080 -- bench\n  deletion_protection = false\n}\n`,
      `resource "aws_iam_policy" "p${n}" {\n  name   = "p${n}"\n  policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "\${aws_s3_bucket.b${n}.arn}/*"}]\n}\nEOF\n}\n`,
    ];
    for (const b of blocks) {
      out.push(b);
      count += b.split('\n').length;
    }
    n++;
  }
  return out.join('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const lines = Number(process.argv[2] ?? 5000);
  const text = genTerraform(lines);
  await initHcl();
  await Parser.init({ wasmBinary: readFileSync(join(__dirname, '..', 'node_modules/web-tree-sitter/web-tree-sitter.wasm')) } as object);
  const lang = await Language.load(new Uint8Array(readFileSync(join(__dirname, '..', 'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'))));
  const bare = new Parser();
  bare.setLanguage(lang);
  const catalogue = defaultCatalogue();
  const t = { bare: [] as number[], parse: [] as number[], lint: [] as number[] };
  let findings = 0;
  let resources = 0;
  for (let i = 0; i < 15; i++) {
    let s = performance.now();
    bare.parse(text)!.delete();
    if (i >= 3) t.bare.push(performance.now() - s);
    s = performance.now();
    const f = parseFile('main.tf', text);
    if (i >= 3) t.parse.push(performance.now() - s);
    s = performance.now();
    const r = lintFile(parseFile('main.tf', text), catalogue);
    if (i >= 3) t.lint.push(performance.now() - s);
    findings = r.findings.length;
    resources = r.resources.length;
    if (f.problems.length) throw new Error(f.problems[0].message);
  }
  const actual = text.split('\n').length;
  console.log(`${actual} lines, ${text.length} characters, ${resources} resources, ${findings} findings`);
  console.log(`bare tree-sitter parse: ${median(t.bare).toFixed(1)} ms`);
  console.log(`parseFile (parse + tree adapter): ${median(t.parse).toFixed(1)} ms`);
  console.log(`parseFile + lintFile (full lint): ${median(t.lint).toFixed(1)} ms`);
}

if (require.main === module) void main();
