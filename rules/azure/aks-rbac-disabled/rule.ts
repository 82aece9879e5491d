// CL-AZ-027: an AKS cluster with Kubernetes RBAC turned off.
import { azurermDoc, checkSetting, defineRule, nist, pci, type Resource, type SettingFormat, type SettingSpec } from '../../kit';

const TYPES = ['azurerm_kubernetes_cluster'];

/** Before azurerm 3.0 the setting was role_based_access_control.enabled. */
const FORMATS: readonly SettingFormat[] = [
  { types: TYPES, path: ['role_based_access_control_enabled'] },
  { types: TYPES, path: ['role_based_access_control', 'enabled'] },
];

const SPEC: SettingSpec = {
  subject: 'AKS cluster',
  consequence: 'so every authenticated identity is unrestricted inside the cluster',
  want: true,
  // Defaults to true (azurerm 3.x and later): absent is fine.
  absentMeans: null,
  fix: false,
  formats: { terraform: { types: TYPES, path: ['role_based_access_control_enabled'] } },
};

/** The name the resource writes (the first of FORMATS when it writes none). */
const formatOf = (r: Resource): SettingFormat => FORMATS.find((f) => !r.body.get(f.path[0]).isAbsent) ?? FORMATS[0];

export default defineRule({
  id: 'CL-AZ-027',
  slug: 'aks-rbac-disabled',
  title: 'AKS cluster has Kubernetes RBAC disabled',
  severity: 'high',
  fixable: false,
  description:
    'Without Kubernetes RBAC every authenticated user and service account is unrestricted inside the cluster: any credential, including a compromised pod\'s token, can read secrets and change workloads.',
  remediation: 'Set role_based_access_control_enabled to true (the default; role_based_access_control.enabled before azurerm 3.0).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'Microsoft runs, patches and scales the Kubernetes control plane',
    customer: 'who may do what inside the cluster is yours',
  },
  frameworks: [nist('AC-3', 'AC-6'), pci('7.3.1')],
  equivalents: { checkov: ['CKV_AZURE_5'], kics: ['86f92117-eed8-4614-9c6c-b26da20ff37f'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/aks/concepts-identity#kubernetes-rbac',
    azurermDoc('kubernetes_cluster', 'role_based_access_control_enabled'),
  ],
  checks: { terraform: { reads: 'resource', types: TYPES, run: (r, ctx) => checkSetting(r, ctx, SPEC, formatOf(r)) } },
});
