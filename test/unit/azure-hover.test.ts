// Azure (azurerm) resources get the responsibility card on hover, with or without a finding, in Microsoft's terms.
import { strict as assert } from 'node:assert';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { hoverAt } from '../../server/src/service/hover';
import { lintText } from '../helpers';

const docUri = (slug: string) => `file:///docs/${slug}.md`;
const TF = [
  'resource "azurerm_resource_group" "rg" {',
  '  name     = "rg"',
  '  location = "westeurope"',
  '}',
  '',
  'resource "azurerm_storage_account" "sa" {',
  '  name                     = "examplesa"',
  '  resource_group_name      = azurerm_resource_group.rg.name',
  '  location                 = "westeurope"',
  '  account_tier             = "Standard"',
  '  account_replication_type = "LRS"',
  '  min_tls_version          = "TLS1_0"',
  '}',
  '',
].join('\n');

describe('Azure hover cards', () => {
  const catalogue = defaultCatalogue();
  // Linted in the test (not at load): the HCL parser is ready once test/hcl-setup.ts has run.
  const value = (offset: number) => (hoverAt(lintText('main.tf', TF), offset, catalogue, docUri)!.contents as { value: string }).value;

  it('a storage account with findings: the service card names Microsoft as the provider', () => {
    const v = value(TF.indexOf('azurerm_storage_account') + 3);
    assert.match(v, /\*\*Azure Storage\*\* · PaaS/);
    assert.match(v, /\*\*Azure secures:\*\* Microsoft runs the storage service/);
    assert.match(v, /customer-side finding/);
  });

  it('a finding on the value shows its rule, and a type without rules still gets the card', () => {
    assert.match(value(TF.indexOf('"TLS1_0"') + 2), /CL-AZ-003/);
    const v = value(TF.indexOf('azurerm_resource_group') + 3);
    assert.match(v, /\*\*Azure Resource Manager\*\* · SaaS/);
    assert.match(v, /\*\*Yours:\*\* How you organise resources/);
  });
});
