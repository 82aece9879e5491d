// Properties that take a secret (a password, a token, a private key), per resource type and format, and the walk
// that finds the literal values written in them (CL-AWS-160). Database master passwords of RDS, DocumentDB and
// Redshift are CL-AWS-023's and are not in the table.
import { type CheckContext, get, type Node, type Resource, str, type Val } from '../kit';
import { hasAccessKeyId, looksSecretName, planProvenance } from './iam';

/** One property that takes a secret. `path` steps are keys; `*` is every item of a list (or every block). */
export interface SecretProperty {
  readonly path: readonly string[];
  /** What the property holds, for messages: `AUTH token`, `password`. */
  readonly what: string;
  /**
   * A sibling property that is not a secret by itself but makes one credential with this one (an access key ID
   * beside its secret key): when it is a literal too, the finding shows it as a related location, with this message.
   */
  readonly pair?: { readonly key: string; readonly message: string };
}

/** A resource type with secret-bearing properties. */
export interface SecretHolder {
  /** How messages name the resource: `ElastiCache replication group`. */
  readonly label: string;
  readonly properties: readonly SecretProperty[];
  /** Only resources for which this holds (an SSM parameter whose name says it is a secret). */
  readonly appliesTo?: (r: Resource) => boolean;
  /**
   * Only values written in place are reported: not a Terraform variable's default or a local that the value names
   * (a provider's credentials from `var.…` are meant to be set per run, `TF_VAR_…`).
   */
  readonly writtenOnly?: boolean;
}

const p = (what: string, ...path: string[]): SecretProperty => ({ what, path });

const APNS = (label: string): SecretHolder => ({ label, properties: [p('private key', 'PrivateKey'), p('token key', 'TokenKey')] });

/** An SSM parameter of type String or StringList whose name says it holds a secret, or whose value holds an access key ID. */
function plainSsmSecret(r: Resource): boolean {
  const type = r.body.get(r.format === 'cloudformation' ? 'Type' : 'type').str();
  if (type === 'SecureString') return r.format !== 'cloudformation';
  if (type !== undefined && type !== 'String' && type !== 'StringList') return false;
  if (type === undefined && r.format === 'cloudformation') return false;
  const name = r.body.get(r.format === 'cloudformation' ? 'Name' : 'name').str();
  const last = name?.split('/').filter((s) => s !== '').pop();
  if (last !== undefined && looksSecretName(last)) return true;
  const value = r.body.get(r.format === 'cloudformation' ? 'Value' : 'value').str();
  return value !== undefined && hasAccessKeyId(value);
}

