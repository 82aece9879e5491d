// Cross-resource checks look through per-lint indexes: they must find what a walk over every resource finds, in the
// same order, build each index once per lint, and keep a lint of n buckets linear (work counted, never timed).
import { strict as assert } from 'node:assert';
import { configsOf, bucketAttr, bucketName, referenceIds } from '../../rules/lib/s3';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { editStats } from '../../server/src/engine/edits';
import { indexStats, lintFile } from '../../server/src/engine/lint';
import type { CheckContext } from '../../server/src/engine/rule';
import { resourcesOf, type Resource } from '../../server/src/formats';
import { formatStats } from '../../server/src/formats/resource';
import { Val } from '../../server/src/formats/value';
import { parseFile } from '../../server/src/model/parse';
import { get } from '../../server/src/model/tree';
import { DocumentLinter } from '../../server/src/service/linter';
import { bucketFileName, BUCKET_FORMATS, genBuckets, genPlan } from '../../scripts/gen-terraform';
import { corpusInputs, exampleInputs } from '../robustness/harness';

const catalogue = defaultCatalogue();

/** A check context over `resources` with its own indexes, as lint gives one (without reporting). */
function contextOf(resources: readonly Resource[]): CheckContext {
  const memo = new Map<string, unknown>();
  return {
    resources,
    report: () => undefined,
    edits: undefined as never,
    referrers: () => [],
    shared<T>(key: string, build: (all: readonly Resource[]) => T): T {
      if (!memo.has(key)) memo.set(key, build(resources));
      return memo.get(key) as T;
    },
  };
}

/** `configsOf` as it was written before the indexes: a walk over every resource per target (the specification). */
function configsByWalk(target: Resource, ctx: CheckContext, types: readonly string[], attr?: string) {
  const linked: Resource[] = [];
  const possible: Resource[] = [];
  const targetIds = referenceIds(target);
  const managed = new Set(ctx.resources.filter((r) => !r.type.startsWith('data.')).flatMap((r) => [...referenceIds(r)]));
  const name = target.type === 'AWS::S3::Bucket' || target.type === 'aws_s3_bucket' ? bucketName(target) : Val.absent(target.anchor, target.resolver);
  for (const r of ctx.resources) {
    if (r === target || !types.includes(r.type)) continue;
    const a = attr ?? bucketAttr(r);
    const refs = r.references(a);
    if (refs.some((id) => targetIds.has(id))) {
      linked.push(r);
      continue;
    }
    if (refs.some((id) => managed.has(id))) continue;
    // Terraform: referring only to another resource of the target's type (outside the scope): that one's.
    if (r.format.startsWith('terraform') && refs.length === 1 && refs[0].startsWith(`${target.type}.`) && !targetIds.has(refs[0])) continue;
    if (r.format === 'cloudformation' && refs.some((id) => !id.startsWith('AWS::') && !get(get(r.doc.doc.root, 'Parameters'), id))) continue;
    const value = r.body.get(a);
    if (value.isUnknown) possible.push(r);
    else if (value.str() !== undefined) {
      if (name.str() !== undefined && name.str() === value.str()) linked.push(r);
      else if (name.isUnknown) possible.push(r);
    }
  }
  return { linked, possible };
}

