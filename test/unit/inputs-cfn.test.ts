// CloudFormation `Fn::ForEach` (AWS::LanguageExtensions) loops in Resources: read once per output template, with
// values that use the loop identifier unknown, findings on the template's own nodes; what cannot be read is said.
import { strict as assert } from 'node:assert';
import { lintText, spanText } from '../helpers';

const HEAD = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::LanguageExtensions
`;

const ids = (r: ReturnType<typeof lintText>, rule: string) =>
  r.findings.filter((f) => f.rule.id === rule).map((f) => [f.resource.id, spanText(r, f.span)]);

describe('inputs: CloudFormation Fn::ForEach', () => {
  it('reads the output template of a loop once, findings on its own nodes', () => {
    const r = lintText(
      'loop.yaml',
      `${HEAD}Resources:
  Fn::ForEach::Buckets:
    - Name
    - [logs, data, web]
    - Bucket\${Name}:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: !Sub 'cl-\${Name}'
          AccessControl: PublicRead
`,
    );
    assert.deepEqual(ids(r, 'CL-AWS-050'), [['Bucket${Name}', '11:26-11:36']]);
    assert.deepEqual(ids(r, 'CL-AWS-053'), [['Bucket${Name}', '7:7-7:20']]);
    assert.deepEqual(r.resources.filter((x) => !x.template).map((x) => x.id), ['Bucket${Name}']);
    assert.deepEqual(r.notices, []);
    // The quick-fix edits the template itself: every bucket the loop makes is fixed.
    const fix = r.findings.find((f) => f.rule.id === 'CL-AWS-050')!.fixes[0];
    let fixed = r.file.text;
    for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, e.start) + e.text + fixed.slice(e.end);
    assert.ok(fixed.includes('\n          AccessControl: Private\n'), fixed);
    assert.deepEqual(ids(lintText('loop.yaml', fixed), 'CL-AWS-050'), []);
  });

  it('reads nested loops and a collection that is a Ref to a CommaDelimitedList', () => {
    const text = `${HEAD}Parameters:
  Envs:
    Type: CommaDelimitedList
    Default: dev,prod
Resources:
  Fn::ForEach::Envs:
    - Env
    - !Ref Envs
    - Fn::ForEach::Apps:
        - App
        - [api, web]
        - '\${Env}&{App}Bucket':
            Type: AWS::S3::Bucket
            Properties:
              AccessControl: PublicReadWrite
`;
    const r = lintText('nested.yaml', text);
    assert.deepEqual(ids(r, 'CL-AWS-050'), [['${Env}&{App}Bucket', '17:30-17:45']]);
  });

  it('values that use the loop identifier are unknown: no finding on them', () => {
    const r = lintText(
      'unknown.yaml',
      `${HEAD}Resources:
  Fn::ForEach::Buckets:
    - Acl
    - [PublicRead, Private]
    - Bucket\${Acl}:
        Type: AWS::S3::Bucket
        Properties:
          AccessControl: !Ref Acl
  Fn::ForEach::More:
    - Acl
    - [PublicRead, Private]
    - Other\${Acl}:
        Type: AWS::S3::Bucket
        Properties:
          AccessControl: '\${Acl}'
`,
    );
    assert.deepEqual(ids(r, 'CL-AWS-050'), []);
    assert.equal(r.resources.filter((x) => !x.template).length, 2);
  });

  it('a resource of the loop refers to another by its key template (a bucket policy in the same loop)', () => {
    const r = lintText(
      'policy.yaml',
      `${HEAD}Resources:
  Fn::ForEach::Buckets:
    - Name
    - [logs, data]
    - Bucket\${Name}:
        Type: AWS::S3::Bucket
      Policy\${Name}:
        Type: AWS::S3::BucketPolicy
        Properties:
          Bucket: !Ref 'Bucket\${Name}'
          PolicyDocument:
            Statement:
              - Effect: Deny
                Principal: '*'
                Action: 's3:*'
                Resource: [!Sub 'arn:aws:s3:::\${Bucket\${Name}}/*']
                Condition:
                  Bool:
                    aws:SecureTransport: false
`,
    );
    assert.deepEqual(r.resources.filter((x) => !x.template).map((x) => x.id), ['Bucket${Name}', 'Policy${Name}']);
    assert.deepEqual(ids(r, 'CL-AWS-052'), []);
  });

  it('a literal empty collection makes no resource', () => {
    const r = lintText(
      'empty.yaml',
      `${HEAD}Resources:
  Fn::ForEach::None:
    - Name
    - []
    - Bucket\${Name}:
        Type: AWS::S3::Bucket
`,
    );
    assert.deepEqual(r.resources.filter((x) => !x.template), []);
    assert.deepEqual(r.findings, []);
  });

  it('a property that a loop inside Properties may make is unknown, not missing', () => {
    const r = lintText(
      'props.yaml',
      `${HEAD}Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: logs
      Fn::ForEach::Config:
        - Key
        - [VersioningConfiguration]
        - '\${Key}':
            Status: Enabled
`,
    );
    assert.deepEqual(ids(r, 'CL-AWS-053'), []);
    assert.deepEqual(ids(r, 'CL-AWS-051'), [['Bucket', '4:3-4:9']], 'a property the loop does not make is still missing');
  });

  it('a loop it cannot read gets one information notice at its key, and the rest of the file is linted', () => {
    const text = `${HEAD}Resources:
  Fn::ForEach::Broken:
    - Name
    - [a, b]
  Fn::ForEach::NoType:
    - Name
    - [a, b]
    - Bucket\${Name}:
        Properties: {}
  Plain:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
`;
    const r = lintText('broken.yaml', text);
    assert.deepEqual(
      r.notices.map((n) => [spanText(r, n.span), n.message.slice(0, n.message.indexOf(')') + 1)]),
      [
        ['4:3-4:22', 'Cloudline could not read this Fn::ForEach loop (expected [Identifier, Collection, {OutputKey: OutputValue}])'],
        ['10:7-10:20', 'Cloudline could not read this Fn::ForEach loop (Bucket${Name} has no literal Type)'],
      ],
    );
    assert.deepEqual(ids(r, 'CL-AWS-050'), [['Plain', '15:22-15:32']]);
    assert.deepEqual(r.problems, []);
  });

  it('JSON templates too', () => {
    const text = JSON.stringify(
      {
        Transform: 'AWS::LanguageExtensions',
        Resources: {
          'Fn::ForEach::Buckets': ['Name', ['a', 'b'], { 'Bucket${Name}': { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'PublicRead' } } }],
        },
      },
      null,
      2,
    );
    const r = lintText('loop.json', text);
    const f = r.findings.filter((x) => x.rule.id === 'CL-AWS-050');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].span[0], f[0].span[1]), '"PublicRead"');
  });
});
