// Issue #14: every azurerm_* and google_* type that appears in the open corpus (the KICS Terraform query tests for
// Azure and Google Cloud, and the Terraform plans) or in the examples of rules/azure and rules/google has
// responsibility data (service, model, both sides of the line), and hovering that type in a .tf file shows its card.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { hoverAt } from '../../server/src/service/hover';
import { lintText } from '../helpers';

const root = join(__dirname, '..', '..');
const corpus = join(root, '..', 'shared', 'corpus');

/**
 * Names in the corpus that look like types but that the provider does not have, each with where it is and why it is
 * left out. The test fails if one of them stops appearing, so the list cannot go stale.
 */
const NOT_TYPES: Readonly<Record<string, string>> = {
  // A KICS negative test declares `resource "azurerm_kubernetes_cluster2"`, a typing slip: azurerm has no such type.
  azurerm_kubernetes_cluster2: 'kics/terraform/azure/aks_disk_encryption_set_id_undefined/negative.tf',
};

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const TYPE = '((?:azurerm|google)_[a-z0-9_]+)';
/** HCL block labels, .tf.json keys under `resource`/`data` (a type key opens an object), and a plan's `"type"`. */
const PATTERNS = [new RegExp(`\\b(resource|data)\\s+"${TYPE}"`, 'g'), new RegExp(`"${TYPE}"\\s*:\\s*\\{`, 'g'), new RegExp(`"type"\\s*:\\s*"${TYPE}"`, 'g')];

interface Seen {
  readonly where: string;
  /** True when it was only ever seen as a data source (`data "…"`). */
  data: boolean;
}

function collect(): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  const add = (type: string, where: string, data: boolean) => {
    const s = seen.get(type);
    if (!s) seen.set(type, { where, data });
    else if (!data) s.data = false;
  };
  const files = [
    ...['kics/terraform/azure', 'kics/terraform/gcp', 'terraform-plans'].flatMap((g) => walk(join(corpus, g))).filter((f) => /\.(tf|json)$/i.test(f)),
    ...['azure', 'google'].flatMap((g) => walk(join(root, 'rules', g))).filter((f) => f.endsWith('examples.yaml')),
  ];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const where = relative(join(root, '..'), file);
    for (const m of text.matchAll(PATTERNS[0])) add(m[2], where, m[1] === 'data');
    for (const p of PATTERNS.slice(1)) for (const m of text.matchAll(p)) add(m[1], where, false);
  }
  return seen;
}

describe('Azure and Google Cloud responsibility data (issue #14)', function () {
  this.timeout(120_000);
  const catalogue = defaultCatalogue();
  const docUri = (slug: string) => `file:///docs/${slug}.md`;
  let seen: Map<string, Seen>;

  before(() => {
    assert.ok(existsSync(corpus), `${corpus} is missing`);
    seen = collect();
  });

  it('finds the types of the corpus and of the examples (a scan that finds nothing proves nothing)', () => {
    const azure = [...seen.keys()].filter((t) => t.startsWith('azurerm_'));
    const google = [...seen.keys()].filter((t) => t.startsWith('google_'));
    assert.ok(azure.length >= 40, `only ${azure.length} azurerm_* types found`);
    assert.ok(google.length >= 40, `only ${google.length} google_* types found`);
    for (const t of ['azurerm_storage_container', 'azurerm_network_security_rule', 'google_storage_bucket_iam_binding', 'google_sql_database_instance']) {
      assert.ok(seen.has(t), `${t} not found`);
    }
    for (const [t, where] of Object.entries(NOT_TYPES)) assert.ok(seen.get(t)?.where.endsWith(where), `${t} is no longer in ${where}: drop it from NOT_TYPES`);
  });

  it('every azurerm_* and google_* type has a service, a model and both sides of the line', () => {
    const missing: string[] = [];
    for (const [type, s] of [...seen].sort()) {
      if (type in NOT_TYPES) continue;
      const info = catalogue.service('terraform', type);
      if (!info) {
        missing.push(`${type} (${s.where})`);
        continue;
      }
      assert.equal(info.provider, type.startsWith('azurerm_') ? 'Azure' : 'Google Cloud', `${type}: provider`);
      assert.match(info.model, /^(IaaS|PaaS|SaaS|Hybrid)$/, `${type}: model`);
      assert.ok(info.providerSide.length > 20 && info.customerSide.length > 20, `${type}: both sides of the line`);
    }
    assert.deepEqual(missing, []);
  });

  it('hovering each such type in a .tf file shows its service card, with or without a finding', () => {
    const failures: string[] = [];
    for (const [type, s] of [...seen].sort()) {
      if (type in NOT_TYPES) continue;
      const text = `${s.data ? 'data' : 'resource'} "${type}" "x" {\n}\n`;
      const hover = hoverAt(lintText('main.tf', text), text.indexOf(type) + 2, catalogue, docUri);
      const value = (hover?.contents as { value?: string } | undefined)?.value ?? '';
      const info = catalogue.service('terraform', type);
      const secures = type.startsWith('azurerm_') ? 'Azure secures:' : 'Google Cloud secures:';
      if (!info || !value.includes(`**${info.service}** · ${info.model}`) || !value.includes(`**${secures}**`) || !value.includes('**Yours:**')) {
        failures.push(`${type}: ${value.slice(0, 120) || 'no hover'}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
