// Parsers and resources: exact spans in YAML (block, flow, multi-document, short-form tags), JSON and one-line plans,
// known and unknown values, format detection, syntax errors while typing.
import { strict as assert } from 'node:assert';
import { resourcesOf } from '../../server/src/formats';
import { containersOf } from '../../server/src/formats/kubernetes';
import { parseEmbeddedJson } from '../../server/src/model/embedded';
import { reparseFile } from '../../server/src/model/incremental';
import { parseFile } from '../../server/src/model/parse';
import { get, type Node } from '../../server/src/model/tree';

/** The span of the `nth` occurrence of `needle` in `text`. */
function at(text: string, needle: string, nth = 0): [number, number] {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" #${nth} not in text`);
  }
  return [i, i + needle.length];
}

function root(name: string, text: string): Node {
  const f = parseFile(name, text);
  assert.deepEqual(f.problems, []);
  return f.docs[0].doc.root!;
}

describe('YAML model', () => {
  it('gives keys and values their exact spans in block and flow style', () => {
    const text = 'a:\n  b: hello\n  c: {d: 1, e: [x, "y"]}\n';
    const r = root('t.yaml', text);
    const a = get(r, 'a')!;
    assert.deepEqual(get(a, 'b')!.span, at(text, 'hello'));
    const c = get(a, 'c')!;
    assert.equal(c.kind, 'map');
    assert.ok(c.kind === 'map' && c.flow);
    assert.deepEqual(get(c, 'd')!.span, at(text, '1'));
    const e = get(c, 'e')!;
    assert.ok(e.kind === 'seq');
    assert.deepEqual(e.kind === 'seq' && e.items[1].span, at(text, '"y"'));
    assert.deepEqual(a.kind === 'map' && a.pairs[0].key.span, at(text, 'b'));
  });

  it('normalises every short-form tag to its long form, keeping spans (scalar, sequence and mapping forms)', () => {
    const text = [
      'A: !Ref Param',
      'B: !Sub "arn:${AWS::Partition}:s3:::x"',
      'C: !If [IsProd, !Ref X, !Ref AWS::NoValue]',
      'D: !Join',
      '  - ","',
      '  - [a, b]',
      'E: !Base64',
      '  Fn::Sub: hi',
      'F: !GetAtt Db.Endpoint.Address',
      'G: !Select [0, !GetAZs ""]',
      'H: !Equals [!Ref Env, prod]',
      'I: !FindInMap [M, !Ref "AWS::Region", K]',
      'J: !ImportValue Shared-Vpc',
      'K: !Condition IsProd',
      'L: !Not [!Condition IsProd]',
      'M: !Cidr [10.0.0.0/16, 4, 8]',
      'N: !Split [",", "a,b"]',
      'O: !And [!Condition A, !Or [!Condition B, !Condition C]]',
      'P: !Transform {Name: AWS::Include, Parameters: {Location: s3://x}}',
      '',
    ].join('\n');
    const r = root('t.yaml', text);
    const keyOf = (n: Node | undefined) => (n?.kind === 'map' ? n.pairs[0].key.value : undefined);
    const expected: Record<string, string> = {
      A: 'Ref', B: 'Fn::Sub', C: 'Fn::If', D: 'Fn::Join', E: 'Fn::Base64', F: 'Fn::GetAtt', G: 'Fn::Select', H: 'Fn::Equals',
      I: 'Fn::FindInMap', J: 'Fn::ImportValue', K: 'Condition', L: 'Fn::Not', M: 'Fn::Cidr', N: 'Fn::Split', O: 'Fn::And', P: 'Fn::Transform',
    };
    for (const [k, long] of Object.entries(expected)) assert.equal(keyOf(get(r, k)), long, k);
    // The intrinsic spans from its tag to the end of its value.
    assert.deepEqual(get(r, 'A')!.span, at(text, '!Ref Param'));
    assert.deepEqual((get(r, 'A') as { pairs: { key: Node }[] }).pairs[0].key.span, at(text, '!Ref', 0));
    // Tags nested in a flow sequence keep theirs.
    const c = get(get(r, 'C'), 'Fn::If')!;
    assert.ok(c.kind === 'seq');
    assert.deepEqual(c.kind === 'seq' && c.items[1].span, at(text, '!Ref X'));
    // Mapping form: !Base64 over a mapping.
    assert.equal(keyOf(get(get(r, 'E'), 'Fn::Base64')), 'Fn::Sub');
    // !GetAtt string form is split at the first dot, each part with its own span.
    const getAtt = get(get(r, 'F'), 'Fn::GetAtt')!;
    assert.ok(getAtt.kind === 'seq');
    if (getAtt.kind === 'seq') {
      assert.equal(getAtt.items[0].kind === 'scalar' && getAtt.items[0].value, 'Db');
      assert.equal(getAtt.items[1].kind === 'scalar' && getAtt.items[1].value, 'Endpoint.Address');
      assert.deepEqual(getAtt.items[0].span, at(text, 'Db.'  ).map((x, i) => (i === 1 ? x - 1 : x)));
      assert.deepEqual(getAtt.items[1].span, at(text, 'Endpoint.Address'));
    }
  });

  it('keeps the documents of a multi-document file apart, each with its own spans', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n# second\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n';
    const f = parseFile('m.yaml', text);
    assert.equal(f.docs.length, 2);
    assert.deepEqual(f.docs.map((d) => d.format), ['kubernetes', 'kubernetes']);
    assert.deepEqual(get(get(f.docs[1].doc.root, 'metadata'), 'name')!.span, at(text, 'b', 0 + text.slice(0, text.indexOf('name: b')).split('b').length - 1));
  });

  it('reports one syntax error at its position and still lints the documents after a broken one', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers:\n    - name: c\n      image: x\n      securityContext: {privileged: true}\n';
    const f = parseFile('m.yaml', text);
    assert.equal(f.problems.length, 1);
    assert.ok(f.problems[0].span[0] >= text.indexOf('{name: a') && f.problems[0].span[0] <= text.indexOf('---'));
    const resources = resourcesOf(f);
    assert.deepEqual(resources.map((r) => r.id), ['Pod/ok']);
  });

  it('treats a comment-only or empty file as no documents and no diagnostics', () => {
    for (const text of ['', '# just a comment\n', '\n\n']) {
      const f = parseFile('x.yaml', text);
      assert.equal(f.isIac, false);
      assert.deepEqual(f.problems, []);
    }
  });

  it('shares an aliased node instead of copying it (a YAML bomb stays linear)', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    lines.push('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}');
    const started = Date.now();
    const f = parseFile('bomb.yaml', lines.join('\n') + '\n');
    assert.ok(Date.now() - started < 5000);
    const l = get(f.docs[0].doc.root, 'l')!;
    const k = get(f.docs[0].doc.root, 'k')!;
    assert.ok(l.kind === 'seq' && l.items[0] === k);
  });
});

