// CL-AWS-037: an OpenSearch / Elasticsearch domain with a public endpoint (no VPC options).
import { cfnDoc, type CheckContext, defineRule, isMissingBlock, missingFromParent, missingPlaces, NOT_PUBLIC, reachable, type Resource, tfDoc } from '../../kit';

function check(attr: string) {
  return (r: Resource, ctx: CheckContext) => {
    if (r.body.isUnknown) return;
    const alts = reachable(r.body.get(attr));
    const missing = alts.filter((v) => isMissingBlock(v));
    const message = `OpenSearch domain ${r.id} sets no ${attr}, so it gets a public endpoint reachable from the internet, guarded only by its access policy.`;
    // Missing outright: at the resource name (once when every branch lacks it); left out by AWS::NoValue: at that branch.
    const plain = missing.filter((v) => missingFromParent(v, r.body));
    for (const at of missingPlaces(r.anchor, plain, alts.length, r)) ctx.report(at, message);
    for (const v of missing) if (!plain.includes(v)) ctx.report(v, message);
  };
}

export default defineRule({
  id: 'CL-AWS-037',
  slug: 'opensearch-outside-vpc',
  title: 'OpenSearch domain is not placed in a VPC',
  severity: 'medium',
  fixable: false,
  description:
    'An OpenSearch Service (or Elasticsearch) domain created without VPC options gets a public endpoint; only its resource-based access policy (and fine-grained access control, if on) then decides who on the internet can query it.',
  remediation: 'Create the domain with VPCOptions (vpc_options) in private subnets and reach it from inside the VPC; this needs a new domain.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs and patches the domain nodes and offers service software updates',
    customer: 'whether the domain has a public endpoint is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AWS_137'], cfnNag: ['W90'] },
  docs: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html',
    cfnDoc('aws-resource-opensearchservice-domain'),
    tfDoc('opensearch_domain', 'vpc_options'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'], run: check('VPCOptions') },
    terraform: { reads: 'resource', types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'], run: check('vpc_options') },
  },
});
