// IAM policy documents as the aws-identity rules see them, and the credential detectors those rules share.
//
// Policies come in three shapes: a CloudFormation PolicyDocument mapping, a JSON policy written as a string
// (Terraform `policy`, `assume_role_policy`, plan values; parsed with positions mapped into the file), and the
// `statement` blocks of a Terraform `data.aws_iam_policy_document`. `Statement` gives all three one face:
// effect, actions, resources and principals as lists of leaf values, and whether a Condition may narrow it.
import { type Check, type CheckContext, type FrameworkRef, get, jsonDocuments, type Node, nist, pairOf, pci, planConfigurationOf, type Resource, type Responsibility, type Rule, type ScalarNode, type Severity, soc2, str, Val, withId, words } from '../kit';
import { wildcardMatch } from '../kit/match';
import { perKey } from './memo';

export type Syntax = 'json' | 'tf-doc';

const KEYS = {
  json: {
    effect: 'Effect', action: 'Action', notAction: 'NotAction', resource: 'Resource', notResource: 'NotResource',
    principal: 'Principal', notPrincipal: 'NotPrincipal', condition: 'Condition',
  },
  'tf-doc': {
    effect: 'effect', action: 'actions', notAction: 'not_actions', resource: 'resources', notResource: 'not_resources',
    principal: 'principals', notPrincipal: 'not_principals', condition: 'condition',
  },
} as const;

/**
 * Condition keys that do not narrow who may act: TLS only, or request headers any client can set (AWS warns that
 * aws:Referer must not be relied on against unauthorised access). A statement using only these is still open.
 */
const NON_NARROWING_CONDITION_KEYS = new Set(['aws:securetransport', 'aws:referer', 'aws:useragent']);

/** A principal entry: its type (`*` for the bare `"Principal": "*"`, else AWS, Service, Federated, CanonicalUser) and one value. */
export interface PrincipalEntry {
  readonly type: string;
  readonly value: Val;
}

/** One statement of a policy, whatever its syntax. Values are leaf values (one alternative each, known or unknown). */
export class Statement {
  constructor(
    readonly val: Val,
    readonly syntax: Syntax,
    /** The resource the statement is written in (a referenced data source for Terraform `…json` references). */
    readonly source: Resource,
  ) {}

  private key(k: keyof (typeof KEYS)['json']): string {
    return KEYS[this.syntax][k];
  }

  /** True when the statement is known to allow (Terraform policy documents default to Allow). */
  get allows(): boolean {
    const effect = this.val.get(this.key('effect'));
    if (this.syntax === 'tf-doc' && effect.isAbsent) return true;
    return effect.str() === 'Allow';
  }

  get actions(): Val[] {
    return leaves(this.val.get(this.key('action')));
  }

  get resources(): Val[] {
    return leaves(this.val.get(this.key('resource')));
  }

  /** The written NotAction / NotResource / NotPrincipal value, when present. */
  not(element: 'action' | 'resource' | 'principal'): Val | undefined {
    const k = element === 'action' ? 'notAction' : element === 'resource' ? 'notResource' : 'notPrincipal';
    const v = this.val.get(this.key(k));
    return v.isAbsent ? undefined : v;
  }

  /** True when the statement names principals (a resource or trust policy, not an identity policy). */
  get hasPrincipal(): boolean {
    return !this.val.get(this.key('principal')).isAbsent || this.not('principal') !== undefined;
  }

  /** Principal entries with their known types; values may be unknown. */
  get principals(): PrincipalEntry[] {
    const out: PrincipalEntry[] = [];
    const p = this.val.get(this.key('principal'));
    if (this.syntax === 'json') {
      for (const alt of p.each()) {
        if (alt.isMap) {
          for (const [k, v] of alt.entries()) for (const leaf of leaves(v)) out.push({ type: String(k.value), value: leaf });
        } else if (alt.str() !== undefined) {
          out.push({ type: '*', value: alt });
        }
      }
    } else {
      for (const block of p.list()) {
        for (const b of block.each()) {
          const type = b.get('type').str();
          if (type === undefined) continue;
          for (const leaf of leaves(b.get('identifiers'))) out.push({ type, value: leaf });
        }
      }
    }
    return out;
  }

  /** The values that grant everyone: `"Principal": "*"`, `{"AWS": "*"}`, Terraform `type = "*"` or `"AWS"` with identifier `*`. */
  get everyone(): Val[] {
    return this.principals.filter((p) => (p.type === '*' || p.type === 'AWS') && p.value.str() === '*').map((p) => p.value);
  }