describe('YAML documents that need no walk for duplicate keys and YAML 1.1 values', () => {
  const base = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: false\n  containers:\n    - name: c\n      image: x\n';

  it('a document with neither is not walked, and a repeated key or a YAML 1.1 value in any mapping still is', () => {
    assert.deepEqual(parseFile('p.yaml', base).problems, []);
    const dup = base.replace('      image: x\n', '      image: x\n      name: d\n');
    assert.deepEqual(parseFile('p.yaml', dup).problems.map((p) => [p.span, p.message.slice(0, 22)]), [[at(dup, 'name', 2), 'Duplicate key "name": ']]);
    const yes = base.replace('hostNetwork: false', 'hostNetwork: yes');
    const spec = get(parseFile('p.yaml', yes).docs[0].doc.root, 'spec');
    assert.equal((get(spec, 'hostNetwork') as Node & { kind: 'scalar' }).value, true);
  });

  it('an entry re-parsed into such a document gets the walk: its repeated key is found, its YAML 1.1 value read', () => {
    const prev = parseFile('p.yaml', base);
    const text = base.replace('  hostNetwork: false\n', '  hostNetwork: on\n  hostNetwork: off\n');
    const next = reparseFile(prev, text);
    assert.equal(next.how, 'entry');
    const cold = parseFile('p.yaml', text);
    assert.deepEqual(next.file.problems, cold.problems);
    assert.deepEqual(next.file.problems.map((p) => p.span), [at(text, 'hostNetwork', 1)]);
    assert.equal((get(get(next.file.docs[0].doc.root, 'spec'), 'hostNetwork') as Node & { kind: 'scalar' }).value, false);
  });
});

