// CL-K8S-097: the kubelet lets its own defaults override the node's kernel settings (--protect-kernel-defaults,
// protectKernelDefaults), stops maintaining its iptables chains (--make-iptables-util-chains, makeIPTablesUtilChains)
// or never closes idle exec/attach/port-forward streams (--streaming-connection-idle-timeout,
// streamingConnectionIdleTimeout set to 0).
import { addPath, cisK8s, defineRule, nist, type CheckContext, type Resource, type Val } from '../../kit';
import { componentLabel, flag, flagBool, type ComponentContainer, controlPlaneResponsibility, isConfigOf, configLabel, setFlagEdits, controlPlaneCheck } from '../../lib/k8s-control-plane';

const KERNEL = 'so the kubelet rewrites kernel settings the node may have hardened (vm.overcommit_memory, vm.panic_on_oom, kernel.panic, kernel.panic_on_oops, kernel.keys.*) to its own values instead of refusing to start';
const IPTABLES = 'so the kubelet does not keep its iptables utility chains (such as KUBE-FIREWALL, which drops packets for 127.0.0.0/8 that arrive from other hosts) in place, and the node\'s rules can drift from what it and kube-proxy expect';
const STREAMING = 'so exec, attach and port-forward streams through the kubelet are never closed when idle: a forgotten session stays open, and idle connections can use up the node\'s ports and memory';

