// CL-K8S-075: a container declares a containerPort below 1024 (a privileged port).
import { defineRule } from '../../kit';
import { SSH_PORT, containerLabel, containerPorts, podCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-075',
  slug: 'privileged-port',
  title: 'Container listens on a privileged port (below 1024)',
  severity: 'low',
  fixable: false,
  description:
    'Binding a port below 1024 needs root or the NET_BIND_SERVICE capability in the container, unless the runtime lowers the privileged port range: a container that listens on one usually keeps privileges it would not otherwise need.',
  remediation: 'Listen on a port of 1024 or more in the container (8080, 8443) and map the well-known port in the Service (port: 80, targetPort: 8080).',
  responsibility: podResponsibility('which ports your containers listen on, and the privileges that needs, are set by your images and pod specs'),
  frameworks: podSecurityFrameworks([]),
  equivalents: {
    trivy: ['AVD-KSV-0117'],
    kubeLinter: ['privileged-ports'],
  },
  docs: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service', 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container'],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      for (const p of containerPorts(pod)) {
        if (p.port < 1 || p.port >= 1024 || p.port === SSH_PORT) continue;
        ctx.report(p.val, `The ${containerLabel(p.container)} of ${pod.label} declares containerPort ${p.port}, below 1024, so it needs root or NET_BIND_SERVICE to listen on it unless the runtime allows unprivileged ports.`);
      }
    }),
  },
});