  /**
   * True when a Condition may narrow the statement: any condition whose keys are not all known and non-narrowing
   * (`aws:SecureTransport`, `aws:Referer`, `aws:UserAgent`). An unknown condition counts as narrowing: we never guess.
   */
  get mayBeNarrowed(): boolean {
    const c = this.val.get(this.key('condition'));
    if (c.isAbsent) return false;
    if (c.alts.length !== 1 || !c.isKnown) return true;
    if (this.syntax === 'json') {
      if (!c.isMap) return true;
      for (const [, byKey] of c.entries()) {
        if (byKey.alts.length !== 1 || !byKey.isMap) return true;
        for (const [k] of byKey.entries()) if (!NON_NARROWING_CONDITION_KEYS.has(String(k.value).toLowerCase())) return true;
      }
      return false;
    }
    for (const block of c.list()) {
      const variable = block.get('variable').str();
      if (variable === undefined || !NON_NARROWING_CONDITION_KEYS.has(variable.toLowerCase())) return true;
    }
    return false;
  }
}

/** The leaf values of a scalar or (nested) list, each alternative of `Fn::If` on its own; unknown leaves included. */
export function leaves(v: Val, depth = 0): Val[] {
  const out: Val[] = [];
  if (depth > 8) return out;
  for (const alt of v.each()) {
    if (alt.isAbsent) continue;
    if (alt.isSeq) for (const item of alt.items()) out.push(...leaves(item, depth + 1));
    else out.push(alt);
  }
  return out;
}

/** `${data.aws_iam_policy_document.NAME.json}` (optionally with a count index): the whole value is the document. */
const DATA_DOC_REF = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)(?:\[\d+\])?\.json\}$/;

/** The policy documents a policy value holds: a mapping, or a JSON string parsed in place (kit `jsonDocuments`). */
function documents(policy: Val, r: Resource): Val[] {
  return jsonDocuments(policy, r).filter((d) => d.isMap);
}

/** The statements of a JSON-syntax policy value (mapping or string). */
function jsonStatements(policy: Val, r: Resource): Statement[] {
  const out: Statement[] = [];
  for (const doc of documents(policy, r)) {
    for (const s of doc.get('Statement').list()) for (const alt of s.each()) if (alt.isMap) out.push(new Statement(alt, 'json', r));
  }
  return out;
}

/** The statement blocks of a `data.aws_iam_policy_document`. */
export function docStatements(d: Resource): Statement[] {
  const out: Statement[] = [];
  for (const s of d.body.get('statement').list()) for (const alt of s.each()) if (alt.isMap) out.push(new Statement(alt, 'tf-doc', d));
  return out;
}

/**
 * The statements of a policy value. With `ctx`, a Terraform value that is exactly
 * `${data.aws_iam_policy_document.NAME.json}` is followed to that data source in the same file.
 */
