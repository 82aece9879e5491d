// CL-AWS-122: a SageMaker notebook instance with direct internet access (SageMaker's own network path to the internet).
import { cfnDoc, defineRule, NOT_PUBLIC, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-122',
  slug: 'sagemaker-notebook-direct-internet',
  title: 'SageMaker notebook instance has direct internet access',
  severity: 'medium',
  fixable: false,
  description:
    'With direct internet access, a notebook instance reaches the internet through a network interface SageMaker manages, outside your VPC: no security group, network ACL, firewall or flow log of yours sees that traffic, so data can leave and code can come in unchecked.',
  remediation:
    'Set DirectInternetAccess (direct_internet_access) to Disabled and give the instance a SubnetId and security groups in your VPC; reach the internet, if needed, through a NAT gateway or VPC endpoints you control.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs the notebook instances and, when you allow it, their internet path',
    customer: 'whether a notebook reaches the internet outside your VPC is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AWS_122'], kics: ['88d55d94-315d-4564-beee-d2d725feab11'] },
  docs: [
    'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
    cfnDoc('aws-resource-sagemaker-notebookinstance', 'cfn-sagemaker-notebookinstance-directinternetaccess'),
    tfDoc('sagemaker_notebook_instance', 'direct_internet_access'),
  ],
  checks: settingChecks({
    subject: 'SageMaker notebook instance',
    consequence: 'so it reaches the internet through SageMaker\'s network, past your VPC\'s controls',
    want: 'Disabled',
    // SageMaker and the provider default to Enabled.
    absentMeans: 'Enabled',
    // Disabled needs a SubnetId and security groups of your VPC: the user chooses them.
    fix: false,
    formats: {
      cloudformation: { types: ['AWS::SageMaker::NotebookInstance'], path: ['DirectInternetAccess'] },
      terraform: { types: ['aws_sagemaker_notebook_instance'], path: ['direct_internet_access'] },
    },
  }),
});
