// CL-AWS-243: Athena databases (Terraform) whose DDL query results are written without the encryption Athena applies.
import { AT_REST, type CheckContext, defineRule, isSet, keyNode, missingAt, type Resource, tfDoc } from '../../kit';

const CONSEQUENCE = "so the results of the queries Terraform runs to create and drop it are written to its bucket without the encryption Athena would apply, only with the bucket's default";

/**
 * `aws_athena_database` (Terraform only: CloudFormation has no Athena database type). A database run in a named
 * workgroup is left to the workgroup: one that enforces its settings overrides the database's, and its result
 * encryption is CL-AWS-148's finding.
 */
function terraform(r: Resource, ctx: CheckContext): void {
  if (isSet(r.body.get('workgroup'))) return;
  const subject = `Athena database ${r.id}`;
  for (const alt of r.body.get('encryption_configuration').each()) {
    const found = alt.list().filter((b) => b.isMap);
    if (alt.isAbsent || (found.length === 0 && alt.isSeq)) {
      ctx.report(missingAt(alt, r.anchor), `${subject} has no encryption_configuration, ${CONSEQUENCE}.`);
      continue;
    }
    const at = keyNode(r.body, 'encryption_configuration') ?? r.anchor;
    for (const b of found) {
      for (const o of b.get('encryption_option').each()) {
        // Required in the block: a block without it is rejected by the provider, and says nothing of encryption.
        if (o.isAbsent) ctx.report(missingAt(o, at), `${subject} does not set encryption_configuration.encryption_option, ${CONSEQUENCE}.`);
        else if (o.str() === '') ctx.report(o, `${subject} sets encryption_configuration.encryption_option to an empty string, ${CONSEQUENCE}.`);
      }
    }
  }
}

export default defineRule({
  id: 'CL-AWS-243',
  slug: 'athena-database-not-encrypted',
  title: 'Athena database does not encrypt the results of its queries',
  severity: 'low',
  fixable: false,
  description:
    'Terraform creates and drops an Athena database by running queries whose results Athena writes to the database\'s bucket. Without an encryption configuration, Athena does not encrypt them (SSE_S3, SSE_KMS or CSE_KMS), and they get only the bucket\'s default encryption.',
  remediation: 'Add encryption_configuration with encryption_option SSE_KMS (or CSE_KMS) and kms_key set to a key of yours, or SSE_S3; or run the queries in a workgroup that enforces result encryption.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS runs the queries and encrypts their results as the client or the workgroup asks',
    customer: 'asking for result encryption, with a key of yours, is yours',
  },
  frameworks: AT_REST,
  equivalents: { checkov: ['CKV_AWS_77'], kics: ['b2315cae-b110-4426-81e0-80bb8640cdd3'] },
  docs: [
    'https://docs.aws.amazon.com/athena/latest/ug/encryption.html',
    tfDoc('athena_database', 'encryption_configuration'),
  ],
  checks: {
    terraform: { reads: 'resource', types: ['aws_athena_database'], run: terraform },
  },
});