export function policyStatements(policy: Val, r: Resource, ctx?: CheckContext): Statement[] {
  const out = jsonStatements(policy, r);
  if (ctx && r.format === 'terraform') {
    for (const alt of policy.each()) {
      if (!alt.isUnknown) continue;
      const m = DATA_DOC_REF.exec(str(alt.at) ?? '');
      if (!m) continue;
      const id = `data.aws_iam_policy_document.${m[1]}`;
      for (const d of withId(ctx, id)) if (d.type === 'data.aws_iam_policy_document') out.push(...docStatements(d));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Identity policies (attached to users, groups and roles): where they are written per resource type.

export const IDENTITY_POLICY_CFN_TYPES = [
  'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group',
  'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
  'AWS::Serverless::Function', 'AWS::Serverless::StateMachine',
];

export const IDENTITY_POLICY_TF_TYPES = [
  'aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role', 'data.aws_iam_policy_document',
];

/**
 * The identity-policy statements written in a resource: PolicyDocument, inline `Policies`, Terraform `policy`
 * and `inline_policy`, and a policy document data source's statements that name no principal (a statement
 * with a principal belongs to a resource or trust policy). Referenced data sources are not followed: they are
 * checked as resources of their own. Read once per resource and lint, however many rules ask (`perKey`).
 */
export const identityStatements: (r: Resource) => readonly Statement[] = perKey(readIdentityStatements);

function readIdentityStatements(r: Resource): Statement[] {
  let out: Statement[] = [];
  switch (r.type) {
    case 'AWS::IAM::Role':
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
      for (const p of r.body.get('Policies').list()) out.push(...jsonStatements(p.get('PolicyDocument'), r));
      break;
    case 'aws_iam_role':
      for (const p of r.body.get('inline_policy').list()) out.push(...jsonStatements(p.get('policy'), r));
      break;
    case 'AWS::Serverless::Function':
    case 'AWS::Serverless::StateMachine':
      // AWS SAM `Policies`: one policy or a list of inline documents (with `Statement`), policy templates and managed
      // policy names or ARNs; SAM attaches them to the execution role it creates.
      for (const p of r.body.get('Policies').each().flatMap((alt) => (alt.isSeq ? alt.items() : [alt]))) out.push(...jsonStatements(p, r));
      break;
    case 'data.aws_iam_policy_document':
      out = docStatements(r);
      break;
    default:
      out = jsonStatements(r.body.get(r.format === 'cloudformation' ? 'PolicyDocument' : 'policy'), r);
  }
  return out.filter((s) => !s.hasPrincipal);
}

/** What to call a resource holding a policy, for messages. */
export function policyHolder(r: Resource): string {
  switch (r.type) {
    case 'AWS::IAM::Role':
    case 'aws_iam_role':
      return `IAM role ${r.id}`;
    case 'AWS::IAM::User':
      return `IAM user ${r.id}`;
    case 'AWS::IAM::Group':
      return `IAM group ${r.id}`;
    case 'AWS::Serverless::Function':
      return `The execution role of function ${r.id}`;
    case 'AWS::Serverless::StateMachine':
      return `The execution role of state machine ${r.id}`;
    case 'data.aws_iam_policy_document':
      return `Policy document ${r.id}`;
    default:
      return `IAM policy ${r.id}`;
  }
}

/**
 * The responsibility of an identity rule: the customer's, IAM being SaaS (AWS runs it, the policies are yours).
 * `provider` defaults to what every identity-policy rule says of IAM.
 */
export function identityResponsibility(customer: string, provider = 'AWS runs IAM and evaluates every request against the policies you attach'): Responsibility {
  return { owner: 'customer', model: 'SaaS', layer: 'identity-and-access', provider, customer };
}

/** Least privilege, as the identity-policy rules cite it (with any further controls after these). */
export const LEAST_PRIVILEGE: readonly FrameworkRef[] = [nist('AC-6'), soc2('CC6.3'), pci('7.2.2')];

// ---------------------------------------------------------------------------------------------------------------
// The actions an identity policy allows: one walker, one reporter (CL-AWS-003, CL-AWS-010, CL-AWS-011, CL-AWS-012).

/** An action that an Allow statement of an identity policy lists. */
export interface AllowedAction {
  /** The action's value (where a finding goes). */
  readonly at: Val;
  readonly action: string;
  /** The statement allows it on Resource "*". */
  readonly onEverything: boolean;
  /** It is the first action of its statement with this text (a statement that lists "*" twice is one finding). */
  readonly first: boolean;
}

/** Every known action an Allow statement of `r`'s identity policies lists, in the order written (read once per lint). */
export const allowedActions: (r: Resource) => readonly AllowedAction[] = perKey(readAllowedActions);

function readAllowedActions(r: Resource): AllowedAction[] {
  const out: AllowedAction[] = [];
  for (const s of identityStatements(r)) {
    if (!s.allows) continue;
    const onEverything = s.resources.some((x) => x.str() === '*');
    const seen = new Set<string>();
    for (const at of s.actions) {
      const action = at.str();
      if (action === undefined) continue;
      out.push({ at, action, onEverything, first: !seen.has(action) });
      seen.add(action);
    }
  }
  return out;
}

/** How the identity-policy rules say that a grant holds on every resource. */
export const ON_EVERY_RESOURCE = 'on every resource ("*")';

/**
 * The checks of a rule about the actions identity policies allow: `grants` says what an allowed action grants that
 * the rule reports ("every action (\"*\") on every resource (\"*\"), which …"), or undefined; the finding is
 * "<holder> allows <that>" at the action. They read their resource only (referenced data sources are checked as
 * resources of their own).
 */
export function allowedActionChecks(grants: (a: AllowedAction) => string | undefined): Rule['checks'] {
  const run = (r: Resource, ctx: CheckContext): void => {
    for (const a of allowedActions(r)) {
      const what = grants(a);
      if (what !== undefined) ctx.report(a.at, `${policyHolder(r)} allows ${what}`);
    }
  };
  return {
    cloudformation: { reads: 'resource', types: IDENTITY_POLICY_CFN_TYPES, run },
    terraform: { reads: 'resource', types: IDENTITY_POLICY_TF_TYPES, run },
  };
}

/** True for an action pattern narrower than a whole service: not `*`, not `iam:*` (CL-AWS-003 and CL-AWS-010 cover those). */
export function narrowerThanService(action: string): boolean {
  const colon = action.indexOf(':');
  return colon >= 0 && action.slice(colon + 1) !== '*';
}

// ---------------------------------------------------------------------------------------------------------------
// Actions

/** Case-insensitive IAM wildcard match (`*` any run, `?` one character), in linear time (the kit's matcher). */
export function globMatch(pattern: string, text: string): boolean {
  return wildcardMatch(pattern, text, { ignoreCase: true, questionMark: true });
}

/** `service:*` (the whole of one service), e.g. `s3:*`; undefined for anything else. */
export function serviceWildcard(action: string): string | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || action.slice(colon + 1) !== '*') return undefined;
  const service = action.slice(0, colon);
  for (let i = 0; i < service.length; i++) {
    const c = service.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
    if (!ok) return undefined;
  }
  return service;
}

/** Quotes a list of names for a message: `"a", "b" and "c"`. */
export function quoteList(items: readonly string[], max = 4): string {
  const q = items.slice(0, max).map((s) => `"${s}"`);
  const more = items.length - q.length;
  if (more > 0) return `${q.join(', ')} and ${more} more`;
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Public resource policies (S3, KMS, SQS, SNS, ECR): Allow to everyone without a narrowing Condition.

export interface PublicGrant {
  readonly statement: Statement;
  /** The `*` principal value, or the NotPrincipal value of an Allow + NotPrincipal statement. */
  readonly at: Val;
  readonly notPrincipal: boolean;
}

/** Allow statements that grant everyone and that no Condition narrows. */
export function publicGrants(statements: readonly Statement[]): PublicGrant[] {
  const out: PublicGrant[] = [];
  for (const s of statements) {
    if (!s.allows || s.mayBeNarrowed) continue;
    const everyone = s.everyone[0];
    if (everyone) {
      out.push({ statement: s, at: everyone, notPrincipal: false });
      continue;
    }
    const np = s.not('principal');
    if (np && np.isKnown) out.push({ statement: s, at: np, notPrincipal: true });
  }
  return out;
}

/** Known action names of a statement, for messages (`*` when it uses NotAction). */
export function actionNames(s: Statement): string[] {
  if (s.not('action')) return ['all actions but those in NotAction'];
  return s.actions.map((a) => a.str()).filter((x): x is string => x !== undefined);
}

// ---------------------------------------------------------------------------------------------------------------
// Where a finding about a property as a whole goes: its key.

/** The key naming a value in its mapping (for a finding about the property as a whole), else the value. */
export function keyOf(v: Val): Node {
  return pairOf(v.at)?.key ?? v.at;
}

// ---------------------------------------------------------------------------------------------------------------
// Terraform plans: whether an attribute was written as a constant in the configuration.

/**
 * For a plan resource, the configuration expression at `path` (nested blocks are lists in configuration): `constant`
 * when written as a literal, `expression` when it refers to variables, resources or calls functions, `missing` when
 * the plan carries no configuration for it. A value known in a plan that came from a variable is not written in the
 * code, so checks about hard-coded values report only constants.
 */
export function planProvenance(r: Resource, path: readonly string[]): 'constant' | 'expression' | 'missing' {
  let expr: Node | undefined = planConfigurationOf(r)?.expressions;
  for (const k of path) {
    if (!expr) return 'missing';
    if (get(expr, 'constant_value') !== undefined) return 'constant';
    if (expr.kind === 'seq') expr = expr.items[0];
    expr = get(expr, k);
  }
  if (!expr) return 'missing';
  return get(expr, 'constant_value') !== undefined ? 'constant' : 'expression';
}

// ---------------------------------------------------------------------------------------------------------------
// Credentials: secret-looking names, AWS access keys, private keys, `password=` assignments.

/** Word sequences that, ending a name, say the value is a secret. */
const SECRET_ENDINGS: readonly (readonly string[])[] = [
  ['password'], ['passwd'], ['pwd'], ['passphrase'], ['secret'], ['token'],
  ['apikey'], ['api', 'key'], ['privatekey'], ['private', 'key'], ['secretkey'], ['secret', 'key'],
  ['secret', 'access', 'key'], ['credential'], ['credentials'],
];

/**
 * True when a parameter or variable name says it holds a secret: it ends with password, secret, token, API key,
 * private key, … (`DBPassword`, `GITHUB_TOKEN`, `ApiKey`). Names that only describe a secret do not count:
 * `PasswordLength`, `SecretArn`, `TokenTtl`, `DbPasswordSecretName` end with another word.
 */
export function looksSecretName(name: string): boolean {
  const w = words(name);
  // A bare `PWD` is the shell's working directory, not a password.
  if (w.length === 0 || (w.length === 1 && w[0] === 'pwd')) return false;
  const last = w[w.length - 1];
  if (last.length > 3 && last.endsWith('s') && ['passwords', 'secrets', 'tokens', 'apikeys', 'keys'].includes(last)) {
    w[w.length - 1] = last.slice(0, -1);
  }
  return SECRET_ENDINGS.some((end) => end.length <= w.length && end.every((x, i) => w[w.length - end.length + i] === x));
}

/** An AWS access key ID (long-term `AKIA…` or temporary `ASIA…`). Linear: fixed-width look-arounds, one bounded class. */
const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;
/** A PEM private key header (RSA, EC, OPENSSH, DSA, ENCRYPTED or bare), or an OpenPGP armoured one (`PGP PRIVATE KEY BLOCK`). Bounded class, no nesting. */
const PRIVATE_KEY = /-----BEGIN [A-Z ]{0,24}PRIVATE KEY(?: BLOCK)?-----/g;
/**
 * `name=value` / `name: value` / `"name": "value"`: a name starting at a word start (the look-behind keeps the scan
 * linear), an optional closing quote, then a quoted or bare value on the same line.
 */
const ASSIGNMENT = /(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)["']?[ \t]*[=:][ \t]*("[^"\r\n]*"|'[^'\r\n]*'|[^\s"';&|]+)/g;

export interface SecretHit {
  /** What was found, for the message: `an AWS access key ID`, `a private key`, `a value for DB_PASSWORD`. */
  readonly what: string;
  /** The text to point at (found in the source to place the finding). */
  readonly text: string;
}

/** True when an access key ID appears in `s`. */
export function hasAccessKeyId(s: string): boolean {
  ACCESS_KEY_ID.lastIndex = 0;
  return ACCESS_KEY_ID.test(s);
}

/** True for a value that is a reference to a secret rather than a secret: an ARN, an SSM path, a dynamic reference. */
export function isReferenceValue(v: string): boolean {
  const t = v.trim();
  return t.startsWith('arn:') || t.startsWith('{{resolve:') || (t.startsWith('/') && !t.includes(' '));
}

/** A literal value that could be a credential: not empty, not a boolean, not a reference or a substitution. */
export function isLiteralSecretValue(v: string): boolean {
  const t = v.trim();
  if (t === '' || ['true', 'false', 'null', 'none', 'yes', 'no'].includes(t.toLowerCase())) return false;
  if (isReferenceValue(t)) return false;
  const first = t[0];
  return !['$', '%', '{', '<', '(', '`'].includes(first) && !t.includes('${');
}

/** Credentials in a text (user data, scripts): access key IDs, private key blocks, secret-named assignments. */
export function findSecrets(text: string): SecretHit[] {
  const out: SecretHit[] = [];
  for (const m of text.matchAll(ACCESS_KEY_ID)) out.push({ what: 'an AWS access key ID', text: m[0] });
  for (const m of text.matchAll(PRIVATE_KEY)) out.push({ what: 'a private key', text: m[0] });
  for (const m of text.matchAll(ASSIGNMENT)) {
    const name = m[1];
    let value = m[2];
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'")) value = value.slice(1, -1);
    if (!looksSecretName(name) || !isLiteralSecretValue(value) || hasAccessKeyId(value)) continue;
    out.push({ what: `a literal value for ${name}`, text: m[0] });
  }
  return out;
}

/** The credentials in a string's text, each once, each at its place in the source (`nodeFor`). */
export function secretsAt(node: ScalarNode): { readonly at: Node; readonly what: string }[] {
  const seen = new Set<string>();
  const out: { at: Node; what: string }[] = [];
  for (const hit of findSecrets(String(node.value))) {
    if (seen.has(hit.text)) continue;
    seen.add(hit.text);
    out.push({ at: nodeFor(node, hit.text), what: hit.what });
  }
  return out;
}

/**
 * The node of what an alternative writes: its value, or, for a value known only later (a template with `${…}`
 * interpolations), the expression itself, whose text around the interpolations is literal.
 */
export function writtenNode(alt: Val): Node | undefined {
  return alt.node ?? (alt.isUnknown ? alt.at : undefined);
}

/** Base64 text (whitespace allowed between groups), decoded when it decodes to readable UTF-8. */
export function decodeBase64Text(s: string): string | undefined {
  const compact = s.replace(/\s+/g, '');
  if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  let readable = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 0xfffd)) readable++;
  }
  return decoded.length > 0 && readable / decoded.length > 0.95 ? decoded : undefined;
}

