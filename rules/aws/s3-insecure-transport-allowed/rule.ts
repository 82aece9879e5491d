// CL-AWS-052: an S3 bucket whose policy does not deny requests made without TLS.
import {
  cfnGuideDoc,
  type CheckContext,
  cisAws,
  defineRule,
  get,
  nist,
  parseEmbeddedJson,
  pci,
  type Related,
  type Resource,
  tfDoc,
  Val,
  withId,
} from '../../kit';
import { bucketChecks, configsOf, tfBlock } from '../../lib/s3';

/** What a policy says about requests without TLS: it denies them, it does not, or that is unknown before deploy. */
type Verdict = 'denies' | 'no' | 'unknown';

function combine(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('denies')) return 'denies';
  return verdicts.includes('unknown') ? 'unknown' : 'no';
}

const BOOL_OPERATORS = new Set(['bool', 'boolifexists']);

/** True for the value `false` as a policy writes it: `false`, `"false"`, `["false"]`. */
function saysFalse(v: Val): Verdict {
  if (v.isUnknown) return 'unknown';
  const values = v.isSeq ? v.items().map((i) => (i.isUnknown ? undefined : i.str())) : [v.str()];
  if (values.some((s) => s?.toLowerCase() === 'false')) return 'denies';
  return values.includes(undefined) && v.isSeq ? 'unknown' : 'no';
}

/** An IAM JSON policy document (CloudFormation mapping, or JSON parsed from a string). */
function documentVerdict(doc: Val): Verdict {
  if (doc.isUnknown) return 'unknown';
  const statements = doc.get('Statement');
  if (statements.isUnknown) return 'unknown';
  return combine(
    statements.list().map((st): Verdict => {
      if (st.isUnknown) return 'unknown';
      const effect = st.get('Effect');
      if (effect.isUnknown) return 'unknown';
      if (!effect.some((e) => e.str() === 'Deny')) return 'no';
      const condition = st.get('Condition');
      if (condition.isUnknown) return 'unknown';
      const out: Verdict[] = [];
      for (const [op, body] of condition.entries()) {
        if (!BOOL_OPERATORS.has(String(op.value).toLowerCase())) continue;
        if (body.isUnknown) out.push('unknown');
        for (const [key, value] of body.entries()) {
          if (String(key.value).toLowerCase() === 'aws:securetransport') out.push(saysFalse(value));
        }
      }
      return combine(out);
    }),
  );
}

/** A `data.aws_iam_policy_document` in Terraform's block form. */
function policyDocumentVerdict(d: Resource): Verdict {
  if (get(get(d.node, 'dynamic'), 'statement')) return 'unknown';
  const statements = d.body.get('statement');
  if (statements.isUnknown) return 'unknown';
  const own = combine(
    statements.list().map((st): Verdict => {
      if (st.isUnknown) return 'unknown';
      const effect = st.get('effect');
      if (effect.isUnknown) return 'unknown';
      if (effect.str() !== 'Deny') return 'no'; // absent means Allow
      const conditions = st.get('condition');
      if (conditions.isUnknown) return 'unknown';
      return combine(
        conditions.list().map((c): Verdict => {
          const test = c.get('test');
          const variable = c.get('variable');
          if (test.isUnknown || variable.isUnknown) return 'unknown';
          if (!BOOL_OPERATORS.has((test.str() ?? '').toLowerCase()) || variable.str()?.toLowerCase() !== 'aws:securetransport') return 'no';
          return saysFalse(c.get('values'));
        }),
      );
    }),
  );
  // Statements merged in from other documents are not followed.
  const merged = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'].some((k) => !d.body.get(k).isAbsent);
  return own === 'no' && merged ? 'unknown' : own;
}

