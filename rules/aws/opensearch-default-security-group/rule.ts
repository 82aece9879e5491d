// CL-AWS-263: an OpenSearch / Elasticsearch domain in a VPC whose endpoints get the VPC's default security group.
import { cfnDoc, type CheckContext, defineRule, get, keyNode, nist, planConfigurationOf, type Resource, str, tfDoc, type Val } from '../../kit';
import { isCfnDefaultGroup, planReferences, TF_DEFAULT_GROUP, TF_DEFAULT_REFERENCE } from '../../lib/network';

const CONSEQUENCE = 'the group every resource launched without a security group of its own shares';

interface Shape {
  readonly options: string;
  readonly groups: string;
  /** The default security group an item of the list names, as written; undefined when it names another or cannot be told. */
  readonly defaultGroup: (item: Val) => string | undefined;
  /** Terraform: the default group a list written as one tuple expression of references names. */
  readonly tupleDefault?: (groups: Val) => string | undefined;
  /** Terraform plans: the default group the list refers to, from the configuration's references. */
  readonly planned?: (r: Resource) => string | undefined;
}

const CFN: Shape = {
  options: 'VPCOptions',
  groups: 'SecurityGroupIds',
  defaultGroup: (item) => (isCfnDefaultGroup(item.at) ? 'the VPC\'s DefaultSecurityGroup' : undefined),
};

const TF: Shape = {
  options: 'vpc_options',
  groups: 'security_group_ids',
  defaultGroup: (item) => str(item.at)?.match(TF_DEFAULT_GROUP)?.[1],
  tupleDefault: (groups) => {
    const tuple = /^\$\{\s*\[([^\]]*)\]\s*\}$/.exec(str(groups.at) ?? '');
    for (const ref of tuple?.[1].split(',') ?? []) {
      const m = TF_DEFAULT_REFERENCE.exec(ref.trim());
      if (m) return m[1] ?? m[2];
    }
    return undefined;
  },
  planned: (r) => {
    const expressions = planConfigurationOf(r)?.expressions;
    return planReferences(get(expressions, 'vpc_options')).map((ref) => ref.match(TF_DEFAULT_GROUP)?.[1]).find((g) => g !== undefined);
  },
};

function check(s: Shape) {
  return (r: Resource, ctx: CheckContext): void => {
    if (!r.body.get('dynamic').get(s.options).isAbsent) return;
    const options = r.body.get(s.options);
    if (options.isUnknown) return;
    const what = r.type.includes('lasticsearch') ? 'Elasticsearch domain' : 'OpenSearch domain';
    // The domain is in a VPC when it has VPC options (in Terraform, a block; in CloudFormation, a mapping).
    const blocks = options.each().flatMap((alt) => (alt.isAbsent ? [] : alt.list()));
    for (const block of blocks) {
      if (!block.isMap) continue;
      const groups = block.get(s.groups);
      const path = `${s.options}.${s.groups}`;
      // A plan holds the list as known after apply: its configuration's references name the groups (below).
      const none = groups.isUnknown ? undefined : groups.find((g) => g.isAbsent || (g.isSeq && g.items().length === 0));
      if (none) {
        const at = none.isAbsent ? (groups.alts.length > 1 ? none : r.format === 'cloudformation' ? (keyNode(r.body, s.options) ?? r.anchor) : r.anchor) : none;
        const how = none.isAbsent ? `does not set ${path}` : `sets ${path} to an empty list`;
        ctx.report(at, `${what} ${r.id} ${how}, so OpenSearch Service gives its VPC endpoints the VPC's default security group, ${CONSEQUENCE}.`);
        return;
      }
      // A list written as one expression (`"${[aws_security_group.a.id, aws_default_security_group.b.id]}"`): a tuple of references.
      const tuple = groups.isUnknown && groups.alts.length === 1 ? s.tupleDefault?.(groups) : undefined;
      if (tuple) {
        ctx.report(groups, `${what} ${r.id} puts its VPC endpoints in the default security group (${tuple}), ${CONSEQUENCE}.`);
        return;
      }
      for (const item of groups.isUnknown ? [] : groups.items()) {
        const named = s.defaultGroup(item);
        if (!named) continue;
        ctx.report(item, `${what} ${r.id} puts its VPC endpoints in the default security group (${named}), ${CONSEQUENCE}.`);
        return;
      }
      const planned = s.planned?.(r);
      if (planned) {
        ctx.report(groups, `${what} ${r.id} puts its VPC endpoints in the default security group (${planned}), ${CONSEQUENCE}.`);
        return;
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-263',
  slug: 'opensearch-default-security-group',
  title: 'OpenSearch domain in a VPC uses the default security group',
  severity: 'low',
  fixable: false,
  description:
    'The VPC endpoints of a domain in a VPC get the security groups its VPC options name, and the VPC\'s default security group when they name none. The default group is shared by everything launched without a group of its own and, unless it was emptied, allows all traffic between its members, so the domain\'s access is not one you designed.',
  remediation: 'Give the domain a security group of its own in VPCOptions.SecurityGroupIds (vpc_options.security_group_ids) that allows HTTPS (443) only from the clients that need the domain.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS places the domain\'s VPC endpoints in your subnets and enforces the security groups you give them',
    customer: 'which security groups the domain\'s endpoints get, and what they allow, are yours',
  },
  frameworks: [nist('SC-7', 'AC-4')],
  equivalents: {
    checkov: ['CKV_AWS_248'],
  },
  docs: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html',
    'https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_VPCOptions.html',
    cfnDoc('aws-properties-opensearchservice-domain-vpcoptions'),
    tfDoc('opensearch_domain', 'vpc_options'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'], run: check(CFN) },
    terraform: { reads: 'resource', types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'], run: check(TF) },
  },
});
