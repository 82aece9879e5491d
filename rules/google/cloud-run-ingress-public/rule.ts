// CL-GCP-058: a Cloud Run service that accepts requests from the internet (ingress "all", the default) and that
// anyone may invoke (a public IAM grant in the file, or invoker_iam_disabled): callable directly, past any load
// balancer, Cloud Armor policy or IAP in front of it.
import type { CheckContext, Resource, Val } from '../../kit';
import { defineRule, nist, tfGoogleDoc } from '../../kit';
import { publicGrants } from '../../lib/gcp-iam';

const V1 = 'google_cloud_run_service';
const V2 = 'google_cloud_run_v2_service';
const IAM = {
  [V1]: { types: ['google_cloud_run_service_iam_member', 'google_cloud_run_service_iam_binding', 'google_cloud_run_service_iam_policy'], attr: 'service' },
  [V2]: { types: ['google_cloud_run_v2_service_iam_member', 'google_cloud_run_v2_service_iam_binding', 'google_cloud_run_v2_service_iam_policy'], attr: 'name' },
} as const;
const ANNOTATION = 'run.googleapis.com/ingress';

/** The service's ingress as written (a value, or absent: the default, all); undefined when not known. */
function ingressOf(r: Resource): { value: Val; open: boolean } | undefined {
  const value =
    r.type === V2
      ? r.body.get('ingress')
      : (r.body.get('metadata').list()[0] ?? r.body.get('metadata')).get('annotations').get(ANNOTATION);
  if (value.isAbsent) return { value, open: true };
  const s = value.str();
  if (s === undefined) return undefined;
  return { value, open: r.type === V2 ? s.toUpperCase() === 'INGRESS_TRAFFIC_ALL' : s.toLowerCase() === 'all' };
}

/** Why anyone may invoke the service, or undefined. */
function publicInvoker(r: Resource, ctx: CheckContext): string | undefined {
  if (r.type === V2 && r.body.get('invoker_iam_disabled').isTrue()) return 'its invoker_iam_disabled is true';
  const spec = IAM[r.type as keyof typeof IAM];
  for (const iam of ctx.referrers(r, spec.types, spec.attr)) {
    const g = publicGrants(iam, ctx)[0];
    if (g) return `${iam.id} grants ${g.role ?? 'a role'} to ${g.member}${g.via}`;
  }
  return undefined;
}

export default defineRule({
  id: 'CL-GCP-058',
  slug: 'cloud-run-ingress-public',
  title: 'Public Cloud Run service accepts traffic from the internet directly',
  severity: 'medium',
  fixable: false,
  description:
    'A Cloud Run service that anyone may invoke and whose ingress is "all" (the default) can be called on its run.app URL from anywhere: a load balancer with Cloud Armor, IAP or CDN in front of it is bypassed, and so are its WAF rules, rate limits and logs.',
  remediation:
    'Set ingress to INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER (v1: the run.googleapis.com/ingress annotation to internal-and-cloud-load-balancing) and serve the public through an external Application Load Balancer; or stop granting the invoker role to allUsers.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Google enforces the ingress setting and the invoker IAM policy on every request',
    customer: 'which networks may reach the service, and who may invoke it, is yours',
  },
  frameworks: [nist('AC-3', 'SC-7')],
  equivalents: {},
  docs: [
    'https://cloud.google.com/run/docs/securing/ingress',
    tfGoogleDoc('cloud_run_v2_service', 'ingress'),
    tfGoogleDoc('cloud_run_service', 'metadata'),
  ],
  checks: {
    terraform: {
      reads: 'scope',
      types: [V1, V2],
      run(r, ctx) {
        // Without its run.app URL, the service is reached only through what you put in front of it.
        if (r.type === V2 && r.body.get('default_uri_disabled').isTrue()) return;
        const ingress = ingressOf(r);
        if (!ingress?.open) return;
        const who = publicInvoker(r, ctx);
        if (!who) return;
        const consequence = 'so its run.app URL can be called directly from anywhere, past any load balancer, Cloud Armor policy or IAP in front of it';
        if (ingress.value.isAbsent) {
          const setting = r.type === V2 ? 'ingress' : `the ${ANNOTATION} annotation`;
          ctx.report(r.anchor, `Cloud Run service ${r.id} does not set ${setting}, which defaults to all traffic, and ${who}, ${consequence}.`);
        } else {
          ctx.report(ingress.value, `Cloud Run service ${r.id} accepts all ingress traffic and ${who}, ${consequence}.`);
        }
      },
    },
  },
});
