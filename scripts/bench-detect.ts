// Detection benchmark: scores the rules against the KICS CloudFormation and Kubernetes query tests
// (../shared/corpus/kics/labels.jsonl) and the KICS Terraform AWS (HCL) query tests
// (../shared/corpus/kics/labels-terraform.jsonl, `cloud: aws`) through each rule's `equivalents.kics` query IDs
// (KICS query IDs are per platform: a rule lists the CloudFormation and the Terraform query it covers).
//
//   npx tsx scripts/bench-detect.ts            Markdown table (paste into an issue note)
//   npx tsx scripts/bench-detect.ts --json     machine-readable results
//   npx tsx scripts/bench-detect.ts --details  Markdown, plus every miss and false positive (file:line)
//   --corpus <dir>                             another corpus root (default: ../shared/corpus from the repo root)
//   --format cloudformation|kubernetes|terraform  only one format
//   --cloud aws|azure|gcp                      the Terraform set scored (default aws; a comma list for several)
//
// For each KICS query mapped by at least one rule (several rules mapping one query: the union of their findings):
// - positives: labelled lines; "exact" = a finding of a mapped rule starts on that 1-based line; "within" = a
//   finding of a mapped rule lies in the same resource (CloudFormation: the entry under `Resources:` — or under
//   another top-level section such as `Parameters:` — whose span holds the line; Kubernetes: the YAML document;
//   Terraform: the `resource`/`data` block whose text, from its first line, holds the line). A CloudFormation label
//   on a parameter (a secret in its `Default`) also counts "within" when a finding is on a use of that parameter
//   (see parameterAt: Cloudline reports a parameter's default where it is used). A Terraform label on an IAM user,
//   group or role block also counts "within" when a finding is in a policy that applies to that principal (see
//   principalPolicySpans: KICS reports the principal, Cloudline the action in the policy that grants it), and a label on
//   a block whose policy comes from a `data "aws_iam_policy_document"` when the finding is in that document
//   (policyDocumentSpans).
// - negatives: negative files, and how many of them got at least one finding of a mapped rule.
// For the Kubernetes control-plane queries (one KICS query per flag, one Cloudline rule per group of flags) a finding
// counts for a query only when its message names the query's flag (SUBJECTS); likewise for the CloudFormation and
// Terraform queries that each test one property of a rule that checks several (a secret property of CL-AWS-160, an
// ACL value of CL-AWS-050, a Block Public Access setting: PROPERTY_SUBJECTS).
// Files are linted one at a time (file-level: cross-file checks are not in play for this corpus).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultCatalogue } from '../server/src/engine/default-catalogue';
import { lintFiles, type Finding } from '../server/src/engine/lint';
import type { Resource } from '../server/src/formats/resource';
import { initHcl } from '../server/src/model/hcl';
import { parseFile, type ParsedFile } from '../server/src/model/parse';
import { get, type Span } from '../server/src/model/tree';

type Fmt = 'cloudformation' | 'kubernetes' | 'terraform';
const FORMATS: readonly Fmt[] = ['cloudformation', 'kubernetes', 'terraform'];

interface Label {
  format: Fmt;
  query: string;
  query_id: string;
  title: string;
  severity: string;
  category: string;
  label: 'positive' | 'negative';
  file: string;
  line: number | null;
  /** Terraform labels: `aws`, `azure` or `gcp`. */
  cloud?: string;
}

interface Miss {
  file: string;
  line: number;
  /** Why nothing could match: the file is not recognised as its format, or it has syntax errors. */
  note?: string;
  /** Lines of the mapped rules' findings in the file (to see near misses). */
  foundAt: number[];
}

interface QueryResult {
  format: Fmt;
  query: string;
  queryId: string;
  title: string;
  rules: string[];
  positives: number;
  exact: number;
  within: number;
  negatives: number;
  falsePositives: number;
  misses: Miss[];
  /** Positives found within the resource but not on the exact line. */
  offLine: Miss[];
  fpFiles: { file: string; findings: { rule: string; line: number; message: string }[] }[];
}

