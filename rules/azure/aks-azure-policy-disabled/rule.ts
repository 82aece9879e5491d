// CL-AZ-034: an AKS cluster without the Azure Policy add-on.
import { azurermDoc, checkSetting, defineRule, nist, type Resource, type SettingFormat, type SettingSpec } from '../../kit';

const TYPES = ['azurerm_kubernetes_cluster'];

/** Before azurerm 3.0 the add-on was addon_profile.azure_policy.enabled. */
const FORMATS: readonly SettingFormat[] = [
  { types: TYPES, path: ['azure_policy_enabled'] },
  { types: TYPES, path: ['addon_profile', 'azure_policy', 'enabled'] },
];

const SPEC: SettingSpec = {
  subject: 'AKS cluster',
  consequence: 'so Azure Policy for Kubernetes is neither enforced nor reported in the cluster',
  want: true,
  absentMeans: false,
  fix: false,
  formats: { terraform: { types: TYPES, path: ['azure_policy_enabled'] } },
};

/** The name the resource writes (the first of FORMATS when it writes none). */
const formatOf = (r: Resource): SettingFormat => FORMATS.find((f) => !r.body.get(f.path[0]).isAbsent) ?? FORMATS[0];

export default defineRule({
  id: 'CL-AZ-034',
  slug: 'aks-azure-policy-disabled',
  title: 'AKS cluster does not run the Azure Policy add-on',
  severity: 'low',
  fixable: false,
  description:
    'The Azure Policy add-on (Gatekeeper) applies Azure Policy to what is deployed in the cluster, such as privileged containers or images from untrusted registries; without it, those policies are not enforced or reported.',
  remediation: 'Set azure_policy_enabled to true (addon_profile.azure_policy.enabled before azurerm 3.0) and assign the Kubernetes policy initiatives you need.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'Microsoft runs, patches and scales the Kubernetes control plane',
    customer: 'the guard rails on what runs in the cluster are yours',
  },
  frameworks: [nist('CM-7', 'CM-6')],
  equivalents: { checkov: ['CKV_AZURE_116'], kics: ['43789711-161b-4708-b5bb-9d1c626f7492'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/governance/policy/concepts/policy-for-kubernetes',
    azurermDoc('kubernetes_cluster', 'azure_policy_enabled'),
  ],
  checks: { terraform: { reads: 'resource', types: TYPES, run: (r, ctx) => checkSetting(r, ctx, SPEC, formatOf(r)) } },
});
