// CL-AZ-029: an AKS cluster whose API server is reachable from every address: not private and no authorized IP ranges.
import { azurermDoc, defineRule, NOT_PUBLIC, type Val } from '../../kit';

/** True when a list of ranges is written and non-empty; undefined when unknown. */
function hasRanges(v: Val): boolean | undefined {
  if (v.isAbsent) return false;
  if (v.isUnknown) return undefined;
  const items = v.items();
  if (items.some((i) => i.isUnknown)) return undefined;
  return items.length > 0;
}

export default defineRule({
  id: 'CL-AZ-029',
  slug: 'aks-api-server-public',
  title: 'AKS API server is reachable from every address',
  severity: 'high',
  fixable: false,
  description:
    'A public AKS cluster without authorized IP ranges exposes its Kubernetes API server to the whole internet, where it is scanned for and attacked with stolen kubeconfigs and API server vulnerabilities.',
  remediation: 'Set private_cluster_enabled to true, or list the networks that may reach the API server in api_server_access_profile.authorized_ip_ranges.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'network',
    provider: 'Microsoft runs, patches and scales the Kubernetes control plane and its endpoint',
    customer: 'who may reach the API server is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AZURE_6', 'CKV_AZURE_115'], kics: ['599318f2-6653-4569-9e21-041d06c63a89'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/aks/api-server-authorized-ip-ranges',
    'https://learn.microsoft.com/en-us/azure/aks/private-clusters',
    azurermDoc('kubernetes_cluster', 'private_cluster_enabled'),
    azurermDoc('kubernetes_cluster', 'authorized_ip_ranges'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: ['azurerm_kubernetes_cluster'],
      run(r, ctx) {
        const priv = r.body.get('private_cluster_enabled');
        if (priv.isUnknown || priv.bool() === true) return;
        if (!priv.isAbsent && priv.bool() === undefined) return;
        const profiles = r.body.get('api_server_access_profile').list();
        const ranges = [...profiles.map((p) => hasRanges(p.get('authorized_ip_ranges'))), hasRanges(r.body.get('api_server_authorized_ip_ranges'))];
        if (ranges.some((x) => x !== false)) return;
        const at = priv.isAbsent ? r.anchor : priv;
        const what = priv.isAbsent ? 'is not private (private_cluster_enabled defaults to false)' : 'sets private_cluster_enabled to false';
        ctx.report(at, `AKS cluster ${r.id} ${what} and lists no authorized IP ranges for its API server, so the Kubernetes API is reachable from every address.`);
      },
    },
  },
});
