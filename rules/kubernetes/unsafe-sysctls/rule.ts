// CL-K8S-020: the pod sets a sysctl outside the safe set of Pod Security Standards (baseline).
import { defineRule, removeItem } from '../../kit';
import { PSS_DOC, podCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

/**
 * The sysctls Pod Security Standards (baseline) allow: namespaced and isolated from other pods. The set grew
 * with Kubernetes: 1.27 added ip_local_reserved_ports, 1.29 the tcp_keepalive_* and tcp_fin_timeout, 1.32
 * tcp_rmem and tcp_wmem.
 */
const SAFE = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

export default defineRule({
  id: 'CL-K8S-020',
  slug: 'unsafe-sysctls',
  title: 'Pod sets an unsafe sysctl',
  severity: 'medium',
  fixable: true,
  description:
    "A sysctl outside the safe set is either not namespaced (it changes the whole node) or not isolated: it can affect other pods, the node's health or let the pod use resources beyond its limits. The kubelet refuses such pods unless an administrator allowed the sysctl on the node.",
  remediation: 'Remove the sysctl from spec.securityContext.sysctls, or set it on dedicated nodes through node configuration.',
  responsibility: podResponsibility('which kernel parameters your pods ask to change is set by your pod specs'),
  frameworks: podSecurityFrameworks([]),
  equivalents: {
    kics: ['9127f0d9-2310-42e7-866f-5fd9d20dcbad'],
    trivy: ['AVD-KSV-0026'],
    kubeLinter: ['unsafe-sysctls'],
  },
  docs: ['https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/', `${PSS_DOC}#baseline`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      const sysctls = pod.sc.get('sysctls');
      for (const s of sysctls.items()) {
        const name = s.get('name');
        const n = name.str();
        if (n === undefined || name.isUnknown) continue;
        if (SAFE.has(n.trim().replace(/\//g, '.'))) continue;
        const seq = sysctls.node;
        const edits = seq?.kind === 'seq' && seq === sysctls.at && s.node ? removeItem(seq, s.node) : undefined;
        ctx.report(name, `${pod.label} sets the sysctl ${n} in its pod securityContext, which is not in the safe set of the Pod Security Standards.`, {
          fix: edits && { title: `Remove the sysctl ${n.trim()}`, caution: 'set it on the node if the workload needs it', edits },
        });
      }
    }),
  },
});
