// CL-AZ-005: a storage account reachable from every network: network rules whose default action is Allow (in the
// account's network_rules block or a separate azurerm_storage_account_network_rules resource), an IP rule for all
// addresses, or no network rules at all (linked: a separate rules resource that refers to the account counts).
import { azurermDoc, type CheckContext, cisAzure, defineRule, NOT_PUBLIC, type Resource, type Val } from '../../kit';

const ACCOUNT = 'azurerm_storage_account';
const RULES = 'azurerm_storage_account_network_rules';

/** Reports the Allow default action and /0 IP rules of one set of network rules; false when its default action is unknown. */
function checkRules(rules: Val, subject: string, ctx: CheckContext): void {
  const action = rules.get('default_action');
  const allow = action.find((v) => v.str()?.toLowerCase() === 'allow');
  if (allow) ctx.report(allow, `${subject} sets default_action to ${allow.str()}, so the account accepts connections from every network that is not explicitly denied.`);
  for (const ip of rules.get('ip_rules').items()) {
    const s = ip.str()?.trim();
    if (s && (s === '0.0.0.0' || s.endsWith('/0'))) ctx.report(ip, `${subject} allows ${s} in ip_rules, so every internet address may connect to the account.`);
  }
}

export default defineRule({
  id: 'CL-AZ-005',
  slug: 'storage-account-network-access-open',
  title: 'Storage account accepts connections from every network',
  severity: 'medium',
  fixable: false,
  description:
    'A storage account without network rules, or whose network rules default to Allow, accepts requests from any network on the internet; only credentials stand between the data and anyone who obtains a key, a SAS token or a misconfigured container.',
  remediation: 'Set network_rules.default_action to "Deny" and allow only the virtual network subnets and IP ranges that need access (or set public_network_access_enabled = false and use private endpoints).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft runs the storage service and enforces the network rules you set',
    customer: 'which networks may reach the account is yours to decide',
  },
  frameworks: [cisAzure('3.8'), ...NOT_PUBLIC],
  equivalents: { checkov: ['CKV_AZURE_35'], kics: ['a5613650-32ec-4975-a305-31af783153ea'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security',
    azurermDoc('storage_account', 'network_rules'),
    azurermDoc('storage_account_network_rules'),
  ],
  checks: {
    terraform: {
      reads: 'scope',
      types: [ACCOUNT, RULES],
      run(r: Resource, ctx: CheckContext) {
        if (r.type === RULES) {
          checkRules(r.body, `Storage account network rules ${r.id}`, ctx);
          return;
        }
        const blocks = r.body.get('network_rules').list();
        for (const rules of blocks) checkRules(rules, `Storage account ${r.id} network_rules`, ctx);
        if (blocks.length || !r.body.get('network_rules').isAbsent) return;
        // No network rules written: open to every network unless public network access is off or separate rules exist.
        const pna = r.body.get('public_network_access_enabled');
        if (!pna.isAbsent && pna.bool() !== true) return;
        if (ctx.referrers(r, [RULES]).length) return;
        ctx.report(r.anchor, `Storage account ${r.id} has no network_rules (and no azurerm_storage_account_network_rules refers to it) and does not set public_network_access_enabled to false, so it accepts connections from every network.`);
      },
    },
  },
});
