// Classes of sensitive IAM actions, and the rules that report an identity policy allowing one of them on every
// resource (CL-AWS-012 privilege escalation, CL-AWS-212 credential exposure, CL-AWS-213 data exfiltration, CL-AWS-214
// permissions management).
//
// Each class is a table of action names. An action the policy writes, literal or a pattern (`iam:*`, `s3:Get*`,
// `*Secret*`), is matched against the table as IAM matches actions: case-insensitive, `*` any run, `?` one character.
// The tables are ours; the credential-exposure and data-exfiltration ones start from Cloudsplaining's published lists
// (the facts Checkov CKV_AWS_107/108 read), the permissions-management one is IAM and resource-policy writes.
import type { CheckContext, Resource, Rule } from '../kit';
import { globMatch, IDENTITY_POLICY_CFN_TYPES, IDENTITY_POLICY_TF_TYPES, identityStatements, narrowerThanService, ON_EVERY_RESOURCE, policyHolder, quoteList, type Statement } from './iam';
import { perText } from './memo';

export { allowedActionChecks, globMatch, identityResponsibility, LEAST_PRIVILEGE, narrowerThanService, ON_EVERY_RESOURCE, quoteList } from './iam';

/**
 * Privilege escalation (CL-AWS-012): actions that, on any user, group, role or policy, are a known path to more
 * privileges (Rhino Security Labs' IAM methods; documented in CL-AWS-012's README).
 */
export const ESCALATION_ACTIONS: readonly string[] = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:AddUserToGroup',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:PutUserPermissionsBoundary',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
];

/**
 * The escalation actions an action pattern grants; `*` and `iam:*` are left to CL-AWS-003 and CL-AWS-010. Remembered per
 * pattern (several rules ask for every action of every statement); the list returned is shared: do not change it.
 */
export const escalationsOf: (action: string) => readonly string[] = perText((action) =>
  narrowerThanService(action) ? ESCALATION_ACTIONS.filter((e) => globMatch(action, e)) : [],
);

/**
 * Credential exposure (CL-AWS-212): actions whose response is a credential (an access key, a password, a token, temporary
 * security credentials) or that create or reset one for an identity other than the caller. Cloudsplaining's list, less
 * two actions that have no resource-level permission (`"*"` is the only way to allow them) and whose credentials carry
 * no more than the caller's own permissions: `ecr:GetAuthorizationToken` (Checkov leaves it out too) and
 * `sts:GetSessionToken`.
 */
export const CREDENTIAL_EXPOSURE_ACTIONS: readonly string[] = [
  'chime:CreateApiKey',
  'codepipeline:PollForJobs',
  'cognito-identity:GetCredentialsForIdentity',
  'cognito-identity:GetOpenIdToken',
  'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
  'cognito-idp:AssociateSoftwareToken',
  'connect:GetFederationToken',
  'connect:GetFederationTokens',
  'gamelift:RequestUploadCredentials',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'iam:UpdateAccessKey',
  'iot:AssumeRoleWithCertificate',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'mediapackage:RotateChannelCredentials',
  'mediapackage:RotateIngestEndpointCredentials',
  'rds-db:connect',
  'redshift:GetClusterCredentials',
  'sso:GetRoleCredentials',
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:GetFederationToken',
];

/**
 * Data exfiltration (CL-AWS-213): read actions that return stored data itself, not metadata: objects, parameters and
 * secrets. Cloudsplaining's list, plus `s3:GetObjectVersion` (the same object data, any version) and
 * `ssm:GetParameterHistory` (every past value of a parameter, SecureString values decrypted on request).
 */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:GetObjectVersion',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameterHistory',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
];

/**
 * Permissions management (CL-AWS-214): actions that change who may do what: IAM policies, their attachments, boundaries
 * and trust policies, group membership, and the resource policies, ACLs, grants and sharing settings of other services.
 */
