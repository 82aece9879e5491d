// CL-K8S-037: a secret written as a literal environment variable value instead of a reference to a Secret.
import { type CheckContext, defineRule, nist, nsaK8s, pci, type Resource, words } from '../../kit';
import { containerLabel, podContainers, workloadLabel, WORKLOAD_KINDS } from '../../lib/k8s-images';

/** Words that make a variable name secret on their own. */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'secrets', 'token', 'apikey', 'privatekey', 'credential', 'credentials', 'creds']);
/** Words that make `<word>_KEY` a secret (API_KEY, PRIVATE_KEY, ACCESS_KEY, SIGNING_KEY …); KEY alone is too common. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'access', 'secret', 'signing', 'encryption', 'master', 'auth', 'hmac', 'ssh', 'client', 'license']);
/**
 * A last word that makes the variable describe a secret rather than hold it: where it is (`_FILE`, `_PATH`,
 * `_SECRET_NAME`, `_TOKEN_URL`), who owns it (`_USER`, `_ID`) or how it behaves (`_TTL`, `_LENGTH`, `_ENABLED`).
 */
const DESCRIBING = new Set([
  'FILE', 'FILES', 'PATH', 'DIR', 'DIRECTORY', 'NAME', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'ID', 'REF', 'MOUNT',
  'LOCATION', 'TYPE', 'KIND', 'HEADER', 'FIELD', 'LENGTH', 'SIZE', 'COUNT', 'TTL', 'EXPIRY', 'EXPIRATION', 'EXPIRES',
  'LIFETIME', 'TIMEOUT', 'INTERVAL', 'ENABLED', 'ENABLE', 'DISABLED', 'DISABLE', 'REQUIRED', 'MODE', 'POLICY', 'VERSION',
  'ALGORITHM', 'ALG', 'FORMAT', 'PREFIX', 'SUFFIX', 'REGION', 'USER', 'USERNAME', 'LOGIN', 'ISSUER', 'AUDIENCE', 'SCOPE',
  'SCOPES', 'STORE', 'PROVIDER', 'BACKEND', 'ROTATION', 'KEYS', 'NAMESPACE', 'ARN', 'LIMIT', 'RETRIES', 'ATTEMPTS',
  'DURATION', 'AGE', 'SECONDS', 'MINUTES', 'HOURS', 'DAYS', 'MS',
]);

/** True when an environment variable's name says it holds a secret. */
export function secretLikeName(name: string): boolean {
  const w = words(name);
  if (w.length === 0 || DESCRIBING.has(w[w.length - 1].toUpperCase())) return false;
  // `PASS` is a password only as the last word (`DB_PASS`, not `PASS_THROUGH`).
  if (w[w.length - 1] === 'pass' && w.length > 1) return true;
  return w.some((word, i) => SECRET_WORDS.has(word) || (word === 'key' && i > 0 && KEY_QUALIFIERS.has(w[i - 1])));
}

const AWS_ACCESS_KEY = /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;

/** What a literal value is, when it is a secret whatever the variable's name. */
function secretValue(value: string): string | undefined {
  if (AWS_ACCESS_KEY.test(value)) return 'an AWS access key ID';
  if (PRIVATE_KEY.test(value)) return 'a private key';
  return undefined;
}

/** Values that are not a secret in themselves even under a secret-like name. */
function notASecret(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  // `$(OTHER_VAR)` composes the value from other variables (which may come from a Secret); `${X}` is a pipeline placeholder.
  if (/\$\(|\$\{/.test(v)) return true;
  // Booleans switch the secret's handling on or off (`TOKEN_REFRESH: "true"`); absolute paths point to a file.
  if (/^(?:true|false|yes|no|on|off)$/i.test(v)) return true;
  if (/^\/[^\s]*$/.test(v)) return true;
  // A URL without credentials in it (`https://vault.example.com`) locates the secret.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(v)) return true;
  return false;
}

function run(r: Resource, ctx: CheckContext): void {
  for (const c of podContainers(r)) {
    for (const env of c.val.get('env').items()) {
      const name = env.get('name').str();
      const value = env.get('value');
      const text = value.str();
      if (name === undefined || text === undefined || typeof value.scalar !== 'string') continue;
      const label = containerLabel(c);
      const where = `${label[0].toUpperCase()}${label.slice(1)} of ${workloadLabel(r)}`;
      const kind = secretValue(text);
      if (kind) {
        ctx.report(value, `${where} sets environment variable ${name} to ${kind} written in the manifest.`);
      } else if (secretLikeName(name) && !notASecret(text)) {
        ctx.report(value, `${where} sets environment variable ${name} to a literal value, so the secret is in the manifest and readable by anyone who can read the workload.`);
      }
    }
  }
}

export default defineRule({
  id: 'CL-K8S-037',
  slug: 'env-secret-literal',
  title: 'Secret written as a literal environment variable',
  severity: 'high',
  fixable: false,
  description:
    'A password, token or key written as an env `value` is stored in the manifest, in version control, in the workload object that anyone with read access to it can see (`kubectl get -o yaml`), and in every ReplicaSet revision.',
  remediation: 'Move the value into a Secret (or an external secret store) and reference it with valueFrom.secretKeyRef, or mount it as a file; then rotate the exposed secret.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'secrets',
    provider: 'Kubernetes keeps Secret objects apart from workload specs and lets RBAC restrict who reads them',
    customer: 'keeping credentials out of manifests and workload specs is yours',
  },
  frameworks: [nsaK8s('Secrets'), nist('IA-5(7)'), pci('8.6.2')],
  equivalents: {
    kubeLinter: ['env-var-secret'],
    polaris: ['sensitiveContainerEnvVar'],
  },
  docs: [
    'https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/#define-container-environment-variables-using-secret-data',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: WORKLOAD_KINDS, run },
  },
});
