// CL-K8S-049: an internet-facing LoadBalancer Service that accepts traffic from every address.
import { defineRule, type Resource, type Val } from '../../kit';
import { annotation, objectName, serviceCheck, serviceFrameworks, serviceResponsibility } from '../../lib/k8s-rbac';

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const AWS_INTERNAL = 'service.beta.kubernetes.io/aws-load-balancer-internal';
const AWS_SCHEME = 'service.beta.kubernetes.io/aws-load-balancer-scheme';
const AWS_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
const AZURE_INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const GKE_TYPE = 'networking.gke.io/load-balancer-type';
const GKE_TYPE_LEGACY = 'cloud.google.com/load-balancer-type';
/** Load balancer classes whose controller this rule knows; any other class is someone else's controller. */
const AWS_LBC_CLASS = 'service.k8s.aws/nlb';
const GKE_INTERNAL_CLASS = 'networking.gke.io/l4-regional-internal';
const OPEN = new Set(['0.0.0.0/0', '::/0']);

type Exposure = 'internal' | 'external' | 'unknown';

const lower = (v: Val) => v.str()?.toLowerCase();

/** Whether the cloud load balancer the Service asks for is internal, internet-facing, or decided elsewhere. */
function exposure(r: Resource): Exposure {
  const annotations = r.body.path('metadata', 'annotations');
  if (annotations.isUnknown) return 'unknown';
  const keys = [AWS_INTERNAL, AWS_SCHEME, AWS_TYPE, AZURE_INTERNAL, GKE_TYPE, GKE_TYPE_LEGACY];
  if (keys.some((k) => annotation(r, k).isUnknown)) return 'unknown';
  const lbClass = r.body.path('spec', 'loadBalancerClass');
  if (lbClass.isUnknown) return 'unknown';
  const cls = lbClass.str();

  const scheme = lower(annotation(r, AWS_SCHEME));
  if (scheme === 'internal') return 'internal';
  if (lower(annotation(r, AWS_INTERNAL)) === 'true') return 'internal';
  if (lower(annotation(r, AZURE_INTERNAL)) === 'true') return 'internal';
  if (lower(annotation(r, GKE_TYPE)) === 'internal' || lower(annotation(r, GKE_TYPE_LEGACY)) === 'internal') return 'internal';
  if (cls === GKE_INTERNAL_CLASS) return 'internal';
  // The AWS Load Balancer Controller (v2.2+) creates internal NLBs unless the scheme says internet-facing.
  const awsType = lower(annotation(r, AWS_TYPE));
  const lbc = cls === AWS_LBC_CLASS || awsType === 'external' || awsType === 'nlb-ip';
  if (lbc && scheme !== 'internet-facing') return 'internal';
  // Another controller (MetalLB, Cilium, a cloud's own class): what it exposes is its configuration's business.
  if (cls !== undefined && cls !== AWS_LBC_CLASS) return 'unknown';
  return 'external';
}

export default defineRule({
  id: 'CL-K8S-049',
  slug: 'loadbalancer-no-source-ranges',
  title: 'LoadBalancer Service is open to every address',
  severity: 'medium',
  fixable: true,
  description:
    'A Service of type LoadBalancer makes the cloud provider create an internet-facing load balancer. Without spec.loadBalancerSourceRanges (or the older source-ranges annotation) it accepts connections from every address on the internet.',
  remediation: 'Set spec.loadBalancerSourceRanges to the client CIDR ranges that need access, or make the load balancer internal with your provider\'s annotation.',
  responsibility: serviceResponsibility(
    'the provider creates, runs and patches the cloud load balancer the Service asks for',
    'whether it is internet-facing and which source addresses it accepts is yours to decide',
  ),
  frameworks: serviceFrameworks(),
  equivalents: {
    kics: ['26763a1c-5dda-4772-b507-5fca7fb5f165'],
    kubeLinter: ['exposed-services'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer',
    'https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/',
    'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/',
    'https://cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer-parameters',
    'https://learn.microsoft.com/azure/aks/internal-lb',
  ],
  checks: {
    kubernetes: serviceCheck((r, ctx) => {
      if (r.body.path('spec', 'type').str() !== 'LoadBalancer') return;
      if (exposure(r) !== 'external') return;
      const spec = r.body.get('spec');
      const ranges = spec.get('loadBalancerSourceRanges');
      if (ranges.isUnknown) return;
      const items = ranges.items();
      if (items.length > 0) {
        // The field wins over the annotation; an open range in it is the same as no range.
        for (const item of items) {
          const cidr = item.str();
          if (cidr !== undefined && OPEN.has(cidr.trim())) {
            ctx.report(item, `${objectName(r)} lists ${cidr.trim()} in spec.loadBalancerSourceRanges, so its internet-facing load balancer accepts every address.`);
          }
        }
        return;
      }
      const legacy = annotation(r, SOURCE_RANGES_ANNOTATION);
      if (legacy.isUnknown) return;
      const legacyText = legacy.str();
      if (legacyText !== undefined && legacyText.trim() !== '') {
        const open = legacyText.split(',').map((s) => s.trim()).find((s) => OPEN.has(s));
        if (open) ctx.report(legacy, `${objectName(r)} allows ${open} in the ${SOURCE_RANGES_ANNOTATION} annotation, so its internet-facing load balancer accepts every address.`);
        return;
      }
      const placeholder = ['${1:203.0.113.0/24}'];
      const specNode = spec.node;
      const written = specNode?.kind === 'map' && specNode.pairs.some((p) => p.key.value === 'loadBalancerSourceRanges');
      const edits =
        specNode?.kind !== 'map'
          ? undefined
          : !written
            ? ctx.edits.addPair(specNode, 'loadBalancerSourceRanges', placeholder)
            : ranges.node?.kind === 'seq'
              ? ctx.edits.replaceNode(ranges.node, placeholder)
              : undefined;
      // An empty list is written but restricts nothing: point at it; otherwise the setting is missing.
      const at = ranges.node?.kind === 'seq' ? ranges : r.anchor;
      ctx.report(at, `${objectName(r)} is an internet-facing LoadBalancer ${at === r.anchor ? 'without' : 'with an empty'} spec.loadBalancerSourceRanges, so it accepts connections from every address.`, {
        fix: edits && edits.length > 0 ? { title: 'Add spec.loadBalancerSourceRanges (fill in your client ranges)', edits, snippet: true } : undefined,
      });
    }),
  },
});
