// Known registry modules (server/src/formats/terraform-modules.ts): a `module` block of terraform-aws-modules read as
// the resources the module creates, from its inputs: values, spans, unknowns, absent defaults per version, links
// between the resources, messages, notices, `*.tf.json`, and no synthesis in plans.
import { strict as assert } from 'node:assert';
import { applyEdits, Edits } from '../../server/src/engine/edits';
import { REASON_MARK, suppressionEdit } from '../../server/src/engine/suppress';
import { resourcesOf } from '../../server/src/formats';
import { majorsOf, registryOf, versionRange } from '../../server/src/formats/terraform-modules';
import { parseFile } from '../../server/src/model/parse';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { codeLenses } from '../../server/src/service/workspace';
import { lintText, spanText } from '../helpers';

/** Findings of `rules` (all when omitted) as [rule, range, message without the responsibility sentence]. */
function findings(text: string, rules?: string[], name = 'main.tf'): [string, string, string][] {
  const r = lintText(name, text);
  assert.deepEqual(r.errors, []);
  return r.findings
    .filter((f) => !rules || rules.includes(f.rule.id))
    .map((f) => [f.rule.id, spanText(r, f.span), f.message.slice(0, f.message.indexOf('). ') + 2)]);
}

/** The IDs of the resources a file is read as. */
const ids = (text: string, name = 'main.tf') => resourcesOf(parseFile(name, text)).map((r) => r.id);

