// CL-AWS-125: an MWAA (managed Airflow) environment whose web server is reachable from the internet.
import { cfnDoc, defineRule, NOT_PUBLIC, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-125',
  slug: 'mwaa-webserver-public',
  title: 'MWAA environment web server is publicly accessible',
  severity: 'high',
  fixable: true,
  description:
    'With web server access mode PUBLIC_ONLY, the Apache Airflow UI and REST API of the environment answer on a public endpoint: only IAM sign-in stands between the internet and the tool that runs your pipelines with their connections and credentials.',
  remediation: 'Set WebserverAccessMode (webserver_access_mode) to PRIVATE_ONLY and reach the Airflow UI through the VPC (a VPN, AWS Client VPN, a bastion or a load balancer you control).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs the Airflow scheduler, workers and web server',
    customer: 'whether the web server can be reached from the internet is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV2_AWS_66'] },
  docs: [
    'https://docs.aws.amazon.com/mwaa/latest/userguide/configuring-networking.html',
    cfnDoc('aws-resource-mwaa-environment', 'cfn-mwaa-environment-webserveraccessmode'),
    tfDoc('mwaa_environment', 'webserver_access_mode'),
  ],
  checks: settingChecks({
    subject: 'MWAA environment',
    consequence: 'so its Airflow UI and API are reachable from the internet',
    want: 'PRIVATE_ONLY',
    // PRIVATE_ONLY is the default (the MWAA API and the provider).
    absentMeans: null,
    formats: {
      cloudformation: { types: ['AWS::MWAA::Environment'], path: ['WebserverAccessMode'] },
      terraform: { types: ['aws_mwaa_environment'], path: ['webserver_access_mode'] },
    },
  }),
});