/** The verdict of a Terraform `policy` argument, or undefined when there is none. */
function tfPolicyVerdict(r: Resource, ctx: CheckContext, value: Val): Verdict | undefined {
  if (value.isAbsent) return undefined;
  const node = r.format === 'terraform' ? get(r.node, 'policy') : value.node;
  if (!node || node.kind !== 'scalar' || typeof node.value !== 'string') return 'unknown';
  const text = node.value.trim();
  const ref = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.(?:json|minified_json)\}$/.exec(text);
  if (ref) {
    const doc = withId(ctx, `data.aws_iam_policy_document.${ref[1]}`)[0];
    return doc ? policyDocumentVerdict(doc) : 'unknown';
  }
  if (!text.startsWith('{')) return 'unknown'; // jsonencode(), file(), templatefile(), a variable …
  const parsed = parseEmbeddedJson(node);
  return parsed ? documentVerdict(Val.of(parsed, r.resolver)) : 'unknown';
}

/** A CloudFormation PolicyDocument: a mapping, or JSON in a string. */
function cfnPolicyVerdict(p: Resource): Verdict {
  const doc = p.body.get('PolicyDocument');
  const node = doc.node;
  if (node?.kind === 'scalar' && typeof node.value === 'string') {
    const parsed = parseEmbeddedJson(node);
    return parsed ? documentVerdict(Val.of(parsed, p.resolver)) : 'unknown';
  }
  return documentVerdict(doc);
}

const CONSEQUENCE = 'so clients can read and write it over plain HTTP';

function report(r: Resource, ctx: CheckContext, lacking: Resource[], inline: boolean) {
  const related: Related[] = lacking.map((p) => ({ node: p.anchor, message: `Bucket policy ${p.id} has no Deny statement for aws:SecureTransport false.` }));
  const what = lacking.length > 0 || inline ? 'a bucket policy without a Deny statement for aws:SecureTransport false' : 'no bucket policy that denies requests with aws:SecureTransport false';
  ctx.report(r.anchor, `S3 bucket ${r.id} has ${what}, ${CONSEQUENCE}.`, { related });
}

function cloudformation(r: Resource, ctx: CheckContext) {
  const { linked, possible } = configsOf(r, ctx, ['AWS::S3::BucketPolicy']);
  if (possible.length > 0) return;
  if (combine(linked.map(cfnPolicyVerdict)) !== 'no') return;
  report(r, ctx, linked, false);
}

function terraform(r: Resource, ctx: CheckContext) {
  const { linked, possible } = configsOf(r, ctx, ['aws_s3_bucket_policy']);
  if (possible.length > 0) return;
  const inline = tfPolicyVerdict(r, ctx, tfBlock(r, 'policy'));
  const verdicts = linked.map((p) => tfPolicyVerdict(p, ctx, p.body.get('policy')) ?? 'no');
  if (combine(inline ? [inline, ...verdicts] : verdicts) !== 'no') return;
  report(r, ctx, linked, inline !== undefined);
}

export default defineRule({
  id: 'CL-AWS-052',
  slug: 's3-insecure-transport-allowed',
  title: 'S3 bucket policy does not deny requests without TLS',
  severity: 'medium',
  fixable: false,
  description:
    'S3 accepts requests over plain HTTP unless the bucket policy denies them. Without a Deny statement on the condition aws:SecureTransport false, a misconfigured client or SDK can send credentials-signed requests and data unencrypted, open to interception and tampering on the way.',
  remediation: 'Add a bucket policy statement that denies s3:* to every principal on the bucket and its objects when aws:SecureTransport is false.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS offers TLS on every S3 endpoint and evaluates your bucket policy on each request',
    customer: 'refusing requests that do not use TLS is a bucket policy statement only you can add',
  },
  frameworks: [cisAws('2.1.1'), nist('SC-8'), pci('4.2.1')],
  equivalents: { checkov: ['CKV_AWS_379'], kics: ['38c64e76-c71e-4d92-a337-60174d1de1c9', '4bc4dd4c-7d8d-405e-a0fb-57fa4c31b4d9'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-ssl-requests-only.html',
    cfnGuideDoc('aws-resource-s3-bucketpolicy'),
    tfDoc('s3_bucket_policy'),
  ],
  checks: bucketChecks(cloudformation, terraform),
});
