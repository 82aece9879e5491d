// CL-AWS-114: an OpenSearch / Elasticsearch domain outside a VPC whose access policy allows anyone.
import { cfnDoc, type CheckContext, defineRule, type Resource, tfDoc, type Val, withId } from '../../kit';
import { EXPOSURE_RESOURCE_POLICIES, PUBLIC_DATA_ACCESS, publicPolicyChecksWhere, resourcePolicyResponsibility } from '../../lib/iam';

const DOMAIN_TYPES = new Set(['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain', 'aws_opensearch_domain', 'aws_elasticsearch_domain']);

/** True when some alternative of `v` is written (known or unknown), other than an empty list (plans write `[]` for no block). */
const written = (v: Val): boolean => v.each().some((a) => !a.isAbsent && !(a.isSeq && a.items().length === 0));
/** True when some alternative of `v` is true or unknown. */
const mayBeTrue = (v: Val): boolean => v.each().some((a) => !a.isAbsent && (a.isUnknown || a.isTrue()));

/**
 * True when the domain is protected otherwise: placed in a VPC (security groups decide who reaches it, and AWS
 * documents an open access policy for VPC domains) or with fine-grained access control on (which AWS pairs with an
 * open domain policy). Unknown values count as protected: we never guess.
 */
function sheltered(domain: Resource): boolean {
  const b = domain.body;
  if (domain.format === 'cloudformation') return written(b.get('VPCOptions')) || mayBeTrue(b.path('AdvancedSecurityOptions', 'Enabled'));
  if (written(b.get('vpc_options'))) return true;
  return b.get('advanced_security_options').list().some((block) => mayBeTrue(block.get('enabled')));
}

/** Domains are checked unless sheltered; a policy resource unless a domain it names in the file is sheltered. */
function applies(r: Resource, ctx: CheckContext): boolean {
  if (DOMAIN_TYPES.has(r.type)) return !sheltered(r);
  const domains = r.references('domain_name').flatMap((id) => withId(ctx, id).filter((d) => DOMAIN_TYPES.has(d.type)));
  return !domains.some(sheltered);
}

export default defineRule({
  id: 'CL-AWS-114',
  slug: 'opensearch-policy-public',
  title: 'OpenSearch domain access policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'An OpenSearch or Elasticsearch domain with a public endpoint whose access policy allows Principal "*" without a Condition lets anyone on the internet call its API unsigned: read, write and delete indices, depending on the actions it lists.',
  remediation:
    'Name the IAM principals that use the domain, restrict the statement with an aws:SourceIp condition, turn on fine-grained access control, or place the domain in a VPC.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS runs the domain and enforces its access policy on every request',
    'who may call the domain is yours to decide',
  ),
  frameworks: PUBLIC_DATA_ACCESS,
  equivalents: { kics: ['16c4216a-50d3-4785-bfb2-4adb5144a8ba', '5c666ed9-b586-49ab-9873-c495a833b705'] },
  docs: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html',
    cfnDoc('aws-resource-opensearchservice-domain', 'cfn-opensearchservice-domain-accesspolicies'),
    tfDoc('opensearch_domain_policy'),
    tfDoc('opensearch_domain', 'access_policies'),
  ],
  checks: publicPolicyChecksWhere(EXPOSURE_RESOURCE_POLICIES.opensearch, applies),
});
