// Issue #14 over a real stdio connection: hovering an azurerm_* or google_* resource type in an open .tf file shows
// the responsibility card of its service in the provider's terms, on a resource with findings and on one without.
import { strict as assert } from 'node:assert';
import type { Hover } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/model/lines';
import { startServer, type TestClient } from './client';

const URI = 'file:///work/cloud/main.tf';
const TEXT = [
  'resource "azurerm_storage_account" "sa" {',
  '  name                     = "examplesa"',
  '  resource_group_name      = "rg"',
  '  location                 = "westeurope"',
  '  account_tier             = "Standard"',
  '  account_replication_type = "LRS"',
  '  min_tls_version          = "TLS1_0"',
  '}',
  '',
  'resource "azurerm_resource_group" "rg" {',
  '  name     = "rg"',
  '  location = "westeurope"',
  '}',
  '',
  'resource "google_storage_bucket" "b" {',
  '  name     = "acme-data"',
  '  location = "EU"',
  '}',
  '',
  'resource "google_kms_key_ring" "ring" {',
  '  name     = "ring"',
  '  location = "europe-west1"',
  '}',
  '',
].join('\n');

describe('Azure and Google Cloud hover over stdio', function () {
  this.timeout(20_000);
  let client: TestClient;
  const lines = new LineIndex(TEXT);
  const hover = async (type: string) => {
    const position = lines.positionAt(TEXT.indexOf(`"${type}"`) + 3);
    const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position })) as Hover | null;
    assert.ok(h, `no hover on ${type}`);
    return (h.contents as { value: string }).value;
  };

  before(async () => {
    client = await startServer();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'terraform', version: 1, text: TEXT } });
    const p = await client.diagnostics(URI);
    assert.ok(p.diagnostics.some((d) => d.code === 'CL-AZ-003'), JSON.stringify(p.diagnostics.map((d) => d.code)));
  });
  after(async () => {
    await client.stop();
  });

  it('an Azure storage account with a finding: the Azure Storage card, Microsoft as the provider', async () => {
    const v = await hover('azurerm_storage_account');
    assert.match(v, /\*\*Azure Storage\*\* · PaaS/);
    assert.match(v, /\*\*Azure secures:\*\* Microsoft runs the storage service/);
    assert.match(v, /customer-side finding/);
  });

  it('an Azure resource group, which no rule checks, still gets its card', async () => {
    const v = await hover('azurerm_resource_group');
    assert.match(v, /\*\*Azure Resource Manager\*\* · SaaS/);
    assert.match(v, /\*\*Yours:\*\* How you organise resources/);
  });

  it('a Google Cloud bucket with findings: the Cloud Storage card, Google as the provider', async () => {
    const v = await hover('google_storage_bucket');
    assert.match(v, /\*\*Cloud Storage\*\* · PaaS/);
    assert.match(v, /\*\*Google Cloud secures:\*\* Google runs the storage infrastructure/);
    assert.match(v, /customer-side finding/);
  });

  it('a KMS key ring, which no rule checks, still gets its card', async () => {
    const v = await hover('google_kms_key_ring');
    assert.match(v, /\*\*Cloud Key Management Service\*\* · /);
    assert.match(v, /\*\*Google Cloud secures:\*\*/);
    assert.match(v, /\*\*Yours:\*\*/);
    assert.match(v, /No customer-side findings on this resource/);
  });
});
