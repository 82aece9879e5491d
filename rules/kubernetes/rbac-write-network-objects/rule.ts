// CL-K8S-105: a Role or ClusterRole that can create, change or delete Services, Endpoints, EndpointSlices,
// Ingresses or NetworkPolicies: its subjects can steer traffic to pods or addresses they choose, or remove the
// policies that fence workloads.
import { defineRule, nist, nsaK8s } from '../../kit';
import { type Grant, type GrantHit, grantHits, grantText, policyRuleCheck } from '../../lib/k8s-rbac';

/** Verbs a rule narrowed by resourceNames grants on the named objects (RBAC never matches create or deletecollection by name). */
const NAMED_VERBS = ['update', 'patch', 'delete'];
/** Verbs a rule without resourceNames grants on every object it covers. */
const ALL_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** What writing each resource lets a subject do. */
const TRAFFIC = 'steer Service traffic to pods or addresses of their choice';
const ROUTES = 'route external requests for a host to backends of their choice';
const POLICIES = 'delete or loosen the NetworkPolicies that fence workloads';

const TARGETS: readonly { groups: readonly string[]; resources: readonly string[]; effect: string }[] = [
  { groups: [''], resources: ['services', 'endpoints'], effect: TRAFFIC },
  { groups: ['discovery.k8s.io'], resources: ['endpointslices'], effect: TRAFFIC },
  { groups: ['networking.k8s.io', 'extensions'], resources: ['ingresses'], effect: ROUTES },
  { groups: ['networking.k8s.io'], resources: ['networkpolicies'], effect: POLICIES },
];

function grants(verbs: readonly string[]): Grant[] {
  return TARGETS.map((t) => ({ groups: t.groups, resources: t.resources, verbs }));
}
const NAMED_GRANTS = grants(NAMED_VERBS);
const ALL_GRANTS = grants(ALL_VERBS);

/** The effects of a hit: those of its resource, or for `"*"` those of every target in the API groups it covers. */
function effects(hit: GrantHit): string[] {
  const groups = hit.rule.apiGroups.map((g) => g.value);
  const out: string[] = [];
  for (const t of TARGETS) {
    const resource = hit.resource.value === '*' || t.resources.includes(hit.resource.value);
    const group = groups.includes('*') || t.groups.some((g) => groups.includes(g));
    if (resource && group && !out.includes(t.effect)) out.push(t.effect);
  }
  return out;
}

export default defineRule({
  id: 'CL-K8S-105',
  slug: 'rbac-write-network-objects',
  title: 'RBAC role can change Services, Ingresses or NetworkPolicies',
  severity: 'medium',
  fixable: false,
  description:
    'create, update, patch or delete on Services, Endpoints, EndpointSlices or Ingresses lets a subject send a Service\'s or a host\'s traffic to pods or addresses it chooses and read or alter it on the way; the same verbs on NetworkPolicies let it remove the rules that keep other workloads from reaching the ones they protect.',
  remediation: 'Grant write verbs on services, endpoints, endpointslices, ingresses and networkpolicies only to the pipelines and controllers that own them, in the namespaces they manage; everyone else reads.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane enforces the RBAC rules you write, and its network plugin and proxies apply the Services and policies it stores',
    customer: 'who may change how traffic reaches your workloads, and the policies that fence them, is yours to decide',
  },
  frameworks: [nsaK8s('Authentication and authorization'), nist('AC-6', 'SC-7')],
  equivalents: {
    trivy: ['AVD-KSV-0056'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
  ],
  checks: {
    kubernetes: policyRuleCheck((rule, r, ctx) => {
      for (const hit of grantHits(rule, rule.named ? NAMED_GRANTS : ALL_GRANTS)) {
        const list = effects(hit);
        const effect = list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
        const scope = r.type === 'Role' ? 'in its namespace' : 'wherever it is bound';
        ctx.report(hit.resource.val, `${grantText(hit, r)}, so its subjects can ${effect} ${scope}.`);
      }
    }),
  },
});