describe('known registry modules', () => {
  describe('sources and versions', () => {
    it('reads the registry, GitHub and git spellings of a root module, with ?ref=; not a sub-module', () => {
      const s3 = 'terraform-aws-modules/s3-bucket/aws';
      assert.deepEqual(registryOf('terraform-aws-modules/s3-bucket/aws'), { registry: s3, ref: undefined });
      assert.deepEqual(registryOf('registry.terraform.io/terraform-aws-modules/s3-bucket/aws'), { registry: s3, ref: undefined });
      assert.deepEqual(registryOf('github.com/terraform-aws-modules/terraform-aws-s3-bucket'), { registry: s3, ref: undefined });
      assert.deepEqual(registryOf('git::https://github.com/terraform-aws-modules/terraform-aws-s3-bucket.git?ref=v3.7.0'), { registry: s3, ref: 'v3.7.0' });
      assert.deepEqual(registryOf('git@github.com:terraform-aws-modules/terraform-aws-s3-bucket.git?ref=v4.1.0'), { registry: s3, ref: 'v4.1.0' });
      assert.equal(registryOf('terraform-aws-modules/security-group/aws//modules/http-80'), undefined);
      assert.equal(registryOf('git::https://github.com/terraform-aws-modules/terraform-aws-s3-bucket.git//modules/notification?ref=v3.7.0'), undefined);
      assert.equal(registryOf('acme/s3-bucket/aws'), undefined);
      assert.equal(registryOf('./modules/s3-bucket'), undefined);
    });

    it('reads the major versions a constraint allows; unbounded constraints are unknown', () => {
      assert.deepEqual(majorsOf('3.7.0'), new Set([3]));
      assert.deepEqual(majorsOf('v3.7.0'), new Set([3]));
      assert.deepEqual(majorsOf('= 4.1.0'), new Set([4]));
      assert.deepEqual(majorsOf('~> 3.0'), new Set([3]));
      assert.deepEqual(majorsOf('~> 3.7.0'), new Set([3]));
      assert.deepEqual(majorsOf('>= 3.0, < 5.0'), new Set([3, 4]));
      assert.deepEqual(majorsOf('>= 3.0, <= 4.2'), new Set([3, 4]));
      assert.equal(majorsOf('~> 3'), undefined);
      assert.equal(majorsOf('>= 3.0'), undefined);
      assert.equal(majorsOf('latest'), undefined);
      assert.equal(majorsOf('>= 4.0, < 3.0'), undefined);
    });

    it('reads the versions a constraint allows, low included and high excluded', () => {
      assert.deepEqual(versionRange('3.7.0'), { low: [3, 7, 0], high: [3, 7, 1] });
      assert.deepEqual(versionRange('v3.7.0'), { low: [3, 7, 0], high: [3, 7, 1] });
      assert.deepEqual(versionRange('= 3.7'), { low: [3, 7, 0], high: [3, 7, 1] });
      assert.deepEqual(versionRange('~> 3.7.0'), { low: [3, 7, 0], high: [3, 8, 0] });
      assert.deepEqual(versionRange('~> 3.7'), { low: [3, 7, 0], high: [4, 0, 0] });
      assert.deepEqual(versionRange('>= 3.6.1, < 3.8.0'), { low: [3, 6, 1], high: [3, 8, 0] });
      assert.deepEqual(versionRange('> 3.6.1, <= 3.7.2'), { low: [3, 6, 2], high: [3, 7, 3] });
      assert.deepEqual(versionRange('3.7.0-beta1'), { low: [3, 7, 0], high: [3, 7, 1] });
      assert.equal(versionRange('~> 3'), undefined);
      assert.equal(versionRange('>= 3.7.0'), undefined);
      assert.equal(versionRange('>= 3.8.0, < 3.7.0'), undefined);
    });
  });

  describe('s3-bucket', () => {
    const bucket = (inputs: string, version = '"3.7.0"') => `module "bucket" {\n  source  = "terraform-aws-modules/s3-bucket/aws"\n  version = ${version}\n${inputs}}\n`;

    it('is read as a bucket, its ACL, its public access block and (with attach_policy) its policy', () => {
      assert.deepEqual(ids(bucket('  acl = "private"\n')), [
        'module.bucket.aws_s3_bucket.this',
        'module.bucket.aws_s3_bucket_acl.this',
        'module.bucket.aws_s3_bucket_public_access_block.this',
      ]);
      assert.deepEqual(ids(bucket('  attach_policy = true\n  policy = "{}"\n  attach_public_policy = false\n')), ['module.bucket.aws_s3_bucket.this', 'module.bucket.aws_s3_bucket_policy.this']);
      assert.deepEqual(ids(bucket('  create_bucket = false\n  acl = "public-read"\n')), []);
      assert.deepEqual(ids(bucket('  count = 0\n  acl = "public-read"\n')), []);
      assert.deepEqual(ids(bucket('  for_each = {}\n  acl = "public-read"\n')), []);
      // A directory bucket (is_directory_bucket, 4.6.0 on) is another resource: not read, nor when it may be one.
      assert.deepEqual(ids(bucket('  is_directory_bucket = true\n  acl = "public-read"\n', '"~> 4.6"')), []);
      assert.deepEqual(ids(bucket('  is_directory_bucket = var.dir\n  acl = "public-read"\n', '"~> 4.6"')), []);
      // What the table does not map is unknown, never absent; a mapped input's value is the input's own node.
      const [b, acl] = resourcesOf(parseFile('main.tf', bucket('  acl = "private"\n')));
      assert.equal(b.body.get('tags').isUnknown, true);
      assert.equal(b.body.get('object_lock_enabled').isUnknown, true);
      assert.equal(b.body.get('policy').isAbsent, true);
      assert.deepEqual([acl.body.get('acl').str(), acl.body.get('acl').at.span], ['private', [96, 105]]);
      assert.deepEqual(acl.references('bucket'), ['module.bucket.aws_s3_bucket.this']);
      assert.equal(acl.anchor.span[0], 7);
    });

    it('reads cors_rule as a CORS configuration: a write method for any origin is reported at the input item', () => {
      const text = bucket('  cors_rule = [\n    { allowed_methods = ["GET"], allowed_origins = ["*"] },\n    { allowed_methods = ["PUT", "POST"], allowed_origins = ["*"] },\n  ]\n', '"~> 4.0"');
      assert.deepEqual(ids(text), [
        'module.bucket.aws_s3_bucket.this',
        'module.bucket.aws_s3_bucket_public_access_block.this',
        'module.bucket.aws_s3_bucket_cors_configuration.this',
      ]);
      const got = findings(text, ['CL-AWS-203']);
      assert.equal(got.length, 1);
      assert.equal(got[0][1], '6:61-6:64');
      assert.match(got[0][2], /module bucket, terraform-aws-modules\/s3-bucket\/aws, input cors_rule/);
      // No CORS resource for an empty list, a JSON string the module decodes, or an unknown value.
      for (const input of ['  cors_rule = []\n', '  cors_rule = "[]"\n', '  cors_rule = var.cors\n']) {
        assert.deepEqual(ids(bucket(input, '"~> 4.0"')), ['module.bucket.aws_s3_bucket.this', 'module.bucket.aws_s3_bucket_public_access_block.this'], input);
      }
    });

    it('reports a public ACL at the input, naming the module and the input, with no fix', () => {
      const text = bucket('  acl = "public-read"\n');
      assert.deepEqual(findings(text, ['CL-AWS-050']), [
        ['CL-AWS-050', '4:9-4:22', 'Bucket ACL module.bucket.aws_s3_bucket_acl.this sets acl to public-read, so anyone on the internet can list its objects (module bucket, terraform-aws-modules/s3-bucket/aws, input acl).'],
      ]);
      assert.equal(lintText('main.tf', text).findings.every((f) => f.fixes.length === 0), true);
    });

    it('creates the public access block by default: no "no public access block"; its absent inputs by version', () => {
      // 3.x is split (false in 3.6.0 and 3.7.0, true from 3.9.0, read in its variables.tf): a version bounded to one side
      // takes that side's default; one that spans both, or 3.8.x and before 3.6.0 (not read), is unknown.
      const pab = (version: string, inputs = '') => resourcesOf(parseFile('main.tf', bucket(inputs, version)))[1].body.get('restrict_public_buckets');
      // false is also the provider's default: left absent, so the rule's own "leaves … out" message holds.
      assert.equal(pab('"3.7.0"').isAbsent, true);
      assert.equal(pab('"~> 3.7.0"').isAbsent, true);
      assert.equal(pab('">= 3.6.0, < 3.8.0"').isAbsent, true);
      assert.equal(pab('"3.9.0"').isTrue(), true);
      assert.equal(pab('"~> 3.0"').isUnknown, true);
      assert.equal(pab('"~> 3.6"').isUnknown, true);
      assert.equal(pab('"3.8.1"').isUnknown, true);
      assert.equal(pab('"3.5.0"').isUnknown, true);
      assert.equal(pab('"~> 3.7.0"', '  restrict_public_buckets = true\n').isTrue(), true);
      assert.equal(pab('"~> 4.0"').isTrue(), true);
      assert.equal(pab('"~> 5.0"').isTrue(), true);
      assert.equal(pab('"~> 4.0"', '  restrict_public_buckets = false\n').isFalse(), true);
      // (3.7.0 here expected no finding while 3.x was read per major only: 3.7.0 leaves restrict_public_buckets false,
      // reported in the test below; 4.x defaults it to true.)
      assert.deepEqual(findings(bucket('  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n', '"~> 4.0"'), ['CL-AWS-001', 'CL-AWS-002']), []);
      // A written false is reported at the input.
      assert.deepEqual(findings(bucket('  block_public_acls = false\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n'), ['CL-AWS-001', 'CL-AWS-002']), [
        ['CL-AWS-001', '4:23-4:28', 'Public access block module.bucket.aws_s3_bucket_public_access_block.this sets block_public_acls to false, so requests that set a public ACL on the bucket or its objects are accepted (module bucket, terraform-aws-modules/s3-bucket/aws, input block_public_acls).'],
      ]);
      // 4.x and 5.x default them to true; without a version, the newest major (5.x) and the table agree: true.
      assert.deepEqual(findings(bucket('', '"~> 4.0"'), ['CL-AWS-001', 'CL-AWS-002']), []);
      assert.deepEqual(findings('module "bucket" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n}\n', ['CL-AWS-001', 'CL-AWS-002']), []);
      // No public access block at all when the module is told not to make one.
      assert.deepEqual(findings(bucket('  attach_public_policy = false\n'), ['CL-AWS-001', 'CL-AWS-002']), [
        ['CL-AWS-002', '1:8-1:16', 'S3 bucket module.bucket.aws_s3_bucket.this has no aws_s3_bucket_public_access_block that refers to it, so whether public ACLs and policies are blocked depends on the account-level setting and on when the bucket was created (module bucket, terraform-aws-modules/s3-bucket/aws, from its inputs and defaults).'],
      ]);
    });

    it('3.7.0 (or ~> 3.7.0) leaving public access block inputs out: each is false, said so at the module; ~> 3.0 is not known', () => {
      const why = '(module bucket, terraform-aws-modules/s3-bucket/aws, from its inputs and defaults).';
      assert.deepEqual(findings(bucket('  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n'), ['CL-AWS-001']), [
        ['CL-AWS-001', '1:8-1:16', `Public access block module.bucket.aws_s3_bucket_public_access_block.this leaves restrict_public_buckets out of its Block Public Access configuration, so it defaults to false and that protection is off ${why}`],
      ]);
      assert.deepEqual(findings(bucket('  restrict_public_buckets = true\n  block_public_policy = true\n  block_public_acls = true\n', '"~> 3.7.0"'), ['CL-AWS-001']).map((f) => f.slice(0, 2)), [['CL-AWS-001', '1:8-1:16']]);
      assert.deepEqual(findings(bucket('  restrict_public_buckets = true\n  block_public_policy = true\n  block_public_acls = true\n', '"~> 3.0"'), ['CL-AWS-001']), []);
      assert.deepEqual(findings(bucket('  restrict_public_buckets = true\n  block_public_policy = true\n  block_public_acls = true\n', '"3.9.0"'), ['CL-AWS-001']), []);
    });

    it('versioning, logging and encryption inputs are the bucket\'s blocks', () => {
      assert.deepEqual(findings(bucket('  versioning = {\n    enabled = false\n  }\n'), ['CL-AWS-053']), [
        ['CL-AWS-053', '5:15-5:20', 'S3 bucket module.bucket.aws_s3_bucket.this sets versioning.enabled to false, so an overwritten or deleted object cannot be recovered (module bucket, terraform-aws-modules/s3-bucket/aws, input versioning.enabled).'],
      ]);
      assert.deepEqual(findings(bucket('  versioning = {\n    enabled = true\n  }\n  logging = {\n    target_bucket = "logs"\n  }\n'), ['CL-AWS-053', 'CL-AWS-086']), []);
      assert.deepEqual(findings(bucket(''), ['CL-AWS-053']).map((f) => f.slice(0, 2)), [['CL-AWS-053', '1:8-1:16']]);
      // {} in every version read (3.x to 5.x); 2.x was not read: unknown there.
      assert.deepEqual(findings(bucket('', '"~> 2.0"'), ['CL-AWS-053']), []);
      assert.deepEqual(findings('module "bucket" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n}\n', ['CL-AWS-053']).map((f) => f.slice(0, 2)), [['CL-AWS-053', '1:8-1:16']]);
    });

    it('the policy counts only when attach_policy is true; other attach_*_policy inputs make it unknown', () => {
      const policy = '  policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}\nEOF\n';
      assert.deepEqual(findings(bucket(policy), ['CL-AWS-015']), []);
      assert.deepEqual(findings(bucket(`  attach_policy = true\n${policy}`), ['CL-AWS-015']), [
        ['CL-AWS-015', '6:49-6:52', 'S3 bucket policy module.bucket.aws_s3_bucket_policy.this allows "s3:GetObject" to any principal ("*") with no Condition that narrows who (module bucket, terraform-aws-modules/s3-bucket/aws, input policy).'],
      ]);
      assert.deepEqual(findings(bucket(`  attach_policy = true\n  attach_deny_insecure_transport_policy = true\n${policy}`), ['CL-AWS-015', 'CL-AWS-052']), []);
      assert.deepEqual(findings(bucket(`  attach_policy = var.attach\n${policy}`), ['CL-AWS-015', 'CL-AWS-052']), []);
      // Without any policy, no Deny of plain HTTP.
      assert.deepEqual(findings(bucket(''), ['CL-AWS-052']).map((f) => f.slice(0, 2)), [['CL-AWS-052', '1:8-1:16']]);
      assert.deepEqual(findings(bucket('  attach_deny_insecure_transport_policy = true\n'), ['CL-AWS-052']), []);
    });

    it('variables are unknown: no finding on them, nor on what they may change', () => {
      const text = bucket('  acl = var.acl\n  versioning = var.versioning\n  block_public_acls = var.b\n  block_public_policy = var.b\n  ignore_public_acls = var.b\n  restrict_public_buckets = var.b\n  attach_public_policy = var.p\n');
      assert.deepEqual(findings(text, ['CL-AWS-050', 'CL-AWS-053', 'CL-AWS-001', 'CL-AWS-002']), []);
      // A variable whose default the module makes known is read as that value.
      assert.deepEqual(findings(`variable "acl" {\n  default = "public-read"\n}\n${bucket('  acl = var.acl\n')}`, ['CL-AWS-050']).map((f) => f.slice(0, 2)), [['CL-AWS-050', '7:9-7:16']]);
    });
  });

  describe('other modules', () => {
    it('rds: inputs of the DB instance; storage_encrypted absent is unknown (its default differs between versions)', () => {
      const db = (inputs: string, version = '~> 5.0') => `module "db" {\n  source  = "terraform-aws-modules/rds/aws"\n  version = "${version}"\n  engine  = "mysql"\n${inputs}}\n`;
      assert.deepEqual(findings(db('  publicly_accessible = true\n  storage_encrypted = false\n  backup_retention_period = 0\n'), ['CL-AWS-004', 'CL-AWS-055', 'CL-AWS-081']).map((f) => f.slice(0, 2)), [
        ['CL-AWS-004', '5:25-5:29'],
        ['CL-AWS-055', '6:23-6:28'],
        ['CL-AWS-081', '7:29-7:30'],
      ]);
      assert.deepEqual(findings(db(''), ['CL-AWS-004', 'CL-AWS-055', 'CL-AWS-081']), []);
      assert.deepEqual(findings(db('  publicly_accessible = var.public\n  storage_encrypted = var.enc\n'), ['CL-AWS-004', 'CL-AWS-055']), []);
      // Defaults read for 4.x to 6.x (false): the rule's own "does not set".
      assert.deepEqual(findings(db(''), ['CL-AWS-180']), [
        ['CL-AWS-180', '1:8-1:12', 'RDS DB instance module.db.aws_db_instance.this does not set iam_database_authentication_enabled, which defaults to false, so its users sign in only with database passwords, outside IAM (module db, terraform-aws-modules/rds/aws, from its inputs and defaults).'],
      ]);
      // 3.x was not read, nor 7.x (what a block without a version gets): unknown, no finding.
      // (~> 3.0 expected this finding before the table was checked against the module's sources.)
      assert.deepEqual(findings(db('', '~> 3.0'), ['CL-AWS-180']), []);
      // storage_encrypted: false in 3.x (UPGRADE-4.0.md), true in 4.x; 5.x to 7.x and no version were not read for it. A
      // 3.x instance is still not reported: whether it is a replica or restored (replicate_source_db, snapshot_identifier,
      // restore_to_point_in_time) is not known there, their 3.x defaults were not read.
      assert.deepEqual(findings(db('', '~> 3.0'), ['CL-AWS-055']), []);
      assert.deepEqual(findings(db('  storage_encrypted = false\n', '~> 3.0'), ['CL-AWS-055']).map((f) => f.slice(0, 2)), [['CL-AWS-055', '5:23-5:28']]);
      assert.deepEqual(findings(db('  storage_encrypted = true\n', '~> 3.0'), ['CL-AWS-055']), []);
      assert.deepEqual(findings(db('', '~> 4.0'), ['CL-AWS-055']), []);
      const enc = (version: string) => resourcesOf(parseFile('main.tf', db('', version)))[0].body.get('storage_encrypted');
      assert.equal(enc('~> 4.0').isTrue(), true);
      assert.equal(enc('~> 3.0').isAbsent, true);
      assert.equal(enc('~> 6.0').isUnknown, true);
      assert.equal(enc('>= 3.0, < 5.0').isUnknown, true);
      assert.equal(resourcesOf(parseFile('main.tf', db('').replace('  version = "~> 5.0"\n', '')))[0].body.get('storage_encrypted').isUnknown, true);
      assert.deepEqual(findings(db('').replace('  version = "~> 5.0"\n', ''), ['CL-AWS-180']), []);
    });

    it('ec2-instance: associate_public_ip_address at the input; absent is the provider\'s default', () => {
      const ec2 = (inputs: string) => `module "web" {\n  source = "terraform-aws-modules/ec2-instance/aws"\n${inputs}}\n`;
      assert.deepEqual(findings(ec2('  associate_public_ip_address = true\n'), ['CL-AWS-034']).map((f) => f.slice(0, 2)), [['CL-AWS-034', '3:33-3:37']]);
      assert.deepEqual(findings(ec2(''), ['CL-AWS-034']), []);
      assert.deepEqual(findings(ec2('  create_spot_instance = var.spot\n  associate_public_ip_address = true\n')), []);
    });

    it('security-group: named rules take their ports from the module\'s table; comma-separated cidr_blocks per item', () => {
      const text = `module "sg" {
  source              = "terraform-aws-modules/security-group/aws"
  version             = "~> 4.0"
  ingress_cidr_blocks = ["0.0.0.0/0"]
  ingress_rules       = ["ssh-tcp", "https-443-tcp", "mystery-tcp"]
  ingress_with_cidr_blocks = [
    {
      rule        = "rdp-tcp"
      cidr_blocks = "10.0.0.0/8,0.0.0.0/0"
    },
    {
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = var.cidrs
    },
  ]
}
`;
      assert.deepEqual(findings(text, ['CL-AWS-005']), [
        ['CL-AWS-005', '4:26-4:37', 'Security group rule module.sg.aws_security_group_rule.ingress_rules[0] allows 0.0.0.0/0 to reach TCP port 22 (SSH) (module sg, terraform-aws-modules/security-group/aws, input ingress_cidr_blocks).'],
        ['CL-AWS-005', '9:21-9:43', 'Security group rule module.sg.aws_security_group_rule.ingress_with_cidr_blocks[0] allows 0.0.0.0/0 to reach TCP port 3389 (RDP) (module sg, terraform-aws-modules/security-group/aws, input ingress_with_cidr_blocks).'],
      ]);
      assert.deepEqual(findings(text.replace('["0.0.0.0/0"]', 'var.cidrs').replace('10.0.0.0/8,0.0.0.0/0', '10.0.0.0/8'), ['CL-AWS-005']), []);
      // telnet-tcp is no rule of the module's table (rules.tf): unknown ports, no finding.
      assert.deepEqual(findings(text.replace('"ssh-tcp", ', '"telnet-tcp", '), ['CL-AWS-005']).map((f) => f.slice(0, 2)), [['CL-AWS-005', '9:21-9:43']]);
      // Only 4.x was read: 6.x (what a block without a version gets) takes structured rules, not these inputs.
      const unpinned = text.replace('  version             = "~> 4.0"\n', '');
      assert.deepEqual(ids(unpinned), []);
      assert.deepEqual(ids(text.replace('~> 4.0', '~> 5.0')), []);
      assert.match(lintText('main.tf', unpinned).notices[0].message, /^Module "sg" comes from "terraform-aws-modules\/security-group\/aws", which Cloudline does not download: it is read only with a version pinned to v4 \(the versions whose inputs were read\), which this block's version is not, so the resources it creates are not linted\./);
    });

    it('sqs, vpc, elb, alb', () => {
      assert.deepEqual(findings('module "q" {\n  source = "terraform-aws-modules/sqs/aws"\n  sqs_managed_sse_enabled = false\n}\n', ['CL-AWS-058']).map((f) => f.slice(0, 2)), [['CL-AWS-058', '3:29-3:34']]);
      // Absent: 4.x defaults it to true; 3.x is split (no input before 3.4.0, false from it); 2.x has no such input
      // (CHANGELOG: added in 3.4.0), so its queue does not set it, whatever the block says.
      const sqs = (version: string, inputs = '') => `module "q" {\n  source  = "terraform-aws-modules/sqs/aws"\n  version = "${version}"\n${inputs}}\n`;
      const queue = (version: string, inputs = '') => resourcesOf(parseFile('main.tf', sqs(version, inputs)))[0].body;
      const sse = (version: string, inputs = '') => queue(version, inputs).get('sqs_managed_sse_enabled');
      assert.equal(sse('~> 2.0').isAbsent, true);
      assert.equal(sse('~> 2.0', '  sqs_managed_sse_enabled = false\n').isAbsent, true);
      assert.deepEqual(findings(sqs('~> 2.0', '  sqs_managed_sse_enabled = false\n'), ['CL-AWS-058']), []);
      assert.equal(sse('>= 2.0, < 4.0').isUnknown, true);
      assert.equal(sse('~> 4.0').isTrue(), true);
      assert.equal(sse('~> 3.0').isUnknown, true);
      // Unbounded: the newest release, 4.x the newest major the module's changelog shows.
      assert.equal(sse('>= 2.0').isTrue(), true);
      // 4.x passes null when a KMS key is set, whatever the input says.
      assert.equal(sse('~> 4.0', '  kms_master_key_id = "alias/q"\n  sqs_managed_sse_enabled = false\n').isAbsent, true);
      // `policy` is the queue's in 3.x; 4.x has no such input (its queue policy is another resource, not read).
      assert.equal(queue('~> 3.0', '  policy = "{}"\n').get('policy').str(), '{}');
      assert.equal(queue('~> 4.0', '  policy = "{}"\n').get('policy').isUnknown, true);
      const vpc = (inputs: string) => `module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n  version = "3.14.0"\n${inputs}}\n`;
      assert.deepEqual(findings(vpc(''), ['CL-AWS-087', 'CL-AWS-035']).map((f) => f.slice(0, 2)), [['CL-AWS-087', '1:8-1:13']]);
      assert.deepEqual(findings(vpc('  enable_flow_log = true\n'), ['CL-AWS-087']), []);
      assert.deepEqual(findings(vpc('  enable_flow_log = var.logs\n'), ['CL-AWS-087']), []);
      // enable_flow_log was not read for 4.x, nor 6.x (no version): a flow log is assumed, nothing reported missing.
      assert.deepEqual(findings(vpc('').replace('"3.14.0"', '"~> 4.0"'), ['CL-AWS-087']), []);
      assert.deepEqual(findings(vpc('').replace('  version = "3.14.0"\n', ''), ['CL-AWS-087']), []);
      assert.deepEqual(findings(vpc('').replace('"3.14.0"', '"~> 5.0"'), ['CL-AWS-087']).map((f) => f.slice(0, 2)), [['CL-AWS-087', '1:8-1:13']]);
      // Public subnets: map_public_ip_on_launch defaults to true in 3.x, said so.
      assert.deepEqual(findings(vpc('  public_subnets = ["10.0.101.0/24"]\n'), ['CL-AWS-035']), [
        ['CL-AWS-035', '1:8-1:13', "Subnet module.vpc.aws_subnet.public sets map_public_ip_on_launch to true, so every instance launched in it gets a public IPv4 address unless it asks otherwise (module vpc, terraform-aws-modules/vpc/aws, input map_public_ip_on_launch, not set: the module's default in version 3.14.0)."],
      ]);
      // false from 4.0.0 (docs/UPGRADE-4.0.md, 5.6.0 variables.tf).
      assert.deepEqual(findings(vpc('  public_subnets = ["10.0.101.0/24"]\n').replace('"3.14.0"', '"~> 4.0"'), ['CL-AWS-035']), []);
      const subnet = (version: string) => resourcesOf(parseFile('main.tf', vpc('  public_subnets = ["10.0.101.0/24"]\n').replace('"3.14.0"', version))).find((r) => r.type === 'aws_subnet')!;
      assert.equal(subnet('"~> 4.0"').body.get('map_public_ip_on_launch').isAbsent, true);
      assert.equal(subnet('"~> 6.0"').body.get('map_public_ip_on_launch').isUnknown, true);
      const elb = 'module "elb" {\n  source = "git::https://github.com/terraform-aws-modules/terraform-aws-elb.git?ref=v2.4.0"\n  access_logs = {\n    bucket  = "logs"\n    enabled = false\n  }\n}\n';
      assert.deepEqual(findings(elb, ['CL-AWS-088']).map((f) => f.slice(0, 2)), [['CL-AWS-088', '5:15-5:20']]);
      // access_logs left out: no block in 2.x (read); 3.x was not read (nor is it what an unversioned block gets).
      const lb = (version: string) => resourcesOf(parseFile('main.tf', `module "elb" {\n  source  = "terraform-aws-modules/elb/aws"\n  version = "${version}"\n}\n`))[0].body.get('access_logs');
      assert.equal(lb('~> 2.4').isAbsent, true);
      assert.equal(lb('~> 3.0').isUnknown, true);
      const alb = (version: string, inputs = '') => `module "alb" {\n  source  = "terraform-aws-modules/alb/aws"\n  version = "${version}"\n  access_logs = {\n    bucket = "logs"\n  }\n${inputs}}\n`;
      // The module enables access logs when a bucket is named.
      assert.deepEqual(findings(alb('~> 6.0'), ['CL-AWS-193', 'CL-AWS-088']).map((f) => f.slice(0, 2)), [['CL-AWS-193', '1:8-1:13']]);
      assert.deepEqual(findings(alb('~> 9.0'), ['CL-AWS-193', 'CL-AWS-088']), []);
      assert.deepEqual(findings(alb('~> 9.0', '  enable_deletion_protection = false\n'), ['CL-AWS-193']).map((f) => f.slice(0, 2)), [['CL-AWS-193', '7:32-7:37']]);
      assert.deepEqual(findings(alb('~> 8.0'), ['CL-AWS-193']).map((f) => f.slice(0, 2)), [['CL-AWS-193', '1:8-1:13']]);
      // 7.x and 10.x (what a block without a version gets) were not read: unknown.
      assert.deepEqual(findings(alb('~> 7.0'), ['CL-AWS-193']), []);
      assert.deepEqual(findings(alb('~> 10.0'), ['CL-AWS-193']), []);
      // drop_invalid_header_fields: true from 9.0.0, false in 8.x (UPGRADE-9.0.md); 6.x not read. The module's own
      // load_balancer_type default was not read, so an application load balancer is one that says so.
      const app = '  load_balancer_type = "application"\n';
      assert.deepEqual(findings(alb('~> 8.0', app), ['CL-AWS-210']).map((f) => f.slice(0, 2)), [['CL-AWS-210', '1:8-1:13']]);
      assert.deepEqual(findings(alb('~> 9.0', app), ['CL-AWS-210']), []);
      assert.deepEqual(findings(alb('~> 9.0', `${app}  drop_invalid_header_fields = false\n`), ['CL-AWS-210']).map((f) => f.slice(0, 2)), [['CL-AWS-210', '8:32-8:37']]);
      assert.deepEqual(findings(alb('~> 6.0', app), ['CL-AWS-210']), []);
      assert.deepEqual(findings(alb('~> 8.0'), ['CL-AWS-210']), []);
    });
  });

  describe('autoscaling', () => {
    const asg = (version: string, inputs: string) => `module "asg" {\n  source  = "terraform-aws-modules/autoscaling/aws"\n  version = "${version}"\n${inputs}}\n`;
    const devices =
      '  ebs_block_device = [\n    {\n      device_name = "/dev/xvdz"\n      volume_size = "50"\n    },\n  ]\n' +
      '  root_block_device = [\n    {\n      volume_size = "50"\n      encrypted   = false\n    },\n  ]\n';
    const msg = (text: string) => findings(text, ['CL-AWS-054']);

    it('1.x: ebs_block_device and root_block_device items are the launch configuration\'s blocks, reported at the input', () => {
      assert.deepEqual(msg(asg('1.0.4', devices)), [
        ['CL-AWS-054', '6:21-6:32', "Block device /dev/xvdz of module.asg.aws_launch_configuration.this does not set encrypted, so its EBS volume is encrypted only if the image's snapshot for it is or EBS encryption by default is on in the account and region (module asg, terraform-aws-modules/autoscaling/aws, input ebs_block_device)."],
        ['CL-AWS-054', '13:21-13:26', 'The root block device of module.asg.aws_launch_configuration.this sets encrypted to false, so the EBS volume is stored unencrypted unless EBS encryption by default is on in the account and region (module asg, terraform-aws-modules/autoscaling/aws, input root_block_device).'],
      ]);
      // A root device without encrypted is reported at the input's name.
      assert.deepEqual(msg(asg('~> 1.0', '  root_block_device = [\n    {\n      volume_size = "50"\n    },\n  ]\n')).map((f) => f.slice(0, 2)), [['CL-AWS-054', '4:3-4:20']]);
      assert.deepEqual(msg(asg('1.0.4', devices.replace('volume_size = "50"\n    },\n  ]\n  root', 'volume_size = "50"\n      encrypted = true\n    },\n  ]\n  root').replace('encrypted   = false', 'encrypted   = true'))), []);
      // An existing launch configuration named: the module makes none; an unknown one: not known.
      assert.deepEqual(ids(asg('1.0.4', `  existing_launch_configuration = "lc-1"\n${devices}`)), []);
      assert.deepEqual(ids(asg('1.0.4', `  existing_launch_configuration = var.lc\n${devices}`)), []);
      assert.deepEqual(ids(asg('1.0.4', `  existing_launch_configuration = ""\n${devices}`)), ['module.asg.aws_launch_configuration.this']);
      // Unknown lists and items: no finding.
      assert.deepEqual(msg(asg('1.0.4', '  ebs_block_device = var.devices\n  root_block_device = [var.root]\n')), []);
    });

    it('1.x has no user_data_base64 input: a private key written there reaches no launch configuration', () => {
      const key = '  user_data_base64 = "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpzb21lS2V5"\n';
      assert.deepEqual(findings(asg('1.0.4', key), ['CL-AWS-026']), []);
      assert.deepEqual(findings(asg('3.7.0', key), ['CL-AWS-026']).map((f) => f.slice(0, 2)), [['CL-AWS-026', '4:22-4:76']]);
      const [lc] = resourcesOf(parseFile('main.tf', asg('1.0.4', '')));
      assert.equal(lc.body.get('user_data_base64').isAbsent, true);
      assert.equal(lc.body.get('associate_public_ip_address').isFalse(), true);
    });

    it('3.x: the block device inputs are read from 3.2.0 (root_block_device passes encrypted from then); earlier is unknown', () => {
      assert.deepEqual(msg(asg('~> 3.2', devices)).map((f) => f.slice(0, 2)), [
        ['CL-AWS-054', '6:21-6:32'],
        ['CL-AWS-054', '13:21-13:26'],
      ]);
      assert.deepEqual(msg(asg('3.7.0', devices)).map((f) => f.slice(0, 2)), [
        ['CL-AWS-054', '6:21-6:32'],
        ['CL-AWS-054', '13:21-13:26'],
      ]);
      assert.deepEqual(msg(asg('~> 3.0', devices)), []);
      assert.deepEqual(msg(asg('3.1.0', devices)), []);
      assert.deepEqual(msg(asg('3.7.0', `  create_lc = false\n${devices}`)), []);
      // 2.x and 4.x were not read (nor what an unversioned block gets): nothing is read as the module's resources.
      for (const version of ['2.11.0', '~> 4.0', '>= 1.0, < 4.0']) assert.deepEqual(ids(asg(version, devices)), [], version);
      assert.deepEqual(ids(asg('1.0.4', devices).replace('  version = "1.0.4"\n', '')), []);
    });
  });

  describe('vpc default network ACL', () => {
    const vpc = (version: string, inputs: string) => `module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "${version}"\n${inputs}}\n`;
    const ingress = (port: number) =>
      `  default_network_acl_ingress = [\n    {\n      "action" : "allow",\n      "cidr_block" : "0.0.0.0/0",\n      "from_port" : ${port},\n      "protocol" : "tcp",\n      "rule_no" : 100,\n      "to_port" : ${port}\n    }\n  ]\n`;

    it('3.x with manage_default_network_acl = true: each default_network_acl_ingress item is an ingress entry, reported at its CIDR', () => {
      assert.deepEqual(findings(vpc('3.7.0', `  manage_default_network_acl = true\n${ingress(22)}`), ['CL-AWS-031']), [
        ['CL-AWS-031', '8:22-8:33', 'Network ACL module.vpc.aws_default_network_acl.this allows 0.0.0.0/0 in to TCP port 22 (SSH) (module vpc, terraform-aws-modules/vpc/aws, input default_network_acl_ingress).'],
      ]);
      assert.deepEqual(findings(vpc('~> 3.0', `  manage_default_network_acl = true\n${ingress(3389)}`), ['CL-AWS-031']).map((f) => f.slice(0, 2)), [['CL-AWS-031', '8:22-8:33']]);
      assert.deepEqual(findings(vpc('3.7.0', `  manage_default_network_acl = true\n${ingress(443)}`), ['CL-AWS-031']), []);
    });

    it('3.x leaves the default network ACL alone unless told (default false): the ingress input then changes nothing', () => {
      assert.deepEqual(findings(vpc('3.7.0', ingress(22)), ['CL-AWS-031']), []);
      assert.deepEqual(ids(vpc('3.7.0', ingress(22))), ['module.vpc.aws_vpc.this']);
      assert.deepEqual(ids(vpc('3.7.0', `  manage_default_network_acl = false\n${ingress(22)}`)), ['module.vpc.aws_vpc.this']);
      assert.deepEqual(ids(vpc('3.7.0', `  manage_default_network_acl = var.manage\n${ingress(22)}`)), ['module.vpc.aws_vpc.this']);
      // Managed without the ingress input: its 3.x default was not read, so the ACL's entries are unknown.
      const [, acl] = resourcesOf(parseFile('main.tf', vpc('3.7.0', '  manage_default_network_acl = true\n')));
      assert.equal(acl.id, 'module.vpc.aws_default_network_acl.this');
      assert.equal(acl.body.get('ingress').isUnknown, true);
      // 4.x on defaults it to true (UPGRADE-4.0.md), but its wiring was not read: no ACL, no finding.
      for (const version of ['~> 4.0', '~> 5.0']) {
        assert.deepEqual(findings(vpc(version, `  manage_default_network_acl = true\n${ingress(22)}`), ['CL-AWS-031']), [], version);
      }
    });
  });

  describe('formats and notices', () => {
    it('reads .tf.json module blocks alike', () => {
      const json = '{\n  "module": {\n    "bucket": {\n      "source": "terraform-aws-modules/s3-bucket/aws",\n      "acl": "public-read"\n    }\n  }\n}\n';
      assert.deepEqual(findings(json, ['CL-AWS-050'], 'main.tf.json').map((f) => f.slice(0, 2)), [['CL-AWS-050', '5:14-5:27']]);
    });

    it('does not synthesize in plans, which hold the module\'s real resources', () => {
      const plan = JSON.stringify({
        format_version: '1.2',
        planned_values: { root_module: { child_modules: [{ address: 'module.bucket', resources: [{ address: 'module.bucket.aws_s3_bucket.this[0]', mode: 'managed', type: 'aws_s3_bucket', name: 'this', values: { bucket: 'b' } }] }] } },
        configuration: { root_module: { module_calls: { bucket: { source: 'terraform-aws-modules/s3-bucket/aws', expressions: { acl: { constant_value: 'public-read' } }, module: { resources: [] } } } } },
      });
      const rs = resourcesOf(parseFile('plan.json', plan));
      assert.deepEqual(rs.map((r) => [r.id, r.module === undefined]), [['module.bucket.aws_s3_bucket.this[0]', true]]);
    });

    it('one CodeLens per module block, at its name, counting the findings on the resources read from it', () => {
      const r = lintText('main.tf', 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\nmodule "b" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n  version = "~> 4.0"\n  acl = "public-read"\n}\n');
      const lenses = codeLenses(r, defaultCatalogue()).map((l) => [l.range.start.line, l.range.start.character, l.command?.title]);
      const n = r.findings.filter((f) => f.resource.id.startsWith('module.b.')).length;
      assert.ok(n > 0);
      assert.deepEqual(lenses.slice(1), [[3, 7, `terraform-aws-modules/s3-bucket/aws · read as 3 resources · ${n} customer-side findings`]]);
      assert.equal(lenses.length, 2);
    });

    it('a suppression written in or above the module block holds for every resource read from it; the action writes it there', () => {
      const hcl = 'module "b" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n  version = "~> 3.0"\n  block_public_acls = false\n}\n';
      const ruleIds = (text: string, name = 'main.tf') => [...new Set(lintText(name, text).findings.map((f) => f.rule.id))].sort();
      const all = ruleIds(hcl);
      assert.ok(all.includes('CL-AWS-001') && all.includes('CL-AWS-053'), all.join());
      // CL-AWS-001 is on the public access block, CL-AWS-053 on the bucket: one comment above the block holds for both.
      const commented = `# cloudline-ignore CL-AWS-001, CL-AWS-053 -- logs bucket, reviewed\n${hcl}`;
      assert.deepEqual(ruleIds(commented), all.filter((id) => id !== 'CL-AWS-001' && id !== 'CL-AWS-053'));
      const suppressed = lintText('main.tf', commented).suppressed.map((x) => [x.finding.rule.id, x.finding.resource.id]);
      assert.deepEqual(suppressed, [
        ['CL-AWS-053', 'module.b.aws_s3_bucket.this'],
        ['CL-AWS-001', 'module.b.aws_s3_bucket_public_access_block.this'],
      ]);
      // Terraform JSON: the suppress action adds a "//" key to the module block, which then holds.
      const json = '{\n  "module": {\n    "b": {\n      "source": "terraform-aws-modules/s3-bucket/aws",\n      "version": "~> 3.0",\n      "block_public_acls": false\n    }\n  }\n}\n';
      const r = lintText('main.tf.json', json);
      const f = r.findings.find((x) => x.rule.id === 'CL-AWS-053')!;
      const resource = r.resources.find((x) => x.id === f.resource.id)!;
      const edit = suppressionEdit(resource, 'CL-AWS-053', f.span[0], new Edits(r.file.lines))!;
      const fixed = applyEdits(json, [edit]).replace(REASON_MARK, 'logs bucket');
      assert.doesNotThrow(() => JSON.parse(fixed));
      assert.deepEqual(JSON.parse(fixed).module.b['//'], 'cloudline-ignore CL-AWS-053 -- logs bucket');
      assert.deepEqual(ruleIds(fixed, 'main.tf.json'), ruleIds(json, 'main.tf.json').filter((id) => id !== 'CL-AWS-053'));
    });

    it('says when s3-bucket\'s policy input is not attached (attach_policy is not true)', () => {
      const r = lintText('main.tf', 'module "b" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n  policy = "{}"\n}\n');
      assert.match(r.notices[0].message, / Its policy input is not attached: the module attaches it only with attach_policy = true\.$/);
      const attached = lintText('main.tf', 'module "b" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n  policy = "{}"\n  attach_policy = true\n}\n');
      assert.doesNotMatch(attached.notices[0].message, /not attached/);
    });

    it('says which inputs of a known module are read; an unknown module keeps its note', () => {
      const r = lintText('main.tf', 'module "q" {\n  source = "terraform-aws-modules/sqs/aws"\n}\nmodule "eks" {\n  source = "terraform-aws-modules/eks/aws"\n}\n');
      assert.deepEqual(r.notices.map((n) => [spanText(r, n.span), n.message]), [
        ['2:12-2:43', 'Module "q" comes from "terraform-aws-modules/sqs/aws", which Cloudline does not download: it is read as the resources it creates from the inputs create, kms_master_key_id, sqs_managed_sse_enabled, policy only (defaults and wiring read for v2 (in part), v3, v4); everything else it creates is not linted. Lint a plan (terraform show -json) to cover it all.'],
        ['5:12-5:43', 'Module "eks" comes from "terraform-aws-modules/eks/aws", which Cloudline does not download: the resources it creates are not linted. Lint a plan (terraform show -json) to cover them.'],
      ]);
    });
  });
});
