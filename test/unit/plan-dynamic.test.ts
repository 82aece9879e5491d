// Plans: a `dynamic` block whose `for_each` is known only after apply. Terraform's configuration JSON leaves dynamic
// blocks out, and the plan marks the block wholly unknown (`after_unknown: true`, no planned value; Terraform 0.15.1
// and later) or, before, plans one placeholder block whose attributes are all unknown. A block the provider never
// computes (USER_ONLY_BLOCKS) is then unknown: the rules that require it stay silent. Left unwritten, the provider
// plans it known and empty (`[]`): the finding stays. Optional+Computed blocks are planned wholly unknown whenever
// nobody writes them: they stay absent, so the finding stays (a plan cannot tell them from a dynamic block).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RULE_DIRS } from '../../rules/index';
import { USER_ONLY_BLOCKS } from '../../server/src/formats/terraform';
import { formatCustomProblems, parseCustomRules } from '../../server/src/engine/custom-rules';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';
import { lintText, spanText } from '../helpers';

/** A resource to create in a plan, named `x`: its planned values, after_unknown and configuration expressions. */
interface Planned {
  readonly type: string;
  readonly values: object;
  readonly afterUnknown: object;
  readonly expressions: object;
}

/** A plan of resources to create. */
function planOf(resources: readonly Planned[]): string {
  const of = (r: Planned) => ({ address: `${r.type}.x`, mode: 'managed', type: r.type, name: 'x' });
  return JSON.stringify(
    {
      format_version: '1.2',
      planned_values: { root_module: { resources: resources.map((r) => ({ ...of(r), values: r.values })) } },
      resource_changes: resources.map((r) => ({ ...of(r), change: { actions: ['create'], after: r.values, after_unknown: r.afterUnknown } })),
      configuration: { root_module: { resources: resources.map((r) => ({ ...of(r), expressions: r.expressions })) } },
    },
    null,
    2,
  );
}

/** A plan of one resource to create: its planned values, after_unknown and configuration expressions. */
function plan(type: string, values: object, afterUnknown: object, expressions: object): string {
  return planOf([{ type, values, afterUnknown, expressions }]);
}

/** The findings of one rule: `range message`. */
function findings(text: string, rule: string): string[] {
  const res = lintText('plan.json', text);
  return res.findings.filter((f) => f.rule.id === rule).map((f) => `${spanText(res, f.span)} ${f.message.split(',')[0]}`);
}

interface Case {
  readonly rule: string;
  readonly type: string;
  readonly block: string;
  readonly values: Record<string, unknown>;
  /** The configuration's expressions; by default each of `values` written as a constant. */
  readonly expressions?: Record<string, unknown>;
  /** The finding when the block is really absent: the range of the resource address and the message's start. */
  readonly absent: string;
  /** The placeholder block Terraform before 0.15.1 plans for an unknown for_each: its attributes, all unknown. */
  readonly placeholder: readonly string[];
}

/** A case's configuration expressions: its own, or each of its values written as a constant. */
function expressionsOf(c: Case): Record<string, unknown> {
  return c.expressions ?? Object.fromEntries(Object.entries(c.values).map(([k, v]) => [k, { constant_value: v }]));
}

