// CL-K8S-053: workloads (and declared namespaces) that no NetworkPolicy of their namespace selects, looked up
// across every document of the file and, in a scan, every scanned file.
import { cisK8s, defineRule, nist, nsaK8s, type ProjectContext, type Related, type Resource, type Val } from '../../kit';
import { isCoreObject, objectName, WORKLOAD_KINDS } from '../../lib/k8s-rbac';

/** Namespaced policy kinds of network plugins whose selectors this rule does not evaluate (they count as selecting). */
const ADDON_POLICIES = ['CiliumNetworkPolicy'];
/** Cluster-wide policy kinds: with one of them in the scan, isolation is decided outside any one namespace. */
const CLUSTER_POLICIES = ['CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'];
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

type Tri = 'yes' | 'no' | 'unknown';
/** Pod labels: a value, or undefined where the value is a template expression. */
type Labels = Map<string, string | undefined> | 'unknown';

interface Policy {
  readonly r: Resource;
  /** The namespace it is written for; undefined when not written (it lands wherever it is applied) or unknown. */
  readonly ns?: string;
  /** A policy whose selector language this rule does not evaluate (Calico, Cilium). */
  readonly addon: boolean;
}

/** A namespace written in metadata.namespace (or metadata.name for a Namespace); undefined when absent or unknown. */
function known(v: Val): string | undefined {
  return v.isUnknown ? undefined : v.str();
}

function labelsOf(meta: Val | undefined): Labels {
  const out = new Map<string, string | undefined>();
  if (!meta) return out;
  const labels = meta.get('labels');
  if (labels.isUnknown) return 'unknown';
  for (const [k, v] of labels.entries()) out.set(String(k.value), v.isUnknown ? undefined : (v.str() ?? ''));
  return out;
}

/** Whether a NetworkPolicy podSelector (a LabelSelector) selects pods with `labels`. */
function selects(selector: Val, labels: Labels): Tri {
  if (selector.isUnknown) return 'unknown';
  if (selector.isAbsent) return 'yes';
  const matchLabels = selector.get('matchLabels');
  const matchExpressions = selector.get('matchExpressions');
  if (matchLabels.isUnknown || matchExpressions.isUnknown) return 'unknown';
  const pairs = matchLabels.entries();
  const exprs = matchExpressions.items();
  if (pairs.length === 0 && exprs.length === 0) return 'yes';
  if (labels === 'unknown') return 'unknown';
  let result: Tri = 'yes';
  for (const [k, v] of pairs) {
    const key = String(k.value);
    const want = v.isUnknown ? undefined : (v.str() ?? '');
    if (!labels.has(key)) return 'no';
    const have = labels.get(key);
    if (want === undefined || have === undefined) result = 'unknown';
    else if (have !== want) return 'no';
  }
  for (const e of exprs) {
    const key = e.get('key').str();
    const op = e.get('operator').str();
    if (key === undefined || op === undefined) {
      result = 'unknown';
      continue;
    }
    const has = labels.has(key);
    const have = labels.get(key);
    const values = e.get('values');
    const items = values.items();
    const vals = items.map((i) => i.str());
    const valsKnown = !values.isUnknown && vals.every((x) => x !== undefined);
    if (op === 'Exists') {
      if (!has) return 'no';
    } else if (op === 'DoesNotExist') {
      if (has) return 'no';
    } else if (op === 'In') {
      if (!has) return 'no';
      if (have === undefined || !valsKnown) result = 'unknown';
      else if (!vals.includes(have)) return 'no';
    } else if (op === 'NotIn') {
      if (!has) continue;
      if (have === undefined || !valsKnown) result = 'unknown';
      else if (vals.includes(have)) return 'no';
    } else {
      result = 'unknown';
    }
  }
  return result;
}

function policies(resources: readonly Resource[]): Policy[] {
  const out: Policy[] = [];
  for (const r of resources) {
    const ns = known(r.body.path('metadata', 'namespace'));
    if (r.type === 'NetworkPolicy') {
      const api = r.k8s?.apiVersion ?? '';
      out.push({ r, ns, addon: !api.startsWith('networking.k8s.io/') });
    } else if (ADDON_POLICIES.includes(r.type)) {
      out.push({ r, ns, addon: true });
    }
  }
  return out;
}

