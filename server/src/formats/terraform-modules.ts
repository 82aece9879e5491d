// Known Terraform registry modules (`terraform-aws-modules/…/aws`), read as the resources they create: Cloudline
// downloads no module, but for the most used ones it knows which input becomes which attribute of which resource, and
// the inputs' defaults per major version. A module block of such a source becomes those resources, whose values are
// the inputs' own nodes (findings land on the input), so the rules run on them unchanged. Facts only (input names,
// defaults, the resources made), each read in the module's own variables.tf / README inputs / main.tf / upgrade guide
// at a named commit or release (the `checked` field says which); a default not read for a major version is not known
// there, so an absent input of that version is unknown (no finding).
//
// What a synthesized resource does not declare is unknown, never absent: an attribute the table does not map may be
// set by an input it does not read, so no rule reports it missing. Plans hold the modules' real resources: not here.
import type { ParsedDoc, ParsedFile } from '../model/parse';
import { get, type MapNode, type Node, type Pair, type ScalarNode } from '../model/tree';
import type { ModuleOrigin, Resource } from './resource';
import { levels } from './terraform';
import { Val, type Alt, type Resolver } from './value';

/** A module of the table. */
interface KnownModule {
  /** `terraform-aws-modules/s3-bucket/aws`. */
  readonly registry: string;
  /** The major versions whose defaults and wiring were read, for the notice (`v4, v5`). */
  readonly versions: string;
  /** What was read for each of them: file, release and commit. */
  readonly checked: string;
  /**
   * The newest major version the module's own changelog or upgrade guides show. A block without a bounded `version`
   * gets the newest release, so an absent input there takes a default only if this major's was read too.
   */
  readonly latest: number;
  /**
   * When set, the module is read only with a `version` bounded to these majors (the ones whose wiring was read): others
   * take other inputs or make other resources.
   */
  readonly only?: readonly number[];
  /** The inputs read, for the notice and the README. */
  readonly inputs: readonly string[];
  /** The resources the module block is read as. */
  build(m: Call): void;
}

/**
 * A default per major version of the module; a major not listed is not known. `''` stands for null or an empty
 * list or map (the module sets nothing, so the provider's own default applies), when passed as `omitWhen`.
 */
type Defaults = Readonly<Record<number, Value | Ranged>>;

type Value = boolean | number | string;

/**
 * A default that changed inside a major version: `[from, to, value]` entries, `from` included and `to` excluded
 * (`['3.6.0', '3.8.0', false]`), each read in the module's sources for the releases it spans. A version of the major
 * that no entry covers is not known.
 */
type Ranged = readonly (readonly [from: string, to: string, value: Value])[];

/** A version as [major, minor, patch]. */
type Version = readonly [number, number, number];

/** The versions a constraint allows: from `low` (included) to `high` (excluded). */
export interface VersionRange {
  readonly low: Version;
  readonly high: Version;
}