/**
 * A node for the first occurrence of `needle` in the source text of `node`, so a finding lands on the secret
 * inside a long string; the node itself when the text is not found verbatim (escapes, decoded text).
 */
export function nodeFor(node: Node, needle: string): Node {
  const [start, end] = node.span;
  const i = node.doc.text.slice(start, end).indexOf(needle);
  if (i < 0 || needle === '') return node;
  const sub: ScalarNode = { kind: 'scalar', value: needle, style: 'plain', span: [start + i, start + i + needle.length], doc: node.doc };
  return sub;
}

/** The same value, reported at another node (keeps its `Fn::If` conditions for the message). */
export function valAt(v: Val, node: Node, r: Resource): Val {
  return new Val([{ state: 'known', node, at: node, when: v.when }], r.resolver);
}

// ---------------------------------------------------------------------------------------------------------------
// Resource policies open to everyone (CL-AWS-015 to CL-AWS-019), and their metadata shared with CL-AWS-020.

/** A kind of resource policy: how messages name it, and where each resource type of a format holds it. */
export interface ResourcePolicy {
  readonly label: string;
  readonly cloudformation: Readonly<Record<string, string>>;
  readonly terraform: Readonly<Record<string, string>>;
}

/** The resource policies CL-AWS-015 to CL-AWS-019 check, by service. */
export const RESOURCE_POLICIES = {
  s3: {
    label: 'S3 bucket policy',
    cloudformation: { 'AWS::S3::BucketPolicy': 'PolicyDocument' },
    terraform: { aws_s3_bucket_policy: 'policy', aws_s3_bucket: 'policy' },
  },
  kms: {
    label: 'KMS key',
    cloudformation: { 'AWS::KMS::Key': 'KeyPolicy', 'AWS::KMS::ReplicaKey': 'KeyPolicy' },
    terraform: { aws_kms_key: 'policy', aws_kms_key_policy: 'policy', aws_kms_replica_key: 'policy' },
  },
  sqs: {
    label: 'SQS queue policy',
    cloudformation: { 'AWS::SQS::QueuePolicy': 'PolicyDocument', 'AWS::SQS::QueueInlinePolicy': 'PolicyDocument' },
    terraform: { aws_sqs_queue_policy: 'policy', aws_sqs_queue: 'policy' },
  },
  sns: {
    label: 'SNS topic policy',
    cloudformation: { 'AWS::SNS::TopicPolicy': 'PolicyDocument', 'AWS::SNS::TopicInlinePolicy': 'PolicyDocument' },
    terraform: { aws_sns_topic_policy: 'policy', aws_sns_topic: 'policy' },
  },
  ecr: {
    label: 'ECR repository',
    cloudformation: { 'AWS::ECR::Repository': 'RepositoryPolicyText' },
    terraform: { aws_ecr_repository_policy: 'policy' },
  },
} as const satisfies Record<string, ResourcePolicy>;

