// Google Cloud (issue #14): the hover card of google_* types (with and without a finding) names Google Cloud's side
// of the line; a google_* type no rule checks is not reported as "not checked" once the provider has rules (coverage
// is per provider, as for aws_*); and cross-resource links: a bucket's IAM grant and its bucket, a policy and its
// data.google_iam_policy, a Cloud SQL instance and its database flags, all in HCL, .tf.json and plans.
import { strict as assert } from 'node:assert';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { NotCheckedTally, uncheckedNotice } from '../../server/src/engine/unchecked';
import { hoverAt } from '../../server/src/service/hover';
import { lintText } from '../helpers';

const docUri = (slug: string) => `file:///docs/${slug}.md`;
const ids = (r: ReturnType<typeof lintText>) => r.findings.map((f) => f.rule.id);

describe('Google Cloud rules', () => {
  const catalogue = defaultCatalogue();

  it('hover on a google_* type shows the service card, with and without findings', () => {
    const text = 'resource "google_storage_bucket" "b" {\n  name                        = "x"\n  location                    = "EU"\n  uniform_bucket_level_access = true\n}\n\nresource "google_pubsub_topic" "t" {\n  name = "t"\n}\n';
    const r = lintText('main.tf', text);
    const hover = hoverAt(r, text.indexOf('google_storage_bucket') + 2, catalogue, docUri)!;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\*\*Cloud Storage\*\* · /);
    assert.match(value, /\*\*Google Cloud secures:\*\* Google runs the storage infrastructure/);
    assert.match(value, /\*\*Yours:\*\* Who may read and write/);
    const vm = 'resource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-small"\n  can_ip_forward = true\n}\n';
    const rv = lintText('vm.tf', vm);
    assert.ok(ids(rv).includes('CL-GCP-012'));
    const card = (hoverAt(rv, vm.indexOf('google_compute_instance') + 2, catalogue, docUri)!.contents as { value: string }).value;
    assert.match(card, /\*\*Compute Engine\*\* · /);
    assert.match(card, /customer-side finding/);
  });

  it('a google_* type without rules is not "not checked" once Google Cloud has rules; other providers still are', () => {
    const text = 'resource "google_pubsub_topic" "t" {\n  name = "t"\n}\n\nresource "oci_objectstorage_bucket" "b" {\n  name = "x"\n}\n';
    const result = lintText('main.tf', text);
    const list = new NotCheckedTally().list([result], catalogue).map((n) => `${n.what}:${n.count}`);
    assert.deepEqual(list, ['oci_*:1']);
    assert.match(uncheckedNotice(result, catalogue)!.message, /^Cloudline has no rules for Oracle Cloud \(oci_\*\) resources yet: 1 resource/);
  });

  it('a public bucket grant is low while the bucket it references enforces public access prevention (HCL and a plan; .tf.json in the examples)', () => {
    const hcl =
      'resource "google_storage_bucket" "b" {\n  name                     = "x"\n  location                 = "EU"\n  public_access_prevention = "enforced"\n}\n\n' +
      'resource "google_storage_bucket_iam_member" "m" {\n  bucket = google_storage_bucket.b.name\n  role   = "roles/storage.objectViewer"\n  member = "allUsers"\n}\n';
    const f = lintText('main.tf', hcl).findings.find((x) => x.rule.id === 'CL-GCP-002')!;
    assert.equal(f.severity, 'low');
    assert.match(f.message, /not in effect while google_storage_bucket\.b enforces public access prevention/);
    // Without prevention, or when the grant names another bucket, it is high.
    const open = hcl.replace('"enforced"', '"inherited"');
    assert.equal(lintText('main.tf', open).findings.find((x) => x.rule.id === 'CL-GCP-002')!.severity, 'high');
    const other = hcl.replace('google_storage_bucket.b.name', 'google_storage_bucket.other.name');
    assert.equal(lintText('main.tf', other).findings.find((x) => x.rule.id === 'CL-GCP-002')!.severity, 'high');
    // A plan with its configuration links the same way.
    const plan = JSON.stringify({
      format_version: '1.2',
      planned_values: { root_module: { resources: [
        { address: 'google_storage_bucket.b', mode: 'managed', type: 'google_storage_bucket', name: 'b', values: { name: 'x', location: 'EU', public_access_prevention: 'enforced' } },
        { address: 'google_storage_bucket_iam_member.m', mode: 'managed', type: 'google_storage_bucket_iam_member', name: 'm', values: { role: 'roles/storage.objectViewer', member: 'allUsers' } },
      ] } },
      configuration: { root_module: { resources: [
        { address: 'google_storage_bucket.b', mode: 'managed', type: 'google_storage_bucket', name: 'b', expressions: { name: { constant_value: 'x' }, location: { constant_value: 'EU' }, public_access_prevention: { constant_value: 'enforced' } } },
        { address: 'google_storage_bucket_iam_member.m', mode: 'managed', type: 'google_storage_bucket_iam_member', name: 'm', expressions: { bucket: { references: ['google_storage_bucket.b.name', 'google_storage_bucket.b'] }, role: { constant_value: 'roles/storage.objectViewer' }, member: { constant_value: 'allUsers' } } },
      ] } },
    });
    const pf = lintText('plan.json', plan).findings.find((x) => x.rule.id === 'CL-GCP-002')!;
    assert.equal(pf.severity, 'low');
  });

  it('a project IAM policy is read through the data.google_iam_policy it names, and reported at policy_data', () => {
    const hcl =
      'data "google_iam_policy" "p" {\n  binding {\n    role    = "roles/editor"\n    members = ["serviceAccount:ci@acme.iam.gserviceaccount.com"]\n  }\n}\n\n' +
      'resource "google_project_iam_policy" "project" {\n  project     = "acme"\n  policy_data = data.google_iam_policy.p.policy_data\n}\n';
    const r = lintText('main.tf', hcl);
    const found = r.findings.filter((x) => x.rule.id === 'CL-GCP-024' || x.rule.id === 'CL-GCP-025');
    assert.deepEqual(found.map((x) => x.rule.id).sort(), ['CL-GCP-024', 'CL-GCP-025']);
    for (const x of found) assert.equal(hcl.slice(x.span[0], x.span[1]), 'data.google_iam_policy.p.policy_data');
  });

  it('Cloud SQL database flags are read per engine: the SQL Server flag is ignored on PostgreSQL', () => {
    const flagged = (version: string) =>
      `resource "google_sql_database_instance" "db" {\n  database_version = "${version}"\n  settings {\n    tier = "db-custom-2-7680"\n    database_flags {\n      name  = "contained database authentication"\n      value = "on"\n    }\n  }\n}\n`;
    assert.ok(ids(lintText('main.tf', flagged('SQLSERVER_2019_STANDARD'))).includes('CL-GCP-020'));
    assert.ok(!ids(lintText('main.tf', flagged('POSTGRES_15'))).includes('CL-GCP-020'));
    assert.ok(!ids(lintText('main.tf', flagged('${var.version}').replace('"${var.version}"', 'var.version'))).includes('CL-GCP-020'));
  });
});
