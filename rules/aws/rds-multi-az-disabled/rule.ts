// CL-AWS-181: a single-AZ RDS DB instance (no standby in a second Availability Zone).
import { cfnGuideDoc, defineRule, nist, type Resource, settingChecks, soc2, tfDoc } from '../../kit';
import { auroraInstance } from '../../lib/logging';

/** Instances that take Multi-AZ: not Aurora instances (their cluster spans AZs), not read replicas, not SQL Server Express. */
function takesMultiAz(r: Resource, cluster: string | undefined, engine: string, source: string): boolean {
  if (auroraInstance(r, cluster, engine) || !r.body.get(source).isAbsent) return false;
  return !r.body.get(engine).some((e) => (e.str() ?? '').toLowerCase() === 'sqlserver-ex');
}

export default defineRule({
  id: 'CL-AWS-181',
  slug: 'rds-multi-az-disabled',
  title: 'RDS DB instance is not Multi-AZ',
  severity: 'low',
  fixable: false,
  description:
    'A Multi-AZ DB instance keeps a synchronous standby in another Availability Zone and fails over to it when the primary, its host or its zone fails. A single-AZ instance is unavailable until it is recovered or restored, and data written since the last backup can be lost.',
  remediation: 'Set MultiAZ (multi_az) to true for production databases (it roughly doubles the instance cost).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'AWS runs the standby, replicates to it synchronously and fails over automatically when it is there',
    customer: 'choosing a Multi-AZ deployment for databases that must stay available is yours',
  },
  frameworks: [nist('CP-10', 'SC-36'), soc2('A1.2')],
  equivalents: {
    checkov: ['CKV_AWS_157'],
    kics: ['2b1d4935-9acf-48a7-8466-10d18bf51a69'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html',
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-multiaz'),
    tfDoc('db_instance', 'multi_az'),
  ],
  checks: settingChecks({
    subject: 'RDS DB instance',
    consequence: 'so a failure of its host or Availability Zone makes it unavailable until it is recovered',
    want: true,
    absentMeans: false,
    fix: false,
    formats: {
      cloudformation: {
        types: ['AWS::RDS::DBInstance'],
        path: ['MultiAZ'],
        appliesTo: (r) => takesMultiAz(r, 'DBClusterIdentifier', 'Engine', 'SourceDBInstanceIdentifier'),
      },
      terraform: { types: ['aws_db_instance'], path: ['multi_az'], appliesTo: (r) => takesMultiAz(r, undefined, 'engine', 'replicate_source_db') },
    },
  }),
});