/**
 * The checks of a "resource policy allows anyone" rule: each policy `policy` places is read (a Terraform
 * `${data.aws_iam_policy_document.x.json}` followed to the data source, hence `reads: 'scope'`), and every Allow to
 * everyone without a narrowing Condition is reported at its principal as "<label> <id> allows <actions> to …".
 */
export function publicPolicyChecks(policy: ResourcePolicy, held?: HeldOff): Rule['checks'] {
  return policyChecks(policy, (places) => ({
    reads: 'scope',
    types: Object.keys(places),
    run: (r, ctx) => reportPublicGrants(r, ctx, policy.label, r.body.get(places[r.type]), held),
  }));
}

/** A check per format of `policy`, leaving out a format where no type holds it (Glue: no CloudFormation type). */
function policyChecks(policy: ResourcePolicy, check: (places: Readonly<Record<string, string>>) => Check): Rule['checks'] {
  const out: { cloudformation?: Check; terraform?: Check } = {};
  if (Object.keys(policy.cloudformation).length > 0) out.cloudformation = check(policy.cloudformation);
  if (Object.keys(policy.terraform).length > 0) out.terraform = check(policy.terraform);
  return out;
}

/** Reports the Allow-to-everyone statements of `policy` that no Condition narrows. */
function reportPublicGrants(r: Resource, ctx: CheckContext, label: string, policy: Val, held?: HeldOff): void {
  const grants = publicGrants(policyStatements(policy, r, ctx));
  const off = grants.length > 0 ? held?.(r, ctx) : undefined;
  for (const g of grants) {
    const actions = actionNames(g.statement);
    const what = actions.length > 0 ? quoteList(actions) : 'its actions';
    const message = g.notPrincipal
      ? `${label} ${r.id} allows ${what} to every principal not listed in NotPrincipal, with no Condition`
      : `${label} ${r.id} allows ${what} to any principal ("*") with no Condition that narrows who`;
    if (off) ctx.report(g.at, `${message}; ${off.why}.`, { severity: off.severity });
    else ctx.report(g.at, `${message}.`);
  }
}

