// CL-AZ-001: a storage account that lets its containers and blobs opt into anonymous public read access.
import { azurermDoc, checkSetting, cisAzure, defineRule, NOT_PUBLIC, type Resource, type SettingFormat, type SettingSpec } from '../../kit';

const TYPES = ['azurerm_storage_account'];

/** azurerm 3.0 renamed allow_blob_public_access (which defaulted to false) to allow_nested_items_to_be_public (default true). */
const FORMATS: readonly SettingFormat[] = [
  { types: TYPES, path: ['allow_nested_items_to_be_public'] },
  { types: TYPES, path: ['allow_blob_public_access'] },
];

const SPEC: SettingSpec = {
  subject: 'Storage account',
  consequence: 'so any of its containers can be opened to anonymous public reads',
  want: false,
  // The azurerm provider (3.0 and later) sends true when the attribute is not written (Azure itself defaults to false).
  absentMeans: true,
  formats: { terraform: { types: TYPES, path: ['allow_nested_items_to_be_public'] } },
};

/** The name the resource writes (the first of FORMATS when it writes none). */
const formatOf = (r: Resource): SettingFormat => FORMATS.find((f) => !r.body.get(f.path[0]).isAbsent) ?? FORMATS[0];

export default defineRule({
  id: 'CL-AZ-001',
  slug: 'storage-account-nested-public-access',
  title: 'Storage account allows containers to be made public',
  severity: 'medium',
  fixable: true,
  description:
    'While a storage account allows nested items to be public (allowBlobPublicAccess), any container in it can be switched to anonymous read access by one setting on the container, and its blobs can then be read by anyone on the internet without credentials. The azurerm provider turns it on unless the configuration says otherwise.',
  remediation: 'Set allow_nested_items_to_be_public (allow_blob_public_access before azurerm 3.0) to false.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft runs the storage service, its hosts and its network, and encrypts the data at rest',
    customer: 'whether containers of the account may be opened to anonymous readers is your setting',
  },
  frameworks: [cisAzure('3.7'), ...NOT_PUBLIC],
  equivalents: { checkov: ['CKV_AZURE_190'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent',
    azurermDoc('storage_account', 'allow_nested_items_to_be_public'),
  ],
  checks: { terraform: { reads: 'resource', types: TYPES, run: (r, ctx) => checkSetting(r, ctx, SPEC, formatOf(r)) } },
});
