// CL-AWS-152: EMR security configurations that do not turn on encryption at rest or in transit.
import { cfnGuideDoc, defineRule, iso27001, nist, parseEmbeddedJson, pci, type Resource, type SettingSpec, tfDoc, Val } from '../../kit';
import { allSettings } from '../../lib/encryption';

/** The security configuration document: a mapping in CloudFormation, or JSON text (Terraform, or CloudFormation written as a string). */
function document(r: Resource, key: string): Val | undefined {
  const alts = r.body.get(key).each();
  if (alts.length !== 1) return undefined;
  const v = alts[0];
  if (v.isMap) return v;
  const node = v.node;
  if (v.isUnknown || node?.kind !== 'scalar') return undefined;
  const parsed = parseEmbeddedJson(node);
  return parsed ? Val.of(parsed, r.resolver, parsed, v.when) : undefined;
}

/**
 * A missing flag next to its own configuration block (`AtRestEncryptionConfiguration` without
 * `EnableAtRestEncryption`) is ambiguous: not reported.
 */
function absentMeans(config: string, key: string) {
  return (r: Resource): boolean | null => {
    const doc = document(r, key);
    return doc && !doc.path('EncryptionConfiguration', config).isAbsent ? null : false;
  };
}

function spec(setting: string, config: string, consequence: string): SettingSpec {
  return {
    subject: 'EMR security configuration',
    consequence,
    want: true,
    absentMeans: false,
    // No quick-fix: each needs its own configuration (keys, certificates) in the same document.
    fix: false,
    formats: {
      cloudformation: {
        types: ['AWS::EMR::SecurityConfiguration'],
        path: ['EncryptionConfiguration', setting],
        base: (r) => document(r, 'SecurityConfiguration'),
        absentMeans: absentMeans(config, 'SecurityConfiguration'),
      },
      terraform: {
        types: ['aws_emr_security_configuration'],
        path: ['EncryptionConfiguration', setting],
        base: (r) => document(r, 'configuration'),
        absentMeans: absentMeans(config, 'configuration'),
      },
    },
  };
}

const SPECS = [
  spec('EnableAtRestEncryption', 'AtRestEncryptionConfiguration', 'so the EMRFS data in S3 and the local disks of clusters that use it are not encrypted by EMR'),
  spec('EnableInTransitEncryption', 'InTransitEncryptionConfiguration', 'so the traffic between the nodes of clusters that use it (shuffle, HDFS, Spark, Presto) is not encrypted with TLS'),
];

export default defineRule({
  id: 'CL-AWS-152',
  slug: 'emr-security-configuration-no-encryption',
  title: 'EMR security configuration does not turn on encryption at rest or in transit',
  severity: 'medium',
  fixable: false,
  description:
    'An EMR security configuration decides how the clusters that use it encrypt data: at rest (EMRFS data in S3, local disks and EBS volumes) and in transit (between the nodes, with TLS certificates). Both are off unless the configuration enables them.',
  remediation: 'Set EncryptionConfiguration.EnableAtRestEncryption and EnableInTransitEncryption to true, with their AtRestEncryptionConfiguration and InTransitEncryptionConfiguration.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS provisions the clusters and applies the encryption their security configuration asks for',
    customer: 'asking for encryption at rest and in transit, and providing the keys and certificates, is yours',
  },
  frameworks: [nist('SC-8', 'SC-28'), pci('4.2.1'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_351'],
    kics: ['5b033ec8-f079-4323-b5c8-99d4620433a9'],
    trivy: ['aws-emr-enable-at-rest-encryption', 'aws-emr-enable-in-transit-encryption'],
    cfnNag: ['W61'],
  },
  docs: [
    'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html',
    cfnGuideDoc('aws-resource-emr-securityconfiguration'),
    tfDoc('emr_security_configuration', 'configuration'),
  ],
  checks: { cloudformation: allSettings(SPECS, 'cloudformation'), terraform: allSettings(SPECS, 'terraform') },
});
