// CL-K8S-051: an Ingress that serves plain HTTP: no spec.tls, or hosts that no tls entry covers.
import { defineRule, nist, nsaK8s, pci } from '../../kit';
import { annotation, objectName } from '../../lib/k8s-rbac';

/** Annotations through which common controllers attach certificates without spec.tls. */
const CERT_ANNOTATIONS = [
  'alb.ingress.kubernetes.io/certificate-arn', // AWS Load Balancer Controller
  'ingress.gcp.kubernetes.io/pre-shared-cert', // GKE Ingress
  'networking.gke.io/managed-certificates', // GKE Ingress, Google-managed certificates
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate', // Azure Application Gateway Ingress Controller
];
/** The AWS Load Balancer Controller discovers ACM certificates for the rule hosts when it listens on HTTPS. */
const ALB_LISTEN_PORTS = 'alb.ingress.kubernetes.io/listen-ports';

/** True when TLS host `tls` covers rule host `host` (exactly, or one label under a `*.` wildcard). */
function covers(tls: string, host: string): boolean {
  const t = tls.toLowerCase();
  const h = host.toLowerCase();
  if (t === h) return true;
  if (!t.startsWith('*.') || h.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === t.slice(2);
}

export default defineRule({
  id: 'CL-K8S-051',
  slug: 'ingress-no-tls',
  title: 'Ingress serves plain HTTP',
  severity: 'medium',
  fixable: false,
  description:
    'An Ingress without spec.tls (or whose hosts no tls entry lists) is served over plain HTTP: credentials, cookies and data cross the network readable and changeable by anyone on the path.',
  remediation: 'Add spec.tls with the hosts of every rule and a Secret holding their certificate (cert-manager can issue it), or attach a certificate through your ingress controller\'s annotation.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'data-protection',
    provider: 'the provider runs the cloud load balancer, and a managed ingress controller if you use one',
    customer: 'whether your hosts are served over TLS, and with which certificate, is yours to configure',
  },
  frameworks: [nsaK8s('Network separation and hardening'), nist('SC-8'), pci('4.2.1')],
  equivalents: {
    polaris: ['tlsSettingsMissing'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
    'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/managed-certs',
  ],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: ['Ingress'],
      run(r, ctx) {
        const api = r.k8s?.apiVersion ?? '';
        if (!api.startsWith('networking.k8s.io/') && !api.startsWith('extensions/')) return;
        if (r.body.path('metadata', 'annotations').isUnknown) return;
        if (CERT_ANNOTATIONS.some((k) => !annotation(r, k).isAbsent)) return;
        const ports = annotation(r, ALB_LISTEN_PORTS);
        if (ports.isUnknown || ports.str()?.toUpperCase().includes('HTTPS')) return;

        const spec = r.body.get('spec');
        const tls = spec.get('tls');
        if (tls.isUnknown) return;
        const entries = tls.items();
        if (entries.length === 0) {
          const at = tls.isAbsent ? r.anchor : tls;
          ctx.report(at, `${objectName(r)} has ${tls.isAbsent ? 'no' : 'an empty'} spec.tls, so its hosts are served over plain HTTP.`);
          return;
        }
        const hosts: string[] = [];
        for (const entry of entries) {
          const list = entry.get('hosts');
          // An entry without hosts takes the controller's default certificate for every host.
          if (list.isUnknown || entry.isUnknown || list.items().length === 0) return;
          for (const h of list.items()) {
            const s = h.str();
            if (s === undefined) return;
            hosts.push(s);
          }
        }
        for (const rule of spec.get('rules').items()) {
          const host = rule.get('host');
          const name = host.str();
          if (name === undefined || hosts.some((t) => covers(t, name))) continue;
          ctx.report(host, `${objectName(r)} serves host ${name}, which no spec.tls entry lists, so it is served over plain HTTP.`);
        }
      },
    },
  },
});
