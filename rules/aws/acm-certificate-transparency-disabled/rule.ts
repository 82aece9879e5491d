// CL-AWS-248: a public ACM certificate that opts out of certificate transparency logging.
import { cfnDoc, defineRule, isSet, nist, type Resource, settingChecks, tfDoc } from '../../kit';

/** Public certificates ACM issues: not private ones (a private CA never logs) nor imported ones (no options). */
function publicIssued(r: Resource): boolean {
  if (r.format === 'cloudformation') return !isSet(r.body.get('CertificateAuthorityArn'));
  return !isSet(r.body.get('certificate_authority_arn')) && !isSet(r.body.get('private_key')) && !isSet(r.body.get('certificate_body'));
}

export default defineRule({
  id: 'CL-AWS-248',
  slug: 'acm-certificate-transparency-disabled',
  title: 'ACM certificate opts out of certificate transparency logging',
  severity: 'low',
  fixable: true,
  description:
    'ACM records the public certificates it issues in public certificate transparency logs unless the request opts out. Without that record, a certificate mistakenly or maliciously issued for your domain is harder to spot, and browsers that require transparency show an error for the certificate itself.',
  remediation: 'Remove CertificateTransparencyLoggingPreference (options.certificate_transparency_logging_preference) or set it to ENABLED.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS issues the certificate and records it in public certificate transparency logs unless you opt out',
    customer: 'keeping your certificates in the logs and watching the logs for certificates you did not request are yours',
  },
  frameworks: [nist('SI-4')],
  equivalents: { checkov: ['CKV_AWS_234'] },
  docs: [
    'https://docs.aws.amazon.com/acm/latest/userguide/acm-concepts.html#concept-transparency',
    cfnDoc('aws-resource-certificatemanager-certificate', 'cfn-certificatemanager-certificate-certificatetransparencyloggingpreference'),
    tfDoc('acm_certificate', 'certificate_transparency_logging_preference'),
  ],
  checks: settingChecks({
    subject: 'ACM certificate',
    consequence: 'so it is not recorded in public certificate transparency logs and a mis-issued certificate for its domain is harder to spot',
    want: 'ENABLED',
    // ENABLED is the default of the API, CloudFormation and the provider.
    absentMeans: null,
    appliesTo: publicIssued,
    formats: {
      cloudformation: { types: ['AWS::CertificateManager::Certificate'], path: ['CertificateTransparencyLoggingPreference'] },
      terraform: {
        types: ['aws_acm_certificate'],
        path: ['options', 'certificate_transparency_logging_preference'],
        // The preference forced a new certificate in older AWS provider versions (ForceNew with aws-sdk-go v1); current ones update it.
        fixNote: 'replaces the certificate with older AWS provider versions',
      },
    },
  }),
});
