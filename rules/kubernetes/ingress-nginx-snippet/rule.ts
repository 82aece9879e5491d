// CL-K8S-066: an Ingress with an ingress-nginx snippet annotation (configuration-snippet, server-snippet,
// auth-snippet …): raw NGINX configuration that can read the controller's files and token (CVE-2021-25742).
import { defineRule, nist, nsaK8s } from '../../kit';
import { objectName } from '../../lib/k8s-rbac';

const SNIPPET = /^nginx\.ingress\.kubernetes\.io\/[a-z-]*snippet$/;

export default defineRule({
  id: 'CL-K8S-066',
  slug: 'ingress-nginx-snippet',
  title: 'Ingress injects raw NGINX configuration (snippet annotation)',
  severity: 'medium',
  fixable: false,
  description:
    'ingress-nginx copies snippet annotations (configuration-snippet, server-snippet, auth-snippet, stream-snippet, modsecurity-snippet) into its NGINX configuration as written. Where the controller allows them, anyone who can write an Ingress can make NGINX serve the controller\'s own files, its service account token among them, which reads every Secret of the cluster (CVE-2021-25742), or route other hosts\' traffic.',
  remediation: 'Replace the snippet with the dedicated ingress-nginx annotations or a ConfigMap setting owned by the cluster administrators, and keep allow-snippet-annotations false on the controller.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'network',
    provider: 'the provider runs the cloud load balancer in front of the ingress controller, which you install and configure',
    customer: 'the controller\'s settings and the annotations your Ingresses carry are yours',
  },
  frameworks: [nsaK8s('Network separation and hardening'), nist('CM-7', 'AC-6')],
  equivalents: {
    checkov: ['CKV_K8S_153'],
  },
  docs: [
    'https://github.com/kubernetes/ingress-nginx/issues/7837',
    'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#configuration-snippet',
    'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#allow-snippet-annotations',
  ],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: ['Ingress'],
      run(r, ctx) {
        const api = r.k8s?.apiVersion ?? '';
        if (!api.startsWith('networking.k8s.io/') && !api.startsWith('extensions/')) return;
        for (const [key, value] of r.body.path('metadata', 'annotations').entries()) {
          const name = String(key.value);
          if (!SNIPPET.test(name)) continue;
          // An empty snippet adds nothing; a templated one adds something.
          if (value.isAbsent || value.str()?.trim() === '') continue;
          ctx.report(key, `${objectName(r)} sets ${name}, raw NGINX configuration that the ingress-nginx controller inserts as written where snippets are allowed: it can expose the controller's files and service account token (CVE-2021-25742).`);
        }
      },
    },
  },
});