/** A Go duration (`0`, `0s`, `4h0m0s`, `1.5h`) is zero; undefined when it is not a duration. */
function zeroDuration(text: string): boolean | undefined {
  const s = text.trim();
  if (s === '0' || s === '+0' || s === '-0') return true;
  const m = /^[+-]?((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(s);
  if (!m) return undefined;
  const numbers = s.match(/\d+(?:\.\d*)?|\.\d+/g) ?? [];
  return numbers.every((n) => Number(n) === 0);
}

/** What the fixes do besides: a kubelet that protects kernel defaults does not start where the node's differ. */
const KERNEL_CAUTION = 'the kubelet refuses to start on a node whose kernel settings differ from the values it needs; set them on the node first';
const STREAMING_CAUTION = 'exec, attach and port-forward sessions idle for 4 hours are closed';
/** The kubelet's own default idle timeout, written back where 0 turned it off. */
const DEFAULT_IDLE = '4h0m0s';

function checkKubelet(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  const label = componentLabel(cc, r);
  // Flags override the configuration file; a flag that is not written may be set by the file (--config) or by an
  // argument that cannot be read.
  const silent = cc.partial || !!flag(cc, 'config');
  const kernel = flag(cc, 'protect-kernel-defaults');
  const kernelFix = () => ({ fix: { title: 'Set --protect-kernel-defaults=true', edits: setFlagEdits(cc, ctx.edits, 'protect-kernel-defaults', 'true'), caution: KERNEL_CAUTION } });
  if (kernel) {
    if (flagBool(kernel) === false) ctx.report(kernel.at, `${label} sets --protect-kernel-defaults=${kernel.value}, ${KERNEL}.`, kernelFix());
  } else if (!silent) {
    ctx.report(cc.anchor, `${label} does not set --protect-kernel-defaults, which defaults to false, ${KERNEL}.`, kernelFix());
  }
  const chains = flag(cc, 'make-iptables-util-chains');
  if (chains && flagBool(chains) === false) {
    ctx.report(chains.at, `${label} sets --make-iptables-util-chains=${chains.value}, ${IPTABLES}.`, {
      fix: { title: 'Set --make-iptables-util-chains=true', edits: setFlagEdits(cc, ctx.edits, 'make-iptables-util-chains', 'true') },
    });
  }
  const idle = flag(cc, 'streaming-connection-idle-timeout');
  if (idle && idle.known && idle.value !== undefined && zeroDuration(idle.value) === true) {
    ctx.report(idle.at, `${label} sets --streaming-connection-idle-timeout=${idle.value}, ${STREAMING}.`, {
      fix: { title: `Set --streaming-connection-idle-timeout=${DEFAULT_IDLE}, the default`, edits: setFlagEdits(cc, ctx.edits, 'streaming-connection-idle-timeout', DEFAULT_IDLE), caution: STREAMING_CAUTION },
    });
  }
}

function checkKubeletConfiguration(r: Resource, ctx: CheckContext): void {
  if (!isConfigOf(r, 'kubelet.config.k8s.io')) return;
  const name = configLabel(r);
  const kernel = r.body.get('protectKernelDefaults');
  if (kernel.isAbsent) {
    ctx.report(r.anchor, `${name} does not set protectKernelDefaults, which defaults to false, ${KERNEL}.`, {
      fix: { title: 'Add protectKernelDefaults: true', edits: addPath(ctx.edits, r, ['protectKernelDefaults'], true), caution: KERNEL_CAUTION },
    });
  } else if (kernel.isFalse()) {
    ctx.report(kernel, `${name} sets protectKernelDefaults to false, ${KERNEL}.`, {
      fix: { title: 'Set protectKernelDefaults to true', edits: ctx.edits.setValue(kernel, true), caution: KERNEL_CAUTION },
    });
  }
  const chains = r.body.get('makeIPTablesUtilChains');
  if (chains.isFalse()) {
    ctx.report(chains, `${name} sets makeIPTablesUtilChains to false, ${IPTABLES}.`, {
      fix: { title: 'Set makeIPTablesUtilChains to true', edits: ctx.edits.setValue(chains, true) },
    });
  }
  const idle: Val = r.body.get('streamingConnectionIdleTimeout');
  const text = idle.str() ?? (idle.num() !== undefined ? String(idle.num()) : undefined);
  if (text !== undefined && zeroDuration(text) === true) {
    ctx.report(idle, `${name} sets streamingConnectionIdleTimeout to ${text}, ${STREAMING}.`, {
      fix: { title: `Set streamingConnectionIdleTimeout to ${DEFAULT_IDLE}, the default`, edits: ctx.edits.setValue(idle, DEFAULT_IDLE), caution: STREAMING_CAUTION },
    });
  }
}

export default defineRule({
  id: 'CL-K8S-097',
  slug: 'kubelet-hardening-off',
  title: 'Kubelet overrides kernel settings, drops its iptables chains or keeps idle streams open',
  severity: 'low',
  fixable: true,
  description:
    'Without protect-kernel-defaults the kubelet sets the kernel tunables it wants (overcommit, panic on oops) over whatever the node was hardened with; without make-iptables-util-chains it stops maintaining its iptables chains; with a streaming connection idle timeout of 0, exec, attach and port-forward sessions through it are never closed for idleness.',
  remediation:
    'Start the kubelet with --protect-kernel-defaults=true (protectKernelDefaults: true in its KubeletConfiguration), leave --make-iptables-util-chains (makeIPTablesUtilChains) at true, and set --streaming-connection-idle-timeout (streamingConnectionIdleTimeout) to a duration above 0, such as 5m.',
  responsibility: controlPlaneResponsibility('workload', 'the flags of the kubelets you run, and the KubeletConfiguration of your nodes, are yours'),
  frameworks: [cisK8s('4.2.5', '4.2.6'), nist('CM-6')],
  equivalents: {
    kics: ['6cf42c97-facd-4fda-b8af-ea4529123355', '5f89001f-6dd9-49ff-9b15-d8cd71b617f4', 'ed89b97d-04e9-4fd4-919f-ee5b27e555e9'],
    checkov: ['CKV_K8S_143', 'CKV_K8S_144', 'CKV_K8S_145'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/',
    'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kubelet'], container: checkKubelet, config: { kind: 'KubeletConfiguration', check: checkKubeletConfiguration } }),
  },
});
