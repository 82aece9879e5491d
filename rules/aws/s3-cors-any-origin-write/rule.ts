// CL-AWS-203: an S3 bucket CORS rule that lets any origin send requests that change data (PUT, POST, DELETE).
import { cfnDoc, type CheckContext, defineRule, nist, type Resource, tfDoc, type Val } from '../../kit';
import { blockItems, tfBlock } from '../../lib/s3';

/** The methods of an S3 CORS rule that write or delete (the others are GET and HEAD). */
const WRITE_METHODS = ['PUT', 'POST', 'DELETE'];

/** The leaf values of a list (each `Fn::If` alternative on its own); unknown leaves included. */
function leaves(v: Val): Val[] {
  return v.each().flatMap((alt) => (alt.isSeq ? alt.items().flatMap((i) => i.each()) : alt.isAbsent ? [] : [alt]));
}

/**
 * An origin that matches every site: `*`, or a scheme with nothing but the wildcard for its host (`https://*`,
 * `http://*`). `https://*.example.com` is the sites of one domain and is not.
 */
function anyOrigin(origin: string | undefined): boolean {
  return origin !== undefined && /^(?:[a-z][a-z0-9+.-]*:\/\/)?\*(?::\d+)?\/?$/i.test(origin.trim());
}

/** Reports one CORS rule: its first any-origin entry, when the rule allows a write method. */
function checkRule(rule: Val, label: string, keys: { origins: string; methods: string }, r: Resource, ctx: CheckContext): void {
  const origin = leaves(rule.get(keys.origins)).find((o) => anyOrigin(o.str()));
  if (!origin) return;
  const written = leaves(rule.get(keys.methods))
    .map((m) => m.str()?.toUpperCase())
    .filter((m): m is string => m !== undefined && WRITE_METHODS.includes(m));
  const methods = [...new Set(written)];
  if (methods.length === 0) return;
  const list = methods.length === 1 ? methods[0] : `${methods.slice(0, -1).join(', ')} and ${methods[methods.length - 1]}`;
  ctx.report(
    origin,
    `${label} of ${r.type === 'aws_s3_bucket_cors_configuration' ? 'S3 CORS configuration' : 'S3 bucket'} ${r.id} allows any origin ("${origin.str()}") to send ${list} requests: any web page a user opens may have the user's browser send them and read the answers, which writes to or deletes from the bucket wherever it trusts the user's network or lets anyone write.`,
  );
}

/** How a message names a CORS rule: by its ID when it has one, else by its position. */
function ruleLabel(rule: Val, idKey: string, index: number, prefix: string): string {
  const id = rule.get(idKey).str();
  return id !== undefined ? `CORS rule ${id}` : `CORS rule ${prefix}[${index}]`;
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  for (const cfg of r.body.get('CorsConfiguration').each()) {
    if (!cfg.isMap) continue;
    leaves(cfg.get('CorsRules')).forEach((rule, i) => {
      if (rule.isMap) checkRule(rule, ruleLabel(rule, 'Id', i, 'CorsRules'), { origins: 'AllowedOrigins', methods: 'AllowedMethods' }, r, ctx);
    });
  }
}

function terraform(r: Resource, ctx: CheckContext): void {
  // aws_s3_bucket: the legacy inline block (in a plan, only as the configuration writes it); the separate
  // aws_s3_bucket_cors_configuration is checked on its own.
  const blocks = r.type === 'aws_s3_bucket' ? blockItems(tfBlock(r, 'cors_rule')) : blockItems(r.body.get('cors_rule'));
  blocks.forEach((rule, i) => {
    if (rule.isMap) checkRule(rule, ruleLabel(rule, 'id', i, 'cors_rule'), { origins: 'allowed_origins', methods: 'allowed_methods' }, r, ctx);
  });
}

export default defineRule({
  id: 'CL-AWS-203',
  slug: 's3-cors-any-origin-write',
  title: 'S3 bucket CORS rule lets any origin write or delete',
  severity: 'medium',
  fixable: false,
  description:
    'A CORS rule with AllowedOrigins "*" and PUT, POST or DELETE tells every browser that any web site may send those requests to the bucket and read the answers. Where the bucket trusts the browser\'s network (a bucket policy on aws:SourceIp or a VPC endpoint) or lets anyone write, any page your users open can write and delete objects through their browsers.',
  remediation: 'List the origins of your own web applications in AllowedOrigins (allowed_origins), and keep "*" only for rules that allow GET and HEAD.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS answers CORS preflight requests exactly as the bucket\'s CORS rules say and still authorises every request',
    customer: 'which web origins a browser may let write to and delete from your bucket is yours',
  },
  frameworks: [nist('AC-3', 'AC-4')],
  equivalents: {
    // s3_bucket_with_unsecured_cors_rule (CloudFormation, Terraform): reports more (README, "Compared with other tools").
    kics: ['3609d27c-3698-483a-9402-13af6ae80583', '98a8f708-121b-455b-ae2f-da3fb59d17e1'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html',
    cfnDoc('aws-properties-s3-bucket-corsrule'),
    tfDoc('s3_bucket_cors_configuration'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::S3::Bucket'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_s3_bucket', 'aws_s3_bucket_cors_configuration'], run: terraform },
  },
});
