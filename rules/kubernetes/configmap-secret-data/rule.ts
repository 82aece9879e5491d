// CL-K8S-065: a ConfigMap that carries a secret: a credential by its shape, a setting named like a secret with a
// literal value, or such a setting in a configuration file it holds.
import { type CheckContext, defineRule, NO_EMBEDDED_SECRETS, nsaK8s, type Resource } from '../../kit';
import { credentialIn, placeholder, secretSettingName, secretSettings } from '../../lib/k8s-secrets';

const WHY = 'in version control and readable by every role that may read ConfigMaps (the built-in view role included), which Secrets are not';

function run(r: Resource, ctx: CheckContext): void {
  // Core ConfigMaps only (`apiVersion: v1`), not a custom resource that reuses the kind name.
  if (r.k8s?.apiVersion !== 'v1') return;
  const cm = `ConfigMap ${r.k8s?.name ?? '(unnamed)'}`;
  for (const [key, value] of r.body.get('data').entries()) {
    const text = value.str();
    if (text === undefined || typeof value.scalar !== 'string') continue;
    const name = String(key.value);
    // A file's worth of text is reported at its key: its first line is where the editor shows it.
    const at = text.includes('\n') ? key : value;
    const credential = credentialIn(text);
    if (credential) {
      ctx.report(at, `${cm} holds ${credential} in data.${name}, ${WHY}.`);
    } else if (!text.includes('\n')) {
      if (secretSettingName(name) && !placeholder(text)) ctx.report(value, `${cm} sets data.${name}, a secret by its name, to a literal value, ${WHY}.`);
    } else {
      const found = secretSettings(text);
      if (found.length === 0) continue;
      const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
      ctx.report(at, `${cm} sets ${found[0].name} on line ${found[0].line} of data.${name}${more} to a literal value, ${WHY}.`);
    }
  }
}

export default defineRule({
  id: 'CL-K8S-065',
  slug: 'configmap-secret-data',
  title: 'ConfigMap holds a password, token or key',
  severity: 'high',
  fixable: false,
  description:
    'ConfigMaps are for non-confidential configuration: they are written to version control with the manifests, readable by the built-in view role and by any role that reads configuration, and shown in full by kubectl describe. A password, token or private key in one is exposed to all of them.',
  remediation: 'Move the value into a Secret (created from a secret store, not committed) and mount or reference it; keep only a reference (a file path, ${VAR}) in the ConfigMap, then rotate the exposed credential.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'secrets',
    provider: 'Kubernetes keeps Secrets apart from ConfigMaps, so that RBAC and encryption at rest can treat them differently',
    customer: 'what you put in a ConfigMap and who may read it are yours',
  },
  frameworks: [...NO_EMBEDDED_SECRETS, nsaK8s('Secrets')],
  equivalents: {
    trivy: ['AVD-KSV-0109'],
    polaris: ['sensitiveConfigmapContent'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/configmap/',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: ['ConfigMap'], run },
  },
});