// ---------- arguments ----------
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const repoRoot = resolve(__dirname, '..');
const corpus = resolve(option('--corpus') ?? join(repoRoot, '..', 'shared', 'corpus'));
const kicsDir = join(corpus, 'kics');
const onlyFormat = option('--format') as Fmt | undefined;
/** The Terraform set scored (`cloud` of labels-terraform.jsonl): `--cloud aws|azure|gcp`, AWS by default. */
const TERRAFORM_CLOUDS = new Set((option('--cloud') ?? 'aws').split(','));
if (!existsSync(join(kicsDir, 'labels.jsonl'))) {
  console.error(`bench-detect: no KICS labels at ${join(kicsDir, 'labels.jsonl')} (lay shared/ beside the checkout, or pass --corpus <dir>)`);
  process.exit(2);
}

// ---------- labels ----------
const readLabels = (name: string): Label[] =>
  existsSync(join(kicsDir, name))
    ? readFileSync(join(kicsDir, name), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Label)
    : [];
const everyLabel: Label[] = [...readLabels('labels.jsonl'), ...readLabels('labels-terraform.jsonl')];
const allLabels: Label[] = everyLabel.filter(
  (l) => FORMATS.includes(l.format) && (l.format !== 'terraform' || TERRAFORM_CLOUDS.has(l.cloud ?? '')),
);
const labels = allLabels.filter((l) => !onlyFormat || l.format === onlyFormat);

// ---------- rules → KICS query IDs ----------
const catalogue = defaultCatalogue();
const rulesByQuery = new Map<string, string[]>();
for (const rule of catalogue.rules) {
  for (const id of rule.equivalents.kics ?? []) {
    const list = rulesByQuery.get(id) ?? [];
    if (!list.includes(rule.id)) list.push(rule.id);
    rulesByQuery.set(id, list);
  }
}

