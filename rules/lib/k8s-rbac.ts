// Shared helpers for the Kubernetes RBAC and exposure rules (CL-K8S-042 … CL-K8S-054): policy rules of Roles and
// ClusterRoles, bindings and their subjects, and small facts about objects (API group, name, annotations).
import type { Resource } from '../../server/src/formats/resource';
import type { Val } from '../../server/src/formats/value';
import { type Check, type CheckContext, type FrameworkRef, nist, nsaK8s, type Responsibility } from '../kit';
import { perKey } from './memo';

export { WORKLOAD_KINDS } from '../../server/src/formats/kubernetes';

/** One known string item of a list (a verb, a resource, an API group, a subject name), with its value for reporting. */
export interface Item {
  readonly val: Val;
  readonly value: string;
}

/** One entry of a Role's or ClusterRole's `rules`, with the known items of its lists. */
export interface PolicyRule {
  /** 1-based position of the rule in `rules`, for messages. */
  readonly index: number;
  readonly val: Val;
  readonly apiGroups: readonly Item[];
  readonly resources: readonly Item[];
  readonly verbs: readonly Item[];
  /**
   * True when `resourceNames` is set (known and non-empty, or unknown): the rule is narrowed to named objects.
   */
  readonly named: boolean;
}

export const ROLE_KINDS: readonly string[] = ['Role', 'ClusterRole'];
export const BINDING_KINDS: readonly string[] = ['RoleBinding', 'ClusterRoleBinding'];

/**
 * The check of a rule about what Roles and ClusterRoles grant: `each` sees every policy rule of a Role or ClusterRole
 * of the RBAC API group (not a CRD that reuses the kind name). It reads its resource only.
 */
export function policyRuleCheck(each: (rule: PolicyRule, r: Resource, ctx: CheckContext) => void): Check {
  return {
    reads: 'resource',
    types: ROLE_KINDS,
    run(r, ctx) {
      if (!isRbacObject(r)) return;
      for (const rule of policyRules(r)) each(rule, r, ctx);
    },
  };
}

/** The check of a rule about RoleBindings and ClusterRoleBindings of the RBAC API group. It reads its resource only. */
export function bindingCheck(run: (r: Resource, ctx: CheckContext) => void): Check {
  return {
    reads: 'resource',
    types: BINDING_KINDS,
    run(r, ctx) {
      if (isRbacObject(r)) run(r, ctx);
    },
  };
}

/** The responsibility line of the Service exposure rules (network layer): what the provider runs, and what is yours. */
export function serviceResponsibility(provider: string, customer: string): Responsibility {
  return { owner: 'customer', model: 'Hybrid', layer: 'network', provider, customer };
}

/** The frameworks of the Service exposure rules. */
export function serviceFrameworks(): FrameworkRef[] {
  return [nsaK8s('Network separation and hardening'), nist('SC-7')];
}

/** The check of a rule about core Services (`apiVersion: v1`, not a Knative Service). It reads its resource only. */
export function serviceCheck(run: (r: Resource, ctx: CheckContext) => void): Check {
  return {
    reads: 'resource',
    types: ['Service'],
    run(r, ctx) {
      if (isCoreObject(r)) run(r, ctx);
    },
  };
}

/** The known string items of a list value; unknown items (template expressions) are left out. */
export function knownItems(v: Val): Item[] {
  const out: Item[] = [];
  for (const item of v.items()) {
    const s = item.str();
    if (s !== undefined) out.push({ val: item, value: s });
  }
  return out;
}

/** True for objects of the RBAC API group (`rbac.authorization.k8s.io/v1`), not CRDs that reuse the kind name. */
export function isRbacObject(r: Resource): boolean {
  return (r.k8s?.apiVersion ?? '').startsWith('rbac.authorization.k8s.io/');
}

/** True for objects of the core API group (`apiVersion: v1`), e.g. a core Service rather than a Knative Service. */
export function isCoreObject(r: Resource): boolean {
  return r.k8s?.apiVersion === 'v1';
}

/** `ClusterRole admin-all`, as messages name an object. */
export function objectName(r: Resource): string {
  return `${r.type} ${r.k8s?.name ?? '(unnamed)'}`;
}

/** The rules of a Role or ClusterRole: four rules read them, so once per Role per lint (`perKey`). */
export const policyRules: (r: Resource) => readonly PolicyRule[] = perKey(readPolicyRules);

function readPolicyRules(r: Resource): PolicyRule[] {
  return r.body.get('rules').items().map((rule, i) => {
    const names = rule.get('resourceNames');
    return {
      index: i + 1,
      val: rule,
      apiGroups: knownItems(rule.get('apiGroups')),
      resources: knownItems(rule.get('resources')),
      verbs: knownItems(rule.get('verbs')),
      named: names.isUnknown || names.items().length > 0,
    };
  });
}