/** CloudFormation types and their secret-bearing properties. */
export const CFN_SECRETS: Readonly<Record<string, SecretHolder>> = {
  'AWS::ElastiCache::ReplicationGroup': { label: 'ElastiCache replication group', properties: [p('AUTH token', 'AuthToken')] },
  'AWS::ElastiCache::User': { label: 'ElastiCache user', properties: [p('password', 'Passwords', '*')] },
  'AWS::MemoryDB::User': { label: 'MemoryDB user', properties: [p('password', 'AuthenticationMode', 'Passwords', '*')] },
  'AWS::AmazonMQ::Broker': {
    label: 'Amazon MQ broker',
    properties: [p('password', 'Users', '*', 'Password'), p('LDAP service account password', 'LdapServerMetadata', 'ServiceAccountPassword')],
  },
  'AWS::DMS::Endpoint': {
    label: 'DMS endpoint',
    properties: [
      p('password', 'Password'),
      p('password', 'MongoDbSettings', 'Password'),
      p('password', 'RedisSettings', 'AuthPassword'),
      p('ASM password', 'OracleSettings', 'AsmPassword'),
      p('TDE password', 'OracleSettings', 'SecurityDbEncryption'),
    ],
  },
  'AWS::IAM::User': { label: 'IAM user', properties: [p('console password', 'LoginProfile', 'Password')] },
  'AWS::DirectoryService::SimpleAD': { label: 'Simple AD directory', properties: [p('administrator password', 'Password')] },
  'AWS::DirectoryService::MicrosoftAD': { label: 'Managed Microsoft AD directory', properties: [p('administrator password', 'Password')] },
  'AWS::OpsWorks::App': {
    label: 'OpsWorks app',
    properties: [p('SSL private key', 'SslConfiguration', 'PrivateKey'), p('repository password', 'AppSource', 'Password')],
  },
  'AWS::OpsWorks::Stack': {
    label: 'OpsWorks stack',
    properties: [p('cookbook repository password', 'CustomCookbooksSource', 'Password'), p('database password', 'RdsDbInstances', '*', 'DbPassword')],
  },
  'AWS::Pinpoint::APNSChannel': APNS('Pinpoint APNs channel'),
  'AWS::Pinpoint::APNSSandboxChannel': APNS('Pinpoint APNs sandbox channel'),
  'AWS::Pinpoint::APNSVoipChannel': APNS('Pinpoint APNs VoIP channel'),
  'AWS::Pinpoint::APNSVoipSandboxChannel': APNS('Pinpoint APNs VoIP sandbox channel'),
  'AWS::Pinpoint::GCMChannel': { label: 'Pinpoint GCM channel', properties: [p('API key', 'ApiKey')] },
  'AWS::Pinpoint::BaiduChannel': { label: 'Pinpoint Baidu channel', properties: [p('secret key', 'SecretKey')] },
  'AWS::Pinpoint::ADMChannel': { label: 'Pinpoint ADM channel', properties: [p('client secret', 'ClientSecret')] },
  'AWS::Amplify::App': {
    label: 'Amplify app',
    properties: [p('basic auth password', 'BasicAuthConfig', 'Password'), p('access token', 'AccessToken'), p('OAuth token', 'OauthToken')],
  },
  'AWS::Amplify::Branch': { label: 'Amplify branch', properties: [p('basic auth password', 'BasicAuthConfig', 'Password')] },
  'AWS::Glue::Connection': { label: 'Glue connection', properties: [p('password', 'ConnectionInput', 'ConnectionProperties', 'PASSWORD')] },
  'AWS::CodePipeline::Webhook': { label: 'CodePipeline webhook', properties: [p('secret token', 'AuthenticationConfiguration', 'SecretToken')] },
  'AWS::CodeBuild::SourceCredential': { label: 'CodeBuild source credential', properties: [p('token', 'Token')] },
  'AWS::SecretsManager::Secret': { label: 'Secrets Manager secret', properties: [p('secret value', 'SecretString')] },
  'AWS::SSM::Parameter': { label: 'SSM parameter', properties: [p('secret', 'Value')], appliesTo: plainSsmSecret },
  'Alexa::ASK::Skill': {
    label: 'Alexa skill',
    properties: [p('client secret', 'AuthenticationConfiguration', 'ClientSecret'), p('refresh token', 'AuthenticationConfiguration', 'RefreshToken')],
  },
  'AWS::DataSync::LocationSMB': { label: 'DataSync SMB location', properties: [p('password', 'Password')] },
  'AWS::FSx::FileSystem': {
    label: 'FSx file system',
    properties: [p('Active Directory password', 'WindowsConfiguration', 'SelfManagedActiveDirectoryConfiguration', 'Password')],
  },
  'AWS::AppStream::DirectoryConfig': {
    label: 'AppStream directory config',
    properties: [p('service account password', 'ServiceAccountCredentials', 'AccountPassword')],
  },
  'AWS::EMR::Cluster': {
    label: 'EMR cluster',
    properties: [
      p('Active Directory password', 'KerberosAttributes', 'ADDomainJoinPassword'),
      p('cross-realm trust password', 'KerberosAttributes', 'CrossRealmTrustPrincipalPassword'),
      p('KDC administrator password', 'KerberosAttributes', 'KdcAdminPassword'),
    ],
  },
  'AWS::KinesisFirehose::DeliveryStream': {
    label: 'Firehose delivery stream',
    properties: [p('Redshift password', 'RedshiftDestinationConfiguration', 'Password'), p('Splunk HEC token', 'SplunkDestinationConfiguration', 'HECToken')],
  },
  'AWS::ManagedBlockchain::Member': {
    label: 'Managed Blockchain member',
    properties: [p('administrator password', 'MemberConfiguration', 'MemberFrameworkConfiguration', 'MemberFabricConfiguration', 'AdminPassword')],
  },
};

const TF_APNS = (label: string): SecretHolder => ({ label, properties: [p('private key', 'private_key'), p('token key', 'token_key')] });

/** Hosts of a local emulator of the AWS APIs (LocalStack, moto): loopback addresses and LocalStack's own names. */
function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === 'localstack' || h === 'localhost.localstack.cloud' || h.endsWith('.localhost.localstack.cloud');
}

/**
 * A `provider "aws"` pointed at a local emulator: it writes an `endpoints` block and every endpoint in it is a literal
 * URL to a loopback host or LocalStack (the emulator accepts any key, and its documentation writes `test`). Its keys
 * are no AWS credential. An endpoint that is not a literal, or any other host, keeps the provider checked.
 */
