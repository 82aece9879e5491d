// Generators of large Terraform and S3 inputs for the benchmark and the complexity tests: deterministic, so every
// run measures the same text.
//
//   genPlan(n)                   a `terraform show -json` plan of n resources (buckets, security groups, databases,
//                                IAM policies; every fifth in a child module), with configuration and resource_changes
//   genBuckets(n, format)        n S3 buckets and n separate configuration resources, each referring to its bucket:
//     'terraform-json'           main.tf.json: aws_s3_bucket + aws_s3_bucket_public_access_block (by `${...id}`)
//     'terraform-plan'           plan.json: the same as a plan, half of them in instances of a module
//     'cloudformation-yaml'      template.yaml: AWS::S3::Bucket + AWS::S3::BucketPolicy (by `!Ref`); CloudFormation
//                                has no separate Block Public Access resource, a bucket policy is its separate resource
//   BUCKET_FORMATS, bucketFileName(format)   the formats above and a file name that selects the format
//   genHcl(lines)                a Terraform module (`.tf`, HCL) of about `lines` lines: buckets, access blocks,
//                                security groups, databases, policies (heredoc), a variable and a local

/** A plan of `resources` resources of four kinds, every fifth one in module `app` (as the benchmark has measured). */
export function genPlan(resources = 400): string {
  const planned: unknown[] = [];
  const child: unknown[] = [];
  const changes: unknown[] = [];
  const config: unknown[] = [];
  const childConfig: unknown[] = [];
  for (let i = 0; i < resources; i++) {
    const kind = i % 4;
    const [type, values, unknown]: [string, Record<string, unknown>, Record<string, unknown>] =
      kind === 0
        ? ['aws_s3_bucket', { bucket: `bucket-${i}`, acl: i % 3 === 0 ? 'public-read' : 'private', force_destroy: false, tags: { team: 'x' }, versioning: [{ enabled: i % 2 === 0, mfa_delete: false }] }, { arn: true, id: true }]
        : kind === 1
          ? ['aws_security_group', { name: `sg-${i}`, description: 'generated', ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: [i % 2 ? '0.0.0.0/0' : '10.0.0.0/8'], description: '', ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false }], egress: [], tags: null }, { id: true, arn: true, owner_id: true }]
          : kind === 2
            ? ['aws_db_instance', { identifier: `db-${i}`, engine: 'mysql', instance_class: 'db.t3.micro', publicly_accessible: i % 3 === 0, storage_encrypted: i % 2 === 0, backup_retention_period: i % 8, deletion_protection: false, password: null, auto_minor_version_upgrade: true }, { id: true, address: true, endpoint: true }]
            : ['aws_iam_policy', { name: `p-${i}`, path: '/', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: i % 4 === 3 ? '*' : ['s3:GetObject'], Resource: '*' }] }) }, { id: true, arn: true }];
    const inModule = i % 5 === 4;
    const address = `${inModule ? 'module.app.' : ''}${type}.r${i}`;
    const res = { address, mode: 'managed', type, name: `r${i}`, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values, sensitive_values: {} };
    (inModule ? child : planned).push(res);
    changes.push({ address, mode: 'managed', type, name: `r${i}`, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: values, after_unknown: unknown, before_sensitive: false, after_sensitive: {} } });
    (inModule ? childConfig : config).push({ address: `${type}.r${i}`, mode: 'managed', type, name: `r${i}`, provider_config_key: 'aws', expressions: { name: { constant_value: `r${i}` } }, schema_version: 0 });
  }
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.7.5',
    planned_values: { root_module: { resources: planned, child_modules: [{ address: 'module.app', resources: child }] } },
    resource_changes: changes,
    configuration: { provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } }, root_module: { resources: config, module_calls: { app: { source: './app', module: { resources: childConfig } } } } },
  });
}

export const BUCKET_FORMATS = ['cloudformation-yaml', 'terraform-json', 'terraform-plan'] as const;
export type BucketFormat = (typeof BUCKET_FORMATS)[number];

/** A file name that makes the parser read the text of `genBuckets(n, format)` as that format. */
export function bucketFileName(format: BucketFormat): string {
  return format === 'cloudformation-yaml' ? 'template.yaml' : format === 'terraform-json' ? 'main.tf.json' : 'plan.json';
}

/** `n` buckets and `n` separate configuration resources, each referring to its own bucket (see the file's head). */
export function genBuckets(n: number, format: BucketFormat): string {
  if (format === 'cloudformation-yaml') return cfnBuckets(n);
  if (format === 'terraform-json') return tfJsonBuckets(n);
  return planBuckets(n);
}