/** True when the rule covers one of `groups` (or every group with `*`). */
export function coversGroup(rule: PolicyRule, groups: readonly string[]): boolean {
  return rule.apiGroups.some((g) => g.value === '*' || groups.includes(g.value));
}

// The resource items that cover one of `resources`: the names themselves, `*`, and `*` + `/sub` for a
// subresource `x/sub` (RBAC matches a rule resource `*` + `/scale` against the scale subresource of every resource).
export function resourceItems(rule: PolicyRule, resources: readonly string[]): Item[] {
  const subs = new Set(resources.filter((r) => r.includes('/')).map((r) => `*/${r.split('/')[1]}`));
  return rule.resources.filter((r) => r.value === '*' || resources.includes(r.value) || subs.has(r.value));
}

/** The verb items that grant one of `verbs` (the verbs themselves and `*`). */
export function verbItems(rule: PolicyRule, verbs: readonly string[]): Item[] {
  return rule.verbs.filter((v) => v.value === '*' || verbs.includes(v.value));
}

/** Distinct verb names of items, in order (`*` kept as written). */
export function verbList(items: readonly Item[]): string {
  const names = [...new Set(items.map((i) => (i.value === '*' ? '"*" (every verb)' : i.value)))];
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A binding's subjects as written: kind, name, namespace and the name's value (for reporting). */
export interface Subject {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly nameVal: Val;
}

export function subjects(r: Resource): Subject[] {
  return r.body.get('subjects').items().map((s) => ({
    kind: s.get('kind').str(),
    name: s.get('name').str(),
    namespace: s.get('namespace').str(),
    nameVal: s.get('name'),
  }));
}

/** `ServiceAccount kube-system/tiller`, `Group system:masters`. */
export function subjectText(s: Subject): string {
  const name = s.kind === 'ServiceAccount' && s.namespace ? `${s.namespace}/${s.name ?? '?'}` : (s.name ?? '?');
  return `${s.kind ?? 'subject'} ${name}`;
}

/** The value of one annotation of an object (absent when the object has none, unknown under a template). */
export function annotation(r: Resource, key: string): Val {
  return r.body.path('metadata', 'annotations').get(key);
}

// ---- Grants of one permission (CL-K8S-055 … CL-K8S-061): "a rule grants <verbs> on <resources> of <groups>" ----

/** One permission a rule looks for: any of `verbs` (or `*`) on any of `resources` of any of `groups` (or `*`). */
export interface Grant {
  readonly groups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/** What one resource item of a policy rule grants of the permissions looked for: the verb items that give it. */
export interface GrantHit {
  readonly rule: PolicyRule;
  readonly resource: Item;
  readonly verbs: readonly Item[];
}

/**
 * The resource items of `rule` through which it grants one of `grants`, each once, with the verb items that grant
 * it (several grants matched by the same item, such as `"*"`, are merged). A rule narrowed by `resourceNames` (or
 * whose names are unknown) still grants the other verbs on the named objects, and `create` on a subresource of one
 * (`serviceaccounts/token`, `nodes/proxy`), but never `create` or `deletecollection` of a resource itself: RBAC cannot
 * narrow those by name (the new object's name is not known when the request is authorized), so such a rule grants
 * neither of them.
 */
export function grantHits(rule: PolicyRule, grants: readonly Grant[]): GrantHit[] {
  const byItem = new Map<Item, Item[]>();
  for (const grant of grants) {
    if (!coversGroup(rule, grant.groups)) continue;
    for (const target of grant.resources) {
      const wanted = rule.named && !target.includes('/') ? grant.verbs.filter((v) => v !== 'create' && v !== 'deletecollection') : grant.verbs;
      if (wanted.length === 0) continue;
      const verbs = verbItems(rule, wanted);
      if (verbs.length === 0) continue;
      for (const res of resourceItems(rule, [target])) {
        const list = byItem.get(res) ?? [];
        for (const v of verbs) if (!list.includes(v)) list.push(v);
        byItem.set(res, list);
      }
    }
  }
  return [...byItem].map(([resource, verbs]) => ({ rule, resource, verbs: [...verbs].sort((a, b) => rule.verbs.indexOf(a) - rule.verbs.indexOf(b)) }));
}

/**
 * The check of a rule about one permission of Roles and ClusterRoles: one finding per resource item that grants
 * it, on the item, with the message `message` writes. It reads its resource only.
 */
export function grantCheck(grants: readonly Grant[], message: (hit: GrantHit, r: Resource) => string): Check {
  return policyRuleCheck((rule, r, ctx) => {
    for (const hit of grantHits(rule, grants)) ctx.report(hit.resource.val, message(hit, r));
  });
}

/** `Rule 2 of ClusterRole ci grants create on pods`, the start of a grant rule's messages. */
export function grantText(hit: GrantHit, r: Resource): string {
  const res = hit.resource.value === '*' ? '"*" (every resource of its API groups)' : hit.resource.value;
  return `Rule ${hit.rule.index} of ${objectName(r)} grants ${verbList(hit.verbs)} on ${res}`;
}