// ---------- the setting a query tests, where one rule maps several queries ----------
// KICS has one query per control-plane flag; a Cloudline rule checks a group of them (CL-K8S-089: the admission
// plugins) and names the flag in each message. Scored per rule, a negative file of one flag's query would count the
// finding about another flag it leaves unset as a false positive, and a positive could be "found" through another flag.
// For these queries a finding counts only when its message names the query's setting (recall and FP alike).
const SUBJECTS: Readonly<Record<string, RegExp>> = {
  always_admit_admission_control_plugin_set: /AlwaysAdmit/,
  node_restriction_admission_control_plugin_not_set: /NodeRestriction/,
  namespace_lifecycle_admission_control_plugin_disabled: /disables? NamespaceLifecycle|NamespaceLifecycle[^.]*disable/,
  service_account_admission_control_plugin_disabled: /disables? ServiceAccount|ServiceAccount[^.]*disable/,
  authorization_mode_set_to_always_allow: /AlwaysAllow/,
  // A mode list with AlwaysAllow lets every request through, whatever else it lists: that finding covers both.
  authorization_mode_node_not_set: /without Node\b|AlwaysAllow/,
  authorization_mode_rbac_not_set: /without RBAC\b|AlwaysAllow/,
  basic_auth_file_is_set: /--basic-auth-file/,
  token_auth_file_is_set: /--token-auth-file/,
  service_account_lookup_set_to_false: /--service-account-lookup/,
  service_account_key_file_not_properly_set: /--service-account-key-file/,
  use_service_account_credentials_not_set_to_true: /--use-service-account-credentials/,
  auto_tls_set_to_true: /(?<!peer-)auto-tls|ETCD_AUTO_TLS/,
  peer_auto_tls_set_to_true: /peer-auto-tls|ETCD_PEER_AUTO_TLS/,
  etcd_client_certificate_authentication_set_to_false: /(?<!peer-)client-cert-auth|ETCD_CLIENT_CERT_AUTH/,
  etcd_peer_client_certificate_authentication_set_to_false: /peer-client-cert-auth|ETCD_PEER_CLIENT_CERT_AUTH/,
  etcd_tls_certificate_files_not_properly_set: /(?<!peer-)--(cert|key)-file|ETCD_(CERT|KEY)_FILE/,
  etcd_peer_tls_certificate_files_not_properly_set: /--peer-(cert|key)-file|ETCD_PEER_(CERT|KEY)_FILE/,
  insecure_port_not_properly_set: /--insecure-port/,
  insecure_bind_address_set: /--insecure-bind-address/,
  secure_port_set_to_zero: /--secure-port/,
  kubelet_read_only_port_is_not_set_to_zero: /read-only-port|readOnlyPort/,
  tls_connection_certificate_not_setup: /--tls-cert-file|--tls-private-key-file|tlsCertFile|tlsPrivateKeyFile/,
  kubelet_protect_kernel_defaults_set_to_false: /protect-kernel-defaults|protectKernelDefaults/,
  kubelet_not_managing_ip_tables: /make-iptables-util-chains|makeIPTablesUtilChains/,
  kubelet_streaming_connection_timeout_disabled: /streaming-connection-idle-timeout|streamingConnectionIdleTimeout/,
  kubelet_client_periodic_certificate_switch_disabled: /rotate-certificates|rotateCertificates/,
  rotate_kubelet_server_certificate_not_active: /RotateKubeletServerCertificate/,
  client_certificate_authentication_not_setup_properly: /--client-ca-file/,
  kubelet_https_set_to_false: /--kubelet-https/,
  kubelet_certificate_authority_not_set: /--kubelet-certificate-authority/,
  kubelet_client_certificate_or_key_not_set: /--kubelet-client-(certificate|key)/,
  // KICS's names are the other way round from its descriptions: "client certificate file" is --etcd-cafile.
  etcd_client_certificate_file_not_defined: /--etcd-cafile/,
  etcd_tls_certificate_not_properly_configured: /--etcd-(certfile|keyfile)/,
  audit_log_path_not_set: /--audit-log-path/,
  audit_policy_file_not_defined: /--audit-policy-file/,
  encryption_provider_config_is_not_defined: /--encryption-provider-config/,
  encryption_provider_not_properly_configured: /EncryptionConfiguration/,
  weak_tls_cipher_suites: /tls-cipher-suites|tlsCipherSuites/,
  root_ca_file_not_defined: /--root-ca-file/,
};

// The same for CloudFormation and Terraform queries that test one property of a rule that checks several: one rule
// (CL-AWS-160) reports every literal secret property of a resource, one (CL-AWS-050) every public ACL value, one
// (CL-AWS-001/-002) every Block Public Access setting; KICS has a query per
// property or value, and each query's negatives write the others. A finding counts for such a query only when its
// message names the query's property or value (recall and FP alike). A bucket with no public access block at all
// leaves every setting off, so that finding counts for each Block Public Access query.
const NO_BLOCK = 'no aws_s3_bucket_public_access_block|no PublicAccessBlockConfiguration';
const PROPERTY_SUBJECTS: Readonly<Record<Fmt, Readonly<Record<string, RegExp>>>> = {
  cloudformation: {
    alexa_skill_plaintext_client_secret_exposed: /\bClientSecret\b/,
    refresh_token_is_exposed: /\bRefreshToken\b/,
    amplify_app_access_token_exposed: /\bAccessToken\b/,
    amplify_app_oauth_token_exposed: /\bOauthToken\b/,
    amplify_app_basic_auth_config_password_exposed: /\bBasicAuthConfig\b/,
    amplify_branch_basic_auth_config_password_exposed: /\bBasicAuthConfig\b/,
    s3_bucket_acl_allows_read_or_write_to_all_users: /\bPublicReadWrite\b/,
    s3_bucket_acl_allows_read_to_all_users: /\bPublicRead\b(?!Write)/,
    s3_bucket_acl_allows_read_to_any_authenticated_user: /\bAuthenticatedRead\b/,
  },
  terraform: {
    s3_bucket_allows_public_acl: new RegExp(`\\bblock_public_acls\\b|${NO_BLOCK}`),
    s3_bucket_with_public_policy: new RegExp(`\\bblock_public_policy\\b|${NO_BLOCK}`),
    s3_bucket_without_ignore_public_acl: new RegExp(`\\bignore_public_acls\\b|${NO_BLOCK}`),
    s3_bucket_without_restriction_of_public_bucket: new RegExp(`\\brestrict_public_buckets\\b|${NO_BLOCK}`),
  },
  kubernetes: {},
};

