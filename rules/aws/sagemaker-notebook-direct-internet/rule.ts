// CL-AWS-122: a SageMaker notebook instance with direct internet access, or a SageMaker (Studio) domain whose apps
// reach the internet through SageMaker's network (AppNetworkAccessType PublicInternetOnly): both outside your VPC.
import { cfnDoc, type Check, checkSetting, defineRule, NOT_PUBLIC, type SettingFormat, type SettingSpec, tfDoc } from '../../kit';

const PAST_VPC = 'past your VPC\'s controls';

const NOTEBOOK: SettingSpec = {
  subject: 'SageMaker notebook instance',
  consequence: `so it reaches the internet through SageMaker's network, ${PAST_VPC}`,
  want: 'Disabled',
  // SageMaker and the provider default to Enabled.
  absentMeans: 'Enabled',
  // Disabled needs a SubnetId and security groups of your VPC: the user chooses them.
  fix: false,
  formats: {
    cloudformation: { types: ['AWS::SageMaker::NotebookInstance'], path: ['DirectInternetAccess'] },
    terraform: { types: ['aws_sagemaker_notebook_instance'], path: ['direct_internet_access'] },
  },
};

const DOMAIN: SettingSpec = {
  subject: 'SageMaker domain',
  consequence: `so its Studio apps reach the internet through a VPC SageMaker manages, ${PAST_VPC}`,
  want: 'VpcOnly',
  // CreateDomain and the provider default to PublicInternetOnly.
  absentMeans: 'PublicInternetOnly',
  // VpcOnly needs security groups, and VPC endpoints or a NAT gateway, of your VPC: the user chooses them.
  fix: false,
  formats: {
    cloudformation: { types: ['AWS::SageMaker::Domain'], path: ['AppNetworkAccessType'] },
    terraform: { types: ['aws_sagemaker_domain'], path: ['app_network_access_type'] },
  },
};

/** One check per format over both settings, each resource type checked against its own (notebook or domain). */
function checksOf(format: 'cloudformation' | 'terraform'): Check {
  const byType = new Map<string, { spec: SettingSpec; f: SettingFormat }>();
  for (const spec of [NOTEBOOK, DOMAIN]) for (const t of spec.formats[format]!.types) byType.set(t, { spec, f: spec.formats[format]! });
  return {
    reads: 'resource',
    types: [...byType.keys()],
    run: (r, ctx) => {
      const { spec, f } = byType.get(r.type)!;
      checkSetting(r, ctx, spec, f);
    },
  };
}

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
  checks: { cloudformation: checksOf('cloudformation'), terraform: checksOf('terraform') },
});
