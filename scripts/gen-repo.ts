// Writes a synthetic repository of many small IaC files (CloudFormation YAML, Kubernetes YAML, Terraform JSON),
// for measuring scans of large trees: `tsx scripts/gen-repo.ts DIR [COUNT]`, or import `generateRepo`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GeneratedRepo {
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
}

const cloudformation = (i: number) =>
  `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Db${i}:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      PubliclyAccessible: ${i % 2 === 0}\n      StorageEncrypted: ${i % 3 === 0}\n  Bucket${i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: bucket-${i}\n`;

const kubernetes = (i: number) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: ns-${i % 7}\nspec:\n  hostNetwork: ${i % 2 === 0}\n  containers:\n    - name: app\n      image: nginx:1.${i % 30}\n      securityContext:\n        privileged: ${i % 3 === 0}\n`;

const terraform = (i: number) =>
  JSON.stringify(
    {
      resource: {
        aws_s3_bucket: { [`b${i}`]: { bucket: `bucket-${i}` } },
        aws_security_group: {
          [`sg${i}`]: { ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: [i % 2 ? '10.0.0.0/8' : '0.0.0.0/0'] }] },
        },
      },
    },
    null,
    2,
  ) + '\n';

/** Writes `count` files under `dir` (100 per folder, a third of each format); returns what it wrote. */
export function generateRepo(dir: string, count = 20_000): GeneratedRepo {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `group-${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const [name, text] =
      i % 3 === 0 ? [`stack-${i}.yaml`, cloudformation(i)] : i % 3 === 1 ? [`pod-${i}.yaml`, kubernetes(i)] : [`main-${i}.tf.json`, terraform(i)];
    writeFileSync(join(folder, name), text);
    bytes += Buffer.byteLength(text);
  }
  return { dir, files: count, bytes };
}

if (require.main === module) {
  const [dir, count] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: tsx scripts/gen-repo.ts DIR [COUNT]\n');
    process.exit(2);
  }
  const r = generateRepo(dir, count ? Number(count) : undefined);
  process.stdout.write(`${r.files} files, ${r.bytes} bytes in ${r.dir}\n`);
}