/**
 * A setting elsewhere that holds a resource policy's public grants off for now (S3's RestrictPublicBuckets): the
 * grants are still reported, at a lower severity, with `why` ("…, live once it is switched off") in the message.
 */
export type HeldOff = (r: Resource, ctx: CheckContext) => { readonly severity: Severity; readonly why: string } | undefined;

/** The customer's side of a resource policy (a PaaS service's): who may use the resource. */
export function resourcePolicyResponsibility(layer: Responsibility['layer'], provider: string, customer: string): Responsibility {
  return { owner: 'customer', model: 'PaaS', layer, provider, customer };
}

/** Access enforcement and logical access, as the resource-policy rules cite them (with any further controls). */
export const PUBLIC_ACCESS: readonly FrameworkRef[] = [nist('AC-3'), soc2('CC6.1')];
/** The same, for a store of data (bucket, file system, vault, queue, topic, search domain): also PCI DSS 1.4.4. */
export const PUBLIC_DATA_ACCESS: readonly FrameworkRef[] = [...PUBLIC_ACCESS, pci('1.4.4')];

/** The value to report a secret found inside it at: the secret's own characters when the value is written in place. */
export function atSecret(v: Val, needle: string, r: Resource): Val {
  const n = v.node;
  if (!n || n !== v.at) return v;
  return valAt(v, nodeFor(n, needle), r);
}