const CASES: Case[] = [
  {
    rule: 'CL-AWS-089',
    type: 'aws_api_gateway_stage',
    block: 'access_log_settings',
    values: { stage_name: 'prod', rest_api_id: 'a1' },
    expressions: { stage_name: { constant_value: 'prod' }, rest_api_id: { references: ['aws_api_gateway_rest_api.api.id', 'aws_api_gateway_rest_api.api'] } },
    absent: '7:22-7:47 API stage aws_api_gateway_stage.x has no access_log_settings block',
    placeholder: ['destination_arn', 'format'],
  },
  {
    rule: 'CL-AWS-185',
    type: 'aws_cloudfront_distribution',
    block: 'logging_config',
    values: { enabled: true },
    absent: '7:22-7:53 Distribution aws_cloudfront_distribution.x has no logging_config block',
    placeholder: ['bucket', 'include_cookies', 'prefix'],
  },
  {
    rule: 'CL-AWS-187',
    type: 'aws_msk_cluster',
    block: 'logging_info',
    values: { cluster_name: 'events', kafka_version: '3.6.0' },
    absent: '7:22-7:41 MSK cluster aws_msk_cluster.x does not enable a destination under logging_info.broker_logs',
    placeholder: ['broker_logs'],
  },
  {
    rule: 'CL-AWS-088',
    type: 'aws_lb',
    block: 'access_logs',
    values: { name: 'web', load_balancer_type: 'application' },
    absent: '7:22-7:32 Load balancer aws_lb.x has no access_logs block',
    placeholder: ['bucket', 'enabled', 'prefix'],
  },
  {
    rule: 'CL-AWS-098',
    type: 'aws_eks_cluster',
    block: 'encryption_config',
    values: { name: 'apps', role_arn: 'arn:aws:iam::111122223333:role/eks' },
    absent: '7:22-7:41 EKS cluster aws_eks_cluster.x does not set encryption_config for secrets with a KMS key of yours',
    placeholder: ['resources'],
  },
  {
    rule: 'CL-AWS-037',
    type: 'aws_opensearch_domain',
    block: 'vpc_options',
    values: { domain_name: 'search' },
    absent: '7:22-7:47 OpenSearch domain aws_opensearch_domain.x sets no vpc_options',
    placeholder: ['security_group_ids', 'subnet_ids'],
  },
  {
    rule: 'CL-AWS-271',
    type: 'aws_route53_zone',
    block: 'vpc',
    values: { name: 'example.com' },
    absent: '7:22-7:42 Public hosted zone aws_route53_zone.x has no aws_route53_query_log that refers to it through zone_id',
    placeholder: ['vpc_id', 'vpc_region'],
  },
  {
    rule: 'CL-AZ-052',
    type: 'azurerm_mssql_server',
    block: 'azuread_administrator',
    values: { name: 'example-sql', version: '12.0', administrator_login: 'sqladmin' },
    absent: '7:22-7:46 SQL server azurerm_mssql_server.x does not set azuread_administrator.azuread_authentication_only',
    placeholder: ['azuread_authentication_only', 'login_username', 'object_id', 'tenant_id'],
  },
  {
    rule: 'CL-GCP-036',
    type: 'google_container_cluster',
    block: 'network_policy',
    values: { name: 'apps', location: 'europe-west1' },
    absent: '7:22-7:50 GKE cluster google_container_cluster.x does not set network_policy.enabled (nor uses Dataplane V2)',
    placeholder: ['enabled', 'provider'],
  },
];

