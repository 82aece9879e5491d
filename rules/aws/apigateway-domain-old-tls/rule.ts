// CL-AWS-205: an API Gateway custom domain name whose security policy is TLS_1_0 (TLS 1.0 and 1.1 accepted).
import { cfnDoc, defineRule, type Resource, settingChecks, type SettingItem, tfDoc, TLS_VERSIONS } from '../../kit';

/** The legacy security policy that accepts TLS 1.0 and 1.1; every other policy API Gateway offers starts at TLS 1.2. */
const OLD_POLICY = 'TLS_1_0';

/** Each of an `AWS::ApiGatewayV2::DomainName`'s DomainNameConfigurations, where its SecurityPolicy is written. */
function v2Configurations(r: Resource): SettingItem[] {
  return r.body.get('DomainNameConfigurations').items().map((val, i) => ({ val, prefix: `DomainNameConfigurations[${i}].` }));
}

export default defineRule({
  id: 'CL-AWS-205',
  slug: 'apigateway-domain-old-tls',
  title: 'API Gateway custom domain accepts TLS 1.0 and 1.1',
  severity: 'low',
  fixable: true,
  description:
    'An API Gateway custom domain name with the TLS_1_0 security policy accepts TLS 1.0 and TLS 1.1 and their CBC/SHA-1 cipher suites, which are deprecated (RFC 8996) and open to downgrade attacks. TLS_1_2 and the enhanced SecurityPolicy_* policies start at TLS 1.2.',
  remediation: 'Set SecurityPolicy (security_policy) to TLS_1_2, or an enhanced SecurityPolicy_TLS13_* policy, once no client needs TLS 1.0/1.1.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS terminates TLS for the domain and maintains the predefined security policies and their cipher suites',
    customer: 'which security policy your custom domain uses is your decision',
  },
  frameworks: TLS_VERSIONS,
  equivalents: {
    checkov: ['CKV_AWS_206'],
    kics: ['8275fab0-68ec-4705-bbf4-86975edb170e', '4e1cc5d3-2811-4fb2-861c-ee9b3cb7f90b'],
    trivy: ['aws-api-gateway-use-secure-tls-policy', 'aws-apigateway-use-secure-tls-policy', 'aws-sam-api-use-secure-tls-policy'],
    cfnNag: ['W62'],
  },
  docs: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/apigateway-domain-name-tls-check.html',
    cfnDoc('aws-resource-apigateway-domainname'),
    cfnDoc('aws-properties-apigatewayv2-domainname-domainnameconfiguration'),
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-domainconfiguration.html',
    tfDoc('api_gateway_domain_name', 'security_policy'),
  ],
  checks: settingChecks({
    subject: (r) => (r.type.startsWith('AWS::Serverless::') ? 'SAM API' : 'API Gateway domain name'),
    consequence: 'so clients can connect with TLS 1.0 and TLS 1.1',
    want: 'TLS_1_2',
    // Which policy a domain gets when none is written is not documented (AWS Config's check reports only TLS_1_0).
    absentMeans: null,
    ok: (v) => {
      const s = v.str();
      return s === undefined ? undefined : s.trim().toUpperCase() !== OLD_POLICY;
    },
    fixNote: 'clients need TLS 1.2',
    formats: {
      cloudformation: {
        types: ['AWS::ApiGateway::DomainName', 'AWS::ApiGatewayV2::DomainName', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi'],
        path: ['SecurityPolicy'],
        each: (r) =>
          r.type === 'AWS::ApiGatewayV2::DomainName'
            ? v2Configurations(r)
            : r.type.startsWith('AWS::Serverless::')
              ? [{ val: r.body.get('Domain'), prefix: 'Domain.' }]
              : [{ val: r.body }],
      },
      // aws_apigatewayv2_domain_name accepts TLS_1_2 only.
      terraform: { types: ['aws_api_gateway_domain_name'], path: ['security_policy'] },
    },
  }),
});
