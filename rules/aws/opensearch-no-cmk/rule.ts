// CL-AWS-235: OpenSearch (and Elasticsearch) domains encrypted at rest with the AWS managed key aws/es instead of a
// customer managed KMS key.
import { blocks, cfnDoc, type CheckContext, defineRule, iso27001, keyNode, missingAt, nist, type Resource, tfDoc } from '../../kit';
import { isAwsManagedAlias, lookedUpKey, shownKey } from '../../lib/encryption';

const AWS_MANAGED = 'so its indices, logs and automated snapshots are at best encrypted with the AWS managed key aws/es, whose policy you cannot change and whose use you cannot revoke';
const UNENCRYPTED = 'is not encrypted at rest at all (see CL-AWS-065), let alone with a key whose policy you control';

interface Names {
  readonly options: string;
  readonly enabled: string;
  readonly key: string;
  /** Whether an options block without `enabled` is unencrypted (CloudFormation's default false); in Terraform it is required. */
  readonly absentIsOff: boolean;
}

const subject = (r: Resource) => `${/elasticsearch/i.test(r.type) ? 'Elasticsearch' : 'OpenSearch'} domain ${r.id}`;

/**
 * A domain whose encryption at rest is known to be off and that names no key (no options block, or Enabled false)
 * is CL-AWS-065's finding; it is reported here too, with that said, so that CL-AWS-065's fix (Enabled true, no key)
 * leaves no new finding behind. An encrypted domain (or one whose Enabled is unknown) is reported when its key is
 * missing, empty or an AWS managed alias (in Terraform also a data source that looks one up).
 */
function check(n: Names) {
  const shown = `${n.options}.${n.key}`;
  return (r: Resource, ctx: CheckContext) => {
    const name = subject(r);
    const options = r.body.get(n.options);
    const at = keyNode(r.body, n.options) ?? r.anchor;
    for (const alt of options.each()) {
      if (alt.isAbsent) ctx.report(missingAt(alt, r.anchor), `${name} has no ${n.options} and ${UNENCRYPTED}.`);
      // A planned empty list is no block.
      else if (alt.isSeq && alt.list().length === 0) ctx.report(at, `${name} has no ${n.options} and ${UNENCRYPTED}.`);
    }
    for (const block of blocks(r.body, n.options)) {
      const key = block.get(n.key);
      const flags = block.get(n.enabled).each();
      const off = flags.length > 0 && flags.every((f) => f.isFalse() || (f.isAbsent && n.absentIsOff));
      if (key.alts.length === 1 && key.isAbsent && off) {
        ctx.report(at, `${name} has no ${shown} and ${UNENCRYPTED}.`);
        continue;
      }
      const bad = key.find((x) => x.isAbsent || x.str() === '' || isAwsManagedAlias(x.str() ?? lookedUpKey(r, ctx, x) ?? ''));
      if (!bad) continue;
      if (bad.isAbsent) ctx.report(missingAt(bad, at), `${name} does not set ${shown}, ${AWS_MANAGED}.`);
      else ctx.report(bad, `${name} sets ${shown} to ${shownKey(bad, bad.isUnknown ? lookedUpKey(r, ctx, bad) : undefined)}, ${AWS_MANAGED}.`);
    }
  };
}

export default defineRule({
  id: 'CL-AWS-235',
  slug: 'opensearch-no-cmk',
  title: 'OpenSearch domain is not encrypted at rest with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'An OpenSearch Service (or Elasticsearch) domain encrypted at rest without a KMS key of its own uses the AWS managed key aws/es of the account. The indices, logs and snapshots are encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the domain data.',
  remediation: 'Set EncryptionAtRestOptions.KmsKeyId (encrypt_at_rest.kms_key_id) to a customer managed KMS key, with encryption at rest enabled.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the domain storage and snapshots with the KMS key you name, or with the AWS managed key aws/es',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_247'], kics: ['d926aa95-0a04-4abc-b20c-acf54afe38a1', '7af2f4a3-00d9-47f3-8d15-ca0888f4e5b2'] },
  docs: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
    cfnDoc('aws-properties-opensearchservice-domain-encryptionatrestoptions'),
    cfnDoc('aws-properties-elasticsearch-domain-encryptionatrestoptions'),
    tfDoc('opensearch_domain', 'encrypt_at_rest'),
    tfDoc('elasticsearch_domain', 'encrypt_at_rest'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
      run: check({ options: 'EncryptionAtRestOptions', enabled: 'Enabled', key: 'KmsKeyId', absentIsOff: true }),
    },
    terraform: {
      reads: 'scope',
      types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
      run: check({ options: 'encrypt_at_rest', enabled: 'enabled', key: 'kms_key_id', absentIsOff: false }),
    },
  },
});
