// CL-AWS-215: a role trust policy that trusts a whole AWS account (its root principal or bare account ID) rather than
// named roles or users, with no condition that names which of the account's principals may assume the role.
import { cfnGuideDoc, type CheckContext, defineRule, nist, type Resource, soc2, type Val, tfDoc, wildcardMatch } from '../../kit';
import {
  conditionsOf,
  identityResponsibility,
  isAccountRoot,
  principalAccount,
  type Statement,
  trustStatements,
  unguardedAssumption,
  writtenText,
} from '../../lib/iam-trust';

/**
 * Condition keys that name which of the account's principals may assume the role (`aws:PrincipalArn`, the caller's
 * tags, user ID or name), or tie the trust to a third party's external ID (the pattern AWS documents for a vendor's
 * account: the vendor decides which of its principals act for you).
 */
const NARROWING = ['aws:principalarn', 'aws:userid', 'aws:username', 'sts:externalid'];
const NARROWING_PREFIXES = ['aws:principaltag/'];

/**
 * The template's own account, written so it is known to be one: CloudFormation pseudo parameters, Terraform's caller
 * identity (and partition), as the account root ARN or the bare account ID.
 */
const OWN_ROOT =
  /^(?:arn:(?:aws[a-z-]*|\$\{AWS::Partition\}|\$\{data\.aws_partition\.[A-Za-z0-9_-]+\.partition\}):iam::(?:\$\{AWS::AccountId\}|\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\}):root|\$\{AWS::AccountId\}|\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\})$/;

/** True when an Allow statement allows sts:AssumeRole itself, by name or by a wildcard written out (`sts:*`, `sts:Assume*`, `*`). */
function allowsAssumeRole(s: Statement): boolean {
  return s.allows && s.actions.some((a) => {
    const x = a.str();
    return x !== undefined && wildcardMatch(x, 'sts:AssumeRole', { ignoreCase: true, questionMark: true });
  });
}

/** A principal value that is the template's own account, known only by how it is written (`!Sub …${AWS::AccountId}:root`). */
function ownAccountRoot(v: Val): string | undefined {
  if (v.str() !== undefined) return undefined;
  const n = v.at;
  if (n.kind === 'map' && n.pairs.length === 1 && n.pairs[0].key.value === 'Ref') {
    const ref = n.pairs[0].value;
    return ref.kind === 'scalar' && ref.value === 'AWS::AccountId' ? '!Ref AWS::AccountId' : undefined;
  }
  const text = writtenText(v);
  return text !== undefined && OWN_ROOT.test(text) ? text : undefined;
}

function check(r: Resource, ctx: CheckContext): void {
  for (const s of trustStatements(r)) {
    if (!allowsAssumeRole(s)) continue;
    const conditions = conditionsOf(s);
    if (conditions === undefined) continue;
    const narrowed = conditions.some((c) => {
      const k = c.key.toLowerCase();
      return NARROWING.includes(k) || NARROWING_PREFIXES.some((p) => k.startsWith(p));
    });
    if (narrowed) continue;
    // CL-AWS-162 reports a literal account trusted with neither an external ID nor MFA: one finding per principal.
    const leftToCrossAccountRule = unguardedAssumption(s);
    const holder = r.type === 'data.aws_iam_policy_document' ? `Policy document ${r.id}` : `Role ${r.id}`;
    for (const p of s.principals) {
      if (p.type !== 'AWS') continue;
      const value = p.value.str();
      if (value !== undefined) {
        if (!isAccountRoot(value) || leftToCrossAccountRule) continue;
        ctx.report(
          p.value,
          `${holder} trusts the whole account ${principalAccount(value)} ("${value}"): any user or role there whose own IAM policies allow sts:AssumeRole on it can assume it, and no Condition names which.`,
        );
        continue;
      }
      const own = ownAccountRoot(p.value);
      if (own === undefined) continue;
      ctx.report(
        p.value,
        `${holder} trusts its own account as a whole ("${own}"): any user or role in the account whose IAM policies allow sts:AssumeRole on it can assume it, and no Condition names which.`,
      );
    }
  }
}

export default defineRule({
  id: 'CL-AWS-215',
  slug: 'iam-trust-policy-account-root',
  title: 'Role trust policy trusts a whole AWS account',
  severity: 'low',
  fixable: false,
  description:
    'A trust policy whose principal is an account (arn:aws:iam::<account>:root or the bare account ID) delegates the choice of who may assume the role to that account\'s IAM policies: every user and role there that is allowed sts:AssumeRole on it (an identity policy with sts:AssumeRole on "*" is enough) receives the role\'s permissions.',
  remediation: 'Name the roles or users that may assume the role as principals, or keep the account principal and add a Condition on aws:PrincipalArn listing them.',
  responsibility: identityResponsibility('which principals may assume each role is yours to decide', 'AWS runs STS and enforces the trust policy and its conditions on every AssumeRole call'),
  frameworks: [nist('AC-6'), soc2('CC6.3')],
  equivalents: { checkov: ['CKV_AWS_61'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn',
    cfnGuideDoc('aws-resource-iam-role', 'cfn-iam-role-assumerolepolicydocument'),
    tfDoc('iam_role', 'assume_role_policy'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::IAM::Role'], run: check },
    terraform: { reads: 'resource', types: ['aws_iam_role', 'data.aws_iam_policy_document'], run: check },
  },
});
