// CL-AWS-036: an EKS cluster's API server endpoint is public to every address.
import {
  addUnder,
  cfnDoc,
  type CheckContext,
  choices,
  defineRule,
  type FixOffer,
  isMissingBlock,
  keyNode,
  type Node,
  nodeUnder,
  NOT_PUBLIC,
  placeholder,
  type Resource,
  type TextEdit,
  tfDoc,
  under,
} from '../../kit';

/** A documentation range (RFC 5737) standing for the addresses that should reach the endpoint. */
const RANGE = placeholder('203.0.113.0/24');

function rangeFix(edits: TextEdit[] | undefined, title: string): FixOffer {
  return { title: `${title} (fill in the ranges that administer the cluster)`, edits, snippet: true };
}
import { worldFamily } from '../../lib/network';

interface Names {
  readonly config: string;
  readonly public: string;
  readonly cidrs: string;
}

const CFN: Names = { config: 'ResourcesVpcConfig', public: 'EndpointPublicAccess', cidrs: 'PublicAccessCidrs' };
const TF: Names = { config: 'vpc_config', public: 'endpoint_public_access', cidrs: 'public_access_cidrs' };

function check(n: Names) {
  return (r: Resource, ctx: CheckContext) => {
    const configVal = r.body.get(n.config);
    if (configVal.isUnknown) return;
    if (isMissingBlock(configVal)) {
      if (r.body.isKnown) {
        ctx.report(r.anchor, `EKS cluster ${r.id} sets no ${n.config}, so its API server endpoint is public (${n.public} defaults to true) to every address (${n.cidrs} defaults to 0.0.0.0/0).`);
      }
      return;
    }
    // Where a finding about missing settings goes: the config block's key, else the resource name.
    const blockKey: Node = keyNode(r.body, n.config) ?? r.anchor;
    for (const config of configVal.list()) {
      const cidrs = config.get(n.cidrs);
      for (const c of choices([config.get(n.public), cidrs])) {
        const [pub, list] = c.parts;
        // EndpointPublicAccess defaults to true: only a known false makes the endpoint private.
        if (pub.isUnknown || pub.isFalse() || (!pub.isAbsent && !pub.isTrue())) continue;
        if (list.isUnknown) continue;
        // A missing or default setting is reported at the config block's key, an explicit true at the value.
        const publicAt = pub.isAbsent ? nodeUnder(blockKey, c.when, r) : under(pub, c.when, r);
        const publicText = pub.isAbsent ? `leaves ${n.public} at its default (true)` : `sets ${n.public} to true`;
        if (isMissingBlock(list)) {
          // Only where nothing decides it by condition: the list is written nowhere (or empty) in a block written in place.
          const edits = c.when.length > 0 ? undefined : list.isAbsent ? addUnder(ctx.edits, config, [n.cidrs], [RANGE]) : ctx.edits.setValue(list, [RANGE]);
          ctx.report(publicAt, `EKS cluster ${r.id} ${publicText} and sets no ${n.cidrs}, so its API server endpoint is open to every address (0.0.0.0/0).`, {
            fix: rangeFix(edits, `Add ${n.cidrs}`),
          });
          continue;
        }
        for (const item of list.items()) {
          for (const alt of choices([pub, item])) {
            const cidr = alt.parts[1].str();
            if (!worldFamily(cidr)) continue;
            const edits = alt.when.length > 0 ? undefined : ctx.edits.setValue(alt.parts[1], RANGE);
            ctx.report(under(alt.parts[1], alt.when, r), `EKS cluster ${r.id} ${publicText} and lists ${cidr?.trim()} in ${n.cidrs}, so its API server endpoint is open to every address.`, {
              fix: rangeFix(edits, `Replace ${cidr?.trim()} with your ranges`),
            });
          }
        }
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-036',
  slug: 'eks-public-endpoint-open',
  title: 'EKS API server endpoint is public to the whole internet',
  severity: 'medium',
  fixable: true,
  description:
    'An EKS cluster whose public endpoint is on (the default) without PublicAccessCidrs, or with 0.0.0.0/0 in them, exposes the Kubernetes API server to every address: only authentication then stands between the internet and the control plane.',
  remediation:
    'Turn on the private endpoint and turn off the public one, or restrict PublicAccessCidrs (public_access_cidrs) to the ranges your administrators and CI use.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'network',
    provider: 'AWS runs, patches and scales the Kubernetes control plane and its endpoints',
    customer: 'who can reach the API server endpoint is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: {
    checkov: ['CKV_AWS_38'],
    kics: ['42f4b905-3736-4213-bfe9-c0660518cda8', '61cf9883-1752-4768-b18c-0d57f2737709'],
    trivy: ['aws-eks-no-public-cluster-access-to-cidr'],
  },
  docs: [
    'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
    cfnDoc('aws-properties-eks-cluster-resourcesvpcconfig'),
    tfDoc('eks_cluster', 'vpc_config'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EKS::Cluster'], run: check(CFN) },
    terraform: { reads: 'resource', types: ['aws_eks_cluster'], run: check(TF) },
  },
});
