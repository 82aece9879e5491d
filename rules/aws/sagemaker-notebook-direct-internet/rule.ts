// CL-AWS-122: a SageMaker notebook instance with direct internet access, or a SageMaker (Studio) domain whose apps
// reach the internet through SageMaker's network (AppNetworkAccessType PublicInternetOnly): both outside your VPC.
import { cfnDoc, checkSetting, defineRule, NOT_PUBLIC, type SettingFormat, type SettingSpec, tfDoc } from '../../kit';

const PAST_VPC = 'past your VPC\'s controls';

const NOTEBOOK = {
  spec: {
    subject: 'SageMaker notebook instance',
    consequence: `so it reaches the internet through SageMaker's network, ${PAST_VPC}`,
    want: 'Disabled',
    // SageMaker and the provider default to Enabled.
    absentMeans: 'Enabled',
    // Disabled needs a SubnetId and security groups of your VPC: the user chooses them.
    fix: false,
    formats: {},
  } satisfies SettingSpec,
  cloudformation: { types: ['AWS::SageMaker::NotebookInstance'], path: ['DirectInternetAccess'] } satisfies SettingFormat,
  terraform: { types: ['aws_sagemaker_notebook_instance'], path: ['direct_internet_access'] } satisfies SettingFormat,
};

const DOMAIN = {
  spec: {
    subject: 'SageMaker domain',
    consequence: `so its Studio apps reach the internet through a VPC SageMaker manages, ${PAST_VPC}`,
    want: 'VpcOnly',
    // CreateDomain and the provider default to PublicInternetOnly.
    absentMeans: 'PublicInternetOnly',
    // VpcOnly needs security groups, and VPC endpoints or a NAT gateway, of your VPC: the user chooses them.
    fix: false,
    formats: {},
  } satisfies SettingSpec,
  cloudformation: { types: ['AWS::SageMaker::Domain'], path: ['AppNetworkAccessType'] } satisfies SettingFormat,
  terraform: { types: ['aws_sagemaker_domain'], path: ['app_network_access_type'] } satisfies SettingFormat,
};

const isDomain = (type: string): boolean => type === 'AWS::SageMaker::Domain' || type === 'aws_sagemaker_domain';

export default defineRule({
  id: 'CL-AWS-122',
  slug: 'sagemaker-notebook-direct-internet',
  title: 'SageMaker notebook instance or domain has direct internet access',
  severity: 'medium',
  fixable: false,
  description:
    'With direct internet access, a notebook instance (DirectInternetAccess Enabled) or the Studio apps of a domain (AppNetworkAccessType PublicInternetOnly) reach the internet through a network SageMaker manages, outside your VPC: no security group, network ACL, firewall or flow log of yours sees that traffic, so data can leave and code can come in unchecked.',
  remediation:
    'Set DirectInternetAccess (direct_internet_access) to Disabled on notebook instances, with a SubnetId and security groups in your VPC, and AppNetworkAccessType (app_network_access_type) to VpcOnly on domains; reach the internet, if needed, through a NAT gateway or VPC endpoints you control.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs the notebook instances and Studio apps and, when you allow it, their internet path',
    customer: 'whether a notebook or a Studio app reaches the internet outside your VPC is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AWS_122'], kics: ['88d55d94-315d-4564-beee-d2d725feab11'] },
  docs: [
    'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
    cfnDoc('aws-resource-sagemaker-notebookinstance', 'cfn-sagemaker-notebookinstance-directinternetaccess'),
    tfDoc('sagemaker_notebook_instance', 'direct_internet_access'),
    'https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html',
    cfnDoc('aws-resource-sagemaker-domain', 'cfn-sagemaker-domain-appnetworkaccesstype'),
    tfDoc('sagemaker_domain', 'app_network_access_type'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: [...NOTEBOOK.cloudformation.types, ...DOMAIN.cloudformation.types],
      run: (r, ctx) => (isDomain(r.type) ? checkSetting(r, ctx, DOMAIN.spec, DOMAIN.cloudformation) : checkSetting(r, ctx, NOTEBOOK.spec, NOTEBOOK.cloudformation)),
    },
    terraform: {
      reads: 'resource',
      types: [...NOTEBOOK.terraform.types, ...DOMAIN.terraform.types],
      run: (r, ctx) => (isDomain(r.type) ? checkSetting(r, ctx, DOMAIN.spec, DOMAIN.terraform) : checkSetting(r, ctx, NOTEBOOK.spec, NOTEBOOK.terraform)),
    },
  },
});
