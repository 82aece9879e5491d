// CL-K8S-007: a container keeps the runtime's default capabilities (capabilities.drop lacks ALL).
import { appendItem, defineRule, type CheckContext, type TextEdit, type Val } from '../../kit';
import {
  SECURITY_CONTEXT_DOC,
  PSS_DOC,
  addPair,
  addToContainerSecurityContext,
  containerAnchor,
  containerLabel,
  mapNode,
  podCheck,
  podResponsibility,
  podSecurityFrameworks,
  type Container,
} from '../../lib/k8s-security-context';

const FIX_TITLE = 'Drop all capabilities';
const FIX_CAUTION = 'add back under capabilities.add any the container needs';

/** Edits that make the container drop ALL, in the file's style; undefined when it cannot be done in place. */
function dropAll(ctx: CheckContext, c: Container, drop: Val): TextEdit[] | undefined {
  const caps = c.val.path('securityContext', 'capabilities');
  // A written list gets ALL as its last item, in the list's style (none behind an anchor, an alias or a branch).
  if (!drop.isAbsent) return appendItem(ctx.edits, drop, 'ALL');
  if (!caps.isAbsent) {
    const map = mapNode(caps);
    if (!map || map.pairs.some((p) => p.key.value === 'drop')) return undefined;
    return addPair(ctx, map, 'drop', ['ALL']);
  }
  const sc = c.val.get('securityContext');
  const scMap = mapNode(sc);
  if (scMap?.pairs.some((p) => p.key.value === 'capabilities')) return undefined; // `capabilities:` with no value
  return addToContainerSecurityContext(ctx, c, 'capabilities', { drop: ['ALL'] });
}

export default defineRule({
  id: 'CL-K8S-007',
  slug: 'capabilities-not-dropped',
  title: 'Container does not drop all capabilities',
  severity: 'low',
  fixable: true,
  description:
    'Unless capabilities.drop contains ALL, the container keeps the runtime\'s default capabilities, among them NET_RAW (craft packets, spoof traffic on the pod network), CHOWN, DAC_OVERRIDE, SETUID and SETGID.',
  remediation: 'Add ALL to securityContext.capabilities.drop and add back only the capabilities the container needs (often NET_BIND_SERVICE, or none).',
  responsibility: podResponsibility('which Linux capabilities your containers keep is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.2.8', '5.2.10']),
  equivalents: {
    checkov: ['CKV_K8S_37', 'CKV_K8S_28'],
    kics: ['268ca686-7fb7-4ae9-b129-955a2a89064e', 'dbbc6705-d541-43b0-b166-dd4be8208b54'],
    trivy: ['AVD-KSV-0003'],
    kubeLinter: ['drop-net-raw-capability'],
    polaris: ['insecureCapabilities'],
  },
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    `${PSS_DOC}#restricted`,
    SECURITY_CONTEXT_DOC,
  ],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      if (pod.windows) return;
      for (const c of pod.containers) {
        const sc = c.val.get('securityContext');
        const caps = sc.get('capabilities');
        const drop = caps.get('drop');
        if (sc.isUnknown || caps.isUnknown || drop.isUnknown) continue;
        const items = drop.items();
        // Runtimes read the names case-insensitively (containerd, CRI-O): `all` drops everything too.
        if (items.some((i) => i.isUnknown) || drop.strings().some((d) => d.trim().toUpperCase() === 'ALL')) continue;
        const edits = dropAll(ctx, c, drop);
        // A drop list without ALL: point at its `drop` key (a block list's span runs over several lines).
        const dropKey = mapNode(caps)?.pairs.find((p) => p.key.value === 'drop')?.key;
        const at = drop.isAbsent || !dropKey ? containerAnchor(c) : dropKey;
        const msg = drop.isAbsent
          ? `The ${containerLabel(c)} of ${pod.label} does not drop capabilities (securityContext.capabilities.drop lacks ALL), so it keeps the runtime's default capabilities such as NET_RAW.`
          : `The ${containerLabel(c)} of ${pod.label} lists capabilities in securityContext.capabilities.drop but not ALL, so it keeps the runtime's other default capabilities.`;
        ctx.report(at, msg, { fix: edits && edits.length > 0 ? { title: FIX_TITLE, caution: FIX_CAUTION, edits } : undefined });
      }
    }),
  },
});