// ---------- linting, once per file ----------
interface Linted {
  file: ParsedFile;
  findings: readonly Finding[];
  /** 1-based line of each finding's start. */
  lineOf: Map<Finding, number>;
  recognised: boolean;
  problems: number;
  errors: readonly string[];
  /** Terraform: each resource block's span, from the start of its `resource` line to the end of its body. */
  blocks: Span[];
  /** Terraform: the resources, each with its block's span (as in `blocks`). */
  tfResources: TfBlock[];
  /** Terraform: the same, by resource address (`aws_iam_role.r`, `data.aws_iam_policy_document.d`). */
  tfById: Map<string, TfBlock>;
}

/** A Terraform resource of a linted file with its block's span. */
interface TfBlock {
  resource: Resource;
  span: Span;
}
const linted = new Map<string, Linted>();
function lint(rel: string): Linted {
  let got = linted.get(rel);
  if (got) return got;
  const text = readFileSync(join(kicsDir, rel), 'utf8');
  const file = parseFile(rel, text);
  const [result] = lintFiles([file], catalogue);
  const tfResources = result.resources
    .filter((r) => r.format === 'terraform')
    .map((resource): TfBlock => ({ resource, span: [file.lines.lineStart(file.lines.positionAt(Math.min(resource.typeNode.span[0], resource.anchor.span[0], resource.node.span[0])).line), resource.node.span[1]] }));
  const blocks = tfResources.map((t) => t.span);
  const lineOf = new Map<Finding, number>();
  for (const f of result.findings) lineOf.set(f, file.lines.positionAt(f.span[0]).line + 1);
  got = {
    file,
    findings: result.findings,
    lineOf,
    recognised: file.docs.some((d) => d.format !== undefined),
    problems: file.problems.filter((p) => p.severity === 'error').length,
    errors: result.errors,
    blocks,
    tfResources,
    tfById: new Map(tfResources.map((t) => [t.resource.id, t])),
  };
  linted.set(rel, got);
  return got;
}

/** The span of the "resource" that holds 1-based `line`: see the header. Undefined when no resource holds it. */
function resourceSpanAt(l: Linted, format: Fmt, line: number): Span | undefined {
  const { file } = l;
  const start = file.lines.lineStart(line - 1);
  const end = line < file.lines.lineCount ? file.lines.lineStart(line) : file.text.length;
  const holds = (s: Span) => s[0] < end && start < s[1];
  for (const d of file.docs) {
    if (!holds(d.doc.span)) continue;
    if (format === 'kubernetes') return d.doc.span;
    if (format === 'terraform') return l.blocks.filter(holds).sort((a, b) => a[1] - a[0] - (b[1] - b[0]))[0];
    const root = d.doc.root;
    if (root?.kind !== 'map') continue;
    for (const section of root.pairs) {
      if (!holds(section.span) || section.value.kind !== 'map') continue;
      for (const entry of section.value.pairs) if (holds(entry.span)) return entry.span;
    }
  }
  return undefined;
}

/**
 * CloudFormation: the name of the parameter whose entry under `Parameters:` holds 1-based `line`, if any.
 * KICS labels a plaintext secret given as a parameter's `Default` on the parameter; Cloudline reports it where a
 * resource uses the parameter (house style: a value from a parameter's default is reported at its use, and the
 * message names the parameter). A finding of a mapped rule on a use of that parameter (`Ref`/`!Ref` to it, or
 * `${Name}` in a `Fn::Sub`) therefore counts as "within": it is the same problem, placed at the other end.
 */
