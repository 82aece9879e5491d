// CL-AWS-277: a Terraform `data "http"` whose request carries an SSM parameter's value (in its URL, a request header or
// its body), and in the worst case over plain HTTP. Terraform reads the data source at every plan, so the secret leaves
// for that endpoint each time.
import { type CheckContext, defineRule, get, interpolationEnd, type Node, nist, planConfigurationOf, type Resource, type ScalarNode, str } from '../../kit';

/** Where a `data "http"` request carries values, and how messages name each place. */
const PLACES = ['url', 'request_headers', 'request_body'] as const;
type Place = (typeof PLACES)[number];

/** An SSM parameter's value, as a reference names it (`data.aws_ssm_parameter.db.value`, `aws_ssm_parameter.p[0].value`). */
const SECRET_REF = /(?<![\w.])((?:data\.)?aws_ssm_parameter\.[A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?\.value\b/g;

/** The text inside each `${…}` of a Terraform string (nested braces and quoted strings inside are skipped over). */
export function interpolations(text: string): string[] {
  const out: string[] = [];
  let i = text.indexOf('${');
  while (i >= 0) {
    const end = interpolationEnd(text, i);
    // An unclosed `${` runs to the end of the text.
    out.push(text.slice(i + 2, end < 0 ? text.length : end - 1));
    if (end < 0) break;
    i = text.indexOf('${', end);
  }
  return out;
}

/** The SSM parameters (addresses, without instance keys) whose value a Terraform string interpolates, first seen first. */
export function ssmValueRefs(text: string): string[] {
  const out: string[] = [];
  for (const part of interpolations(text)) {
    for (const m of part.matchAll(SECRET_REF)) if (!out.includes(m[1])) out.push(m[1]);
  }
  return out;
}

interface Hit {
  readonly at: Node;
  readonly place: Place;
  /** The request header that carries it. */
  readonly header?: string;
  readonly refs: readonly string[];
}

/** Strings under `node` (a map's values, a list's items) that interpolate an SSM parameter's value. */
function hitsIn(node: Node | undefined, place: Place, header: string | undefined, out: Hit[], depth = 0): void {
  if (!node || depth > 32) return;
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string' || !node.value.includes('${')) return;
    const refs = ssmValueRefs(node.value);
    if (refs.length > 0) out.push({ at: node, place, header, refs });
  } else if (node.kind === 'map') {
    // Request headers: the header's name, for the message (`jsonencode({...})` in a body is a map too).
    for (const p of node.pairs) hitsIn(p.value, place, place === 'request_headers' && depth === 0 ? String(p.key.value) : header, out, depth + 1);
  } else {
    for (const item of node.items) hitsIn(item, place, header, out, depth + 1);
  }
}

/**
 * A plan's data source: the configuration's `references` of each place (`data.aws_ssm_parameter.db.value`); reported
 * at the planned value when the plan shows it, else at the address.
 */
function planHits(r: Resource): Hit[] {
  const expressions = planConfigurationOf(r)?.expressions;
  const out: Hit[] = [];
  for (const place of PLACES) {
    const refs = new Set<string>();
    const walk = (n: Node | undefined, depth = 0): void => {
      if (!n || depth > 32) return;
      if (n.kind === 'map') {
        for (const p of n.pairs) {
          if (p.key.value === 'references' && p.value.kind === 'seq') {
            for (const ref of p.value.items) {
              const s = str(ref);
              const m = s ? /^((?:data\.)?aws_ssm_parameter\.[A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?\.value$/.exec(s) : null;
              if (m) refs.add(m[1]);
            }
          } else walk(p.value, depth + 1);
        }
      } else if (n.kind === 'seq') for (const i of n.items) walk(i, depth + 1);
    };
    walk(get(expressions, place));
    if (refs.size > 0) out.push({ at: r.body.get(place).node ?? r.anchor, place, refs: [...refs] });
  }
  return out;
}

/** The URL's scheme when its start is written: `http` or `https` (any case), else undefined. */
function schemeOf(r: Resource): 'http' | 'https' | undefined {
  const url = r.format === 'terraform-plan' ? r.body.get('url').str() : str(get(r.node, 'url'));
  const m = url === undefined ? null : /^(https?):\/\//i.exec(url);
  return m ? (m[1].toLowerCase() as 'http' | 'https') : undefined;
}

function run(r: Resource, ctx: CheckContext): void {
  const hits: Hit[] = [];
  if (r.format === 'terraform-plan') hits.push(...planHits(r));
  else for (const place of PLACES) hitsIn(get(r.node, place), place, undefined, hits);
  if (hits.length === 0) return;
  const plain = schemeOf(r) === 'http';
  for (const h of hits) {
    const what = h.refs.length === 1 ? `the value of SSM parameter ${h.refs[0]}` : `the values of SSM parameters ${h.refs.join(', ')}`;
    const where = h.place === 'url' ? 'in its URL' : h.place === 'request_body' ? 'in its request body' : h.header ? `in request header ${h.header}` : 'in its request headers';
    const why = plain
      ? 'over plain HTTP, so anyone on the network path can read it, each time Terraform reads the data source (every plan)'
      : 'so the endpoint, and anything that logs or inspects the request, receives the secret each time Terraform reads the data source (every plan)';
    ctx.report(h.at as ScalarNode, `HTTP data source ${r.id} sends ${what} ${where}${plain ? ' ' : ', '}${why}.`);
  }
}

export default defineRule({
  id: 'CL-AWS-277',
  slug: 'http-data-source-sends-ssm-secret',
  title: 'Terraform HTTP data source sends an SSM parameter value',
  severity: 'medium',
  fixable: false,
  description:
    'A data "http" that puts an SSM parameter\'s value (usually a secret: a token, a password) in its URL, a request header or its body sends it to that endpoint whenever Terraform reads the data source, at every plan, including plans of unreviewed changes in CI; over a plain http:// URL anyone on the path can read it too. It is also a way to exfiltrate secrets through a change that only adds a data source.',
  remediation:
    'Do not send SSM parameter values from Terraform; if an API call needs the secret, use https://, send it in a header rather than the URL, make sure the endpoint is yours, and suppress the finding with the reason.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'secrets',
    provider: 'AWS stores the parameter and encrypts SecureString values with KMS',
    customer: 'where your Terraform configuration sends the values it reads is yours to decide',
  },
  frameworks: [nist('SC-8')],
  equivalents: { checkov: ['CKV2_AWS_36'] },
  docs: [
    'https://registry.terraform.io/providers/hashicorp/http/latest/docs/data-sources/http',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/ssm_parameter',
  ],
  checks: { terraform: { reads: 'resource', types: ['data.http'], run } },
});