export interface EnvFinding {
  readonly at: Val;
  readonly message: string;
}

/**
 * Credentials in one environment variable: an AWS access key ID in any value, or a literal value for a variable
 * whose name says it is a secret. `where` names the variable's owner for the message ("Lambda function Fn").
 */
export function envVarFindings(name: string, value: Val, where: string, r: Resource): EnvFinding[] {
  const out: EnvFinding[] = [];
  for (const v of value.each()) {
    const s = v.str();
    if (s === undefined) continue;
    // A value from a parameter's default or a mapping: the engine names its source in the message.
    const source = '';
    const key = s.match(ACCESS_KEY_ID_ONE)?.[0];
    if (key) {
      out.push({ at: atSecret(v, key, r), message: `${where} has an AWS access key ID in environment variable ${name}${source}: ${key.startsWith('AKIA') ? 'long-lived ' : ''}credentials in plain text.` });
    } else if (looksSecretName(name) && isLiteralSecretValue(s)) {
      out.push({
        at: v,
        message: `${where} sets environment variable ${name} to a literal secret${source}, readable by anyone who can read the template or the configuration.`,
      });
    }
  }
  return out;
}

const ACCESS_KEY_ID_ONE = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;

// ---------------------------------------------------------------------------------------------------------------
// More resource policies open to everyone (the exposure rules, CL-AWS-114 onwards): same rows, same check.

/** The resource policies of the exposure rules, by service (rows shaped like RESOURCE_POLICIES). */
export const EXPOSURE_RESOURCE_POLICIES = {
  opensearch: {
    label: 'OpenSearch domain access policy',
    cloudformation: { 'AWS::OpenSearchService::Domain': 'AccessPolicies', 'AWS::Elasticsearch::Domain': 'AccessPolicies' },
    terraform: {
      aws_opensearch_domain: 'access_policies',
      aws_elasticsearch_domain: 'access_policies',
      aws_opensearch_domain_policy: 'access_policies',
      aws_elasticsearch_domain_policy: 'access_policies',
    },
  },
  efs: {
    label: 'EFS file system policy',
    cloudformation: { 'AWS::EFS::FileSystem': 'FileSystemPolicy' },
    terraform: { aws_efs_file_system_policy: 'policy' },
  },
  secretsmanager: {
    label: 'Secrets Manager resource policy',
    cloudformation: { 'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy' },
    terraform: { aws_secretsmanager_secret_policy: 'policy', aws_secretsmanager_secret: 'policy' },
  },
  glacier: {
    label: 'Glacier vault access policy',
    cloudformation: { 'AWS::Glacier::Vault': 'AccessPolicy' },
    terraform: { aws_glacier_vault: 'access_policy' },
  },
  logsDestination: {
    label: 'CloudWatch Logs destination policy',
    cloudformation: { 'AWS::Logs::Destination': 'DestinationPolicy' },
    terraform: { aws_cloudwatch_log_destination_policy: 'access_policy' },
  },
  /**
   * The Data Catalog policy has no CloudFormation resource (only the API, the console and Terraform
   * `aws_glue_resource_policy` set it), so its rules check Terraform only. CL-AWS-164 judges its actions too.
   */
  glue: {
    label: 'Glue Data Catalog resource policy',
    cloudformation: {},
    terraform: { aws_glue_resource_policy: 'policy' },
  },
  /**
   * SES sending authorization policies: no CloudFormation resource holds them (only the API, the console and
   * Terraform's `aws_ses_identity_policy` and `aws_sesv2_email_identity_policy` set them), so CL-AWS-275 is Terraform only.
   */
  ses: {
    label: 'SES identity policy',
    cloudformation: {},
    terraform: { aws_ses_identity_policy: 'policy', aws_sesv2_email_identity_policy: 'policy' },
  },
} as const satisfies Record<string, ResourcePolicy>;

/**
 * Resource policies that no "open to everyone" rule reads (yet), rows shaped like RESOURCE_POLICIES: CL-AWS-164 judges
 * their actions. A REST API's `Policy` is a JSON object or a JSON string, as Terraform's `policy`.
 */
