// Policy shapes the identity rules from CL-AWS-161 on look at: every statement a resource holds (identity, resource
// and trust policies alike), the condition keys of a statement, and who a trust policy lets in (cross-account
// principals, GitHub's OIDC provider). Built on rules/lib/iam.ts, which parses the policies.
import type { CheckContext, Resource, Rule, Val } from '../kit';
import {
  ACTION_RESOURCE_POLICIES,
  docStatements,
  EXPOSURE_RESOURCE_POLICIES,
  IDENTITY_POLICY_CFN_TYPES,
  IDENTITY_POLICY_TF_TYPES,
  identityStatements,
  keyOf,
  leaves,
  policyHolder,
  policyStatements,
  RESOURCE_POLICIES,
  type ResourcePolicy,
  serviceWildcard,
  Statement,
  valAt,
} from './iam';
import { perKey } from './memo';

export { identityResponsibility, LEAST_PRIVILEGE, PUBLIC_ACCESS, quoteList, resourcePolicyResponsibility, Statement } from './iam';

/** A statement with the words messages use for the policy holding it: `IAM policy P`, `Role R's trust policy`. */
export interface HeldStatement {
  readonly statement: Statement;
  readonly holder: string;
}

const POLICIES: readonly ResourcePolicy[] = Object.values(RESOURCE_POLICIES);

/** Trust-policy statements of a role: the JSON document written in it (a referenced policy document is its own resource). */
export function trustStatements(r: Resource): Statement[] {
  if (r.type === 'AWS::IAM::Role') return policyStatements(r.body.get('AssumeRolePolicyDocument'), r);
  if (r.type === 'aws_iam_role') return policyStatements(r.body.get('assume_role_policy'), r);
  // A policy document is a trust policy when a statement with principals names an STS assume action; a bare "*" could
  // as well be a bucket or queue policy, so it does not make one.
  if (r.type === 'data.aws_iam_policy_document') return docStatements(r).filter((s) => s.hasPrincipal && s.actions.some((a) => isAssumeAction(a.str())));
  return [];
}

/** `sts:AssumeRole*` or `sts:*`. */
function isAssumeAction(a: string | undefined): boolean {
  if (a === undefined) return false;
  const l = a.toLowerCase();
  return l === 'sts:*' || l.startsWith('sts:assumerole');
}

/**
 * Every statement a resource holds, with how to name its policy: identity policies (inline and managed), resource
 * policies (S3, KMS, SQS, SNS, ECR) and role trust policies, written in the resource. A Terraform
 * `data.aws_iam_policy_document` is read as a resource of its own (all its statements), and a reference to one is
 * not followed, so each statement is seen once. Read once per resource and lint, however many rules ask (`perKey`).
 */
export const heldStatements: (r: Resource) => readonly HeldStatement[] = perKey(readHeldStatements);

function readHeldStatements(r: Resource): HeldStatement[] {
  if (r.type === 'data.aws_iam_policy_document') return docStatements(r).map((statement) => ({ statement, holder: policyHolder(r) }));
  const out: HeldStatement[] = identityStatements(r).map((statement) => ({ statement, holder: policyHolder(r) }));
  if (r.type === 'AWS::IAM::Role' || r.type === 'aws_iam_role') {
    for (const statement of trustStatements(r)) out.push({ statement, holder: `The trust policy of role ${r.id}` });
  }
  for (const p of POLICIES) {
    const places: Readonly<Record<string, string>> = r.format === 'cloudformation' ? p.cloudformation : p.terraform;
    const at = places[r.type];
    if (at === undefined) continue;
    for (const statement of policyStatements(r.body.get(at), r)) out.push({ statement, holder: `${p.label} ${r.id}` });
  }
  return out;
}

/** The types `heldStatements` reads, per format. */
export const HELD_CFN_TYPES: readonly string[] = [...new Set([...IDENTITY_POLICY_CFN_TYPES, ...POLICIES.flatMap((p) => Object.keys(p.cloudformation))])];
export const HELD_TF_TYPES: readonly string[] = [...new Set([...IDENTITY_POLICY_TF_TYPES, ...POLICIES.flatMap((p) => Object.keys(p.terraform))])];

