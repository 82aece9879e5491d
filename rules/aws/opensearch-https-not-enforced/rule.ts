// CL-AWS-067: OpenSearch / Elasticsearch domains that accept plain HTTP, or TLS 1.0 and 1.1.
import {
  blocks,
  cfnGuideDoc,
  type Check,
  type CheckContext,
  checkSetting,
  defineRule,
  IN_TRANSIT_STORES,
  isOneOf,
  type Resource,
  type SettingSpec,
  tfDoc,
} from '../../kit';

const OLD_POLICY = 'Policy-Min-TLS-1-0-2019-07';
const TLS12_POLICY = 'Policy-Min-TLS-1-2-2019-07';

function checkTlsPolicy(r: Resource, ctx: CheckContext, block: string, key: string): void {
  for (const options of blocks(r.body, block)) {
    for (const policy of options.get(key).each()) {
      if (!isOneOf(policy, OLD_POLICY)) continue;
      const edits = ctx.edits.setValue(policy, TLS12_POLICY);
      ctx.report(policy, `Domain ${r.id} sets ${key} to ${OLD_POLICY}, so its HTTPS endpoint still accepts TLS 1.0 and 1.1.`, {
        fix: { title: `Set ${key} to ${TLS12_POLICY}`, caution: 'clients need TLS 1.2', edits },
      });
    }
  }
}

const TYPES = {
  cloudformation: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  terraform: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
};

const HTTPS: SettingSpec = {
  subject: 'Domain',
  consequence: 'so it also accepts unencrypted HTTP requests',
  want: true,
  absentMeans: false,
  fixNote: 'HTTP clients must switch to HTTPS',
  formats: {
    cloudformation: { types: TYPES.cloudformation, path: ['DomainEndpointOptions', 'EnforceHTTPS'] },
    // Inside the block, enforce_https defaults to true in the provider.
    terraform: { types: TYPES.terraform, path: ['domain_endpoint_options', 'enforce_https'], absentInBlockMeans: true },
  },
};

/** A format's check: EnforceHTTPS through the setting layer, then the TLS policy in the same block. */
function httpsCheck(format: 'cloudformation' | 'terraform', block: string, key: string): Check {
  return {
    reads: 'resource',
    types: TYPES[format],
    run(r, ctx) {
      checkSetting(r, ctx, HTTPS, HTTPS.formats[format]!);
      checkTlsPolicy(r, ctx, block, key);
    },
  };
}

export default defineRule({
  id: 'CL-AWS-067',
  slug: 'opensearch-https-not-enforced',
  title: 'OpenSearch domain does not enforce HTTPS',
  severity: 'high',
  fixable: true,
  description:
    'A domain that does not enforce HTTPS also answers plain HTTP, so queries, documents and credentials (basic auth, signed requests) can travel unencrypted. A TLS policy of Policy-Min-TLS-1-0-2019-07 still accepts the deprecated TLS 1.0 and 1.1.',
  remediation: 'Set DomainEndpointOptions EnforceHTTPS to true (domain_endpoint_options { enforce_https = true }) with TLSSecurityPolicy Policy-Min-TLS-1-2-2019-07 or newer.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the domain endpoint and its TLS termination',
    customer: 'refusing plain HTTP and old TLS versions at the endpoint is your decision',
  },
  frameworks: IN_TRANSIT_STORES,
  equivalents: {
    checkov: ['CKV_AWS_83', 'CKV_AWS_228'],
    kics: ['4cdc88e6-c0c8-4081-a639-bb3a557cbedf', '2e9e0729-66d5-4148-9d39-5e6fb4bf2a4e'],
    trivy: ['aws-elastic-search-enforce-https', 'aws-elasticsearch-enforce-https', 'aws-elasticsearch-use-secure-tls-policy'],
  },
  docs: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
    cfnGuideDoc('aws-properties-opensearchservice-domain-domainendpointoptions'),
    tfDoc('opensearch_domain', 'domain_endpoint_options'),
  ],
  checks: {
    cloudformation: httpsCheck('cloudformation', 'DomainEndpointOptions', 'TLSSecurityPolicy'),
    terraform: httpsCheck('terraform', 'domain_endpoint_options', 'tls_security_policy'),
  },
});