export const ACTION_RESOURCE_POLICIES = {
  apigateway: {
    label: 'API Gateway REST API policy',
    cloudformation: { 'AWS::ApiGateway::RestApi': 'Policy' },
    terraform: { aws_api_gateway_rest_api: 'policy', aws_api_gateway_rest_api_policy: 'policy' },
  },
} as const satisfies Record<string, ResourcePolicy>;

/**
 * `publicPolicyChecks` for the resources `applies` accepts: a policy whose resource is protected some other way (an
 * OpenSearch domain inside a VPC) is left out.
 */
export function publicPolicyChecksWhere(policy: ResourcePolicy, applies: (r: Resource, ctx: CheckContext) => boolean): Rule['checks'] {
  return policyChecks(policy, (places) => ({
    reads: 'scope',
    types: Object.keys(places),
    run: (r, ctx) => {
      if (applies(r, ctx)) reportPublicGrants(r, ctx, policy.label, r.body.get(places[r.type]));
    },
  }));
}

/** CL-AWS-015's HeldOff: the bucket's RestrictPublicBuckets (S3 knowledge, in s3.ts). */
export { restrictPublicBucketsOn } from './s3';

// ---------------------------------------------------------------------------------------------------------------
// AWS managed policies attached by ARN or name (CL-AWS-103).

/** AWS managed policies that give administrator-level access, with what each allows (for messages). */
export const ADMIN_MANAGED_POLICIES: Readonly<Record<string, string>> = {
  AdministratorAccess: 'every action on every resource (full administrator access)',
  PowerUserAccess: 'every action on every resource except most of IAM, Organizations and Account management',
  IAMFullAccess: 'every IAM action, so whoever holds it can grant itself any other permission',
};

/** Stands for a partition decided at deploy time (`${AWS::Partition}`, `data.aws_partition.x.partition`). */
const ANY_PARTITION = '\u0000';
const AWS_MANAGED_ARN = /^arn:(?:aws[a-z-]*|\u0000):iam::aws:policy\/((?:[\w+=,.@-]+\/)*[\w+=,.@-]+)$/;
const TF_PARTITION = /\$\{\s*data\.aws_partition\.[A-Za-z0-9_-]+\.partition\s*\}/g;

/** The text of an ARN whose only deploy-time part is the partition, with the partition as ANY_PARTITION. */
function arnTemplate(node: Node, format: Resource['format']): string | undefined {
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string') return undefined;
    const s = format === 'cloudformation' ? node.value : node.value.replace(TF_PARTITION, ANY_PARTITION);
    return s.includes('${') ? undefined : s;
  }
  if (node.kind !== 'map' || node.pairs.length !== 1) return undefined;
  const key = String(node.pairs[0].key.value);
  const arg = node.pairs[0].value;
  if (key === 'Fn::Sub') {
    // The short form, or the long form whose variables do not redefine AWS::Partition.
    if (arg.kind === 'seq' && get(arg.items[1], 'AWS::Partition')) return undefined;
    const s = str(arg.kind === 'seq' ? arg.items[0] : arg)?.split('${AWS::Partition}').join(ANY_PARTITION);
    return s === undefined || s.replace(/\$\{!/g, '').includes('${') ? undefined : s;
  }
  if (key === 'Fn::Join' && arg.kind === 'seq' && arg.items.length === 2 && arg.items[1].kind === 'seq') {
    const delimiter = str(arg.items[0]);
    if (delimiter === undefined) return undefined;
    const parts: string[] = [];
    for (const part of arg.items[1].items) {
      const literal = part.kind === 'scalar' && typeof part.value === 'string' ? part.value : undefined;
      if (literal !== undefined) parts.push(literal);
      else if (str(get(part, 'Ref')) === 'AWS::Partition') parts.push(ANY_PARTITION);
      else return undefined;
    }
    return parts.join(delimiter);
  }
  return undefined;
}

/**
 * The name of the AWS managed policy that one alternative of a policy ARN value names (`arn:<partition>:iam::aws:policy/
 * <Name>`), when it is known or only its partition is decided at deploy time; with `names`, a bare policy name (AWS
 * SAM `Policies` accept AWS managed policy names) counts too. Policies under a path (`job-function/…`) keep it.
 */
export function awsManagedPolicyName(alt: Val, r: Resource, names = false): string | undefined {
  const text = alt.isUnknown ? arnTemplate(alt.at, r.format) : alt.str();
  if (text === undefined) return undefined;
  const m = AWS_MANAGED_ARN.exec(text);
  if (m) return m[1];
  return names && !alt.isUnknown && /^[\w+=,.@-]+$/.test(text) ? text : undefined;
}