describe('YAML schema shared across documents and files', () => {
  it('known tags one document uses (!!binary, !!set, !!timestamp) leave the next documents and files as if parsed alone', () => {
    const tagged = 'a: !!binary aGVsbG8=\nb: !!set {x, y}\nc: !!timestamp 2001-12-14\n---\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n      Tags: !If [C, 2001-12-14, text]\n';
    const plain = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n      Tags: !If [C, 2001-12-14, text]\n';
    const alone = JSON.stringify(parseFile('p.yaml', plain).docs[0].doc.root, (k, v) => (k === 'parent' || k === 'doc' ? undefined : v));
    for (let i = 0; i < 3; i++) {
      const f = parseFile('t.yaml', tagged);
      assert.deepEqual(f.problems, []);
      assert.equal(get(f.docs[0].doc.root, 'a')?.kind, 'scalar');
      // The date in the second document is a plain string, as without the first document's !!timestamp.
      const tags = get(get(get(get(f.docs[1].doc.root, 'Resources'), 'B'), 'Properties'), 'Tags');
      assert.deepEqual((get(tags, 'Fn::If') as Node & { kind: 'seq' }).items.map((n) => (n as Node & { kind: 'scalar' }).value), ['C', '2001-12-14', 'text']);
      const after = JSON.stringify(parseFile('p.yaml', plain).docs[0].doc.root, (k, v) => (k === 'parent' || k === 'doc' ? undefined : v));
      assert.equal(after, alone);
    }
  });
});

describe('JSON model', () => {
  it('gives exact spans and reports the first syntax error with momoa\'s message', () => {
    const text = '{\n  "Resources": {\n    "B": {"Type": "AWS::S3::Bucket"}\n  }\n}\n';
    const f = parseFile('t.json', text);
    assert.equal(f.docs[0].format, 'cloudformation');
    assert.deepEqual(get(get(get(f.docs[0].doc.root, 'Resources'), 'B'), 'Type')!.span, at(text, '"AWS::S3::Bucket"'));
    const broken = parseFile('t.json', '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n');
    assert.equal(broken.problems.length, 1);
    assert.match(broken.problems[0].message, /Unexpected/);
  });

  it('records duplicate keys', () => {
    const f = parseFile('t.json', '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "AWS::S3::Bucket"}, "A": {"Type": "AWS::S3::Bucket"}}}');
    assert.equal(f.duplicateKeys.length, 1);
    assert.equal(f.duplicateKeys[0].key, 'A');
  });

  it('keeps offsets exact after a byte-order mark', () => {
    const text = '\uFEFF{"resource": {"aws_db_instance": {"db": {"publicly_accessible": true}}}}';
    const f = parseFile('main.tf.json', text);
    assert.deepEqual(f.problems, []);
    const [r] = resourcesOf(f);
    assert.deepEqual(r.body.get('publicly_accessible').at.span, at(text, 'true'));
  });

  it('maps positions inside a JSON policy written as a string back into the file', () => {
    const text = '{"resource": {"aws_iam_policy": {"p": {"policy": "{\\"Statement\\": [{\\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"}}}}';
    const f = parseFile('main.tf.json', text);
    const [r] = resourcesOf(f);
    const policy = r.body.get('policy').node!;
    assert.ok(policy.kind === 'scalar');
    const embedded = parseEmbeddedJson(policy as never)!;
    const action = get((get(embedded, 'Statement') as { items: Node[] }).items[0], 'Action')!;
    assert.equal(text.slice(action.span[0], action.span[1]), '\\"*\\"');
  });
});

