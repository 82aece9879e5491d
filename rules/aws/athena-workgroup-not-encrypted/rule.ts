// CL-AWS-148: Athena workgroups that do not encrypt query results, or let clients override their settings.
import { AT_REST, cfnGuideDoc, defineRule, type Resource, type SettingSpec, tfDoc, type Val } from '../../kit';
import { allSettings } from '../../lib/encryption';

const CFN = ['AWS::Athena::WorkGroup'];
const TF = ['aws_athena_workgroup'];

/** Where a workgroup turns on managed query results (stored in Athena's own storage, encrypted by Athena). */
const MANAGED = {
  cloudformation: ['WorkGroupConfiguration', 'ManagedQueryResultsConfiguration', 'Enabled'],
  terraform: ['configuration', 'managed_query_results_configuration', 'enabled'],
} as const;

/**
 * True when the workgroup keeps its query results in Athena managed storage, or may (a value or block not known, a
 * `dynamic` block): Athena encrypts them there (with an AWS owned key unless the workgroup names a KMS key), so no S3
 * result encryption is asked for. Enabled defaults to false.
 */
function managedResults(r: Resource): boolean {
  const path = CFN.includes(r.type) ? MANAGED.cloudformation : MANAGED.terraform;
  let here: Val[] = [r.body];
  for (const key of path.slice(0, -1)) {
    if (here.some((b) => !b.get('dynamic').get(key).isAbsent)) return true;
    const next = here.map((b) => b.get(key));
    if (next.some((n) => n.isUnknown)) return true;
    here = next.flatMap((n) => n.list()).filter((b) => b.isMap);
  }
  return here.some((b) => b.get(path[path.length - 1]).some((e) => !e.isAbsent && !e.isFalse()));
}

const RESULTS: SettingSpec = {
  subject: 'Athena workgroup',
  consequence: 'so its query results are stored in S3 without the encryption Athena would apply, only with the bucket\'s default',
  want: 'SSE_KMS',
  ok: (v) => (v.str() === undefined ? undefined : true),
  absentMeans: 'none',
  appliesTo: (r) => !managedResults(r),
  // No quick-fix: the encryption option (and its key) is yours to choose.
  fix: false,
  formats: {
    cloudformation: { types: CFN, path: ['WorkGroupConfiguration', 'ResultConfiguration', 'EncryptionConfiguration', 'EncryptionOption'] },
    terraform: { types: TF, path: ['configuration', 'result_configuration', 'encryption_configuration', 'encryption_option'] },
  },
};

const ENFORCE: SettingSpec = {
  subject: 'Athena workgroup',
  consequence: 'so each client can choose its own result location and encryption, or none',
  want: true,
  // Enforced unless turned off.
  absentMeans: null,
  fix: false,
  formats: {
    cloudformation: { types: CFN, path: ['WorkGroupConfiguration', 'EnforceWorkGroupConfiguration'] },
    terraform: { types: TF, path: ['configuration', 'enforce_workgroup_configuration'] },
  },
};

export default defineRule({
  id: 'CL-AWS-148',
  slug: 'athena-workgroup-not-encrypted',
  title: 'Athena workgroup does not encrypt query results, or does not enforce its settings',
  severity: 'medium',
  fixable: false,
  description:
    'Athena writes every query result to S3. A workgroup without result encryption leaves them to the bucket\'s default encryption, and one that does not enforce its configuration lets each client pick its own result location and encryption, or none. Query results often hold the most sensitive slices of a data lake.',
  remediation: 'Set the result EncryptionConfiguration of the workgroup (SSE_KMS or CSE_KMS with a key of yours, or SSE_S3), and leave EnforceWorkGroupConfiguration (enforce_workgroup_configuration) on.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS runs the query engine and encrypts results as the workgroup or client asks',
    customer: 'asking for result encryption, and enforcing it for every client, is yours',
  },
  frameworks: AT_REST,
  equivalents: {
    checkov: ['CKV_AWS_159', 'CKV_AWS_82'],
    kics: ['d364984a-a222-4b5f-a8b0-e23ab19ebff3'],
    trivy: ['aws-athena-enable-at-rest-encryption', 'aws-athena-no-encryption-override'],
  },
  docs: [
    'https://docs.aws.amazon.com/athena/latest/ug/encrypting-query-results-stored-in-s3.html',
    'https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html',
    'https://docs.aws.amazon.com/athena/latest/ug/encrypting-managed-results.html',
    cfnGuideDoc('aws-properties-athena-workgroup-workgroupconfiguration'),
    tfDoc('athena_workgroup', 'encryption_configuration'),
  ],
  checks: { cloudformation: allSettings([RESULTS, ENFORCE], 'cloudformation'), terraform: allSettings([RESULTS, ENFORCE], 'terraform') },
});
