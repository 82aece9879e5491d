// CL-K8S-096: kube-apiserver, kube-controller-manager or kube-scheduler serves profiling data (/debug/pprof):
// --profiling not false (its default is true), or a KubeSchedulerConfiguration with enableProfiling not false.
import { addPath, cisK8s, defineRule, nist, type CheckContext, type Resource } from '../../kit';
import { componentLabel, flag, flagBool, controlPlaneResponsibility, isConfigOf, setFlagEdits, controlPlaneCheck, type Component, type ComponentContainer } from '../../lib/k8s-control-plane';

const PROFILED: readonly Component[] = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

const CONSEQUENCE = 'it serves /debug/pprof, which shows its internals to any caller allowed to read it and lets that caller slow it down with long profiles';

function checkContainer(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  // kube-scheduler ignores --profiling when a configuration file is given: the file decides.
  if (cc.component === 'kube-scheduler' && flag(cc, 'config')) return;
  const label = componentLabel(cc, r);
  const f = flag(cc, 'profiling');
  const fix = { title: 'Set --profiling=false', edits: setFlagEdits(cc, ctx.edits, 'profiling', 'false') };
  if (f) {
    if (flagBool(f) === true) ctx.report(f.at, `${label} sets --profiling to true: ${CONSEQUENCE}.`, { fix });
    return;
  }
  if (cc.partial) return;
  ctx.report(cc.anchor, `${label} does not set --profiling, which defaults to true: ${CONSEQUENCE}.`, { fix });
}

function checkSchedulerConfig(r: Resource, ctx: CheckContext): void {
  if (!isConfigOf(r, 'kubescheduler.config.k8s.io')) return;
  const v = r.body.get('enableProfiling');
  if (v.isAbsent) {
    ctx.report(r.anchor, `KubeSchedulerConfiguration does not set enableProfiling, which defaults to true: the scheduler ${CONSEQUENCE.slice(3)}.`, {
      fix: { title: 'Add enableProfiling: false', edits: addPath(ctx.edits, r, ['enableProfiling'], false) },
    });
  } else if (v.isTrue()) {
    ctx.report(v, `KubeSchedulerConfiguration sets enableProfiling to true: the scheduler ${CONSEQUENCE.slice(3)}.`, {
      fix: { title: 'Set enableProfiling to false', edits: ctx.edits.setValue(v, false) },
    });
  }
}

export default defineRule({
  id: 'CL-K8S-096',
  slug: 'control-plane-profiling-enabled',
  title: 'Control-plane component serves profiling data',
  severity: 'low',
  fixable: true,
  description:
    'kube-apiserver, kube-controller-manager and kube-scheduler serve Go profiling endpoints (/debug/pprof) unless --profiling=false (enableProfiling: false in the scheduler\'s configuration file). They expose the program\'s internals and a long CPU profile costs the component time; they are for debugging, not for production.',
  remediation: 'Set --profiling=false on kube-apiserver, kube-controller-manager and kube-scheduler, or enableProfiling: false in the KubeSchedulerConfiguration.',
  responsibility: controlPlaneResponsibility('network', 'the flags and configuration of the control-plane components you run are yours'),
  frameworks: [cisK8s('1.2.15', '1.3.2', '1.4.1'), nist('CM-7')],
  equivalents: {
    kics: ['2f491173-6375-4a84-b28e-a4e2b9a58a69'],
    checkov: ['CKV_K8S_90', 'CKV_K8S_107', 'CKV_K8S_114'],
    trivy: ['AVD-KCV-0018', 'AVD-KCV-0034', 'AVD-KCV-0040'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/',
    'https://kubernetes.io/docs/reference/config-api/kube-scheduler-config.v1/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: PROFILED, container: checkContainer, config: { kind: 'KubeSchedulerConfiguration', check: checkSchedulerConfig } }),
  },
});