describe('format detection', () => {
  const cases: [string, string, string | undefined][] = [
    ['t.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\n', 'cloudformation'],
    ['t.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n', 'cloudformation'],
    ['t.yaml', 'Transform: AWS::Serverless-2016-10-31\nResources: {}\n', 'cloudformation'],
    ['t.yaml', 'apiVersion: v1\nkind: ConfigMap\n', 'kubernetes'],
    ['x.json', '{"resource": {"aws_s3_bucket": {"b": {}}}}', 'terraform'],
    ['x.json', '{"format_version": "1.2", "planned_values": {}}', 'terraform-plan'],
    ['docker-compose.yaml', 'services:\n  web:\n    image: nginx\n', undefined],
    ['package.json', '{"name": "x", "version": "1.0.0"}', undefined],
    ['x.json', '{"variable": {"a": {}}, "name": "not terraform"}', undefined],
  ];
  for (const [name, text, format] of cases) {
    it(`${name}: ${JSON.stringify(text.slice(0, 40))} → ${format ?? 'none'}`, () => {
      const f = parseFile(name, text);
      assert.equal(f.docs[0]?.format, format);
      assert.equal(f.isIac, format !== undefined);
    });
  }

  it('gives a broken file that is none of ours no diagnostics', () => {
    assert.deepEqual(parseFile('settings.json', '{"a": ').problems, []);
    assert.deepEqual(parseFile('values.yaml', 'a: [b\n').problems, []);
    assert.equal(parseFile('template.yaml', 'AWSTemplateFormatVersion: x\nResources: [a\n').problems.length, 1);
  });
});

