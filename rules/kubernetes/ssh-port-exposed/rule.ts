// CL-K8S-076: a container declares the SSH port (containerPort 22), or a Service forwards port 22.
import { defineRule } from '../../kit';
import { SSH_PORT, WORKLOAD_KINDS, containerLabel, containerPorts, podOf, podSecurityFrameworks } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-076',
  slug: 'ssh-port-exposed',
  title: 'Container or Service exposes the SSH port (22)',
  severity: 'medium',
  fixable: false,
  description:
    'A container that listens on port 22 usually runs an SSH server: a second way in, with its own credentials and keys to manage, that bypasses the API server\'s authentication, RBAC and audit log for exec.',
  remediation: 'Remove the SSH server from the image and use kubectl exec (or an ephemeral debug container) under RBAC instead; if SSH is the workload\'s purpose (a Git server), restrict who can reach it with a NetworkPolicy.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'on managed Kubernetes the provider runs the control plane and routes traffic to the ports you declare',
    customer: 'which servers your containers run, and which ports your Services expose, are set by your images and manifests',
  },
  frameworks: podSecurityFrameworks([]),
  equivalents: {
    kubeLinter: ['ssh-port'],
  },
  docs: ['https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container', 'https://kubernetes.io/docs/concepts/services-networking/service/'],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: [...WORKLOAD_KINDS, 'Service'],
      run(r, ctx) {
        if (r.type === 'Service') {
          for (const p of r.body.path('spec', 'ports').items()) {
            for (const key of ['port', 'targetPort'] as const) {
              const v = p.get(key);
              if (v.num() !== SSH_PORT) continue;
              ctx.report(v, `Service ${r.k8s?.name ?? r.id} forwards ${key === 'port' ? 'port' : 'to targetPort'} ${SSH_PORT}, the SSH port, so it exposes an SSH server in its pods.`);
              break;
            }
          }
          return;
        }
        const pod = podOf(r);
        if (!pod) return;
        for (const p of containerPorts(pod)) {
          if (p.port !== SSH_PORT) continue;
          ctx.report(p.val, `The ${containerLabel(p.container)} of ${pod.label} declares containerPort ${SSH_PORT}, the SSH port, so it likely runs an SSH server.`);
        }
      },
    },
  },
});
