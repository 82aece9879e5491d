// CL-AWS-224: an AppSync GraphQL API that no WAFv2 web ACL association in the file protects.
import { cfnGuideDoc, type CheckContext, defineRule, nist, pci, type Resource, tfDoc } from '../../kit';
import { configsOf } from '../../lib/s3';

const CONSEQUENCE = 'so no AWS WAF web ACL inspects the requests sent to it';

function check(association: string, attr: string) {
  return (api: Resource, ctx: CheckContext): void => {
    // An association whose target is unknown before deploy (a parameter, a variable) may be this API's.
    const { linked, possible } = configsOf(api, ctx, [association], attr);
    if (linked.length > 0 || possible.length > 0) return;
    ctx.report(api.anchor, `AppSync API ${api.id} has no ${association} whose ${attr} refers to it, ${CONSEQUENCE}.`);
  };
}

export default defineRule({
  id: 'CL-AWS-224',
  slug: 'appsync-no-waf',
  title: 'AppSync GraphQL API is not protected by AWS WAF',
  severity: 'medium',
  fixable: false,
  description:
    'An AppSync GraphQL API is an internet-facing endpoint that runs resolvers against your data sources. Without a web ACL, floods, oversized or deeply nested queries, injection payloads and requests from known bad IP addresses reach the resolvers unfiltered; AppSync itself only checks that the caller is authorised.',
  remediation: 'Associate a regional AWS WAF web ACL with the API: an AWS::WAFv2::WebACLAssociation (aws_wafv2_web_acl_association) whose ResourceArn (resource_arn) is the API\'s ARN.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs the GraphQL endpoint, authorises each request with the modes you configure and evaluates a web ACL on it once you associate one',
    customer: 'associating a web ACL with the API and choosing its rules are yours',
  },
  frameworks: [nist('SC-7'), pci('6.4.2')],
  equivalents: {
    checkov: ['CKV2_AWS_33'],
  },
  docs: [
    'https://docs.aws.amazon.com/appsync/latest/devguide/WAF-Integration.html',
    cfnGuideDoc('aws-resource-wafv2-webaclassociation'),
    tfDoc('wafv2_web_acl_association'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::AppSync::GraphQLApi'], run: check('AWS::WAFv2::WebACLAssociation', 'ResourceArn') },
    terraform: { reads: 'scope', types: ['aws_appsync_graphql_api'], run: check('aws_wafv2_web_acl_association', 'resource_arn') },
  },
});
