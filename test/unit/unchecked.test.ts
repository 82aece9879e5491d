// engine/unchecked.ts: what a scan did not check is derived from the rule catalogue (not a hand list), formats are
// told by name and a bounded sniff, and the closing line stays short.
import { strict as assert } from 'node:assert';
import { Catalogue } from '../../server/src/engine/catalogue';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFiles } from '../../server/src/engine/lint';
import type { Rule } from '../../server/src/engine/rule';
import { formatByContent, formatByName, NotCheckedTally, notCheckedLine, SNIFF_CHARS, uncheckedNotice, type NotChecked } from '../../server/src/engine/unchecked';
import { parseFile } from '../../server/src/model/parse';

const TF = 'resource "azurerm_storage_account" "sa" {\n  name = "x"\n}\n\nresource "google_storage_bucket" "b" {\n  name = "x"\n}\n';

describe('not checked (engine/unchecked.ts)', () => {
  it('"has rules" comes from the catalogue: a rule for one azurerm_ type makes the azurerm provider covered', () => {
    // The catalogue without its Azure and Google Cloud rules: both providers are then without rules.
    const base = new Catalogue(defaultCatalogue().rules.filter((r) => !/^CL-(AZ|GCP)-/.test(r.id)), defaultCatalogue().serviceData);
    const file = parseFile('file:///m/main.tf', TF);
    const list = (catalogue: Catalogue) => new NotCheckedTally().list(lintFiles([file], catalogue), catalogue).map((n) => `${n.what}:${n.count}`);
    assert.deepEqual(list(base), ['azurerm_*:1', 'google_*:1']);
    const template = base.rules.find((r) => r.checks.terraform)!;
    const azureRule: Rule = { ...template, id: 'CL-TEST-001', slug: 'azure-test', checks: { terraform: { reads: 'resource', types: ['azurerm_key_vault'], run: () => undefined } }, projectChecks: undefined };
    const withAzure = new Catalogue([...base.rules, azureRule], base.serviceData);
    // azurerm is covered now, but the responsibility data names the storage account's service, which has no rule.
    assert.deepEqual(list(withAzure), ['Azure Storage:1', 'google_*:1']);
    const storageRule: Rule = { ...azureRule, id: 'CL-TEST-002', slug: 'azure-storage-test', checks: { terraform: { reads: 'resource', types: ['azurerm_storage_container'], run: () => undefined } } };
    const withStorage = new Catalogue([...withAzure.rules, storageRule], base.serviceData);
    assert.deepEqual(list(withStorage), ['google_*:1'], 'a rule for another type of the same service covers the service');
    assert.match(uncheckedNotice(lintFiles([file], withAzure)[0], withAzure)!.message, /^Cloudline has no rules for Azure Storage \(azurerm_storage_account\) resources yet: 1 resource in this file is not checked \(and 1 more of other providers or services without rules\)\./);
    const result = lintFiles([file], withStorage)[0];
    assert.match(uncheckedNotice(result, withStorage)!.message, /^Cloudline has no rules for Google Cloud \(google_\*\) resources yet: 1 resource in this file is not checked\./);
  });

  it('Kubernetes: kinds without rules are counted per kind; a Kustomization is not a cluster object', () => {
    const catalogue = defaultCatalogue();
    const file = parseFile(
      'file:///k/all.yaml',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: b\n' +
        '---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    );
    const results = lintFiles([file], catalogue);
    assert.deepEqual(new NotCheckedTally().list(results, catalogue), [
      { kind: 'resources', what: 'Kubernetes PersistentVolumeClaim', reason: 'no rules for this kind', count: 2, files: ['file:///k/all.yaml'] },
    ]);
    assert.equal(uncheckedNotice(results[0], catalogue), undefined, 'no editor notice for Kubernetes kinds');
  });

  it('formats by name: Bicep, Terragrunt, Dockerfiles; the Terraform lock file and ordinary names are not reported', () => {
    assert.equal(formatByName('/r/main.bicep')?.what, 'Bicep file');
    assert.equal(formatByName('/r/live/terragrunt.hcl')?.what, 'Terragrunt file');
    assert.equal(formatByName('/r/.terraform.lock.hcl'), undefined);
    assert.equal(formatByName('/r/Dockerfile')?.what, 'Dockerfile');
    assert.equal(formatByName('/r/Dockerfile.prod')?.what, 'Dockerfile');
    assert.equal(formatByName('/r/README.md'), undefined);
    assert.equal(formatByName('/r/values.yaml'), undefined);
  });

  it('formats by content look at the first characters only', () => {
    const arm = '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [] }';
    assert.equal(formatByContent('/r/a.json', arm)?.what, 'ARM template');
    assert.equal(formatByContent('/r/a.json', ' '.repeat(SNIFF_CHARS) + arm), undefined, 'past the sniff: not read');
    assert.equal(formatByContent('/r/site.yml', '- hosts: web\n  roles:\n    - nginx\n')?.what, 'Ansible playbook');
    assert.equal(formatByContent('/r/list.yml', '- hosts: web\n- other: 1\n'), undefined, 'hosts alone is not a playbook');
  });

  it('the closing line names six groups at most and counts the rest', () => {
    const groups: NotChecked[] = Array.from({ length: 8 }, (_, i) => ({ kind: 'files', what: `Format${i} file`, reason: 'not linted', count: 1, files: [`f${i}`] }));
    assert.equal(notCheckedLine([]), undefined);
    assert.equal(
      notCheckedLine(groups),
      'Not checked: 1 Format0 file (not linted), 1 Format1 file (not linted), 1 Format2 file (not linted), 1 Format3 file (not linted), ' +
        '1 Format4 file (not linted), 1 Format5 file (not linted), and 2 more (see --format json).',
    );
  });
});
