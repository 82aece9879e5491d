// CL-AWS-279: CloudSearch domains (Terraform) whose HTTPS endpoints accept TLS 1.0 and 1.1.
import { defineRule, settingChecks, tfDoc, TLS_VERSIONS } from '../../kit';

/** The policy that still accepts TLS 1.0 and 1.1: CloudSearch's default. */
const OLD_POLICY = 'Policy-Min-TLS-1-0-2019-07';
/** The only other policy CloudSearch offers (TLS 1.2 and later). */
const TLS12_POLICY = 'Policy-Min-TLS-1-2-2019-07';

export default defineRule({
  id: 'CL-AWS-279',
  slug: 'cloudsearch-old-tls',
  title: 'CloudSearch domain accepts TLS 1.0 and 1.1',
  severity: 'medium',
  fixable: true,
  description: `A CloudSearch domain on the TLS security policy ${OLD_POLICY}, which CloudSearch uses when none is given, accepts HTTPS connections with the deprecated TLS 1.0 and 1.1.`,
  remediation: `Set endpoint_options { tls_security_policy = "${TLS12_POLICY}" } on the aws_cloudsearch_domain.`,
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the search and document endpoints and the TLS versions each policy allows',
    customer: 'choosing the policy that refuses old TLS versions is yours',
  },
  frameworks: TLS_VERSIONS,
  equivalents: { checkov: ['CKV_AWS_218'] },
  docs: [
    'https://docs.aws.amazon.com/cloudsearch/latest/developerguide/API_DomainEndpointOptions.html',
    'https://docs.aws.amazon.com/cloudsearch/latest/developerguide/configuring-domain-endpoint-options.html',
    tfDoc('cloudsearch_domain', 'endpoint_options'),
  ],
  // Terraform only: CloudFormation has no CloudSearch resource type.
  checks: settingChecks({
    subject: 'CloudSearch domain',
    consequence: 'so its HTTPS endpoints still accept TLS 1.0 and 1.1',
    want: TLS12_POLICY,
    // The provider sends no policy it is not given, in or out of the block: CloudSearch then uses its default.
    absentMeans: OLD_POLICY,
    // Only the TLS 1.0 policy is bad: a policy CloudSearch adds later is not judged here.
    ok: (v) => {
      const s = v.str();
      return s === undefined ? undefined : s.trim().toLowerCase() !== OLD_POLICY.toLowerCase();
    },
    fixNote: 'clients need TLS 1.2',
    formats: {
      terraform: { types: ['aws_cloudsearch_domain'], path: ['endpoint_options', 'tls_security_policy'] },
    },
  }),
});
