// CL-AWS-208: an EMR cluster launched without a security configuration.
import { cfnDoc, type CheckContext, defineRule, isSet, missingAt, nist, type Resource, tfDoc } from '../../kit';

const CONSEQUENCE =
  'so EMR encrypts neither its local disks nor the traffic between its nodes and turns on no Kerberos authentication or fine-grained access';

/** The cluster's security configuration name: missing (or an empty string) is reported; any other value, known or not, is not. */
function check(key: string) {
  return (r: Resource, ctx: CheckContext): void => {
    const v = r.body.get(key);
    const bad = v.find((alt) => !isSet(alt));
    if (!bad) return;
    if (bad.isAbsent) {
      ctx.report(missingAt(bad, r.anchor), `EMR cluster ${r.id} has no ${key}, ${CONSEQUENCE}.`);
    } else {
      ctx.report(bad, `EMR cluster ${r.id} sets ${key} to an empty name, ${CONSEQUENCE}.`);
    }
  };
}

export default defineRule({
  id: 'CL-AWS-208',
  slug: 'emr-cluster-no-security-configuration',
  title: 'EMR cluster has no security configuration',
  severity: 'medium',
  fixable: false,
  description:
    'A security configuration is how an EMR cluster gets encryption at rest (EBS and instance store volumes, EMRFS data in S3), TLS between its nodes, Kerberos authentication and fine-grained (Lake Formation, runtime role) access. A cluster launched without one has none of these.',
  remediation:
    'Create an EMR security configuration with at-rest and in-transit encryption (and authentication where users share the cluster) and name it in SecurityConfiguration (security_configuration).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS applies the encryption and authentication a security configuration names when it launches the cluster',
    customer: 'writing the security configuration and launching every cluster with it are yours',
  },
  frameworks: [nist('SC-8', 'SC-28')],
  equivalents: {
    kics: ['48af92a5-c89b-4936-bc62-1086fe2bab23'],
    cfnNag: ['W63'],
  },
  docs: [
    'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-security-configurations.html',
    'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption.html',
    cfnDoc('aws-resource-emr-cluster', 'cfn-emr-cluster-securityconfiguration'),
    tfDoc('emr_cluster', 'security_configuration'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EMR::Cluster'], run: check('SecurityConfiguration') },
    terraform: { reads: 'resource', types: ['aws_emr_cluster'], run: check('security_configuration') },
  },
});
