// CL-K8S-094: the API server keeps no audit log: no audit policy (nothing is audited), or no backend (no log file,
// no webhook) to write the events to.
import { cisK8s, defineRule, nist, type CheckContext, type Resource } from '../../kit';
import { componentLabel, flag, type ComponentContainer, controlPlaneResponsibility, controlPlaneCheck } from '../../lib/k8s-control-plane';

/** The flag is written with a non-empty value (or one that cannot be known). */
function set(cc: ComponentContainer, name: string): boolean {
  const f = flag(cc, name);
  return f !== undefined && (!f.known || (f.value ?? '').trim() !== '');
}

function checkApiserver(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  // An argument that cannot be read may be the flag.
  if (cc.partial) return;
  const label = componentLabel(cc, r);
  if (!set(cc, 'audit-policy-file')) {
    ctx.report(cc.anchor, `${label} does not set --audit-policy-file: without an audit policy the API server audits no request, so who read a Secret, ran exec in a pod or changed a role binding leaves no record.`);
  }
  if (!set(cc, 'audit-log-path') && !set(cc, 'audit-webhook-config-file')) {
    ctx.report(cc.anchor, `${label} does not set --audit-log-path (nor --audit-webhook-config-file): the API server writes its audit events to no backend, so they are lost.`);
  }
}

export default defineRule({
  id: 'CL-K8S-094',
  slug: 'apiserver-audit-log-disabled',
  title: 'API server keeps no audit log',
  severity: 'medium',
  fixable: false,
  description:
    'The API server audits requests only with an audit policy (--audit-policy-file) and writes the events only to a backend (--audit-log-path or --audit-webhook-config-file). Without both there is no record of who read Secrets, ran commands in pods or granted themselves roles.',
  remediation: 'Give kube-apiserver an audit policy with --audit-policy-file, and --audit-log-path (with --audit-log-maxage, -maxbackup, -maxsize) or --audit-webhook-config-file.',
  responsibility: controlPlaneResponsibility('logging-and-monitoring', "the API server's audit policy, where its events go and how long they are kept are yours"),
  frameworks: [cisK8s('1.2.16', '3.2.1'), nist('AU-2', 'AU-12')],
  equivalents: {
    kics: ['73e251f0-363d-4e53-86e2-0a93592437eb', '13a49a2e-488e-4309-a7c0-d6b05577a5fb'],
    checkov: ['CKV_K8S_91'],
    trivy: ['AVD-KCV-0019'],
  },
  docs: [
    'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-apiserver'], container: checkApiserver }),
  },
});