function localEmulatorProvider(r: Resource): boolean {
  const blocks = r.body.get('endpoints').list();
  if (blocks.length === 0) return false;
  let endpoints = 0;
  for (const block of blocks) {
    for (const [, v] of block.entries()) {
      const url = v.str();
      if (url === undefined) return false;
      const host = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(url.trim())?.[1];
      if (host === undefined || !isLocalHost(host)) return false;
      endpoints++;
    }
  }
  return endpoints > 0;
}

/** Terraform types (`*.tf`, `*.tf.json`, plans) and their secret-bearing attributes. */
export const TF_SECRETS: Readonly<Record<string, SecretHolder>> = {
  aws_elasticache_replication_group: { label: 'ElastiCache replication group', properties: [p('AUTH token', 'auth_token')] },
  aws_elasticache_user: { label: 'ElastiCache user', properties: [p('password', 'passwords', '*')] },
  aws_memorydb_user: { label: 'MemoryDB user', properties: [p('password', 'authentication_mode', 'passwords', '*')] },
  aws_mq_broker: {
    label: 'Amazon MQ broker',
    properties: [p('password', 'user', '*', 'password'), p('LDAP service account password', 'ldap_server_metadata', 'service_account_password')],
  },
  aws_dms_endpoint: { label: 'DMS endpoint', properties: [p('password', 'password'), p('password', 'redis_settings', 'auth_password')] },
  aws_directory_service_directory: { label: 'Directory Service directory', properties: [p('administrator password', 'password')] },
  aws_opsworks_application: {
    label: 'OpsWorks application',
    properties: [p('SSL private key', 'ssl_configuration', 'private_key'), p('repository password', 'app_source', 'password')],
  },
  aws_opsworks_stack: { label: 'OpsWorks stack', properties: [p('cookbook repository password', 'custom_cookbooks_source', 'password')] },
  aws_pinpoint_apns_channel: TF_APNS('Pinpoint APNs channel'),
  aws_pinpoint_apns_sandbox_channel: TF_APNS('Pinpoint APNs sandbox channel'),
  aws_pinpoint_apns_voip_channel: TF_APNS('Pinpoint APNs VoIP channel'),
  aws_pinpoint_apns_voip_sandbox_channel: TF_APNS('Pinpoint APNs VoIP sandbox channel'),
  aws_pinpoint_gcm_channel: { label: 'Pinpoint GCM channel', properties: [p('API key', 'api_key')] },
  aws_pinpoint_baidu_channel: { label: 'Pinpoint Baidu channel', properties: [p('secret key', 'secret_key')] },
  aws_pinpoint_adm_channel: { label: 'Pinpoint ADM channel', properties: [p('client secret', 'client_secret')] },
  aws_amplify_app: {
    label: 'Amplify app',
    properties: [p('basic auth credentials', 'basic_auth_credentials'), p('access token', 'access_token'), p('OAuth token', 'oauth_token')],
  },
  aws_amplify_branch: { label: 'Amplify branch', properties: [p('basic auth credentials', 'basic_auth_credentials')] },
  aws_glue_connection: { label: 'Glue connection', properties: [p('password', 'connection_properties', 'PASSWORD')] },
  aws_codepipeline_webhook: { label: 'CodePipeline webhook', properties: [p('secret token', 'authentication_configuration', 'secret_token')] },
  aws_codebuild_source_credential: { label: 'CodeBuild source credential', properties: [p('token', 'token')] },
  aws_secretsmanager_secret_version: { label: 'Secrets Manager secret version', properties: [p('secret value', 'secret_string')] },
  aws_ssm_parameter: { label: 'SSM parameter', properties: [p('secret', 'value'), p('secret', 'insecure_value')], appliesTo: plainSsmSecret },
  aws_datasync_location_smb: { label: 'DataSync SMB location', properties: [p('password', 'password')] },
  aws_fsx_windows_file_system: {
    label: 'FSx for Windows file system',
    properties: [p('Active Directory password', 'self_managed_active_directory', 'password')],
  },
  aws_opsworks_rds_db_instance: { label: 'OpsWorks RDS DB instance', properties: [p('database password', 'db_password')] },
  aws_appstream_directory_config: {
    label: 'AppStream directory config',
    properties: [p('service account password', 'service_account_credentials', 'account_password')],
  },
  aws_emr_cluster: {
    label: 'EMR cluster',
    properties: [
      p('Active Directory password', 'kerberos_attributes', 'ad_domain_join_password'),
      p('cross-realm trust password', 'kerberos_attributes', 'cross_realm_trust_principal_password'),
      p('KDC administrator password', 'kerberos_attributes', 'kdc_admin_password'),
    ],
  },
  aws_kinesis_firehose_delivery_stream: {
    label: 'Firehose delivery stream',
    properties: [p('Redshift password', 'redshift_configuration', 'password'), p('Splunk HEC token', 'splunk_configuration', 'hec_token')],
  },
  // The provider configuration's credentials (https://registry.terraform.io/providers/hashicorp/aws/latest/docs:
  // access_key, secret_key, token; web_identity_token of assume_role_with_web_identity). `assume_role` takes a role
  // ARN, a session name and an external ID: no secret. The access key ID alone signs nothing: it is shown beside the
  // secret key it belongs to, not reported by itself.
  'provider.aws': {
    label: 'AWS provider configuration',
    properties: [
      { what: 'secret access key', path: ['secret_key'], pair: { key: 'access_key', message: 'the access key ID it belongs to, written beside it' } },
      p('session token', 'token'),
      p('web identity token', 'assume_role_with_web_identity', 'web_identity_token'),
    ],
    appliesTo: (r) => !localEmulatorProvider(r),
    writtenOnly: true,
  },
};