/** The configuration types (and attribute) that rules ask `configsOf` about. */
const QUESTIONS: { types: string[]; attr?: string }[] = [
  { types: ['aws_s3_bucket_public_access_block'] },
  { types: ['aws_s3_bucket_versioning'] },
  { types: ['aws_s3_bucket_logging'] },
  { types: ['aws_s3_bucket_server_side_encryption_configuration'] },
  { types: ['aws_s3_bucket_policy'] },
  { types: ['AWS::S3::BucketPolicy'] },
  { types: ['aws_flow_log'], attr: 'vpc_id' },
  { types: ['AWS::EC2::FlowLog'], attr: 'ResourceId' },
  // Several types at once, in one list: the order of the resources must survive.
  { types: ['aws_s3_bucket_versioning', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_policy'] },
];

/** A plan in which buckets of two instances of a module, and of the root, share names. */
function modulePlan(): string {
  const bucket = (address: string, name: string) => ({ address, mode: 'managed', type: 'aws_s3_bucket', name: 'b', values: { bucket: name } });
  const block = (address: string, restrict: boolean) => ({
    address,
    mode: 'managed',
    type: 'aws_s3_bucket_public_access_block',
    name: 'b',
    values: { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: restrict },
  });
  const config = (expressions: object) => ({ address: 'aws_s3_bucket_public_access_block.b', mode: 'managed', type: 'aws_s3_bucket_public_access_block', name: 'b', expressions });
  return JSON.stringify(
    {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [bucket('aws_s3_bucket.b', 'root-bucket')],
          child_modules: [
            { address: 'module.m["a"]', resources: [bucket('module.m["a"].aws_s3_bucket.b', 'a-bucket'), block('module.m["a"].aws_s3_bucket_public_access_block.b', false)] },
            { address: 'module.m["b"]', resources: [bucket('module.m["b"].aws_s3_bucket.b', 'b-bucket'), block('module.m["b"].aws_s3_bucket_public_access_block.b', true)] },
          ],
        },
      },
      configuration: {
        root_module: {
          resources: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', expressions: { bucket: { constant_value: 'root-bucket' } } }],
          module_calls: {
            m: {
              source: './m',
              module: {
                resources: [
                  { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', expressions: { bucket: { references: ['each.key'] } } },
                  // What the configuration does not write is absent in a plan (formats/terraform.ts): the other three are written.
                  config({
                    bucket: { references: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] },
                    block_public_acls: { constant_value: true },
                    block_public_policy: { constant_value: true },
                    ignore_public_acls: { constant_value: true },
                    restrict_public_buckets: { references: ['var.restrict'] },
                  }),
                ],
              },
            },
          },
        },
      },
    },
    null,
    2,
  );
}

