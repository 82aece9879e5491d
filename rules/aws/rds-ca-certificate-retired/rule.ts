// CL-AWS-253: an RDS DB instance, Multi-AZ DB cluster or DocumentDB instance whose server certificate is issued by a
// retired RDS certificate authority (rds-ca-2015, rds-ca-2019).
import { cfnDoc, checkSetting, defineRule, IN_TRANSIT, reachable, type Resource, type SettingFormat, type SettingSpec, tfDoc, type Val } from '../../kit';

/** The retired RDS certificate authorities and when their certificates expired (RDS User Guide, "Rotating your SSL/TLS certificate"). */
const RETIRED: Readonly<Record<string, string>> = {
  'rds-ca-2015': '5 March 2020',
  'rds-ca-2019': '22 August 2024',
};

/** The current CA the quick-fix writes: RSA 2048, the one every client that trusts the RDS bundle accepts. */
const CURRENT = 'rds-ca-rsa2048-g1';

/** Where each type keeps the CA identifier. */
const KEY: Readonly<Record<string, string>> = {
  'AWS::RDS::DBInstance': 'CACertificateIdentifier',
  'AWS::DocDB::DBInstance': 'CACertificateIdentifier',
  aws_docdb_cluster_instance: 'ca_cert_identifier',
  aws_db_instance: 'ca_cert_identifier',
  aws_rds_cluster_instance: 'ca_cert_identifier',
  aws_rds_cluster: 'ca_certificate_identifier',
};

const retiredOf = (v: Val): string | undefined => {
  const s = v.str()?.trim().toLowerCase();
  return s !== undefined && s in RETIRED ? s : undefined;
};

/** The clause after the value: which authority, and when it expired (when the resource names one retired CA). */
function consequence(r: Resource): string {
  const names = new Set(reachable(r.body.get(KEY[r.type])).map(retiredOf).filter((s): s is string => s !== undefined));
  const when = names.size === 1 ? `, which expired on ${RETIRED[[...names][0]]}` : '';
  return `a retired RDS certificate authority${when}: clients that verify the database's TLS certificate cannot trust it`;
}

function subject(r: Resource): string {
  if (r.type === 'aws_rds_cluster') return 'RDS DB cluster';
  if (r.type === 'aws_rds_cluster_instance') return 'RDS cluster instance';
  if (r.type === 'AWS::DocDB::DBInstance' || r.type === 'aws_docdb_cluster_instance') return 'DocumentDB instance';
  return 'RDS DB instance';
}

// DocumentDB instances take the same RDS certificate authorities (DocumentDB Developer Guide, "Updating your TLS certificates").
const CFN: SettingFormat = { types: ['AWS::RDS::DBInstance', 'AWS::DocDB::DBInstance'], path: ['CACertificateIdentifier'] };
const TF_INSTANCE: SettingFormat = { types: ['aws_db_instance', 'aws_rds_cluster_instance', 'aws_docdb_cluster_instance'], path: ['ca_cert_identifier'] };
/** Multi-AZ DB clusters only (AWS::RDS::DBCluster has no such property). */
const TF_CLUSTER: SettingFormat = { types: ['aws_rds_cluster'], path: ['ca_certificate_identifier'] };

const SPEC: SettingSpec = {
  subject,
  consequence,
  want: CURRENT,
  // Without the setting RDS uses its default CA for the Region, a current one.
  absentMeans: null,
  ok: (v) => (v.str() === undefined ? undefined : retiredOf(v) === undefined),
  fixNote: 'the database gets a new server certificate, with a restart for some engines, and clients must trust the new CA',
  formats: { cloudformation: CFN, terraform: TF_INSTANCE },
};

export default defineRule({
  id: 'CL-AWS-253',
  slug: 'rds-ca-certificate-retired',
  title: 'RDS or DocumentDB database uses a retired certificate authority',
  severity: 'medium',
  fixable: true,
  description:
    'The CA certificate identifier chooses the authority that signs the database server\'s TLS certificate. rds-ca-2015 expired in March 2020 and rds-ca-2019 in August 2024: a server certificate from them is no longer valid, so clients that verify it fail and clients that do not cannot tell the database from an impostor.',
  remediation: 'Set CACertificateIdentifier (ca_cert_identifier, ca_certificate_identifier) to a current RDS CA such as rds-ca-rsa2048-g1, or remove it, after adding the current RDS CA bundle to the clients\' trust stores.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the certificate authorities and issues each database its server certificate from the one you choose',
    customer: 'choosing a current authority, and trusting it in your clients, is yours',
  },
  frameworks: IN_TRANSIT,
  equivalents: { checkov: ['CKV_AWS_211'], kics: ['9f40c07e-699e-4410-8856-3ba0f2e3a2dd'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL-certificate-rotation.html',
    cfnDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-cacertificateidentifier'),
    tfDoc('db_instance', 'ca_cert_identifier'),
    tfDoc('rds_cluster_instance', 'ca_cert_identifier'),
    tfDoc('rds_cluster', 'ca_certificate_identifier'),
    tfDoc('docdb_cluster_instance', 'ca_cert_identifier'),
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/ca_cert_rotation.html',
  ],
  checks: {
    cloudformation: { reads: 'resource', types: CFN.types, run: (r, ctx) => checkSetting(r, ctx, SPEC, CFN) },
    terraform: {
      reads: 'resource',
      types: [...TF_INSTANCE.types, ...TF_CLUSTER.types],
      run: (r, ctx) => checkSetting(r, ctx, SPEC, r.type === 'aws_rds_cluster' ? TF_CLUSTER : TF_INSTANCE),
    },
  },
});
