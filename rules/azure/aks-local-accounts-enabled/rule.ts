// CL-AZ-028: an AKS cluster with local accounts (the static cluster-admin credential) enabled.
import { azurermDoc, defineRule, nist, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-028',
  slug: 'aks-local-accounts-enabled',
  title: 'AKS cluster has local accounts enabled',
  severity: 'medium',
  fixable: false,
  description:
    'With local accounts enabled, anyone allowed to list the cluster\'s admin credentials gets a static, cluster-admin kubeconfig that Microsoft Entra ID, Conditional Access and its sign-in logs do not see and that cannot be revoked per user.',
  remediation: 'Set local_account_disabled to true, with Microsoft Entra integration (azure_active_directory_role_based_access_control) configured.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'Microsoft runs, patches and scales the Kubernetes control plane',
    customer: 'how people authenticate to the cluster is yours',
  },
  frameworks: [nist('IA-2', 'AC-2')],
  equivalents: { checkov: ['CKV_AZURE_141'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/aks/manage-local-accounts-managed-azure-ad',
    azurermDoc('kubernetes_cluster', 'local_account_disabled'),
  ],
  checks: settingChecks({
    subject: 'AKS cluster',
    consequence: 'so a static cluster-admin credential exists outside Microsoft Entra ID',
    want: true,
    absentMeans: false,
    fix: false,
    formats: { terraform: { types: ['azurerm_kubernetes_cluster'], path: ['local_account_disabled'] } },
  }),
});