function cmp(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function parseVersion(v: string): Version {
  const [a, b, c] = v.split('.').map(Number);
  return [a ?? 0, b ?? 0, c ?? 0];
}

/**
 * The value a ranged default takes over the versions [low, high): the one value of the entries that together cover
 * them all; undefined when they disagree or leave a version uncovered.
 */
function rangedValue(entries: Ranged, low: Version, high: Version): Value | undefined {
  let at = low;
  let value: Value | undefined;
  while (cmp(at, high) < 0) {
    const e = entries.find(([from, to]) => cmp(parseVersion(from), at) <= 0 && cmp(at, parseVersion(to)) < 0);
    if (!e || (value !== undefined && e[2] !== value)) return undefined;
    value = e[2];
    at = parseVersion(e[1]);
  }
  return value;
}

/** Where a synthesized attribute's value comes from. */
type Source = Node | 'unknown';

interface Made {
  readonly type: string;
  readonly name: string;
  readonly values: Map<string, Source>;
  /** The attributes the table decides: present in `values`, or known to be absent. */
  readonly declared: Set<string>;
  readonly refs: Map<string, string>;
}

/** One module block being read: its inputs, version and the resources made so far. */
class Call {
  readonly made: Made[] = [];

  constructor(
    readonly name: string,
    readonly body: MapNode,
    readonly label: ScalarNode,
    readonly resolver: Resolver,
    /** The major versions `version` (or `?ref=`) allows; undefined when not known or not bounded. */
    readonly majors: ReadonlySet<number> | undefined,
    /** The versions `version` (or `?ref=`) allows, when bounded; for defaults that changed inside a major. */
    readonly range: VersionRange | undefined,
    /** The module's newest major version (what an unbounded `version` gets). */
    readonly latest: number,
  ) {}

  /** True when `version` is bounded to majors all in `read` (the versions whose wiring was read). */
  within(read: readonly number[]): boolean {
    return !!this.majors && [...this.majors].every((v) => read.includes(v));
  }

  /**
   * The default an absent input takes: the one the major versions `version` allows agree on, or, without a bounded
   * version, the one every major of the table and the newest major agree on; undefined when not known.
   */
  private known(defaults: Defaults): Value | undefined {
    const majors = this.majors ? [...this.majors] : [...Object.keys(defaults).map(Number), this.latest];
    const values = new Set(majors.flatMap((m) => this.inMajor(defaults[m], m)));
    return values.size === 1 ? [...values][0] : undefined;
  }

  /**
   * The default of one major version allowed: its value, or for a default that changed inside the major, the value
   * over the versions of it `version` allows (every value of the major without a bounded version); undefined when
   * not known.
   */
  private inMajor(d: Value | Ranged | undefined, major: number): (Value | undefined)[] {
    if (!Array.isArray(d)) return [d as Value | undefined];
    const entries = d as Ranged;
    if (!this.range) return [undefined];
    const lo: Version = cmp(this.range.low, [major, 0, 0]) > 0 ? this.range.low : [major, 0, 0];
    const hi: Version = cmp(this.range.high, [major + 1, 0, 0]) < 0 ? this.range.high : [major + 1, 0, 0];
    return [rangedValue(entries, lo, hi)];
  }

  /** True when `version` is bounded to versions from `version` (included) on, within one major. */
  from(version: string): boolean {
    if (!this.range) return false;
    const v = parseVersion(version);
    return cmp(this.range.low, v) >= 0 && cmp(this.range.high, [v[0] + 1, 0, 0]) <= 0;
  }

  /** True / false when the input is a known boolean, or absent with a known default; else undefined. */
  flagOf(name: string, defaults: Defaults): boolean | undefined {
    const v = this.value(name);
    if (!v.isAbsent) return v.bool();
    const d = this.known(defaults);
    return typeof d === 'boolean' ? d : undefined;
  }

  /** The input's node as written, or undefined. */
  input(name: string): Node | undefined {
    return get(this.body, name);
  }

  /** The input's value as the module sees it (variables and locals resolved in HCL). */
  value(name: string): Val {
    const n = this.input(name);
    return n ? Val.of(n, this.resolver) : Val.absent(this.label, this.resolver);
  }

  /** True / false when the input is a known boolean or absent (then `absent`); undefined when unknown. */
  flag(name: string, absent: boolean): boolean | undefined {
    const v = this.value(name);
    if (v.isAbsent) return absent;
    return v.bool();
  }

  /** True when the input is a known empty map or list, or absent: the module makes nothing of it. */
  empty(name: string): boolean {
    const v = this.value(name);
    if (v.isAbsent) return true;
    const n = v.node;
    return !!n && ((n.kind === 'map' && n.pairs.length === 0) || (n.kind === 'seq' && n.items.length === 0));
  }

  /** A synthetic scalar at `at` (the module's name when omitted): a default, a port from the module's rule table. */
  scalar(value: boolean | number | string, at: Node = this.label): ScalarNode {
    return { kind: 'scalar', value, style: typeof value === 'string' ? 'quoted' : 'plain', span: at.span, doc: at.doc };
  }

  /**
   * The value an absent input takes: the default of the major versions `version` allows when they agree, or, without
   * a bounded version, the default every major version of the table and the newest major agree on; else unknown. A
   * default the provider also has (`omitWhen`) is left absent, so the rule's own "does not set" message holds.
   */
  defaulted(name: string, defaults: Defaults, omitWhen?: boolean | number | string): Source | undefined {
    const n = this.input(name);
    if (n) return n;
    const value = this.known(defaults);
    if (value === undefined) return 'unknown';
    if (value === omitWhen) return undefined;
    const node = this.scalar(value);
    this.defaults.set(node, name);
    return node;
  }

  /** The synthetic nodes that stand for an absent input's default, with the input's name (for messages). */
  readonly defaults = new WeakMap<Node, string>();

  /**
   * Adds a resource `type.name`: `attrs` are the attributes the table decides (undefined: known to be absent), `refs`
   * the attributes that refer to another resource of the module (`bucket` → `aws_s3_bucket.this`). Every other
   * attribute of it is unknown.
   */
  resource(type: string, name: string, attrs: Record<string, Source | undefined>, refs: Record<string, string> = {}): void {
    const values = new Map<string, Source>();
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined) values.set(k, v);
    for (const k of Object.keys(refs)) if (!values.has(k)) values.set(k, 'unknown');
    this.made.push({ type, name, values, declared: new Set([...Object.keys(attrs), ...Object.keys(refs)]), refs: new Map(Object.entries(refs)) });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The table.

/** Buckets: terraform-aws-modules/s3-bucket/aws. */
const S3_BUCKET: KnownModule = {
  registry: 'terraform-aws-modules/s3-bucket/aws',
  versions: 'v3 (in part), v4, v5',
  checked:
    'variables.tf at 3.6.0 (8836d0f), 3.7.0 (fd62dbc) and 3.9.0 (12ad5b6), 4.11.0 (1a431dd), 5.0.0 (c37f4c3), 5.4.0 (2a25737): ' +
    'block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets default to false in 3.6.0 and 3.7.0 ' +
    'and to true from 3.9.0 ("Updated S3 Bucket Block Public Access ... defaults", CHANGELOG), so 3.x is not known as a ' +
    'whole: they are known for a version bounded to 3.6.x-3.7.x (false) or 3.9.x (true), 3.8.x and before 3.6.0 were not ' +
    'read (3.0.0 variables.tf is not in the index); create_bucket and ' +
    'attach_public_policy default to true, attach_policy and every attach_*_policy to false, acl and policy to null, ' +
    'versioning, logging and server_side_encryption_configuration to {} in all of them (so in 3.x too); main.tf (0170e4f, ' +
    'after 5.8): the public ' +
    'access block is made when attach_public_policy is true, the policy when attach_policy or any attach_*_policy is, and ' +
    'is_directory_bucket (from 4.6.0) makes an aws_s3_directory_bucket instead (not read); each item of cors_rule becomes a ' +
    'cors_rule block (allowed_methods, allowed_origins, … as written) of an aws_s3_bucket_cors_configuration',
  latest: 5,
  inputs: [
    'create_bucket', 'bucket', 'acl', 'versioning', 'logging', 'server_side_encryption_configuration', 'attach_public_policy',
    'block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets', 'attach_policy', 'policy',
    'attach_*_policy', 'is_directory_bucket', 'cors_rule',
  ],
  build(m) {
    if (m.flag('create_bucket', true) === false) return;
    // A directory bucket (4.6.0 on) is another resource with none of these configurations: not read.
    if (m.flag('is_directory_bucket', false) !== false) return;
    const bucket = 'aws_s3_bucket.this';
    // The legacy inline blocks have the inputs' shapes; an empty map makes no configuration resource, and the three
    // default to {} in every version read.
    const inline = (name: string): Source | undefined => {
      if (!m.input(name)) return m.defaulted(name, { 3: '', 4: '', 5: '' }, '');
      return m.empty(name) ? undefined : m.input(name);
    };
    m.resource('aws_s3_bucket', 'this', {
      bucket: m.input('bucket'),
      versioning: inline('versioning'),
      logging: inline('logging'),
      server_side_encryption_configuration: inline('server_side_encryption_configuration'),
      // The module writes its bucket policy as an aws_s3_bucket_policy (below), never inline.
      policy: undefined,
    });
    const acl = m.value('acl');
    if (!acl.isAbsent && !(acl.isKnown && acl.scalar === null)) m.resource('aws_s3_bucket_acl', 'this', { acl: m.input('acl') }, { bucket });
    if (m.flag('attach_public_policy', true) !== false) {
      // 3.x is split: false in 3.6.0 and 3.7.0, true from 3.9.0 (read); 3.8.x and before 3.6.0 were not read, so a
      // version that may be one of those (`~> 3.0`) is not known.
      const pab: Defaults = {
        3: [
          ['3.6.0', '3.8.0', false],
          ['3.9.0', '3.10.0', true],
        ],
        4: true,
        5: true,
      };
      m.resource(
        'aws_s3_bucket_public_access_block',
        'this',
        {
          block_public_acls: m.defaulted('block_public_acls', pab, false),
          block_public_policy: m.defaulted('block_public_policy', pab, false),
          ignore_public_acls: m.defaulted('ignore_public_acls', pab, false),
          restrict_public_buckets: m.defaulted('restrict_public_buckets', pab, false),
        },
        { bucket },
      );
    }
    // CORS: each item of cors_rule becomes a cors_rule block of an aws_s3_bucket_cors_configuration (main.tf at
    // 0170e4f), the keys passed as they are. A JSON string (the module decodes one, for Terragrunt) or an unknown list
    // makes no resource here: what it allows is not known.
    const cors = m.value('cors_rule');
    if (cors.isKnown && cors.isSeq && !m.empty('cors_rule')) m.resource('aws_s3_bucket_cors_configuration', 'this', { cors_rule: m.input('cors_rule') }, { bucket });
    // The bucket policy: `policy` when attach_policy is true; any other attach_*_policy input (deny insecure transport,
    // log delivery, …) adds statements of the module's own, so the policy is then not known here.
    const others = m.body.pairs
      .map((p) => String(p.key.value))
      .filter((k) => k !== 'attach_policy' && k !== 'attach_public_policy' && /^attach_[a-z0-9_]+_policy$/.test(k));
    const otherOn = others.some((k) => m.flag(k, false) !== false);
    const own = m.flag('attach_policy', false);
    if (otherOn || own !== false) {
      const policy = own === true && !otherOn && m.input('policy') ? m.input('policy')! : 'unknown';
      m.resource('aws_s3_bucket_policy', 'this', { policy }, { bucket });
    }
  },
};

/** DB instances: terraform-aws-modules/rds/aws. */
const RDS: KnownModule = {
  registry: 'terraform-aws-modules/rds/aws',
  versions: 'v3 (storage_encrypted only), v4 to v6',
  checked:
    'README inputs at 4.0.0 (9149ec1), 5.0.0 (808407d) and 6.0.0 (c66cd73), variables.tf and main.tf at 029b06b (4.0): ' +
    'publicly_accessible, iam_database_authentication_enabled, deletion_protection, multi_az default to false, ' +
    'replicate_source_db, snapshot_identifier, restore_to_point_in_time, s3_import to null, auto_minor_version_upgrade ' +
    'and create_db_instance to true, enabled_cloudwatch_logs_exports to [], each passed as is to the DB instance; ' +
    'storage_encrypted is true in 4.0.0 (variables.tf at 029b06b) and false in 3.x ("Upgrade from v3.x to v4.x": "now set ' +
    'to true by default; was previously false", UPGRADE-4.0.md at 29c3fd2), and passed as is to the DB instance in 3.5.0 ' +
    '(modules/db_instance/main.tf at 77902c2), read for 3.x and 4.x only; backup_retention_period null, read only when ' +
    'written; no other default of 3.x was read (its variables.tf and README are not in the index), 7.x ' +
    '(docs/UPGRADE-7.0.md) neither',
  latest: 7,
  inputs: [
    'create_db_instance', 'engine', 'engine_version', 'publicly_accessible', 'storage_encrypted', 'kms_key_id', 'backup_retention_period',
    'iam_database_authentication_enabled', 'enabled_cloudwatch_logs_exports', 'auto_minor_version_upgrade', 'deletion_protection',
    'multi_az', 'replicate_source_db', 'snapshot_identifier', 'restore_to_point_in_time', 's3_import',
  ],
  build(m) {
    if (m.flag('create_db_instance', true) === false) return;
    const same: Defaults = { 4: false, 5: false, 6: false };
    // '' stands for null or an empty list: nothing set, as the provider's own absent value.
    const NONE: Defaults = { 4: '', 5: '', 6: '' };
    const EMPTY = NONE;
    m.resource('aws_db_instance', 'this', {
      engine: m.input('engine') ?? 'unknown',
      engine_version: m.input('engine_version') ?? 'unknown',
      publicly_accessible: m.defaulted('publicly_accessible', same, false),
      // false in 3.x, true from 4.0.0; the provider's own default is false, so 3.x leaves it absent.
      storage_encrypted: m.defaulted('storage_encrypted', { 3: false, 4: true }, false),
      kms_key_id: m.input('kms_key_id') ?? 'unknown',
      backup_retention_period: m.input('backup_retention_period') ?? 'unknown',
      iam_database_authentication_enabled: m.defaulted('iam_database_authentication_enabled', same, false),
      enabled_cloudwatch_logs_exports: m.defaulted('enabled_cloudwatch_logs_exports', EMPTY, ''),
      auto_minor_version_upgrade: m.defaulted('auto_minor_version_upgrade', { 4: true, 5: true, 6: true }, true),
      deletion_protection: m.defaulted('deletion_protection', same, false),
      multi_az: m.defaulted('multi_az', same, false),
      // Null in every version read: not a replica, not restored (the rules that skip those need to know).
      replicate_source_db: m.defaulted('replicate_source_db', NONE, ''),
      snapshot_identifier: m.defaulted('snapshot_identifier', NONE, ''),
      restore_to_point_in_time: m.defaulted('restore_to_point_in_time', NONE, ''),
      s3_import: m.defaulted('s3_import', NONE, ''),
      // Not an attribute of a DB instance (clusters only).
      engine_mode: undefined,
    });
  },
};

/** EC2 instances: terraform-aws-modules/ec2-instance/aws. */
const EC2_INSTANCE: KnownModule = {
  registry: 'terraform-aws-modules/ec2-instance/aws',
  versions: 'v4, v5',
  checked:
    'variables.tf at 4.3.0 (2aaa990) and 5.0.0 (9d4e0ca): create true, create_spot_instance false, ' +
    'associate_public_ip_address, user_data and user_data_base64 null, root_block_device and ebs_block_device []; ' +
    'metadata_options differs ({} in 4.3.0, http_tokens optional in 5.0.0) and is read only when written; main.tf at ' +
    '4.3.0 (2aaa990) passes them as is to aws_instance, or aws_spot_instance_request when create_spot_instance; 3.x was not ' +
    'read, 6.x changes root_block_device and ebs_block_device (docs/UPGRADE-6.0.md) and was not read',
  latest: 6,
  inputs: ['create', 'create_spot_instance', 'associate_public_ip_address', 'user_data', 'user_data_base64', 'metadata_options', 'root_block_device', 'ebs_block_device'],
  build(m) {
    if (m.flag('create', true) === false) return;
    const spot = m.flag('create_spot_instance', false);
    if (spot === undefined) return; // which resource it makes is not known
    const none: Defaults = { 4: '', 5: '' };
    m.resource(spot ? 'aws_spot_instance_request' : 'aws_instance', 'this', {
      associate_public_ip_address: m.defaulted('associate_public_ip_address', none, ''),
      user_data: m.defaulted('user_data', none, ''),
      user_data_base64: m.defaulted('user_data_base64', none, ''),
      metadata_options: m.input('metadata_options') ?? 'unknown',
      root_block_device: m.empty('root_block_device') ? m.defaulted('root_block_device', none, '') : m.input('root_block_device'),
      ebs_block_device: m.empty('ebs_block_device') ? m.defaulted('ebs_block_device', none, '') : m.input('ebs_block_device'),
    });
  },
};

/** Queues: terraform-aws-modules/sqs/aws. */
const SQS: KnownModule = {
  registry: 'terraform-aws-modules/sqs/aws',
  versions: 'v2 (in part), v3, v4',
  checked:
    'README inputs and main.tf at 3.4.0 (b1aa7e4), variables.tf at 034a1f1 (3.2) and main.tf and variables.tf at 4.0.0 ' +
    '(f49fe2b): create true and kms_master_key_id null in both; sqs_managed_sse_enabled is no input before 3.4.0 and ' +
    'defaults to false from 3.4.0 (so 3.x is not known as a whole) and to true in 4.0.0, where the module passes null ' +
    'instead when kms_master_key_id is set; policy is the queue\'s policy in 3.x and no input in 4.0.0 (queue policies ' +
    'are an aws_sqs_queue_policy made from create_queue_policy and statements there); 2.x: sqs_managed_sse_enabled is no ' +
    'input before 3.4.0 ("Adds sqs_managed_sse_enabled", CHANGELOG at 195b0bc), so a 2.x queue does not set it (the ' +
    'provider\'s default applies); nothing else of 2.x was read',
  latest: 4,
  inputs: ['create', 'kms_master_key_id', 'sqs_managed_sse_enabled', 'policy'],
  build(m) {
    if (m.flag('create', true) === false) return;
    const kms = m.value('kms_master_key_id');
    const keyed = !kms.isAbsent && kms.isKnown && kms.scalar !== null;
    let sse: Source | undefined;
    // 4.x passes null when a KMS key is set; 3.x passes the input either way (no input before 3.4.0).
    if (keyed && m.within([4])) sse = undefined;
    // No such input before 3.4.0 (CHANGELOG): a 2.x queue does not set it, whatever the block says.
    else if (m.within([2])) sse = undefined;
    else if (kms.isAbsent || kms.isKnown) sse = m.defaulted('sqs_managed_sse_enabled', { 4: true }, '');
    else sse = 'unknown';
    m.resource('aws_sqs_queue', 'this', {
      kms_master_key_id: m.defaulted('kms_master_key_id', { 3: '', 4: '' }, ''),
      sqs_managed_sse_enabled: sse,
      // 3.x puts `policy` on the queue; 4.x has no such input (its queue policy is another resource, not read).
      policy: m.within([3]) ? (m.input('policy') ?? 'unknown') : 'unknown',
    });
  },
};

/** VPCs: terraform-aws-modules/vpc/aws. */
const VPC: KnownModule = {
  registry: 'terraform-aws-modules/vpc/aws',
  versions: 'v3 to v5 (v4 in part)',
  checked:
    'variables.tf at 3.15.0 (6eddcad), 3.16.0 (4fe7745), 3.17.0 (4416e37) and 5.6.0 (e2970fd), docs/UPGRADE-4.0.md ' +
    '(b088ef2), main.tf at 00ba9a3 (3.x): create_vpc true; map_public_ip_on_launch true in 3.x and false from 4.0.0 ' +
    '("now defaults to false"), passed to the public subnets; enable_flow_log false in 3.x and 5.x (4.x was not read: ' +
    'unknown, so a flow log is assumed); manage_default_network_acl false in 3.x (4.0.0: "now defaults to true"), ' +
    'which adopts the default network ACL with one ingress block per item of default_network_acl_ingress (3.x main.tf; ' +
    'the list\'s 3.x default and the 4.x to 6.x wiring were not read); 6.x (docs/CHANGELOG.md) was not read',
  latest: 6,
  inputs: ['create_vpc', 'enable_flow_log', 'public_subnets', 'map_public_ip_on_launch', 'manage_default_network_acl', 'default_network_acl_ingress'],
  build(m) {
    if (m.flag('create_vpc', true) === false) return;
    const vpc = 'aws_vpc.this';
    m.resource('aws_vpc', 'this', {});
    // No flow log only when it is known to be off; an unknown one is assumed, so nothing is reported missing.
    if (m.flagOf('enable_flow_log', { 3: false, 5: false }) !== false) m.resource('aws_flow_log', 'this', {}, { vpc_id: vpc });
    if (!m.empty('public_subnets')) {
      m.resource('aws_subnet', 'public', { map_public_ip_on_launch: m.defaulted('map_public_ip_on_launch', { 3: true, 4: false, 5: false }, false) }, { vpc_id: vpc });
    }
    // The VPC's default network ACL is adopted only when manage_default_network_acl is true (false in 3.x: 4.0.0 "now
    // defaults to true", UPGRADE-4.0.md); each item of default_network_acl_ingress is then one of its ingress blocks,
    // action, cidr_block, ipv6_cidr_block, from_port, to_port, protocol and rule_no passed as they are (main.tf at
    // 00ba9a3). Read for 3.x only: the 4.x to 6.x main.tf were not read, nor the 3.x default of the ingress list.
    if (m.within([3]) && m.flagOf('manage_default_network_acl', { 3: false }) === true) {
      const ingress = m.value('default_network_acl_ingress');
      m.resource('aws_default_network_acl', 'this', { ingress: ingress.isAbsent ? 'unknown' : m.input('default_network_acl_ingress') });
    }
  },
};

/** Classic load balancers: terraform-aws-modules/elb/aws. */
const ELB: KnownModule = {
  registry: 'terraform-aws-modules/elb/aws',
  versions: 'v2',
  checked:
    'variables.tf at f54e887 and main.tf and modules/elb/main.tf at 2.4.0 (71d0ffc): create_elb true, access_logs {} ' +
    '(no access_logs block; a given one is enabled unless it says otherwise), listener and internal passed as is; ' +
    '3.x (CHANGELOG to 3.0.1) was not read',
  latest: 3,
  inputs: ['create_elb', 'access_logs', 'listener', 'internal'],
  build(m) {
    if (m.flag('create_elb', true) === false) return;
    m.resource('aws_elb', 'this', {
      access_logs: m.empty('access_logs') ? m.defaulted('access_logs', { 2: '' }, '') : m.input('access_logs'),
      listener: m.input('listener') ?? 'unknown',
      internal: m.input('internal') ?? 'unknown',
    });
  },
};

/** Application and network load balancers: terraform-aws-modules/alb/aws. */
const ALB: KnownModule = {
  registry: 'terraform-aws-modules/alb/aws',
  versions: 'v6, v8, v9',
  checked:
    'variables.tf and main.tf at 6.7.0 (a4a79df), variables.tf at 8.7.0 (b3b00f0) and main.tf at 00a2371 (8.6+), README ' +
    'inputs at 9.0.0 (39d5627) and UPGRADE-9.0.md: create_lb (create from 9.0.0) true, access_logs {}, ' +
    'enable_deletion_protection false in 6.x and 8.x and true from 9.0.0; access_logs is enabled when it names a bucket ' +
    'and does not say otherwise (6.7.0 and 8.x main.tf; in 9.x enabled defaults to true, seen in a 9.16 main.tf found ' +
    'by content); drop_invalid_header_fields "now defaults to true" in 9.x (UPGRADE-9.0.md at 00d8d66, against 8.x, so ' +
    'false in 8.x), not read for 6.x; 7.x and 10.x (docs/UPGRADE-10.0.md) were not read',
  latest: 10,
  inputs: ['create', 'create_lb', 'enable_deletion_protection', 'access_logs', 'internal', 'load_balancer_type', 'drop_invalid_header_fields'],
  build(m) {
    if (m.flag('create', true) === false || m.flag('create_lb', true) === false) return;
    const logs = m.value('access_logs');
    let access: Source | undefined = m.input('access_logs');
    if (m.empty('access_logs')) access = m.defaulted('access_logs', { 6: '', 8: '', 9: '' }, '');
    else if (logs.isMap && logs.get('enabled').isAbsent && !logs.get('bucket').isAbsent) {
      // The module turns logging on when a bucket is named (the provider's own default is off).
      const map = logs.node as MapNode;
      const bucket = get(map, 'bucket')!;
      access = { ...map, pairs: [...map.pairs, synthPair('enabled', m.scalar(true, bucket), bucket)] };
    }
    m.resource('aws_lb', 'this', {
      enable_deletion_protection: m.defaulted('enable_deletion_protection', { 6: false, 8: false, 9: true }, false),
      access_logs: access,
      internal: m.input('internal') ?? 'unknown',
      load_balancer_type: m.input('load_balancer_type') ?? 'unknown',
      // false is also the provider's default: left absent in 8.x.
      drop_invalid_header_fields: m.defaulted('drop_invalid_header_fields', { 8: false, 9: true }, false),
    });
  },
};

/**
 * The named rules of terraform-aws-modules/security-group (its `rules.tf` table, the same ports at f7ad94c (3.x) and
 * 015559c (4.14 or later); ldap-tcp from 3.17.0, etcd-client-tcp from 4.6.0): from port, to port, protocol. Only the
 * names listed here are read; another name makes a rule of unknown ports.
 */
const SG_RULES: Readonly<Record<string, readonly [number, number, string]>> = {
  'all-all': [-1, -1, '-1'],
  'all-tcp': [0, 65535, 'tcp'],
  'all-udp': [0, 65535, 'udp'],
  'all-icmp': [-1, -1, 'icmp'],
  'ssh-tcp': [22, 22, 'tcp'],
  'dns-udp': [53, 53, 'udp'],
  'dns-tcp': [53, 53, 'tcp'],
  'http-80-tcp': [80, 80, 'tcp'],
  'http-8080-tcp': [8080, 8080, 'tcp'],
  'https-443-tcp': [443, 443, 'tcp'],
  'https-8443-tcp': [8443, 8443, 'tcp'],
  'ldap-tcp': [389, 389, 'tcp'],
  'ldaps-tcp': [636, 636, 'tcp'],
  'nfs-tcp': [2049, 2049, 'tcp'],
  'ntp-udp': [123, 123, 'udp'],
  'mysql-tcp': [3306, 3306, 'tcp'],
  'mssql-tcp': [1433, 1433, 'tcp'],
  'postgresql-tcp': [5432, 5432, 'tcp'],
  'oracle-db-tcp': [1521, 1521, 'tcp'],
  'redis-tcp': [6379, 6379, 'tcp'],
  'memcached-tcp': [11211, 11211, 'tcp'],
  'mongodb-27017-tcp': [27017, 27017, 'tcp'],
  'elasticsearch-rest-tcp': [9200, 9200, 'tcp'],
  'kafka-broker-tcp': [9092, 9092, 'tcp'],
  'rdp-tcp': [3389, 3389, 'tcp'],
  'rdp-udp': [3389, 3389, 'udp'],
  'winrm-http-tcp': [5985, 5985, 'tcp'],
  'winrm-https-tcp': [5986, 5986, 'tcp'],
  'etcd-client-tcp': [2379, 2379, 'tcp'],
  'zookeeper-2181-tcp': [2181, 2181, 'tcp'],
};

/**
 * Security groups: terraform-aws-modules/security-group/aws (the root module; its `//modules/<rule>` presets are not
 * read), the versions whose wiring was read: 6.x takes structured rules instead (docs/UPGRADE-6.0.md).
 */
const SECURITY_GROUP: KnownModule = {
  registry: 'terraform-aws-modules/security-group/aws',
  versions: 'v4',
  checked:
    'main.tf at 0089455 (4.4 or later: create_sg from 4.2.0, timeouts from 4.4.0), variables.tf at 477b061 (3.x) and ' +
    'rules.tf at f7ad94c and 015559c: create and create_sg true, ingress_cidr_blocks and ingress_ipv6_cidr_blocks [] ' +
    'and put on every ingress_rules rule, an ingress_with_cidr_blocks item\'s cidr_blocks is one comma-separated string ' +
    '(ingress_cidr_blocks when left out), its ports from its own keys or its named rule; only a version bounded to 4.x is ' +
    'read: 3.x and 5.x main.tf were not read, and 6.x (docs/UPGRADE-6.0.md) takes maps of structured rules, no names',
  latest: 6,
  only: [4],
  inputs: ['create', 'create_sg', 'ingress_rules', 'ingress_cidr_blocks', 'ingress_ipv6_cidr_blocks', 'ingress_with_cidr_blocks'],
  build(m) {
    if (m.flag('create', true) === false) return;
    const group = 'aws_security_group.this';
    // create_sg = false: the rules go to an existing group (security_group_id), not made here.
    if (m.flag('create_sg', true) !== false) m.resource('aws_security_group', 'this', {});
    const ports = (name: Val, at: Node) => {
      const known = name.str() !== undefined ? SG_RULES[name.str()!] : undefined;
      return known
        ? { from_port: m.scalar(known[0], at), to_port: m.scalar(known[1], at), protocol: m.scalar(known[2], at) }
        : { from_port: 'unknown' as const, to_port: 'unknown' as const, protocol: 'unknown' as const };
    };
    const cidrs = m.input('ingress_cidr_blocks');
    const ipv6 = m.input('ingress_ipv6_cidr_blocks');
    m.value('ingress_rules').items().forEach((rule, i) => {
      m.resource('aws_security_group_rule', `ingress_rules[${i}]`, { type: m.scalar('ingress', rule.at), ...ports(rule, rule.at), cidr_blocks: cidrs, ipv6_cidr_blocks: ipv6 }, { security_group_id: group });
    });
    m.value('ingress_with_cidr_blocks').items().forEach((item, i) => {
      const at = item.at;
      const rule = item.get('rule');
      const named = rule.isAbsent ? undefined : ports(rule, rule.at);
      const own = (k: 'from_port' | 'to_port' | 'protocol'): Source => {
        const v = item.get(k);
        return v.isAbsent ? (named?.[k] ?? 'unknown') : v.at;
      };
      // The item's `cidr_blocks` is one string of comma-separated blocks; without it, ingress_cidr_blocks apply.
      const written = item.get('cidr_blocks');
      let blocks: Source | undefined = cidrs;
      if (!written.isAbsent) {
        const s = written.str();
        blocks = s === undefined ? 'unknown' : { kind: 'seq', items: s.split(',').map((c) => m.scalar(c.trim(), written.at)), flow: true, span: written.at.span, doc: written.at.doc };
      }
      m.resource(
        'aws_security_group_rule',
        `ingress_with_cidr_blocks[${i}]`,
        { type: m.scalar('ingress', at), from_port: own('from_port'), to_port: own('to_port'), protocol: own('protocol'), cidr_blocks: blocks, ipv6_cidr_blocks: undefined },
        { security_group_id: group },
      );
    });
  },
};

/** Auto Scaling groups: terraform-aws-modules/autoscaling/aws, the versions read that make a launch configuration. */
const AUTOSCALING: KnownModule = {
  registry: 'terraform-aws-modules/autoscaling/aws',
  versions: 'v1, v3',
  checked:
    '3.x: variables.tf and main.tf at e371714 (3.7 or later: user_data_base64 from 3.6.0, dynamic tags from 3.7.0): an ' +
    'aws_launch_configuration unless create_lc (default true) is false, taking user_data, user_data_base64 and ' +
    'associate_public_ip_address as they are, and each item of ebs_block_device and root_block_device (lists of maps, ' +
    'default []) as a block of that name, encrypted and the other keys passed with lookup(); root_block_device passes ' +
    'encrypted only from 3.2.0 ("added encrypted option to root_block_device", CHANGELOG at 00aadef), and the ' +
    'CHANGELOG names no change to either input from 3.2.0 to 3.9.0, so the two inputs are read for a version bounded to ' +
    '3.2.0 or later (3.0.x and 3.1.x were not read); 1.x: root main.tf, variables.tf and ' +
    'modules/launch_configuration at cff5732 (a 1.0.x commit before 1.0.4, whose outputs still include load_balancers): ' +
    'a launch configuration unless existing_launch_configuration (default "") is set, taking user_data (default "") and ' +
    'associate_public_ip_address (default false) and the ebs_block_device and root_block_device lists (default []) as ' +
    'they are (Terraform 0.11 blocks from lists of maps); no user_data_base64 input; the CHANGELOG\'s commits from 1.0.4 ' +
    'to 1.2.0 change outputs only; 2.x (2.0.0 merges the sub-modules, CHANGELOG) was not read: its sources at a named ' +
    'commit are not in the index; 4.x adds launch templates (UPGRADE-4.0.md) and 5.1.0 removes launch configurations ' +
    '(CHANGELOG)',
  latest: 9,
  only: [1, 3],
  inputs: ['create_lc', 'existing_launch_configuration', 'user_data', 'user_data_base64', 'associate_public_ip_address', 'ebs_block_device', 'root_block_device'],
  build(m) {
    if (m.within([1])) {
      // 1.x: the launch configuration sub-module's count is 0 when an existing launch configuration is named.
      const existing = m.value('existing_launch_configuration');
      if (!existing.isAbsent && existing.str() === undefined) return; // not known whether one is made
      if (existing.str()) return;
      const none: Defaults = { 1: '' };
      m.resource('aws_launch_configuration', 'this', {
        user_data: m.defaulted('user_data', none, ''),
        // No such input in 1.x: Terraform rejects the argument, so no launch configuration gets it.
        user_data_base64: undefined,
        associate_public_ip_address: m.defaulted('associate_public_ip_address', { 1: false }),
        ebs_block_device: m.empty('ebs_block_device') ? m.defaulted('ebs_block_device', none, '') : m.input('ebs_block_device'),
        root_block_device: m.empty('root_block_device') ? m.defaulted('root_block_device', none, '') : m.input('root_block_device'),
      });
      return;
    }
    if (m.flag('create_lc', true) === false) return;
    // Each item becomes a block (dynamic blocks, main.tf at e371714); read from 3.2.0, when root_block_device starts
    // passing encrypted (CHANGELOG); 3.0.x and 3.1.x were not read, so a version that may be one of them is unknown.
    const devices = (name: string): Source | undefined => {
      if (!m.from('3.2.0')) return 'unknown';
      return m.empty(name) ? undefined : m.input(name);
    };
    m.resource('aws_launch_configuration', 'this', {
      user_data: m.input('user_data') ?? 'unknown',
      user_data_base64: m.input('user_data_base64') ?? 'unknown',
      associate_public_ip_address: m.input('associate_public_ip_address') ?? 'unknown',
      ebs_block_device: devices('ebs_block_device'),
      root_block_device: devices('root_block_device'),
    });
  },
};

const MODULES: readonly KnownModule[] = [S3_BUCKET, RDS, EC2_INSTANCE, SQS, VPC, ELB, ALB, SECURITY_GROUP, AUTOSCALING];
const BY_REGISTRY = new Map(MODULES.map((k) => [k.registry, k]));

/** The known modules, for documentation and tests: registry address, versions read and what was read, inputs read. */
export const KNOWN_MODULES: readonly { registry: string; versions: string; checked: string; inputs: readonly string[] }[] = MODULES;

function synthPair(key: string, value: Node, at: Node): Pair {
  return { key: { kind: 'scalar', value: key, style: 'plain', span: at.span, doc: at.doc }, value, span: at.span };
}

// ---------------------------------------------------------------------------------------------------------------
// Sources and versions.

/**
 * The registry address of a `source` naming a module of terraform-aws-modules' root (not a `//sub/module`), and the
 * version a git `?ref=` pins: `terraform-aws-modules/s3-bucket/aws`, `registry.terraform.io/terraform-aws-modules/…`,
 * `github.com/terraform-aws-modules/terraform-aws-s3-bucket`, `git::https://github.com/…/terraform-aws-s3-bucket.git?ref=v3.7.0`,
 * `git@github.com:terraform-aws-modules/terraform-aws-s3-bucket.git`.
 */
export function registryOf(source: string): { registry: string; ref?: string } | undefined {
  let s = source.trim();
  let ref: string | undefined;
  const q = s.indexOf('?');
  if (q >= 0) {
    ref = /(?:^|&)ref=([^&]*)/.exec(s.slice(q + 1))?.[1];
    s = s.slice(0, q);
  }
  // A sub-module (`//modules/http-80`) is another module than the root's.
  const body = s.replace(/^git::/, '').replace(/^[a-z+]+:\/\//, '');
  if (body.includes('//')) return undefined;
  let m = /^(?:registry\.terraform\.io\/)?terraform-aws-modules\/([a-z0-9-]+)\/aws\/?$/.exec(body);
  if (m) return { registry: `terraform-aws-modules/${m[1]}/aws`, ref };
  m = /^(?:git@)?github\.com[/:]terraform-aws-modules\/terraform-aws-([a-z0-9-]+?)(?:\.git)?\/?$/.exec(body);
  if (m) return { registry: `terraform-aws-modules/${m[1]}/aws`, ref };
  return undefined;
}

/**
 * The versions a version constraint allows, from `low` (included) to `high` (excluded): `3.7.0` and `= 3.7.0` allow
 * 3.7.0 only, `~> 3.7.0` 3.7.x, `~> 3.0` 3.x, `>= 3.0, < 4.0` 3.x; undefined when it is not bounded above (`>= 3.0`,
 * `~> 3`) or not read. A pre-release or build suffix is read as its release.
 */
export function versionRange(constraint: string): VersionRange | undefined {
  let low: Version = [0, 0, 0];
  let high: Version | undefined;
  const atLeast = (v: Version) => {
    if (cmp(v, low) > 0) low = v;
  };
  const below = (v: Version) => {
    if (!high || cmp(v, high) < 0) high = v;
  };
  const parts = constraint.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return undefined;
  for (const part of parts) {
    const m = /^(~>|>=|<=|>|<|=|!=)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+][0-9A-Za-z.-]*)?$/.exec(part);
    if (!m) return undefined;
    const op = m[1] ?? '=';
    const v: Version = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    const next: Version = [v[0], v[1], v[2] + 1];
    switch (op) {
      case '=':
        atLeast(v);
        below(next);
        break;
      case '~>':
        if (m[3] === undefined) return undefined; // `~> 3` allows 3.x and up
        atLeast(v);
        // `~> 3.7.0` allows 3.7.x, `~> 3.7` 3.x.
        below(m[4] !== undefined ? [v[0], v[1] + 1, 0] : [v[0] + 1, 0, 0]);
        break;
      case '>=':
        atLeast(v);
        break;
      case '>':
        atLeast(next);
        break;
      case '<':
        below(v);
        break;
      case '<=':
        below(next);
        break;
      case '!=':
        break;
    }
  }
  if (!high || cmp(high, low) <= 0) return undefined;
  return { low, high };
}

/**
 * The major versions a version constraint allows (`3.7.0`, `= 3.7.0`, `~> 3.0`, `~> 3.7.0`, `>= 3.0, < 4.0`), or
 * undefined when it is not bounded above (`>= 3.0`, `~> 3`) or not read.
 */
export function majorsOf(constraint: string): Set<number> | undefined {
  const range = versionRange(constraint);
  if (!range) return undefined;
  const { low, high } = range;
  // The last major allowed: high's own major only when a version of it is below high.
  const last = high[1] === 0 && high[2] === 0 ? high[0] - 1 : high[0];
  if (last < low[0] || last - low[0] >= 20) return undefined;
  const out = new Set<number>();
  for (let v = low[0]; v <= last; v++) out.add(v);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Module blocks → resources.

/** The attribute map of a synthesized resource: every undeclared key is unknown (an input the table does not read may set it). */
class ModuleBody extends Val {
  constructor(
    alts: readonly Alt[],
    resolver: Resolver,
    private readonly declared: ReadonlySet<string>,
    private readonly origin: Node,
  ) {
    super(alts, resolver);
  }

  override get(key: string): Val {
    if (!this.declared.has(key)) return new Val([{ state: 'unknown', at: this.origin, when: [], why: 'set by the module from inputs Cloudline does not read' }], this.resolver);
    return super.get(key);
  }
}

/** For `inputAt`: the input (and one level below, `versioning.enabled`) whose written value holds a node. */
function inputNamer(body: MapNode): (node: Node) => string | undefined {
  return (node) => {
    const inside = (outer: readonly [number, number]) => outer[0] <= node.span[0] && node.span[1] <= outer[1];
    for (const p of body.pairs) {
      if (!inside(p.span)) continue;
      const name = String(p.key.value);
      if (p.value.kind === 'map') {
        const sub = p.value.pairs.find((q) => inside(q.span));
        if (sub) return `${name}.${sub.key.value}`;
      }
      return name;
    }
    return undefined;
  };
}

/** The module blocks of a Terraform document (HCL or JSON) with a `source` of the table, each with its module. */
function knownBlocks(doc: ParsedDoc): { label: ScalarNode; body: MapNode; source: ScalarNode; module: KnownModule; ref?: string }[] {
  const out: { label: ScalarNode; body: MapNode; source: ScalarNode; module: KnownModule; ref?: string }[] = [];
  for (const level of levels(get(doc.doc.root, 'module'))) {
    for (const p of level.pairs) {
      for (const body of levels(p.value)) {
        const source = get(body, 'source');
        if (source?.kind !== 'scalar' || typeof source.value !== 'string') continue;
        const reg = registryOf(source.value);
        const module = reg && BY_REGISTRY.get(reg.registry);
        if (module) out.push({ label: p.key, body, source, module, ref: reg.ref });
      }
    }
  }
  return out;
}

/**
 * The resources the known registry modules of a Terraform document create, read from their blocks' inputs with
 * `resolver` (the file's: HCL resolves variables and locals). Not for plans, which hold the real resources.
 */
export function registryModuleResources(file: ParsedFile, doc: ParsedDoc, resolver: Resolver): Resource[] {
  const out: Resource[] = [];
  for (const block of knownBlocks(doc)) {
    const name = String(block.label.value);
    const version = get(block.body, 'version');
    const versionText = version ? Val.of(version, resolver).str() : block.ref;
    const majors = versionText !== undefined ? majorsOf(versionText) : undefined;
    const range = majors && versionText !== undefined ? versionRange(versionText) : undefined;
    // `count = 0` or an empty `for_each` deploys nothing.
    const meta = Val.of(block.body, resolver);
    if (meta.get('count').num() === 0) continue;
    const each = meta.get('for_each').node;
    if (each && ((each.kind === 'map' && each.pairs.length === 0) || (each.kind === 'seq' && each.items.length === 0))) continue;
    const call = new Call(name, block.body, block.label, resolver, majors, range, block.module.latest);
    if (block.module.only && !call.within(block.module.only)) continue;
    block.module.build(call);
    const named = inputNamer(block.body);
    const origin: ModuleOrigin = {
      name,
      registry: block.module.registry,
      block: block.body,
      inputAt: (node) => {
        const d = call.defaults.get(node);
        return d ? `${d}, not set: the module's default${versionText ? ` in version ${versionText}` : ''}` : named(node);
      },
    };
    const prefix = `module.${name}.`;
    for (const made of call.made) {
      const pairs: Pair[] = [];
      for (const [key, source] of made.values) {
        const value: Node = source === 'unknown' ? { kind: 'scalar', value: `\${module.${name}}`, style: 'quoted', span: block.label.span, doc: block.label.doc } : source;
        const written = get(block.body, key) === value ? block.body.pairs.find((p) => p.value === value)?.key : undefined;
        pairs.push(synthPair(key, value, written ?? (value.span[0] >= block.body.span[0] && value.span[1] <= block.body.span[1] ? value : block.label)));
      }
      const node: MapNode = { kind: 'map', pairs, flow: false, span: block.body.span, doc: block.body.doc };
      const id = `${prefix}${made.type}.${made.name}`;
      const refs = made.refs;
      const base = Val.of(node, resolver);
      out.push({
        format: 'terraform',
        type: made.type,
        id,
        node,
        anchor: block.label,
        typeNode: block.label,
        body: new ModuleBody(base.alts, resolver, made.declared, block.label),
        file,
        doc,
        resolver,
        references(attr?: string) {
          if (attr !== undefined) return refs.has(attr) ? [prefix + refs.get(attr)!] : [];
          return [...new Set([...refs.values()].map((r) => prefix + r))];
        },
        module: origin,
      });
    }
  }
  return out;
}

/** The notice of a module block whose source the table knows: what Cloudline reads of it. */
export function knownModuleNotice(source: string, name: string, body?: MapNode): string | undefined {
  const reg = registryOf(source);
  const module = reg && BY_REGISTRY.get(reg.registry);
  if (!module) return undefined;
  const quoted = JSON.stringify(source);
  if (module.only) {
    const version = body ? get(body, 'version') : undefined;
    const text = version?.kind === 'scalar' && typeof version.value === 'string' ? version.value : reg.ref;
    const majors = text !== undefined ? majorsOf(text) : undefined;
    if (!majors || ![...majors].every((v) => module.only!.includes(v))) {
      return `Module "${name}" comes from ${quoted}, which Cloudline does not download: it is read only with a version pinned to ${module.versions} (the versions whose inputs were read), which this block's version is not, so the resources it creates are not linted. Lint a plan (terraform show -json) to cover them.`;
    }
  }
  // s3-bucket ignores `policy` unless attach_policy is true: a policy written without it is not attached.
  const attach = body ? get(body, 'attach_policy') : undefined;
  const ignored =
    module === S3_BUCKET && body && get(body, 'policy') && (!attach || (attach.kind === 'scalar' && (attach.value === false || attach.value === 'false')))
      ? ' Its policy input is not attached: the module attaches it only with attach_policy = true.'
      : '';
  return `Module "${name}" comes from ${quoted}, which Cloudline does not download: it is read as the resources it creates from the inputs ${module.inputs.join(', ')} only (defaults and wiring read for ${module.versions}); everything else it creates is not linted. Lint a plan (terraform show -json) to cover it all.${ignored}`;
}
