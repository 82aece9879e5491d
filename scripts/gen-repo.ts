// Writes a synthetic repository of many small files, for measuring scans of large trees (the benchmark's 20,000-file
// row, the LSP scan tests): `tsx scripts/gen-repo.ts DIR [COUNT]`, or import `generateRepo`.
//
// About a quarter each: CloudFormation templates (60 lines), Kubernetes manifests (4 documents), Terraform JSON
// modules (a bucket with its separate public access block, which the project checks join, and a security group),
// and files of none of these (package.json, CI pipelines), spread over 40 teams × 125 services.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { genCloudFormation, genKubernetes } from '../test/robustness/gen';

export interface GeneratedRepo {
  readonly dir: string;
  readonly files: number;
  /** The files that are CloudFormation, Kubernetes or Terraform (the others are package.json and CI pipelines). */
  readonly iac: number;
  readonly bytes: number;
}

/** Writes `count` files under `dir` (see the file's head); returns what it wrote. Deterministic. */
export function generateRepo(dir: string, count = 20_000): GeneratedRepo {
  let bytes = 0;
  const made = new Set<string>();
  const write = (path: string, text: string) => {
    const folder = join(dir, path, '..');
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(join(dir, path), text);
    bytes += Buffer.byteLength(text);
  };
  const cfn = genCloudFormation(60);
  const k8s = genKubernetes(4);
  for (let i = 0; i < count; i++) {
    const team = `services/team-${i % 40}/svc-${Math.floor(i / 40) % 125}`;
    switch (i % 4) {
      case 0:
        write(`${team}/cfn/stack-${i}.yaml`, cfn.replace(/Bucket0/g, `Bucket${i}`));
        break;
      case 1:
        write(`${team}/k8s/app-${i}.yaml`, k8s.replace(/web-0/g, `web-${i}`));
        break;
      case 2:
        write(
          `${team}/tf/main-${i}.tf.json`,
          JSON.stringify(
            {
              resource: {
                aws_s3_bucket: { [`b${i}`]: { bucket: `data-${i}` } },
                aws_s3_bucket_public_access_block: { [`b${i}`]: { bucket: `\${aws_s3_bucket.b${i}.id}`, block_public_acls: i % 8 !== 2, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
                aws_security_group: { [`sg${i}`]: { ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: [i % 3 ? '10.0.0.0/8' : '0.0.0.0/0'] }] } },
              },
            },
            null,
            2,
          ),
        );
        break;
      default:
        write(
          i % 8 === 3 ? `${team}/package-${i}.json` : `${team}/.ci/pipeline-${i}.yml`,
          i % 8 === 3
            ? JSON.stringify({ name: `svc-${i}`, version: '1.0.0', scripts: { build: 'tsc', test: 'mocha' }, dependencies: { yaml: '^2.0.0' } }, null, 2)
            : `stages: [build, test]\nbuild:\n  script:\n    - npm ci\n    - npm run build -- --target ${i}\n  cache:\n    paths: [node_modules/]\n`,
        );
    }
  }
  return { dir, files: count, iac: count - Math.floor(count / 4) /* every fourth (i % 4 === 3) is none of ours */, bytes };
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
