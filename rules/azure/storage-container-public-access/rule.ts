// CL-AZ-002: a storage container with anonymous public read access (container_access_type blob or container), linked
// to its storage account: when the account disallows public nested items, the setting is not in effect (lower severity).
import { azurermDoc, cisAzure, defineRule, findById, NOT_PUBLIC, type Resource } from '../../kit';

const ACCOUNT = 'azurerm_storage_account';

/** The account's own setting on public nested items: false when it disallows them, true or undefined otherwise. */
function accountAllowsPublic(account: Resource): boolean | undefined {
  const v4 = account.body.get('allow_nested_items_to_be_public');
  if (!v4.isAbsent) return v4.bool();
  const v2 = account.body.get('allow_blob_public_access');
  if (!v2.isAbsent) return v2.bool();
  return true; // the azurerm provider (3.0 and later) sends true
}

export default defineRule({
  id: 'CL-AZ-002',
  slug: 'storage-container-public-access',
  title: 'Storage container allows anonymous public read access',
  severity: 'high',
  fixable: false,
  description:
    'A container whose access level is blob or container can be read by anyone on the internet without credentials: its blobs (and, for container, the list of them) are public as long as the storage account allows public nested items.',
  remediation: 'Set container_access_type to "private" (the default) and serve public content through a CDN or SAS links instead; also disallow public nested items on the account.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Microsoft runs the storage service and enforces the access level you set',
    customer: 'whether anyone on the internet may read the container is your decision',
  },
  frameworks: [cisAzure('3.7'), ...NOT_PUBLIC],
  equivalents: { checkov: ['CKV_AZURE_34'], kics: ['dd5230f8-a577-4bbb-b7ac-f2c2fe7d5299'], trivy: ['azure-storage-no-public-access'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-configure',
    azurermDoc('storage_container', 'container_access_type'),
  ],
  checks: {
    terraform: {
      reads: 'scope',
      types: ['azurerm_storage_container'],
      run(r, ctx) {
        const level = r.body.get('container_access_type');
        const bad = level.find((v) => ['blob', 'container'].includes(v.str()?.toLowerCase() ?? ''));
        if (!bad) return;
        const what = bad.str()!.toLowerCase() === 'container' ? 'its blobs and their list' : 'its blobs';
        const account = findById(ctx, [ACCOUNT], [...r.references('storage_account_name'), ...r.references('storage_account_id')]);
        if (account && accountAllowsPublic(account) === false) {
          ctx.report(bad, `Storage container ${r.id} sets container_access_type to ${bad.str()}, so ${what} would be readable by anyone; not in effect while storage account ${account.id} disallows public nested items.`, { severity: 'low' });
          return;
        }
        const via = account ? ` (storage account ${account.id} allows public nested items)` : '';
        ctx.report(bad, `Storage container ${r.id} sets container_access_type to ${bad.str()}, so ${what} can be read by anyone on the internet without credentials${via}.`);
      },
    },
  },
});