function parameterAt(l: Linted, line: number): string | undefined {
  const { file } = l;
  const start = file.lines.lineStart(line - 1);
  const end = line < file.lines.lineCount ? file.lines.lineStart(line) : file.text.length;
  for (const d of file.docs) {
    const root = d.doc.root;
    if (root?.kind !== 'map') continue;
    for (const section of root.pairs) {
      if (section.key.value !== 'Parameters' || section.value.kind !== 'map') continue;
      for (const entry of section.value.pairs) if (entry.span[0] < end && start < entry.span[1]) return String(entry.key.value);
    }
  }
  return undefined;
}

const PRINCIPALS = new Set(['aws_iam_user', 'aws_iam_group', 'aws_iam_role']);

/**
 * Terraform: when 1-based `line` lies in an IAM user, group or role block, the spans of the policies that apply to
 * that principal: the resources that name it (`aws_iam_user_policy` `user`, `aws_iam_policy_attachment` `users`,
 * `aws_iam_role_policy_attachment` `role`…) and the resources those name (the `aws_iam_policy` behind `policy_arn`,
 * the `aws_iam_policy_document` behind `policy`), other principals aside. KICS labels the principal of the
 * "privilege escalation by actions" queries; Cloudline reports the action in the policy that grants it (CL-AWS-011,
 * CL-AWS-012), whether attached or not. A finding of a mapped rule there counts as "within": the same problem, placed
 * at the other end. "Exact" is unchanged.
 */
function principalPolicySpans(l: Linted, line: number): Span[] {
  const principal = tfBlockAt(l, line, (r) => PRINCIPALS.has(r.type));
  if (!principal) return [];
  const byId = l.tfById;
  const attachers = l.tfResources.filter((t) => t !== principal && !PRINCIPALS.has(t.resource.type) && t.resource.references().includes(principal.resource.id));
  const spans = new Set<Span>();
  for (const a of attachers) {
    spans.add(a.span);
    for (const id of a.resource.references()) {
      const named = byId.get(id);
      if (!named || PRINCIPALS.has(named.resource.type)) continue;
      spans.add(named.span);
      for (const inner of named.resource.references()) {
        const doc = byId.get(inner);
        if (doc && !PRINCIPALS.has(doc.resource.type)) spans.add(doc.span);
      }
    }
  }
  return [...spans];
}

/**
 * Terraform: when 1-based `line` lies in a block that takes its policy from a `data "aws_iam_policy_document"` (a
 * resource policy's `policy = data.aws_iam_policy_document.x.json`), the spans of those documents. KICS labels the
 * block's `policy` line; Cloudline reports the action or principal inside the document the block uses (CL-AWS-164,
 * the public resource policy rules). A finding of a mapped rule there counts as "within", as for principals above.
 * "Exact" is unchanged.
 */
function policyDocumentSpans(l: Linted, line: number): Span[] {
  const isDocument = (r: Resource) => r.type === 'data.aws_iam_policy_document';
  const block = tfBlockAt(l, line, () => true);
  if (!block || isDocument(block.resource)) return [];
  return block.resource
    .references()
    .map((id) => l.tfById.get(id))
    .filter((t): t is TfBlock => t !== undefined && isDocument(t.resource))
    .map((t) => t.span);
}

/** Terraform: the first block that holds 1-based `line` among those whose resource `accept` takes. */
function tfBlockAt(l: Linted, line: number, accept: (r: Resource) => boolean): TfBlock | undefined {
  const at = l.file.lines.lineStart(line - 1);
  return l.tfResources.find((t) => accept(t.resource) && t.span[0] <= at && at < t.span[1]);
}

