// CL-AWS-267: a Global Accelerator accelerator (standard or custom routing) without flow logs
// (attributes.flow_logs_enabled absent or false). CloudFormation's AWS::GlobalAccelerator::Accelerator has no
// flow log setting (flow logs are an accelerator attribute of the API only), so the rule is Terraform only.
import { defineRule, nist, pci, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-267',
  slug: 'global-accelerator-no-flow-logs',
  title: 'Global Accelerator accelerator has no flow logs',
  severity: 'low',
  fixable: false,
  description:
    'Global Accelerator flow logs record each connection the accelerator receives from the internet (client address and port, listener, endpoint, bytes and packets) to an S3 bucket. They are off by default: without them, scans, floods and unexpected clients of the endpoints behind the accelerator leave no record to detect or investigate.',
  remediation: 'Add attributes { flow_logs_enabled = true } with flow_logs_s3_bucket and flow_logs_s3_prefix, and give Global Accelerator write access to that bucket.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the accelerator at its edge locations and delivers flow log records to your bucket once you enable them',
    customer: 'enabling flow logs, choosing and protecting their bucket and reading them are yours',
  },
  frameworks: [nist('AU-2', 'AU-12', 'SI-4'), pci('10.2.1')],
  equivalents: {
    checkov: ['CKV_AWS_75'],
    kics: ['96e8183b-e985-457b-90cd-61c0503a3369'],
  },
  docs: [
    'https://docs.aws.amazon.com/global-accelerator/latest/dg/monitoring-global-accelerator.flow-logs.html',
    'https://docs.aws.amazon.com/global-accelerator/latest/api/API_AcceleratorAttributes.html',
    tfDoc('globalaccelerator_accelerator', 'flow_logs_enabled'),
    tfDoc('globalaccelerator_custom_routing_accelerator'),
  ],
  checks: settingChecks({
    subject: (r) => (r.type === 'aws_globalaccelerator_custom_routing_accelerator' ? 'Global Accelerator custom routing accelerator' : 'Global Accelerator accelerator'),
    consequence: 'so the connections it receives from the internet are not logged',
    want: true,
    absentMeans: false,
    // Turning flow logs on needs a bucket and a prefix that only the user can name, and a bucket policy.
    fix: false,
    formats: {
      terraform: { types: ['aws_globalaccelerator_accelerator', 'aws_globalaccelerator_custom_routing_accelerator'], path: ['attributes', 'flow_logs_enabled'] },
    },
  }),
});