describe('resources and values', () => {
  it('CloudFormation: logical ID, type, properties, condition; parameter defaults known, the rest unknown', () => {
    const text = [
      'Parameters:',
      '  WithDefault: {Type: String, Default: "true"}',
      '  NoDefault: {Type: String}',
      'Conditions:',
      '  IsProd: !Equals [!Ref AWS::StackName, prod]',
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Condition: IsProd',
      '    Properties:',
      '      A: !Ref WithDefault',
      '      B: !Ref NoDefault',
      '      C: !Ref AWS::Region',
      '      D: !GetAtt Other.Arn',
      '      E: !ImportValue Shared',
      '      F: !Sub "plain"',
      '      G: !Sub "${AWS::Region}"',
      '      H: !If [IsProd, "true", !Ref AWS::NoValue]',
      '',
    ].join('\n');
    const [template, r] = resourcesOf(parseFile('t.yaml', text));
    assert.equal(template.type, 'Template');
    assert.equal(template.template, true);
    assert.deepEqual(template.anchor.span, at(text, 'Parameters'));
    assert.equal(r.id, 'Db');
    assert.equal(r.type, 'AWS::RDS::DBInstance');
    assert.equal(r.condition, 'IsProd');
    assert.deepEqual(r.anchor.span, at(text, 'Db'));
    const a = r.body.get('A');
    assert.ok(a.isTrue());
    assert.deepEqual(a.at.span, at(text, '!Ref WithDefault'));
    for (const k of ['B', 'C', 'D', 'E', 'G']) assert.ok(r.body.get(k).isUnknown, k);
    assert.equal(r.body.get('F').str(), 'plain');
    const h = r.body.get('H');
    // The resource's own Condition is IsProd: the !IsProd branch can never be taken, and IsProd adds nothing.
    assert.equal(h.alts.length, 1);
    assert.deepEqual(h.each().map((v) => [v.isTrue(), v.isAbsent, v.when]), [[true, false, []]]);
    assert.deepEqual(r.references(), ['WithDefault', 'NoDefault', 'Other']);
  });

  it('CloudFormation: nested Fn::If on the same condition keeps only reachable branches, each condition once', () => {
    const text = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      A: !If [P, !If [P, "true", "false"], !If [P, "x", "y"]]\n';
    const r = resourcesOf(parseFile('t.yaml', text)).find((x) => x.id === 'Db')!;
    const a = r.body.get('A');
    assert.deepEqual(a.each().map((v) => [v.str(), v.when]), [['true', ['P']], ['y', ['!P']]]);
  });

  it('Terraform JSON: object and array block forms, "//" comments, interpolations unknown', () => {
    const text = JSON.stringify({
      '//': 'comment',
      resource: [
        { aws_s3_bucket: { b: { bucket: 'x' } } },
        { aws_s3_bucket_public_access_block: [{ b: [{ '//': 'c', bucket: '${aws_s3_bucket.b.id}', block_public_acls: '${var.x}' }] }] },
      ],
      data: { aws_iam_policy_document: { p: { statement: [] } } },
    });
    const rs = resourcesOf(parseFile('main.tf.json', text));
    assert.deepEqual(rs.map((r) => [r.id, r.type]), [
      ['aws_s3_bucket.b', 'aws_s3_bucket'],
      ['aws_s3_bucket_public_access_block.b', 'aws_s3_bucket_public_access_block'],
      ['data.aws_iam_policy_document.p', 'data.aws_iam_policy_document'],
    ]);
    assert.ok(rs[1].body.get('block_public_acls').isUnknown);
    assert.deepEqual(rs[1].references('bucket'), ['aws_s3_bucket.b']);
    assert.equal(rs[1].body.get('$${literal}').isAbsent, true);
  });

  it('Terraform plan: root and nested child modules, after_unknown marks unknowns, references from configuration', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', values: { bucket: 'x' } }],
          child_modules: [
            {
              address: 'module.db',
              resources: [{ address: 'module.db.aws_db_instance.this', mode: 'managed', type: 'aws_db_instance', name: 'this', values: { publicly_accessible: true, arn: null } }],
              child_modules: [{ address: 'module.db.module.inner', resources: [{ address: 'module.db.module.inner.aws_kms_key.k', mode: 'managed', type: 'aws_kms_key', name: 'k', values: {} }] }],
            },
          ],
        },
      },
      resource_changes: [{ address: 'module.db.aws_db_instance.this', change: { after_unknown: { arn: true, kms_key_id: true, tags: {} } } }],
      configuration: {
        root_module: {
          resources: [],
          module_calls: { db: { module: { resources: [{ address: 'aws_db_instance.this', expressions: { publicly_accessible: { constant_value: true }, kms_key_id: { references: ['module.inner', 'aws_kms_key.k.arn', 'aws_kms_key.k'] } } }] } } },
        },
      },
    };
    const text = JSON.stringify(plan);
    const rs = resourcesOf(parseFile('plan.json', text));
    assert.deepEqual(rs.map((r) => r.id), ['aws_s3_bucket.b', 'module.db.aws_db_instance.this', 'module.db.module.inner.aws_kms_key.k']);
    const db = rs[1];
    assert.ok(db.body.get('publicly_accessible').isTrue());
    assert.deepEqual(db.body.get('publicly_accessible').at.span, at(text, 'true'));
    // Known after apply and written as a reference: unknown. Known after apply and written nowhere: absent, as in *.tf.json.
    assert.ok(db.body.get('kms_key_id').isUnknown);
    assert.ok(db.body.get('arn').isAbsent);
    assert.deepEqual(db.references('kms_key_id'), ['module.db.aws_kms_key.k']);
    assert.deepEqual(db.anchor.span, at(text, '"module.db.aws_db_instance.this"'));
  });

  it('Kubernetes: List items, namespaces, the pod spec of every workload kind', () => {
    const podSpec = { containers: [{ name: 'c', image: 'x' }], initContainers: [{ name: 'i', image: 'y' }] };
    const template = { metadata: { labels: { a: 'b' } }, spec: podSpec };
    const objects = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod', namespace: 'n' }, spec: podSpec },
      // Each kind in the API group that serves it (a Job is batch/v1, a ReplicationController core v1).
      ...[['Deployment', 'apps/v1'], ['ReplicaSet', 'apps/v1'], ['StatefulSet', 'apps/v1'], ['DaemonSet', 'apps/v1'], ['Job', 'batch/v1'], ['ReplicationController', 'v1']].map(([kind, apiVersion]) => ({
        apiVersion, kind, metadata: { name: kind.toLowerCase() }, spec: { template },
      })),
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cron' }, spec: { jobTemplate: { spec: { template } } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } },
    ];
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects });
    const rs = resourcesOf(parseFile('list.json', text));
    assert.equal(rs.length, 9);
    assert.equal(rs[0].id, 'Pod/n/pod');
    for (const r of rs.slice(0, 8)) {
      assert.deepEqual(containersOf(r.k8s!.podSpec).map((c) => `${c.list}/${c.name}`), ['containers/c', 'initContainers/i'], r.id);
    }
    assert.equal(rs[8].k8s!.podSpec, undefined);
  });

  it('Kubernetes: Helm template expressions are unknown values', () => {
    const f = parseFile('t.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: "{{ .Values.hostNetwork }}"\n');
    const [r] = resourcesOf(f);
    assert.ok(r.k8s!.podSpec!.get('hostNetwork').isUnknown);
  });
});
