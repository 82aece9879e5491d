// CL-AWS-123: a SageMaker notebook instance whose users have root access.
import { cfnDoc, defineRule, nist, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-123',
  slug: 'sagemaker-notebook-root-access',
  title: 'SageMaker notebook instance gives its users root access',
  severity: 'medium',
  fixable: true,
  description:
    'With root access, every notebook user can become root on the instance: install anything, change the system and its network settings, and read whatever the instance holds, which breaks the separation between users and the instance\'s configuration.',
  remediation: 'Set RootAccess (root_access) to Disabled, and install what notebooks need in a lifecycle configuration (which still runs as root).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs and patches the notebook instance platform',
    customer: 'what notebook users may do on the instance is yours to decide',
  },
  frameworks: [nist('AC-6', 'AC-6(2)', 'CM-11')],
  equivalents: { checkov: ['CKV_AWS_307'] },
  docs: [
    'https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html',
    cfnDoc('aws-resource-sagemaker-notebookinstance', 'cfn-sagemaker-notebookinstance-rootaccess'),
    tfDoc('sagemaker_notebook_instance', 'root_access'),
  ],
  checks: settingChecks({
    subject: 'SageMaker notebook instance',
    consequence: 'so every notebook user can act as root on it',
    want: 'Disabled',
    // SageMaker and the provider default to Enabled.
    absentMeans: 'Enabled',
    fixNote: 'notebook users lose sudo',
    formats: {
      cloudformation: { types: ['AWS::SageMaker::NotebookInstance'], path: ['RootAccess'] },
      terraform: { types: ['aws_sagemaker_notebook_instance'], path: ['root_access'] },
    },
  }),
});
