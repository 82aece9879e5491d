// CL-K8S-008: a container adds a capability that amounts to root on the node or on its network.
import { defineRule, removeItem } from '../../kit';
import {
  SECURITY_CONTEXT_DOC,
  PSS_DOC,
  capabilityName,
  containerLabel,
  podCheck,
  podResponsibility,
  podSecurityFrameworks,
} from '../../lib/k8s-security-context';

/** Capabilities that let a process escape the container or take over the node's kernel or network. */
const DANGEROUS: Readonly<Record<string, string>> = {
  ALL: 'every capability',
  SYS_ADMIN: 'mount filesystems, use most namespaces and many kernel interfaces (close to root on the node)',
  NET_ADMIN: "reconfigure the pod's network, firewall and routing",
  NET_RAW: 'craft raw packets and spoof traffic on the pod network',
  SYS_PTRACE: 'trace and inject code into other processes',
  SYS_MODULE: 'load kernel modules',
  DAC_READ_SEARCH: 'read any file and open files by handle outside the container (the "shocker" escape)',
  BPF: 'load BPF programs into the kernel',
  PERFMON: 'use perf and BPF tracing to observe the kernel',
  SYS_RAWIO: 'access raw I/O ports and devices',
  SYS_BOOT: 'reboot the node and load a new kernel',
};

export default defineRule({
  id: 'CL-K8S-008',
  slug: 'dangerous-capabilities',
  title: 'Container adds a dangerous capability',
  severity: 'high',
  fixable: true,
  description:
    'Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE, DAC_READ_SEARCH, BPF, NET_ADMIN or NET_RAW (or ALL) let a compromised process escape the container or take over the node\'s kernel or network.',
  remediation: 'Remove the capability from securityContext.capabilities.add; if the workload truly needs it, isolate it on dedicated nodes.',
  responsibility: podResponsibility('which Linux capabilities your containers add is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.2.8', '5.2.9']),
  equivalents: {
    checkov: ['CKV_K8S_39'],
    kics: ['235236ee-ad78-4065-bd29-61b061f28ce0', '19ebaa28-fc86-4a58-bcfa-015c9e22fe40'],
    trivy: ['AVD-KSV-0005', 'AVD-KSV-0119', 'AVD-KSV-0120'],
    polaris: ['dangerousCapabilities'],
  },
  docs: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container', `${PSS_DOC}#baseline`, SECURITY_CONTEXT_DOC],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      if (pod.windows) return;
      for (const c of pod.containers) {
        const add = c.val.path('securityContext', 'capabilities', 'add');
        for (const item of add.items()) {
          const s = item.str();
          if (s === undefined || item.isUnknown) continue;
          const name = capabilityName(s);
          const what = DANGEROUS[name];
          if (!what) continue;
          const msg =
            name === 'ALL'
              ? `The ${containerLabel(c)} of ${pod.label} adds ALL capabilities, CAP_SYS_ADMIN among them, which amounts to root on the node.`
              : `The ${containerLabel(c)} of ${pod.label} adds CAP_${name}, which lets it ${what}.`;
          const seq = add.node;
          const edits = seq?.kind === 'seq' && seq === add.at && item.node ? removeItem(seq, item.node) : undefined;
          ctx.report(item, msg, { fix: edits && { title: `Remove ${s.trim()} from capabilities.add`, edits } });
        }
      }
    }),
  },
});