describe('plans: dynamic blocks whose for_each is known after apply', () => {
  for (const c of CASES) {
    describe(`${c.rule} ${c.type}.${c.block}`, () => {
      it('a dynamic block with an unknown for_each (wholly unknown, not in the configuration) gives no finding', () => {
        assert.deepEqual(findings(plan(c.type, c.values, { [c.block]: true }, expressionsOf(c)), c.rule), []);
      });

      it('a dynamic block with a known, empty for_each (no block at all) gives the finding', () => {
        assert.deepEqual(findings(plan(c.type, { ...c.values, [c.block]: [] }, { [c.block]: [] }, expressionsOf(c)), c.rule), [c.absent]);
      });

      it('Terraform before 0.15.1: one placeholder block whose attributes are all unknown gives no finding', () => {
        const unknown = Object.fromEntries(c.placeholder.map((a) => [a, true]));
        assert.deepEqual(findings(plan(c.type, { ...c.values, [c.block]: [{}] }, { [c.block]: [unknown] }, expressionsOf(c)), c.rule), []);
      });
    });
  }

  it('a dynamic block with a known for_each: its planned expansion is read, though the configuration does not show it', () => {
    const values = { ...CASES[0].values, access_log_settings: [{ destination_arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:api', format: '$context.requestId' }] };
    assert.deepEqual(findings(plan('aws_api_gateway_stage', values, { access_log_settings: [{}] }, expressionsOf(CASES[0])), 'CL-AWS-089'), []);
  });

  it('a required block (CloudFront viewer_certificate) written as a dynamic block with an unknown for_each is unknown too', () => {
    const c = CASES[1];
    assert.deepEqual(findings(plan(c.type, c.values, { viewer_certificate: true }, expressionsOf(c)), 'CL-AWS-042'), []);
    assert.deepEqual(findings(plan(c.type, { ...c.values, viewer_certificate: [] }, { viewer_certificate: [] }, expressionsOf(c)), 'CL-AWS-042'), ['7:22-7:53 Distribution aws_cloudfront_distribution.x sets no viewer_certificate']);
  });

  it('a nested block the provider never computes (Athena configuration.managed_query_results_configuration) written as a dynamic block with an unknown for_each is unknown', () => {
    const expressions = { name: { constant_value: 'analysts' }, configuration: [{ enforce_workgroup_configuration: { constant_value: true } }] };
    const values = (inner: object) => ({ name: 'analysts', configuration: [{ enforce_workgroup_configuration: true, ...inner }] });
    assert.deepEqual(findings(plan('aws_athena_workgroup', values({}), { configuration: [{ managed_query_results_configuration: true }] }, expressions), 'CL-AWS-148'), []);
    assert.deepEqual(
      findings(plan('aws_athena_workgroup', values({ managed_query_results_configuration: [] }), { configuration: [{ managed_query_results_configuration: [] }] }, expressions), 'CL-AWS-148'),
      ['13:13-13:28 Athena workgroup aws_athena_workgroup.x does not set configuration.result_configuration.encryption_configuration.encryption_option'],
    );
  });

  it('a block the provider computed in an older major only (azurerm_monitor_diagnostic_setting enabled_log, Optional+Computed in 3.x, Optional in 4.x) written as a dynamic block with an unknown for_each is unknown', () => {
    const vault: Planned = { type: 'azurerm_key_vault', values: { name: 'example-kv', sku_name: 'standard' }, afterUnknown: {}, expressions: { name: { constant_value: 'example-kv' }, sku_name: { constant_value: 'standard' } } };
    const setting = (values: object, afterUnknown: object): Planned => ({
      type: 'azurerm_monitor_diagnostic_setting',
      values: { name: 'kv-audit', ...values },
      afterUnknown: { target_resource_id: true, ...afterUnknown },
      expressions: { name: { constant_value: 'kv-audit' }, target_resource_id: { references: ['azurerm_key_vault.x.id', 'azurerm_key_vault.x'] } },
    });
    assert.deepEqual(findings(planOf([vault, setting({}, { enabled_log: true })]), 'CL-AZ-056'), []);
    assert.deepEqual(findings(planOf([vault, setting({ enabled_log: [] }, { enabled_log: [] })]), 'CL-AZ-056'), [
      '7:22-7:43 Key vault azurerm_key_vault.x has diagnostic settings (azurerm_monitor_diagnostic_setting.x) that do not send its AuditEvent logs',
    ]);
  });

  it('custom rules (the kit\'s requirementChecks) read the unknown block too', () => {
    const text = [
      'id: ACME-001',
      'title: Distributions log requests',
      'severity: low',
      'message: "{id}: {path} is {value}"',
      'responsibility: {model: PaaS, layer: logging-and-monitoring, provider: AWS runs the edge, customer: logging is yours}',
      'match: {format: terraform, types: [aws_cloudfront_distribution]}',
      'require:',
      '  {path: logging_config.include_cookies, equals: false}',
      '',
    ].join('\n');
    const parsed = parseCustomRules('r.yaml', text, { builtin: defaultCatalogue(), custom: new Map() });
    assert.deepEqual(formatCustomProblems(parsed), []);
    const custom = (planText: string) => {
      const res = lintFile(parseFile('plan.json', planText), defaultCatalogue().withRules(parsed.rules));
      return res.findings.filter((f) => f.rule.custom).map((f) => `${spanText(res, f.span)} ${f.message.split(/\.\s/)[0]}`);
    };
    const c = CASES[1];
    assert.deepEqual(custom(plan(c.type, c.values, { logging_config: true }, expressionsOf(c))), []);
    assert.deepEqual(custom(plan(c.type, { ...c.values, logging_config: [] }, { logging_config: [] }, expressionsOf(c))), ['7:22-7:53 aws_cloudfront_distribution.x: logging_config.include_cookies is not set']);
  });

  it('Optional+Computed blocks planned wholly unknown but written nowhere stay absent: the findings stay', () => {
    const bucket = plan('aws_s3_bucket', { bucket: 'data' }, { versioning: true, logging: true, server_side_encryption_configuration: true }, { bucket: { constant_value: 'data' } });
    assert.deepEqual(findings(bucket, 'CL-AWS-053'), ['7:22-7:39 S3 bucket aws_s3_bucket.x has no versioning block and no aws_s3_bucket_versioning refers to it']);
    assert.deepEqual(findings(bucket, 'CL-AWS-086'), ['7:22-7:39 S3 bucket aws_s3_bucket.x has no logging block and no aws_s3_bucket_logging refers to it']);
    const table = plan('aws_dynamodb_table', { name: 'orders' }, { point_in_time_recovery: true }, { name: { constant_value: 'orders' } });
    assert.deepEqual(findings(table, 'CL-AWS-082'), ['7:22-7:44 DynamoDB table aws_dynamodb_table.x does not set point_in_time_recovery.enabled']);
  });

  it('google_storage_bucket versioning is Optional+Computed (provider schema): planned wholly unknown but written nowhere, the finding stays', () => {
    const bucket = plan('google_storage_bucket', { name: 'acme-data', location: 'EU' }, { versioning: true }, { name: { constant_value: 'acme-data' }, location: { constant_value: 'EU' } });
    assert.deepEqual(findings(bucket, 'CL-GCP-003'), ['7:22-7:47 Cloud Storage bucket google_storage_bucket.x does not set versioning.enabled']);
    // Its logging block is Optional only: wholly unknown, it comes from a dynamic block and stays unknown; known and
    // empty, it is absent.
    const expressions = { name: { constant_value: 'acme-data' }, location: { constant_value: 'EU' } };
    assert.deepEqual(findings(plan('google_storage_bucket', { name: 'acme-data', location: 'EU' }, { logging: true }, expressions), 'CL-GCP-004'), []);
    assert.deepEqual(findings(plan('google_storage_bucket', { name: 'acme-data', location: 'EU', logging: [] }, { logging: [] }, expressions), 'CL-GCP-004'), [
      '7:22-7:47 Cloud Storage bucket google_storage_bucket.x has no logging block',
    ]);
  });

  it('Optional+Computed OpenSearch encryption blocks planned wholly unknown stay absent beside computed attributes', () => {
    const domain = plan('aws_opensearch_domain', { domain_name: 'search' }, { encrypt_at_rest: true, node_to_node_encryption: true, arn: true }, { domain_name: { constant_value: 'search' } });
    assert.deepEqual(findings(domain, 'CL-AWS-065'), ['7:22-7:47 Domain aws_opensearch_domain.x does not set encrypt_at_rest.enabled']);
  });
});

/**
 * Blocks whose absence a rule reports that a provider computes when nobody writes them (Optional+Computed in the
 * provider's schema, or seen planned `after_unknown: true` unwritten in the corpus's plans): a plan leaves them
 * absent. Every other block whose absence a rule reports must be in USER_ONLY_BLOCKS. Where majors differ, the latest
 * major that has the block decides (see formats/terraform.ts). A map attribute the derivation below takes for a block
 * is listed here too: no `dynamic` block can write it, and an unwritten one is never planned wholly unknown.
 * Sources: hashicorp/terraform-provider-{aws,azurerm,google} (aws internal/service/, azurerm internal/services/,
 * google google/services/), file@commit where one was read.
 */
const OPTIONAL_COMPUTED: Readonly<Record<string, readonly string[]>> = {
  // dynamodb/table.go@01335dd (4.x; sse 4.x to 6.x); corpus test_dynamodb_kms_key_problem plans pitr unknown unwritten
  aws_dynamodb_table: ['point_in_time_recovery', 'server_side_encryption'],
  aws_api_gateway_rest_api: ['endpoint_configuration'], // apigateway/rest_api.go@00a3530 (6.x: Optional, Computed; the API returns EDGE)
  aws_ecs_cluster: ['setting'], // ecs/cluster.go (setting: TypeSet, Optional, Computed; the API returns containerInsights)
  // internal/service/ec2/ec2_instance.go (4.x, 5.x); corpus plans plan metadata_options unknown unwritten. network_interface
  // (TypeSet, Optional, Computed) conflicts with subnet_id, which CL-AWS-268 requires before it reports its absence
  aws_instance: ['metadata_options', 'network_interface'],
  // ec2_spot_instance_request.go: its schema is ResourceInstance().Schema, so its blocks are aws_instance's
  aws_spot_instance_request: ['metadata_options', 'network_interface'],
  aws_keyspaces_table: ['encryption_specification'],
  // mwaa/environment.go@05198464 (6.x): logging_configuration and each log type are TypeList, Optional, Computed
  aws_mwaa_environment: ['logging_configuration', 'logging_configuration.scheduler_logs', 'logging_configuration.webserver_logs', 'logging_configuration.worker_logs'], // keyspaces/table.go@07e0d0b (5.x)
  aws_opensearch_domain: ['domain_endpoint_options', 'encrypt_at_rest', 'node_to_node_encryption'], // opensearch/domain.go@0089ff3 (4.x)
  aws_elasticsearch_domain: ['domain_endpoint_options', 'encrypt_at_rest', 'node_to_node_encryption'], // elasticsearch/domain.go@00a3530 (6.x)
  // redshift/cluster.go: Optional+Computed from 5.45 (@00f1267, deprecated for aws_redshift_logging), Optional only in
  // 4.x (resource_aws_redshift_cluster.go@46fa720) and up to 5.44, removed in 6.0 (PR #42013): 5.x, its last major, decides
  aws_redshift_cluster: ['logging'],
  // Optional+Computed from provider 4.0: corpus test_regex_on_when (Terraform 1.1.6) plans all three unknown unwritten;
  // before, only versioning was (the corpus's Terraform 0.12 plans plan logging and sse known and empty)
  aws_s3_bucket: ['logging', 'server_side_encryption_configuration', 'versioning'],
  aws_sfn_state_machine: ['logging_configuration'], // sfn/state_machine.go@01f4311 (5.x)
  azurerm_container_registry: ['network_rule_set'], // internal/services/containers/container_registry_resource.go (3.x, 4.x)
  azurerm_eventhub_namespace: ['network_rulesets'], // internal/services/eventhub/eventhub_namespace_resource.go (2.x to 4.x)
  azurerm_key_vault: ['network_acls'], // keyvault/key_vault_resource.go (3.x)
  // network_profile: containers/kubernetes_cluster_resource.go (a 2.x and a 3.x/4.x copy); addon_profile:
  // azurerm/internal/services/containers/kubernetes_addons.go (2.x; gone in 3.0)
  azurerm_kubernetes_cluster: ['network_profile', 'addon_profile'],
  // log: monitor/monitor_diagnostic_setting_resource.go (2.x @00df4bc, 3.x @03ea313; removed in 4.0). enabled_log is
  // Optional+Computed in 3.x only, so it is in USER_ONLY_BLOCKS
  azurerm_monitor_diagnostic_setting: ['log'],
  azurerm_servicebus_namespace: ['network_rule_set'], // internal/services/servicebus/servicebus_namespace_resource.go (3.x, 4.x)
  azurerm_sql_server: ['extended_auditing_policy'], // azurerm/internal/services/sql/helper/sql_extended_auditing.go (2.x; gone in 3.0)
  azurerm_storage_account: ['network_rules'], // internal/services/storage/storage_account_resource.go (1.x to 4.x); corpus plans too
  // confidential_instance_config: compute/resource_compute_instance.go@0047466. metadata is a map attribute
  // (Optional, not Computed): unwritten, it is planned null
  google_compute_instance: ['confidential_instance_config', 'metadata'],
  // container/resource_container_cluster.go@0297605 (current); node_config and node_config.shielded_instance_config:
  // container/node_config.go@00b984c schemaNodeConfig. workload_identity_config was Optional only in 3.x
  google_container_cluster: ['addons_config', 'master_authorized_networks_config', 'node_config', 'node_config.shielded_instance_config', 'node_pool', 'private_cluster_config', 'workload_identity_config'],
  google_container_node_pool: ['node_config', 'node_config.metadata'], // container/node_config.go@00b984c (metadata a map)
  // sql/resource_sql_database_instance.go: ip_configuration @00bf104 (current), backup_configuration (4.x copy)
  google_sql_database_instance: ['settings.backup_configuration', 'settings.ip_configuration'],
  // dns/resource_dns_managed_zone.go@07a2c0b: Computed since magic-modules PR #11632 (2024, 6.x; default_from_api
  // against a permadiff); Optional only before (3.x to early 6.x)
  google_dns_managed_zone: ['dnssec_config'],
  google_storage_bucket: ['versioning'], // storage/resource_storage_bucket.go@0262be6 and @36e138e (see formats/terraform.ts)
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBlock = (v: Json) => isObject(v) || (Array.isArray(v) && v.length > 0 && v.every(isObject));
const itemsOf = (v: Json | undefined): { [k: string]: Json }[] => (isObject(v) ? [v] : Array.isArray(v) ? v.filter(isObject) : []);

describe('plans: every block whose absence a rule reports is classified', () => {
  it('is in USER_ONLY_BLOCKS or known Optional+Computed', () => {
    // For each terraform-json example, each block (or nested block) other examples of its type write but it does
    // not: when `dynamic "<block>"` with an unknown for_each silences a finding, a rule reports the block missing.
    const required = new Set<string>();
    for (const dir of RULE_DIRS) {
      const examples = parse(readFileSync(join(__dirname, '..', '..', 'rules', dir, 'examples.yaml'), 'utf8')) as Record<string, { good?: { code: string }[]; bad?: { code: string }[] }>;
      const tf = examples['terraform-json'];
      if (!tf) continue;
      const docs = [...(tf.good ?? []), ...(tf.bad ?? [])].flatMap((e) => {
        try {
          return [JSON.parse(e.code) as { [k: string]: Json }];
        } catch {
          return [];
        }
      });
      const bodies = (doc: { [k: string]: Json }) =>
        Object.entries(isObject(doc.resource) ? doc.resource : {}).flatMap(([type, byName]) => Object.entries(isObject(byName) ? byName : {}).filter(([, b]) => isObject(b)).map(([name, b]) => ({ type, name, body: b as { [k: string]: Json } })));
      // Block paths (`outer`, `outer.inner`) written per type in any example.
      const blocks = new Map<string, Set<string>>();
      const collect = (type: string, body: { [k: string]: Json }, prefix: string) => {
        for (const [k, v] of Object.entries(body)) {
          if (!isBlock(v) || k === 'dynamic' || k === 'tags') continue;
          blocks.set(type, (blocks.get(type) ?? new Set()).add(prefix + k));
          for (const item of itemsOf(v)) collect(type, item, `${prefix}${k}.`);
        }
      };
      for (const doc of docs) for (const { type, body } of bodies(doc)) collect(type, body, '');
      for (const doc of docs) {
        const base = lintText('main.tf.json', JSON.stringify(doc)).findings.map((f) => `${f.rule.id} ${f.message}`);
        for (const { type, name } of bodies(doc)) {
          for (const path of blocks.get(type) ?? []) {
            const steps = path.split('.');
            const block = steps.pop()!;
            const variant = JSON.parse(JSON.stringify(doc)) as { resource: Record<string, Record<string, { [k: string]: Json }>> };
            let parents = [variant.resource[type][name]];
            for (const step of steps) parents = parents.flatMap((p) => itemsOf(p[step]));
            parents = parents.filter((p) => !(block in p));
            if (parents.length === 0) continue;
            for (const p of parents) p.dynamic = { ...(isObject(p.dynamic) ? p.dynamic : {}), [block]: { for_each: '${var.items}', content: {} } };
            const after = new Set(lintText('main.tf.json', JSON.stringify(variant)).findings.map((f) => `${f.rule.id} ${f.message}`));
            if (base.some((f) => !after.has(f))) required.add(`${type}.${path}`);
          }
        }
      }
    }
    const classified = (list: Readonly<Record<string, readonly string[]>>, key: string) => list[key.split('.')[0]]?.includes(key.slice(key.indexOf('.') + 1)) ?? false;
    assert.ok(required.size >= 30, `only ${required.size} required blocks found: the derivation gave up`);
    const unclassified = [...required].filter((k) => !classified(USER_ONLY_BLOCKS, k) && !classified(OPTIONAL_COMPUTED, k)).sort();
    assert.deepEqual(unclassified, [], 'classify these blocks: USER_ONLY_BLOCKS (formats/terraform.ts) when the provider never computes them, else OPTIONAL_COMPUTED here');
    const both = [...required].filter((k) => classified(USER_ONLY_BLOCKS, k) && classified(OPTIONAL_COMPUTED, k));
    assert.deepEqual(both, []);
  });
});