function run(resources: readonly Resource[], ctx: ProjectContext): void {
  // A cluster-wide policy (Cilium, Calico, AdminNetworkPolicy) may isolate every namespace: not decidable here.
  if (resources.some((r) => CLUSTER_POLICIES.includes(r.type))) return;
  const all = policies(resources);
  // Worked out once per namespace, not once per workload.
  const byNamespace = new Map<string, typeof all>();
  const inNamespace = (ns: string) => {
    let list = byNamespace.get(ns);
    if (!list) byNamespace.set(ns, (list = all.filter((p) => p.ns === undefined || p.ns === ns)));
    return list;
  };

  const namespaces = new Map<string, Resource>();
  for (const r of resources) {
    if (r.type !== 'Namespace' || !isCoreObject(r)) continue;
    const name = known(r.body.path('metadata', 'name'));
    if (name !== undefined) namespaces.set(name, r);
  }

  const populated = new Set<string>();
  for (const w of resources) {
    if (!WORKLOAD_KINDS.includes(w.type) || !w.k8s?.podSpec) continue;
    const ns = known(w.body.path('metadata', 'namespace'));
    if (ns === undefined) continue; // lands in whatever namespace it is applied to
    populated.add(ns);
    // Network policies do not apply to pods on the host network.
    if (w.k8s.podSpec.get('hostNetwork').isTrue()) continue;
    const candidates = inNamespace(ns);
    if (candidates.some((p) => p.addon)) continue;
    const labels = labelsOf(w.k8s.podMeta);
    if (candidates.some((p) => selects(p.r.body.path('spec', 'podSelector'), labels) !== 'no')) continue;

    const related: Related[] = [];
    const nsObject = namespaces.get(ns);
    if (nsObject) related.push({ node: nsObject.anchor, message: `Namespace ${ns} is declared here.` });
    for (const p of candidates.slice(0, 3)) {
      related.push({ node: p.r.anchor, message: `${objectName(p.r)} does not select the pods of ${objectName(w)}.` });
    }
    const why = candidates.length ? 'none of the NetworkPolicies of its namespace selects its pods' : 'no NetworkPolicy in the scanned files applies to its namespace';
    ctx.report(w, w.anchor, `${objectName(w)} runs in namespace ${ns}, but ${why}, so its pods accept traffic from every pod and address that can reach them.`, {
      related,
    });
  }

  for (const [name, r] of namespaces) {
    if (SYSTEM_NAMESPACES.has(name) || populated.has(name) || inNamespace(name).length > 0) continue;
    ctx.report(r, r.anchor, `Namespace ${name} has no NetworkPolicy in the scanned files, so every pod placed in it accepts traffic from every pod and address that can reach it.`);
  }
}

export default defineRule({
  id: 'CL-K8S-053',
  slug: 'namespace-no-network-policy',
  title: 'Pods are not isolated by any NetworkPolicy',
  severity: 'medium',
  fixable: false,
  description:
    'Pods that no NetworkPolicy selects accept connections from every pod in the cluster and every address that can reach the nodes, and may connect anywhere. One compromised workload then reaches all the others.',
  remediation: 'Add a NetworkPolicy to each namespace that selects its pods (a default-deny policy with podSelector: {} first), then allow the traffic each workload needs.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'network',
    provider: 'the provider runs the control plane and, where you enable it, a network plugin that enforces NetworkPolicies',
    customer: 'writing the NetworkPolicies that isolate your pods is yours',
  },
  frameworks: [cisK8s('5.3.2'), nsaK8s('Network separation and hardening'), nist('SC-7')],
  equivalents: {
    kics: ['0401f71b-9c1e-4821-ab15-a955caa621be'],
    checkov: ['CKV2_K8S_6'],
    kubeLinter: ['non-isolated-pod'],
    polaris: ['missingNetworkPolicy'],
    kubeScore: ['pod-networkpolicy'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
  ],
  checks: {},
  projectChecks: {
    kubernetes: {
      types: [...WORKLOAD_KINDS, 'Namespace', 'NetworkPolicy', ...ADDON_POLICIES, ...CLUSTER_POLICIES],
      reads: 'project',
      run,
    },
  },
});