export const PERMISSIONS_MANAGEMENT_ACTIONS: readonly string[] = [
  // IAM identity policies, boundaries, trust policies and groups.
  'iam:AddUserToGroup',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:DeleteGroupPolicy',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DeleteUserPermissionsBoundary',
  'iam:DeleteUserPolicy',
  'iam:DetachGroupPolicy',
  'iam:DetachRolePolicy',
  'iam:DetachUserPolicy',
  'iam:PutGroupPolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:PutUserPermissionsBoundary',
  'iam:PutUserPolicy',
  'iam:RemoveUserFromGroup',
  'iam:SetDefaultPolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  // Resource policies, ACLs, grants and sharing.
  'backup:PutBackupVaultAccessPolicy',
  'codeartifact:PutDomainPermissionsPolicy',
  'codeartifact:PutRepositoryPermissionsPolicy',
  'dynamodb:PutResourcePolicy',
  'ec2:ModifyImageAttribute',
  'ec2:ModifySnapshotAttribute',
  'ecr:PutRegistryPolicy',
  'ecr:SetRepositoryPolicy',
  'elasticfilesystem:PutFileSystemPolicy',
  'events:PutPermission',
  'glacier:SetVaultAccessPolicy',
  'glue:PutResourcePolicy',
  'kms:CreateGrant',
  'kms:PutKeyPolicy',
  'lambda:AddLayerVersionPermission',
  'lambda:AddPermission',
  'logs:PutDestinationPolicy',
  'logs:PutResourcePolicy',
  'ram:AssociateResourceShare',
  'ram:CreateResourceShare',
  'rds:ModifyDBClusterSnapshotAttribute',
  'rds:ModifyDBSnapshotAttribute',
  's3:DeleteBucketPolicy',
  's3:PutAccessPointPolicy',
  's3:PutBucketAcl',
  's3:PutBucketPolicy',
  's3:PutBucketPublicAccessBlock',
  's3:PutObjectAcl',
  's3:PutObjectVersionAcl',
  'secretsmanager:DeleteResourcePolicy',
  'secretsmanager:PutResourcePolicy',
  'sns:AddPermission',
  'sqs:AddPermission',
];

/** A class of sensitive actions, as one rule reports it. */
export interface ActionClass {
  /** The class, for messages: `credential exposure`. */
  readonly name: string;
  readonly actions: readonly string[];
  /** Why the class matters, the clause after the class in the message. */
  readonly consequence: string;
}

/** The entries of `table` that an action pattern of a policy matches (IAM's matching: case-insensitive, `*`, `?`). */
export function matchedActions(pattern: string, table: readonly string[]): string[] {
  return table.filter((entry) => globMatch(pattern, entry));
}

/**
 * The table entries an action of an unconstrained statement grants, as a rule of the class reports them; none for `*`
 * (every action: CL-AWS-003 reports it) and none for a pattern CL-AWS-012 reports (privilege escalation on `"*"`: one
 * finding per action value).
 */
export function classActionsOf(action: string, cls: ActionClass): readonly string[] {
  let of = classMatches.get(cls);
  if (!of) classMatches.set(cls, (of = perText((a) => (a.trim() === '*' || escalationsOf(a).length > 0 ? [] : matchedActions(a, cls.actions)))));
  return of(action);
}
/** Per class, the entries each action pattern grants (classActionsOf), remembered per pattern. */
const classMatches = new WeakMap<ActionClass, (action: string) => readonly string[]>();

/**
 * True for an Allow statement with `"*"` among its resources and no Condition that may narrow it (a Condition on
 * `aws:SecureTransport`, `aws:Referer` or `aws:UserAgent` only does not narrow who acts on what; any other, or one not
 * known before deploy, does). A statement with NotResource or NotAction is not one (CL-AWS-211, CL-AWS-161).
 */
export function unconstrained(s: Statement): boolean {
  if (!s.allows || s.not('resource') || s.not('action') || s.mayBeNarrowed) return false;
  return s.resources.some((x) => x.str() === '*');
}

/** What a finding says an action grants: the action itself when it is a table entry, else its pattern and the entries. */
function grantedText(action: string, granted: readonly string[]): string {
  return granted.length === 1 && granted[0].toLowerCase() === action.toLowerCase() ? `"${granted[0]}"` : `"${action}" (${quoteList(granted)})`;
}

/**
 * The checks of a "sensitive actions on every resource" rule: each action value of an unconstrained Allow statement of an
 * identity policy that grants actions of `cls` is reported at the value, once per statement and action text.
 */
export function actionClassChecks(cls: ActionClass): Rule['checks'] {
  const run = (r: Resource, ctx: CheckContext): void => {
    for (const s of identityStatements(r)) {
      if (!unconstrained(s)) continue;
      const seen = new Set<string>();
      for (const at of s.actions) {
        const action = at.str();
        if (action === undefined || seen.has(action)) continue;
        seen.add(action);
        const granted = classActionsOf(action, cls);
        if (granted.length === 0) continue;
        ctx.report(at, `${policyHolder(r)} allows ${grantedText(action, granted)} ${ON_EVERY_RESOURCE} with no Condition: ${cls.name}, ${cls.consequence}.`);
      }
    }
  };
  return {
    cloudformation: { reads: 'resource', types: IDENTITY_POLICY_CFN_TYPES, run },
    terraform: { reads: 'resource', types: IDENTITY_POLICY_TF_TYPES, run },
  };
}
