// CL-AWS-217: a Glue crawler, job or development endpoint that names no security configuration.
import { AT_REST, cfnDoc, type CheckContext, defineRule, isSet, missingAt, type Resource, tfDoc } from '../../kit';

/** What messages call each type, and where it names its security configuration. */
const KINDS: Readonly<Record<string, { readonly name: string; readonly key: string }>> = {
  'AWS::Glue::Crawler': { name: 'Glue crawler', key: 'CrawlerSecurityConfiguration' },
  'AWS::Glue::Job': { name: 'Glue job', key: 'SecurityConfiguration' },
  'AWS::Glue::DevEndpoint': { name: 'Glue development endpoint', key: 'SecurityConfiguration' },
  aws_glue_crawler: { name: 'Glue crawler', key: 'security_configuration' },
  aws_glue_job: { name: 'Glue job', key: 'security_configuration' },
  aws_glue_dev_endpoint: { name: 'Glue development endpoint', key: 'security_configuration' },
};

const CONSEQUENCE = 'so no security configuration encrypts what it writes to S3, its CloudWatch logs or its job bookmarks with your KMS keys';

/** Missing (or an empty name) is reported; any other name, known or not, is not: it may name a configuration made elsewhere. */
function check(r: Resource, ctx: CheckContext): void {
  const kind = KINDS[r.type];
  if (!kind) return;
  const bad = r.body.get(kind.key).find((alt) => !isSet(alt));
  if (!bad) return;
  if (bad.isAbsent) {
    ctx.report(missingAt(bad, r.anchor), `${kind.name} ${r.id} has no ${kind.key}, ${CONSEQUENCE}.`);
  } else {
    ctx.report(bad, `${kind.name} ${r.id} sets ${kind.key} to an empty name, ${CONSEQUENCE}.`);
  }
}

export default defineRule({
  id: 'CL-AWS-217',
  slug: 'glue-no-security-configuration',
  title: 'Glue crawler, job or development endpoint has no security configuration',
  severity: 'medium',
  fixable: false,
  description:
    'A Glue security configuration is how a crawler, job or development endpoint encrypts what it writes: data in S3, logs in CloudWatch Logs and job bookmarks. One that names no configuration writes its logs and bookmarks without a KMS key of yours and leaves S3 data to the bucket\'s default.',
  remediation:
    'Create a Glue security configuration that encrypts S3 data, CloudWatch logs and job bookmarks with KMS and name it in CrawlerSecurityConfiguration or SecurityConfiguration (security_configuration).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the crawlers, jobs and endpoints and applies the encryption their security configuration asks for',
    customer: 'writing a security configuration and naming it on every crawler, job and endpoint are yours',
  },
  frameworks: AT_REST,
  equivalents: { checkov: ['CKV_AWS_195'] },
  docs: [
    'https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html',
    'https://docs.aws.amazon.com/glue/latest/dg/console-security-configurations.html',
    cfnDoc('aws-resource-glue-crawler', 'cfn-glue-crawler-crawlersecurityconfiguration'),
    cfnDoc('aws-resource-glue-job', 'cfn-glue-job-securityconfiguration'),
    cfnDoc('aws-resource-glue-devendpoint', 'cfn-glue-devendpoint-securityconfiguration'),
    tfDoc('glue_crawler', 'security_configuration'),
    tfDoc('glue_job', 'security_configuration'),
    tfDoc('glue_dev_endpoint', 'security_configuration'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Glue::Crawler', 'AWS::Glue::Job', 'AWS::Glue::DevEndpoint'], run: check },
    terraform: { reads: 'resource', types: ['aws_glue_crawler', 'aws_glue_job', 'aws_glue_dev_endpoint'], run: check },
  },
});
