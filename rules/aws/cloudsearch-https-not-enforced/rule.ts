// CL-AWS-278: CloudSearch domains (Terraform) that accept plain HTTP.
import { defineRule, IN_TRANSIT_STORES, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-278',
  slug: 'cloudsearch-https-not-enforced',
  title: 'CloudSearch domain does not enforce HTTPS',
  severity: 'high',
  fixable: true,
  description:
    'A CloudSearch domain that does not enforce HTTPS also answers plain HTTP on its search and document endpoints, so queries, the documents uploaded and request signatures can travel unencrypted. CloudSearch does not enforce HTTPS unless told to.',
  remediation: 'Set endpoint_options { enforce_https = true } on the aws_cloudsearch_domain.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the search and document endpoints and their TLS termination',
    customer: 'refusing plain HTTP at the endpoints is your decision',
  },
  frameworks: IN_TRANSIT_STORES,
  equivalents: { checkov: ['CKV_AWS_220'] },
  docs: [
    'https://docs.aws.amazon.com/cloudsearch/latest/developerguide/configuring-domain-endpoint-options.html',
    'https://docs.aws.amazon.com/cloudsearch/latest/developerguide/API_DomainEndpointOptions.html',
    tfDoc('cloudsearch_domain', 'endpoint_options'),
  ],
  // Terraform only: CloudFormation has no CloudSearch resource type.
  checks: settingChecks({
    subject: 'CloudSearch domain',
    consequence: 'so it also accepts unencrypted HTTP requests',
    want: true,
    // The provider sends nothing it is not given; CloudSearch then leaves HTTPS optional, in or out of the block.
    absentMeans: false,
    fixNote: 'HTTP clients must switch to HTTPS',
    formats: {
      terraform: { types: ['aws_cloudsearch_domain'], path: ['endpoint_options', 'enforce_https'] },
    },
  }),
});
