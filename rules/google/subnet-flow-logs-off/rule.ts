// CL-GCP-029: a VPC subnetwork without VPC Flow Logs.
import { AUDIT_LOGGING, cisGcp, defineRule, tfGoogleDoc } from '../../kit';

/** Subnet purposes that carry VM traffic (proxy-only and other special subnets cannot log flows). */
const VM_PURPOSES = new Set(['PRIVATE', 'PRIVATE_RFC_1918']);

export default defineRule({
  id: 'CL-GCP-029',
  slug: 'subnet-flow-logs-off',
  title: 'Subnetwork does not record VPC Flow Logs',
  severity: 'low',
  fixable: false,
  description:
    'Without flow logs there is no record of which addresses the subnet’s VMs talked to: incident response cannot trace lateral movement or exfiltration, and network anomalies go unseen.',
  remediation: 'Add a log_config block (aggregation_interval, flow_sampling, metadata) to the subnetwork.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'logging-and-monitoring',
    provider: 'Google samples the flows and writes the logs once you turn them on',
    customer: 'turning them on and keeping them is yours',
  },
  frameworks: [cisGcp('3.8'), ...AUDIT_LOGGING],
  equivalents: { checkov: ['CKV_GCP_26'], kics: ['40430747-442d-450a-a34f-dc57149f4609'], trivy: ['google-compute-enable-vpc-flow-logs'] },
  docs: ['https://cloud.google.com/vpc/docs/using-flow-logs', tfGoogleDoc('compute_subnetwork', 'log_config')],
  checks: {
    terraform: {
      reads: 'resource',
      types: ['google_compute_subnetwork'],
      run(r, ctx) {
        const purpose = r.body.get('purpose');
        if (!purpose.isAbsent && !VM_PURPOSES.has(purpose.str() ?? '')) return;
        const log = r.body.get('log_config');
        if (!log.isAbsent && !(log.isSeq && log.items().length === 0)) return;
        // A `dynamic "log_config"` block may write it.
        if (!r.body.get('dynamic').get('log_config').isAbsent) return;
        ctx.report(r.anchor, `Subnetwork ${r.id} has no log_config, so VPC Flow Logs are off and its traffic leaves no record.`);
      },
    },
  },
});