/** A value written in place of a secret: not empty, not a dynamic reference resolved at deploy time. */
export function isLiteralSecret(s: string): boolean {
  const t = s.trim();
  return t !== '' && !t.includes('{{resolve:');
}

/** Every value at `path` under `v`, with the path as messages show it (`Users[0].Password`). */
function walk(v: Val, path: readonly string[], i: number, shown: string, out: { v: Val; shown: string; path: string[] }[], raw: string[]): void {
  if (i === path.length) {
    for (const alt of v.each()) if (!alt.isAbsent) out.push({ v: alt, shown, path: raw });
    return;
  }
  const step = path[i];
  if (step === '*') {
    v.list().forEach((item, n) => walk(item, path, i + 1, `${shown}[${n}]`, out, raw));
    return;
  }
  const next = v.get(step);
  const name = shown === '' ? step : `${shown}.${step}`;
  if (i + 1 === path.length) walk(next, path, i + 1, name, out, [...raw, step]);
  // A Terraform block may be written as an object or a list of one (plans: always a list); a path through it goes on in each.
  else next.list().forEach((item) => walk(item, path, i + 1, name, out, [...raw, step]));
}

/**
 * Reports each literal secret written in one of the properties `holder` lists: at the value, or for a `!Ref` to a
 * parameter with a literal default, at the `!Ref` with the default as related location. In plans only a value the
 * configuration writes as a constant is reported (a variable's value is known in a plan but not written in the code).
 */
/** The sibling `key` of the property at `path` when it is a non-empty literal written in place (in a plan: a constant). */
function pairedLiteral(r: Resource, path: readonly string[], key: string): Node | undefined {
  const v = r.body.path(...path.slice(0, -1), key);
  const s = v.str();
  if (s === undefined || s.trim() === '' || !v.node || v.node !== v.at) return undefined;
  if (r.format === 'terraform-plan' && planProvenance(r, [...path.slice(0, -1), key]) !== 'constant') return undefined;
  return v.node;
}

/** `a` or `an` before a phrase (`an administrator password`, `an OAuth token`, `a password`). */
function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) || /^OAuth/.test(phrase) ? 'an' : 'a';
}

export function reportLiteralSecrets(r: Resource, ctx: CheckContext, holder: SecretHolder | undefined): void {
  if (!holder || (holder.appliesTo && !holder.appliesTo(r))) return;
  const where = r.format === 'cloudformation' ? 'template' : 'code';
  for (const prop of holder.properties) {
    const found: { v: Val; shown: string; path: string[] }[] = [];
    walk(r.body, prop.path, 0, '', found, []);
    for (const { v, shown, path } of found) {
      const s = v.str();
      if (s === undefined || !isLiteralSecret(s)) continue;
      if (r.format === 'terraform-plan' && planProvenance(r, path) !== 'constant') continue;
      if (holder.writtenOnly && v.node !== v.at) continue;
      if (prop.pair) {
        const pair = pairedLiteral(r, path, prop.pair.key);
        if (pair) {
          ctx.report(v, `${holder.label} ${r.id} sets ${shown} to a literal ${prop.what}, written in the ${where} for anyone who can read it.`, {
            related: [{ node: pair, message: prop.pair.message }],
          });
          continue;
        }
      }
      const param = str(get(v.at, 'Ref'));
      if (param && v.node && v.node !== v.at) {
        ctx.report(v, `${holder.label} ${r.id} takes ${shown} from the default value of parameter ${param}: ${article(prop.what)} ${prop.what} written in the template, even with NoEcho.`, {
          related: [{ node: v.node, message: `the default value of ${param}` }],
        });
      } else {
        ctx.report(v, `${holder.label} ${r.id} sets ${shown} to a literal ${prop.what}, written in the ${where} for anyone who can read it.`);
      }
    }
  }
}
