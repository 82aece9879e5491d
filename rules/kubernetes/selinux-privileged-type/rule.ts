// CL-K8S-018: SELinux options outside what Pod Security Standards (baseline) allow: a type other than
// container_t, container_init_t, container_kvm_t, container_engine_t (spc_t, unconfined_t …), or a user or role.
import { defineRule, type Val } from '../../kit';
import { PSS_DOC, SECURITY_CONTEXT_DOC, containerLabel, podCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

/** The SELinux types Pod Security Standards (baseline) allow, Kubernetes 1.31+ (container_engine_t since 1.31). */
const ALLOWED_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

export default defineRule({
  id: 'CL-K8S-018',
  slug: 'selinux-privileged-type',
  title: 'Container sets a privileged SELinux type, user or role',
  severity: 'medium',
  fixable: true,
  description:
    "An SELinux type such as spc_t (super-privileged container) or unconfined_t lifts the SELinux confinement that keeps a container away from the node's files and other containers; a custom SELinux user or role can do the same. Pod Security Standards (baseline) allow only the container types and no user or role.",
  remediation: 'Remove seLinuxOptions.type, user and role, or use container_t (the default), container_init_t, container_kvm_t or container_engine_t; keep level for MCS categories.',
  responsibility: podResponsibility('which SELinux labels your containers run with is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.7.3']),
  equivalents: {
    trivy: ['AVD-KSV-0025'],
  },
  docs: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container', `${PSS_DOC}#baseline`, SECURITY_CONTEXT_DOC],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      if (pod.windows) return;
      // As Pod Security admission does: every seLinuxOptions written counts, the pod's even where containers override it.
      const check = (opts: Val, subject: string) => {
        if (opts.isUnknown || !opts.isMap) return;
        const type = opts.get('type');
        const t = type.str();
        if (t !== undefined && t !== '' && !type.isUnknown && !ALLOWED_TYPES.has(t)) {
          const edits = ctx.edits.setValue(type, 'container_t');
          ctx.report(type, `${subject} sets seLinuxOptions.type to ${t}, which is not one of the confined container types.`, {
            fix: edits && { title: 'Set seLinuxOptions.type to container_t', edits },
          });
        }
        for (const key of ['user', 'role'] as const) {
          const v = opts.get(key);
          const s = v.str();
          if (s === undefined || s === '' || v.isUnknown) continue;
          // Pod Security Standards allow only an empty (or absent) user and role: the empty string is the runtime's default.
          const edits = ctx.edits.setValue(v, '');
          ctx.report(v, `${subject} sets seLinuxOptions.${key} to ${s}; a custom SELinux ${key} can lift the container's confinement.`, {
            fix: edits && { title: `Clear seLinuxOptions.${key} (the runtime's default)`, edits },
          });
        }
      };
      check(pod.sc.get('seLinuxOptions'), `The pod securityContext of ${pod.label}`);
      for (const c of pod.containers) check(c.val.path('securityContext', 'seLinuxOptions'), `The ${containerLabel(c)} of ${pod.label}`);
    }),
  },
});
