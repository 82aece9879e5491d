// CL-AZ-030: an AKS cluster without a network policy engine.
import { azurermDoc, defineRule, nist, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-030',
  slug: 'aks-no-network-policy',
  title: 'AKS cluster has no network policy engine',
  severity: 'medium',
  fixable: false,
  description:
    'Without a network policy engine, Kubernetes NetworkPolicy objects have no effect: every pod can reach every other pod and service in the cluster, so one compromised pod can move laterally.',
  remediation: 'Set network_profile.network_policy to "azure", "calico" or "cilium" when creating the cluster.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'network',
    provider: 'Microsoft runs, patches and scales the Kubernetes control plane',
    customer: 'isolating workloads from each other inside the cluster is yours',
  },
  frameworks: [nist('SC-7', 'AC-4')],
  equivalents: { checkov: ['CKV_AZURE_7'], kics: ['f5342045-b935-402d-adf1-8dbbd09c0eef'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/aks/use-network-policies',
    azurermDoc('kubernetes_cluster', 'network_policy'),
  ],
  checks: settingChecks({
    subject: 'AKS cluster',
    consequence: 'so NetworkPolicy objects are not enforced and every pod can reach every other',
    want: 'azure',
    absentMeans: 'none',
    ok: (v) => (v.str() === undefined ? undefined : ['azure', 'calico', 'cilium'].includes(v.str()!.toLowerCase())),
    fix: false,
    formats: { terraform: { types: ['azurerm_kubernetes_cluster'], path: ['network_profile', 'network_policy'], absentInBlockMeans: 'none' } },
  }),
});