/** True when the finding's text is a reference to parameter `name` (see parameterAt). */
function usesParameter(l: Linted, f: Finding, name: string): boolean {
  const text = l.file.text.slice(f.span[0], f.span[1]);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:Ref['"]?\\s*:\\s*['"]?|!Ref\\s+['"]?|\\$\\{)${escaped}(?![A-Za-z0-9_.])`).test(text);
}

// The HCL parser (WebAssembly) loads once, before any `.tf` file is parsed.
void initHcl().then(score);

function score(): void {
  // ---------- scoring ----------
  const byQuery = new Map<string, Label[]>();
  for (const l of labels) {
    const key = `${l.format}\u0000${l.query_id}`;
    const list = byQuery.get(key) ?? [];
    list.push(l);
    byQuery.set(key, list);
  }

  const results: QueryResult[] = [];
  const unmapped: { format: Fmt; query: string; queryId: string; title: string; positives: number; negatives: number }[] = [];
  for (const list of byQuery.values()) {
    const { format, query, query_id: queryId, title } = list[0];
    const rules = rulesByQuery.get(queryId);
    const positives = list.filter((l) => l.label === 'positive');
    const negatives = [...new Set(list.filter((l) => l.label === 'negative').map((l) => l.file))];
    if (!rules) {
      unmapped.push({ format, query, queryId, title, positives: positives.length, negatives: negatives.length });
      continue;
    }
    const res: QueryResult = { format, query, queryId, title, rules, positives: positives.length, exact: 0, within: 0, negatives: negatives.length, falsePositives: 0, misses: [], offLine: [], fpFiles: [] };
    const subject = (format === 'kubernetes' ? SUBJECTS[query] : undefined) ?? PROPERTY_SUBJECTS[format][query];
    const ours = (l: Linted) => l.findings.filter((f) => rules.includes(f.rule.id) && (!subject || subject.test(f.message)));
    for (const p of positives) {
      const l = lint(p.file);
      const mine = ours(l);
      const line = p.line ?? 0;
      const exact = mine.some((f) => l.lineOf.get(f) === line);
      const span = resourceSpanAt(l, format, line);
      const param = format === 'cloudformation' ? parameterAt(l, line) : undefined;
      const policies = format === 'terraform' ? [...principalPolicySpans(l, line), ...policyDocumentSpans(l, line)] : [];
      const inSpan = (s: Span) => mine.some((f) => s[0] <= f.span[0] && f.span[0] < s[1]);
      const within =
        exact ||
        (span !== undefined && inSpan(span)) ||
        (param !== undefined && mine.some((f) => usesParameter(l, f, param))) ||
        policies.some(inSpan);
      const foundAt = mine.map((f) => l.lineOf.get(f)!);
      if (exact) res.exact++;
      if (within) res.within++;
      if (!within) {
        const note = !l.recognised ? `not recognised as ${format}` : l.problems ? `${l.problems} syntax error(s)` : l.errors.length ? `check threw: ${l.errors[0].split('\n')[0]}` : undefined;
        res.misses.push({ file: p.file, line, note, foundAt });
      } else if (!exact) res.offLine.push({ file: p.file, line, foundAt });
    }
    for (const file of negatives) {
      const l = lint(file);
      const mine = ours(l);
      if (mine.length) {
        res.falsePositives++;
        res.fpFiles.push({ file, findings: mine.map((f) => ({ rule: f.rule.id, line: l.lineOf.get(f)!, message: f.message })) });
      }
    }
    results.push(res);
  }
  const order = (a: { format: Fmt; query: string }, b: { format: Fmt; query: string }) => FORMATS.indexOf(a.format) - FORMATS.indexOf(b.format) || a.query.localeCompare(b.query);
  results.sort(order);
  unmapped.sort(order);

  const totals = FORMATS.filter((f) => !onlyFormat || f === onlyFormat).map((format) => {
    const rs = results.filter((r) => r.format === format);
    const sum = (k: 'positives' | 'exact' | 'within' | 'negatives' | 'falsePositives') => rs.reduce((n, r) => n + r[k], 0);
    const all = byQuery.size ? [...byQuery.values()].filter((l) => l[0].format === format).length : 0;
    return { format, queries: all, mapped: rs.length, positives: sum('positives'), exact: sum('exact'), within: sum('within'), negatives: sum('negatives'), falsePositives: sum('falsePositives') };
  });

  // Checks that threw on a corpus file: a rule bug, whatever the labels say.
  const ruleErrors = [...linted.entries()].flatMap(([file, l]) => l.errors.map((e) => ({ file, error: e.split('\n')[0] })));

  // KICS IDs listed by rules that label no query of these formats (another platform's IDs, or a typo): informative only.
  // (every cloud's labels: a Google Cloud rule's ID is not unknown in a run that scores AWS)
  const known = new Set(everyLabel.map((l) => l.query_id));
  const unknownIds = [...rulesByQuery.entries()].filter(([id]) => !known.has(id)).map(([id, rules]) => ({ id, rules }));

  // ---------- output ----------
  if (flag('--json')) {
    console.log(JSON.stringify({ corpus, totals, queries: results, unmapped, unknownKicsIds: unknownIds, ruleErrors }, null, 2));
  } else {
    const pct = (n: number, d: number) => (d ? `${n} (${Math.round((100 * n) / d)}%)` : '–');
    const out: string[] = [];
    out.push('## Detection benchmark: KICS query tests', '');
    out.push(`Corpus: \`${corpus}\`. Recall "exact" = a finding of a mapped rule starts on the labelled line; "within" = in the same resource (CloudFormation: the template entry; Kubernetes: the document; Terraform: the resource block). FP = negative files with a finding of a mapped rule.`, '');
    out.push('| format | KICS query | rule(s) | positives | recall exact | recall within | negatives | FP files |');
    out.push('|---|---|---|---:|---:|---:|---:|---:|');
    for (const r of results) {
      out.push(`| ${r.format} | ${r.query} | ${r.rules.join(', ')} | ${r.positives} | ${pct(r.exact, r.positives)} | ${pct(r.within, r.positives)} | ${r.negatives} | ${r.falsePositives} |`);
    }
    out.push('', '### Totals', '');
    out.push('| format | KICS queries | mapped | positives | recall exact | recall within | negatives | FP files |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const t of totals) {
      out.push(`| ${t.format} | ${t.queries} | ${t.mapped} | ${t.positives} | ${pct(t.exact, t.positives)} | ${pct(t.within, t.positives)} | ${t.negatives} | ${pct(t.falsePositives, t.negatives)} |`);
    }
    if (ruleErrors.length) {
      out.push('', `**Checks that threw** (rule bugs) on ${ruleErrors.length} file(s):`);
      for (const e of ruleErrors) out.push(`- ${e.file}: ${e.error}`);
    }
    for (const format of FORMATS.filter((f) => !onlyFormat || f === onlyFormat)) {
      const um = unmapped.filter((u) => u.format === format);
      out.push('', `### ${format}: KICS queries no rule maps (${um.length})`, '');
      out.push(um.map((u) => `\`${u.query}\``).join(', ') || '(none)');
    }
    if (unknownIds.length) {
      out.push('', `KICS IDs listed by rules that no CloudFormation/Kubernetes/Terraform label uses (other platforms' IDs, or typos): ${unknownIds.length}.`);
    }
    if (flag('--details')) {
      out.push('', '### Details', '');
      for (const r of results) {
        if (!r.misses.length && !r.fpFiles.length && !r.offLine.length) continue;
        out.push(`#### ${r.format} ${r.query} (${r.rules.join(', ')})`);
        for (const m of r.misses) out.push(`- miss ${m.file}:${m.line}${m.note ? ` — ${m.note}` : ''}${m.foundAt.length ? ` (found at ${m.foundAt.join(', ')})` : ''}`);
        for (const m of r.offLine) out.push(`- off-line ${m.file}:${m.line} (found at ${m.foundAt.join(', ')})`);
        for (const f of r.fpFiles) out.push(`- FP ${f.file}: ${f.findings.map((x) => `${x.rule}@${x.line} ${x.message.split('. ')[0]}`).join(' | ')}`);
      }
      for (const u of unknownIds) out.push(`- unknown KICS id ${u.id} (${u.rules.join(', ')})`);
    }
    console.log(out.join('\n'));
  }
}
