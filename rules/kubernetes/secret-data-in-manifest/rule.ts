// CL-K8S-038: a Secret manifest that carries its secret values (data / stringData) in the file.
import { type CheckContext, cisK8s, defineRule, getPair, nist, nsaK8s, type Pair, pci, type Resource, type Val } from '../../kit';

/** The keys of a `data` / `stringData` mapping whose values are known and not empty. */
function filledKeys(v: Val): string[] {
  return v
    .entries()
    .filter(([, value]) => {
      const s = value.str();
      return s !== undefined && s.trim() !== '';
    })
    .map(([key]) => String(key.value));
}

function run(r: Resource, ctx: CheckContext): void {
  const found: { key: string; names: string[]; pair: Pair }[] = [];
  for (const key of ['data', 'stringData']) {
    const pair = getPair(r.node, key);
    if (!pair) continue;
    const names = filledKeys(r.body.get(key));
    if (names.length > 0) found.push({ key, names, pair });
  }
  if (found.length === 0) return;
  // One finding per Secret, on the first of data / stringData in the file; the message names every filled key.
  found.sort((a, b) => a.pair.key.span[0] - b.pair.key.span[0]);
  const names = [...new Set(found.flatMap((f) => f.names))];
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  const fields = found.map((f) => f.key).join(' and ');
  const encoding = found.some((f) => f.key === 'data') ? ' (base64 is an encoding, not encryption)' : '';
  ctx.report(
    found[0].pair.key,
    `Secret ${r.k8s?.name ?? '(unnamed)'} carries the values of ${shown} in ${fields} in this file${encoding}, so anyone who can read the file or its history can read them.`,
  );
}

export default defineRule({
  id: 'CL-K8S-038',
  slug: 'secret-data-in-manifest',
  title: 'Secret values committed in a manifest',
  severity: 'high',
  fixable: false,
  description:
    'A Secret manifest with data or stringData puts the secret values in the file and in version control; data is only base64-encoded. Everyone with read access to the repository, its forks and its CI logs has the credentials.',
  remediation: 'Keep Secret values out of the repository: create them from a secret store (External Secrets Operator, Secrets Store CSI Driver, Sealed Secrets, SOPS) or at deploy time, and rotate values that were committed.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'secrets',
    provider: 'the managed control plane stores Secrets in etcd and, on most managed offerings, encrypts that storage',
    customer: 'where the secret values come from and who can read your manifests are yours',
  },
  frameworks: [cisK8s('5.4.2'), nsaK8s('Secrets'), nist('IA-5(7)'), pci('8.6.2')],
  equivalents: {},
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/secret/',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: ['Secret'], run },
  },
});
