// CL-AWS-095: an EKS cluster pinned to a Kubernetes version past the end of EKS standard support.
import { cfnGuideDoc, type CheckContext, defineRule, PATCHING, type Resource } from '../../kit';
import { AS_OF, EKS_KUBERNETES_VERSIONS, endOfStandardSupport, versionText } from '../../lib/versions';

/**
 * The next minor version when it is in standard support: EKS upgrades a cluster one minor version at a time, so a
 * fix is offered only where one step reaches support (an older cluster needs several upgrades, each with its nodes).
 */
function nextSupported(version: string): string | undefined {
  const [major, minor] = version.split('.').map(Number);
  const next = `${major}.${minor + 1}`;
  return EKS_KUBERNETES_VERSIONS[next] && !endOfStandardSupport(EKS_KUBERNETES_VERSIONS, next) ? next : undefined;
}

function check(key: string) {
  return (r: Resource, ctx: CheckContext) => {
    // An absent version means EKS's current default version: nothing to report.
    for (const alt of r.body.get(key).each()) {
      const text = versionText(alt);
      const ended = text === undefined ? undefined : endOfStandardSupport(EKS_KUBERNETES_VERSIONS, text);
      if (!ended) continue;
      let detail: string;
      if (ended.endOfStandardSupport === undefined) {
        detail = 'whose standard and extended support have both ended';
      } else if (ended.extendedEnded) {
        detail = `whose standard support ended on ${ended.endOfStandardSupport} and extended support on ${ended.endOfExtendedSupport}`;
      } else {
        detail = `whose standard support ended on ${ended.endOfStandardSupport} (paid extended support runs until ${ended.endOfExtendedSupport})`;
      }
      const next = nextSupported(ended.version);
      ctx.report(alt, `EKS cluster ${r.id} runs Kubernetes ${ended.version}, ${detail}.`, {
        fix: next ? { title: `Set ${key} to ${next}`, caution: 'an in-place upgrade: upgrade the nodes next', edits: ctx.edits.setValue(alt, next) } : undefined,
      });
      return;
    }
  };
}

export default defineRule({
  id: 'CL-AWS-095',
  slug: 'eks-version-end-of-support',
  title: 'EKS cluster runs a Kubernetes version past end of standard support',
  severity: 'medium',
  fixable: true,
  description: `EKS gives each Kubernetes minor version 14 months of standard support, then 12 months of extended support at an extra hourly charge, after which it upgrades the control plane automatically. Past standard support the version only gets critical fixes and falls further behind upstream. Dates are checked as of ${AS_OF}.`,
  remediation: 'Upgrade the cluster (and then its nodes and add-ons) to a Kubernetes version in standard support, one minor version at a time.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'patching-and-versions',
    provider: 'AWS runs and patches the control plane for the versions it supports',
    customer: 'choosing the Kubernetes version and upgrading the cluster, its nodes and add-ons in time is yours',
  },
  frameworks: PATCHING,
  equivalents: {
    checkov: ['CKV_AWS_339'],
  },
  docs: [
    'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html',
    cfnGuideDoc('aws-resource-eks-cluster', 'cfn-eks-cluster-version'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EKS::Cluster'], run: check('Version') },
    terraform: { reads: 'resource', types: ['aws_eks_cluster'], run: check('version') },
  },
});
