// CL-K8S-082: a CronJob sets no startingDeadlineSeconds (reliability).
import { defineRule, getPair, type MapNode } from '../../kit';

export default defineRule({
  id: 'CL-K8S-082',
  slug: 'cronjob-no-starting-deadline',
  title: 'CronJob sets no starting deadline',
  severity: 'info',
  fixable: false,
  description:
    'Without startingDeadlineSeconds a missed run (the controller was down, or concurrencyPolicy: Forbid held it back) starts whenever the controller gets to it, however late, and the controller counts every missed start since the last run: the documentation warns that after more than 100 it does not start the job. This is a reliability check, not a security control.',
  remediation: 'Set spec.startingDeadlineSeconds to how late a run may still start (at least 10 seconds; shorter than the schedule interval).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'resilience',
    provider: 'the control plane runs the CronJob controller, which starts jobs by the schedule and deadline you set',
    customer: 'how late a scheduled run may still start is your setting',
  },
  frameworks: [],
  equivalents: {
    kics: ['192fe40b-b1c3-448a-aba2-6cc19a300fe3'],
    kubeScore: ['cronjob-has-deadline'],
  },
  docs: ['https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#job-creation'],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: ['CronJob'],
      run(r, ctx) {
        const spec = r.body.get('spec');
        if (!spec.isMap) return; // absent, unknown or not a mapping: nothing to judge
        if (!spec.get('startingDeadlineSeconds').isAbsent) return;
        const body = r.node as MapNode;
        const at = getPair(body, 'spec')?.key ?? r.anchor;
        ctx.report(at, `CronJob ${r.k8s?.name ?? '(unnamed)'} sets no spec.startingDeadlineSeconds, so a missed run starts however late it is, and every missed start since the last run counts toward the controller's limit of 100.`);
      },
    },
  },
});