/** Checks that run `run` over every held statement of a resource (they read the resource only). */
export function heldStatementChecks(run: (h: HeldStatement, r: Resource, ctx: CheckContext) => void): Rule['checks'] {
  const each = (r: Resource, ctx: CheckContext): void => {
    for (const h of heldStatements(r)) run(h, r, ctx);
  };
  return {
    cloudformation: { reads: 'resource', types: HELD_CFN_TYPES, run: each },
    terraform: { reads: 'resource', types: HELD_TF_TYPES, run: each },
  };
}

/** The key of a value (a finding about a whole element such as NotAction), keeping its conditions for the message. */
export function atKey(v: Val, r: Resource): Val {
  return valAt(v, keyOf(v), r);
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions

/** One condition of a statement: its key (as written) and its values (leaves, possibly unknown). */
export interface ConditionEntry {
  readonly key: string;
  readonly operator: string;
  readonly values: Val[];
}

/**
 * The conditions of a statement, or undefined when any part of its Condition is not known (a parameter, a branch,
 * an interpolated key): callers never report a statement whose conditions they cannot read.
 */
export function conditionsOf(s: Statement): ConditionEntry[] | undefined {
  const out: ConditionEntry[] = [];
  if (s.syntax === 'json') {
    const c = s.val.get('Condition');
    if (c.isAbsent) return out;
    if (c.alts.length !== 1 || !c.isKnown || !c.isMap) return undefined;
    for (const [op, byKey] of c.entries()) {
      if (byKey.alts.length !== 1 || !byKey.isMap) return undefined;
      for (const [k, v] of byKey.entries()) out.push({ key: String(k.value), operator: String(op.value), values: leaves(v) });
    }
    return out;
  }
  for (const block of s.val.get('condition').list()) {
    const key = block.get('variable').str();
    const operator = block.get('test').str();
    if (key === undefined || operator === undefined) return undefined;
    out.push({ key, operator, values: leaves(block.get('values')) });
  }
  return out;
}

/** True when the statement has a condition on one of `keys` (compared case-insensitively). */
export function hasConditionKey(conditions: readonly ConditionEntry[], keys: readonly string[]): boolean {
  const want = new Set(keys.map((k) => k.toLowerCase()));
  return conditions.some((c) => want.has(c.key.toLowerCase()));
}

/** Condition keys that tie a cross-account assumption to a shared secret (a third party) or to MFA (a person). */
const ASSUME_GUARDS = ['sts:ExternalId', 'aws:MultiFactorAuthAge'];

/**
 * True when the conditions of a trust statement require an external ID, an MFA age, or MFA present (CL-AWS-162):
 * `aws:MultiFactorAuthPresent` guards only when it is not known to be "false" (`Bool: {aws:MultiFactorAuthPresent:
 * "false"}` admits callers without MFA).
 */
export function guardedAssumption(conditions: readonly ConditionEntry[]): boolean {
  if (hasConditionKey(conditions, ASSUME_GUARDS)) return true;
  return conditions.some(
    (c) => c.key.toLowerCase() === 'aws:multifactorauthpresent' && c.values.length > 0 && c.values.every((v) => v.str()?.toLowerCase() !== 'false'),
  );
}

/** `sts:AssumeRole` itself (or a wildcard covering it as written), not the web-identity or SAML variants. */
function allowsAssumeRole(actions: readonly (string | undefined)[]): boolean {
  return actions.some((a) => a !== undefined && ['sts:assumerole', 'sts:*', '*', 'sts:assume*', 'sts:assumerole*'].includes(a.toLowerCase()));
}

/**
 * True when an Allow trust statement lets its account principals call sts:AssumeRole with neither an external ID nor
 * MFA required, its conditions known: CL-AWS-162 reports each principal naming an account in it (CL-AWS-215 leaves
 * those principals to it).
 */
export function unguardedAssumption(s: Statement): boolean {
  if (!s.allows || !allowsAssumeRole(s.actions.map((a) => a.str()))) return false;
  const conditions = conditionsOf(s);
  return conditions !== undefined && !guardedAssumption(conditions);
}

// ---------------------------------------------------------------------------------------------------------------
// Principals

/** The account ID an AWS principal names: a bare 12-digit ID or an IAM ARN `arn:<partition>:iam::<id>:…`. */
export function principalAccount(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const m = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(value);
  return m?.[1];
}

/** True for an account's root principal (`123456789012`, `arn:aws:iam::123456789012:root`): the account's own IAM policies decide. */
export function isAccountRoot(value: string): boolean {
  return /^\d{12}$/.test(value) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(value);
}

/** The wildcard actions of an Allow statement that cover all of `service` (`service:*`) or everything (`*`). */
export function allActionsOf(s: Statement, service: string): Val[] {
  if (!s.allows) return [];
  return s.actions.filter((a) => {
    const x = a.str();
    return x === '*' || (x !== undefined && serviceWildcard(x)?.toLowerCase() === service);
  });
}

/** The text of a value for pattern checks: its string, or for an unknown `Fn::Sub` / `${…}` string, the template text. */
export function writtenText(v: Val): string | undefined {
  const s = v.str();
  if (s !== undefined) return s;
  const n = v.at;
  if (n.kind === 'scalar' && typeof n.value === 'string') return n.value;
  if (n.kind === 'map') {
    const sub = n.pairs.find((p) => p.key.value === 'Fn::Sub')?.value;
    if (sub?.kind === 'scalar' && typeof sub.value === 'string') return sub.value;
    if (sub?.kind === 'seq' && sub.items[0]?.kind === 'scalar' && typeof sub.items[0].value === 'string') return sub.items[0].value;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Resource policies that allow every action of their service (CL-AWS-164).

/** What whoever may take every action of a policy's service can do to its resource (the close of CL-AWS-164's message). */
const DELETE_OR_REPERMISSION = 'including deleting or re-permissioning the resource';

/**
 * The resource policies CL-AWS-164 reads, with the service prefix of their actions, how messages name it and what every
 * action of that service lets a principal do. `execute-api` has three actions (Invoke, InvalidateCache and, for
 * WebSocket APIs, ManageConnections); managing the API itself is `apigateway:`, which a REST API policy does not grant.
 */
export const ALL_ACTIONS_POLICIES: readonly {
  readonly policy: ResourcePolicy;
  readonly service: string;
  readonly name: string;
  readonly consequence: string;
  /** CloudFormation types that hold such a policy elsewhere than in one property, with how to read its statements. */
  readonly moreCloudFormation?: Readonly<Record<string, (r: Resource) => Statement[]>>;
}[] = [
  { policy: RESOURCE_POLICIES.s3, service: 's3', name: 'S3', consequence: DELETE_OR_REPERMISSION },
  { policy: RESOURCE_POLICIES.sqs, service: 'sqs', name: 'SQS', consequence: DELETE_OR_REPERMISSION },
  { policy: RESOURCE_POLICIES.sns, service: 'sns', name: 'SNS', consequence: DELETE_OR_REPERMISSION },
  { policy: RESOURCE_POLICIES.kms, service: 'kms', name: 'KMS', consequence: DELETE_OR_REPERMISSION },
  {
    policy: EXPOSURE_RESOURCE_POLICIES.glue,
    service: 'glue',
    name: 'Glue',
    consequence: "including reading, changing and deleting the catalog's databases, tables and partitions",
  },
  {
    policy: ACTION_RESOURCE_POLICIES.apigateway,
    service: 'execute-api',
    name: 'execute-api',
    consequence: "including invalidating the API's cache (execute-api:InvalidateCache), not only invoking it",
    moreCloudFormation: {
      // An OpenAPI definition's `x-amazon-apigateway-policy` (imported as the API's policy) …
      'AWS::ApiGateway::RestApi': (r) => policyStatements(r.body.path('Body', OPENAPI_POLICY), r),
      // … and a SAM API's, with the statements SAM adds to the policy it generates (`Auth.ResourcePolicy`).
      'AWS::Serverless::Api': (r) => [
        ...policyStatements(r.body.path('DefinitionBody', OPENAPI_POLICY), r),
        ...statementList(r.body.path('Auth', 'ResourcePolicy', 'CustomStatements'), r),
      ],
    },
  },
];

/** The OpenAPI extension that carries a REST API's resource policy. */
const OPENAPI_POLICY = 'x-amazon-apigateway-policy';

/** Statements written as a list (or one statement) rather than in a policy document: SAM's `CustomStatements`. */
function statementList(list: Val, r: Resource): Statement[] {
  const out: Statement[] = [];
  for (const s of list.list()) for (const alt of s.each()) if (alt.isMap) out.push(new Statement(alt, 'json', r));
  return out;
}

/**
 * The checks of CL-AWS-164: each Allow statement of an S3, SQS, SNS, KMS, Glue Data Catalog or API Gateway REST API
 * resource policy (for a REST API also one in its OpenAPI body, and a SAM API's `Auth.ResourcePolicy.CustomStatements`)
 * that lists `*` or `<service>:*` is reported at that action. In a KMS key policy a statement whose
 * principals are all account roots is the default key policy (it delegates to the account's IAM policies) and is
 * skipped, as is one whose principals are not known. A Terraform `${data.aws_iam_policy_document.x.json}` is followed
 * (hence `reads: 'scope'`).
 */
export function allActionsChecks(): Rule['checks'] {
  const check = (format: 'cloudformation' | 'terraform') => {
    const byType = new Map<string, (typeof ALL_ACTIONS_POLICIES)[number]>();
    for (const p of ALL_ACTIONS_POLICIES) {
      for (const t of Object.keys(p.policy[format])) byType.set(t, p);
      if (format === 'cloudformation') for (const t of Object.keys(p.moreCloudFormation ?? {})) byType.set(t, p);
    }
    return {
      reads: 'scope' as const,
      types: [...byType.keys()],
      run: (r: Resource, ctx: CheckContext) => {
        const p = byType.get(r.type);
        if (!p) return;
        const places: Readonly<Record<string, string>> = p.policy[format];
        const more = format === 'cloudformation' ? p.moreCloudFormation?.[r.type] : undefined;
        const statements = [...(places[r.type] !== undefined ? policyStatements(r.body.get(places[r.type]), r, ctx) : []), ...(more ? more(r) : [])];
        for (const s of statements) {
          const actions = allActionsOf(s, p.service);
          if (actions.length === 0) continue;
          if (p.service === 'kms') {
            const values = s.principals.map((x) => x.value.str());
            if (values.length === 0 || values.some((v) => v === undefined) || values.every((v) => v !== undefined && isAccountRoot(v))) continue;
          }
          for (const a of actions) {
            const what = a.str() === '*' ? 'every action ("*")' : `every ${p.name} action ("${a.str()}")`;
            ctx.report(a, `${p.policy.label} ${r.id} allows ${what} to the principals of its statement, ${p.consequence}.`);
          }
        }
      },
    };
  };
  return { cloudformation: check('cloudformation'), terraform: check('terraform') };
}

// ---------------------------------------------------------------------------------------------------------------
// The account password policy (Terraform `aws_iam_account_password_policy`; CloudFormation has no resource for it).

export const PASSWORD_POLICY_TYPES = ['aws_iam_account_password_policy'];

/** The subject of password-policy messages. */
export const PASSWORD_POLICY_SUBJECT = 'Account password policy';

/** Accepts a known number of at least `min`; undefined (not reported) when it is not known. */
export function atLeast(min: number): (v: Val) => boolean | undefined {
  return (v) => {
    const n = v.num();
    return n === undefined ? undefined : n >= min;
  };
}

/** Accepts a known number from 1 to `max` (0 means "never expires"); undefined when it is not known. */
export function expiresWithin(max: number): (v: Val) => boolean | undefined {
  return (v) => {
    const n = v.num();
    return n === undefined ? undefined : n >= 1 && n <= max;
  };
}