function cfnBuckets(n: number): string {
  const out = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
  for (let i = 0; i < n; i++) {
    out.push(
      `  Bucket${i}:`,
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      `      BucketName: !Sub "\${AWS::StackName}-data-${i}"`,
      `  BucketPolicy${i}:`,
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      `      Bucket: !Ref Bucket${i}`,
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Deny',
      '            Principal: "*"',
      '            Action: "s3:*"',
      `            Resource: !Sub "arn:aws:s3:::\${Bucket${i}}/*"`,
      '            Condition:',
      '              Bool:',
      `                aws:SecureTransport: ${i % 2 ? 'false' : '"false"'}`,
    );
  }
  return out.join('\n') + '\n';
}

const PAB = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };

function tfJsonBuckets(n: number): string {
  const buckets: Record<string, unknown> = {};
  const blocks: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    buckets[`b${i}`] = { bucket: `data-${i}`, tags: { team: 'x' } };
    blocks[`b${i}`] = { bucket: `\${aws_s3_bucket.b${i}.id}`, ...PAB, restrict_public_buckets: i % 7 !== 0 };
  }
  return JSON.stringify({ resource: { aws_s3_bucket: buckets, aws_s3_bucket_public_access_block: blocks } }, null, 2);
}

/**
 * About half the pairs in the root module, the others in two instances of module `m` (`module.m["a"]`,
 * `module.m["b"]`), whose configuration is written once for both.
 */
function planBuckets(n: number): string {
  const root: unknown[] = [];
  const instances: Record<string, unknown[]> = { a: [], b: [] };
  const changes: unknown[] = [];
  const rootConfig: unknown[] = [];
  const moduleConfig: unknown[] = [];
  const provider = 'registry.terraform.io/hashicorp/aws';
  const perInstance = Math.floor(n / 4);
  const add = (where: '' | 'a' | 'b', name: string, i: number) => {
    const prefix = where ? `module.m["${where}"].` : '';
    const pair = [
      { type: 'aws_s3_bucket', values: { bucket: `data-${where}${i}`, force_destroy: false, tags: { team: 'x' } }, unknown: { id: true, arn: true } },
      { type: 'aws_s3_bucket_public_access_block', values: { ...PAB, restrict_public_buckets: i % 7 !== 0 }, unknown: { id: true, bucket: true } },
    ];
    for (const r of pair) {
      const address = `${prefix}${r.type}.${name}`;
      (where ? instances[where] : root).push({ address, mode: 'managed', type: r.type, name, provider_name: provider, schema_version: 0, values: r.values, sensitive_values: {} });
      changes.push({ address, ...(where ? { module_address: `module.m["${where}"]` } : {}), mode: 'managed', type: r.type, name, provider_name: provider, change: { actions: ['create'], before: null, after: r.values, after_unknown: r.unknown, before_sensitive: false, after_sensitive: {} } });
    }
  };
  const configure = (config: unknown[], name: string, bucket: unknown) => {
    config.push({ address: `aws_s3_bucket.${name}`, mode: 'managed', type: 'aws_s3_bucket', name, provider_config_key: 'aws', expressions: { bucket }, schema_version: 0 });
    config.push({
      address: `aws_s3_bucket_public_access_block.${name}`,
      mode: 'managed',
      type: 'aws_s3_bucket_public_access_block',
      name,
      provider_config_key: 'aws',
      expressions: { bucket: { references: [`aws_s3_bucket.${name}.id`, `aws_s3_bucket.${name}`] }, block_public_acls: { constant_value: true } },
      schema_version: 0,
    });
  };
  for (let i = 0; i < n - 2 * perInstance; i++) {
    add('', `b${i}`, i);
    configure(rootConfig, `b${i}`, { constant_value: `data-${i}` });
  }
  for (let j = 0; j < perInstance; j++) {
    add('a', `m${j}`, j);
    add('b', `m${j}`, j);
    configure(moduleConfig, `m${j}`, { references: ['each.key'] });
  }
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.7.5',
    planned_values: {
      root_module: {
        resources: root,
        child_modules: [
          { address: 'module.m["a"]', resources: instances.a },
          { address: 'module.m["b"]', resources: instances.b },
        ],
      },
    },
    resource_changes: changes,
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: provider } },
      root_module: { resources: rootConfig, module_calls: { m: { source: './m', for_each_expression: { constant_value: { a: {}, b: {} } }, module: { resources: moduleConfig } } } },
    },
  });
}

/** A Terraform module of about `lines` lines: buckets, access blocks, security groups, databases, policies, variables. */
export function genHcl(lines = 5000): string {
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