describe('cross-resource indexes', () => {
  it('configsOf finds what a walk over every resource finds, in the same order, on every example and corpus file', () => {
    const files = [...exampleInputs(), ...corpusInputs()]
      .filter((i) => /S3::Bucket|aws_s3_bucket|VPC|aws_vpc/.test(i.text))
      .map((i) => parseFile(i.name, i.text))
      .concat(BUCKET_FORMATS.map((f) => parseFile(bucketFileName(f), genBuckets(24, f))), [parseFile('m.plan.json', modulePlan())]);
    let compared = 0;
    let found = 0;
    for (const file of files) {
      const resources = resourcesOf(file);
      const targets = resources.filter((r) => /^(AWS::S3::Bucket|aws_s3_bucket|aws_vpc|AWS::EC2::VPC)$/.test(r.type));
      if (targets.length === 0) continue;
      const ctx = contextOf(resources);
      for (const target of targets) {
        for (const q of QUESTIONS) {
          const expected = configsByWalk(target, ctx, q.types, q.attr);
          const actual = configsOf(target, ctx, q.types, q.attr);
          const ids = (x: { linked: Resource[]; possible: Resource[] }) => ({ linked: x.linked.map((r) => r.id), possible: x.possible.map((r) => r.id) });
          assert.deepEqual(ids(actual), ids(expected), `${file.uri}: ${target.id} ${q.types.join(', ')}`);
          assert.ok(actual.linked.every((r, i) => r === expected.linked[i]) && actual.possible.every((r, i) => r === expected.possible[i]));
          compared++;
          found += expected.linked.length + expected.possible.length;
        }
      }
    }
    assert.ok(compared > 1000 && found > 100, `${compared} questions, ${found} configurations found`);
  });

  it('a bucket of a module instance is configured by the block of the same instance, not by those of others or of the root', () => {
    const file = parseFile('m.plan.json', modulePlan());
    const resources = resourcesOf(file);
    const ctx = contextOf(resources);
    const byId = (id: string) => resources.find((r) => r.id === id)!;
    const linked = (id: string) => configsOf(byId(id), ctx, ['aws_s3_bucket_public_access_block']).linked.map((r) => r.id);
    assert.deepEqual(linked('module.m["a"].aws_s3_bucket.b'), ['module.m["a"].aws_s3_bucket_public_access_block.b']);
    assert.deepEqual(linked('module.m["b"].aws_s3_bucket.b'), ['module.m["b"].aws_s3_bucket_public_access_block.b']);
    assert.deepEqual(linked('aws_s3_bucket.b'), []);

    const findings = lintFile(file, catalogue).findings.filter((f) => f.rule.id === 'CL-AWS-002' || f.rule.id === 'CL-AWS-001');
    assert.deepEqual(
      findings.map((f) => [f.rule.id, f.resource.id, file.text.slice(f.span[0], f.span[1])]),
      [
        ['CL-AWS-002', 'aws_s3_bucket.b', '"aws_s3_bucket.b"'],
        ['CL-AWS-001', 'module.m["a"].aws_s3_bucket_public_access_block.b', 'false'],
      ],
    );
    assert.match(findings[0].message, /^S3 bucket aws_s3_bucket\.b has no aws_s3_bucket_public_access_block that refers to it/);
  });

  for (const format of BUCKET_FORMATS) {
    it(`a lint of n buckets and n separate configurations is linear: ${format}`, () => {
      const work = (n: number) => {
        const file = parseFile(bucketFileName(format), genBuckets(n, format));
        const [references, walks, builds] = [formatStats.references, formatStats.configurationWalks, indexStats.builds];
        const result = lintFile(file, catalogue);
        assert.deepEqual(result.errors, []);
        return {
          references: formatStats.references - references,
          walks: formatStats.configurationWalks - walks,
          builds: indexStats.builds - builds,
          findings: result.findings.length,
        };
      };
      const small = work(100);
      const large = work(400);
      // Four times the resources: four times the reads of references (a walk per pair of resources would be 16).
      assert.ok(large.references <= 4.5 * small.references, `${small.references} → ${large.references} reference reads`);
      assert.ok(small.references >= 100, `${small.references} reference reads`);
      // Each index is built once per lint, whatever the number of resources; a plan's configuration is walked once.
      assert.equal(large.builds, small.builds);
      assert.ok(small.builds > 0 && small.builds < 30, `${small.builds} index builds`);
      assert.equal(small.walks, format === 'terraform-plan' ? 1 : 0);
      assert.equal(large.walks, small.walks);
      assert.ok(large.findings >= 4 * small.findings - 8 && large.findings <= 4 * small.findings + 8, `${small.findings} → ${large.findings} findings`);
    });
  }

  it('a generated plan walks its configuration once per lint', () => {
    const file = parseFile('g.plan.json', genPlan(200));
    const walks = formatStats.configurationWalks;
    const result = lintFile(file, catalogue);
    assert.equal(formatStats.configurationWalks - walks, 1);
    assert.ok(result.findings.length > 200);
  });

  it('fixes in a one-line file find their line breaks without scanning to the end of the line each time', () => {
    // A plan (and minified Terraform JSON) is one line: scanning to its end per fix made a lint quadratic.
    for (const [name, text] of [
      ['g.plan.json', genPlan(400)],
      ['min.tf.json', JSON.stringify(JSON.parse(genBuckets(400, 'terraform-json')))],
    ]) {
      const scanned = editStats.scanned;
      const result = lintFile(parseFile(name, text), catalogue);
      assert.ok(result.findings.length >= 100, name);
      assert.ok(editStats.scanned - scanned <= 2 * text.length, `${name}: ${editStats.scanned - scanned} characters scanned for a text of ${text.length}`);
    }
  });

  it('an edit to a configuration resource changes what the editor reports on its bucket (no stale cached result)', () => {
    const template = (deny: boolean) => `Resources:
  Data:
    Type: AWS::S3::Bucket
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Statement:
          - Effect: ${deny ? 'Deny' : 'Allow'}
            Principal: "*"
            Action: "s3:*"
            Resource: "*"
            Condition:
              Bool:
                aws:SecureTransport: "false"
`;
    const linter = new DocumentLinter(catalogue);
    const transport = (text: string, version: number) =>
      linter.lint('t.yaml', version, text).result.findings.filter((f) => f.rule.id === 'CL-AWS-052').map((f) => f.resource.id);
    assert.deepEqual(transport(template(false), 0), ['Data']);
    assert.deepEqual(transport(template(true), 1), []);
    assert.deepEqual(transport(template(false), 2), ['Data']);
  });

  it('an edit to a plan\'s configuration changes what the editor reports (no stale cached result)', () => {
    const plan = (inConfig: boolean) =>
      JSON.stringify({
        format_version: '1.2',
        planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', values: { bucket: 'x', versioning: [{ enabled: true, mfa_delete: false }] } }] } },
        configuration: { root_module: { resources: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', expressions: inConfig ? { versioning: [{ enabled: { constant_value: true } }] } : { bucket: { constant_value: 'x' } } }] } },
      });
    const linter = new DocumentLinter(catalogue);
    const versioning = (text: string, version: number) => linter.lint('p.plan.json', version, text).result.findings.filter((f) => f.rule.id === 'CL-AWS-053').length;
    assert.equal(versioning(plan(false), 0), 1);
    assert.equal(versioning(plan(true), 1), 0);
    assert.equal(versioning(plan(false), 2), 1);
  });
});
