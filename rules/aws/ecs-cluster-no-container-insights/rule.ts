// CL-AWS-227: an ECS cluster without CloudWatch Container Insights.
import { addPath, cfnGuideDoc, type CheckContext, checkListItemSetting, defineRule, isOneOf, nist, ofType, type Resource, tfDoc, type Val } from '../../kit';

const SETTING = 'containerInsights';
const CONSEQUENCE = 'so the CPU, memory, network and task and restart metrics of its tasks are not collected in CloudWatch';

/** A known value that turns Container Insights off (`enabled` and `enhanced` turn it on). */
const off = (v: Val): boolean => v.str() !== undefined && !isOneOf(v, 'enabled', 'enhanced');

function cloudformation(r: Resource, ctx: CheckContext): void {
  // A missing setting is added only where ClusterSettings is not written.
  checkListItemSetting(r, ctx, {
    list: 'ClusterSettings',
    nameField: 'Name',
    name: SETTING,
    want: 'enabled',
    bad: off,
    missing: `ECS cluster ${r.id} does not set the ${SETTING} cluster setting, which defaults to the account setting (disabled unless changed), ${CONSEQUENCE}.`,
    badValue: (bad) => `ECS cluster ${r.id} sets the ${SETTING} cluster setting to ${bad.str()}, ${CONSEQUENCE}.`,
    setTitle: `Set ${SETTING} to enabled`,
    addTitle: `Add the ${SETTING} cluster setting set to enabled`,
    add: 'new-list',
  });
}

/** An account default in the file that turns (or may turn) Container Insights on for new clusters. */
function accountDefault(ctx: CheckContext): boolean {
  return ofType(ctx, 'aws_ecs_account_setting_default').some((a) => {
    const name = a.body.get('name');
    const value = a.body.get('value');
    return (name.isUnknown || name.str() === SETTING) && (value.isUnknown || isOneOf(value, 'enabled', 'enhanced'));
  });
}

function terraform(r: Resource, ctx: CheckContext): void {
  if (!r.body.get('dynamic').get('setting').isAbsent) return;
  const settings = r.body.get('setting');
  if (settings.isUnknown) return;
  const list = settings.list();
  if (list.some((s) => s.isUnknown || s.get('name').isUnknown)) return;
  const setting = list.find((s) => s.get('name').str() === SETTING);
  if (!setting) {
    if (accountDefault(ctx)) return;
    const edits = settings.isAbsent ? addPath(ctx.edits, r, ['setting'], { name: SETTING, value: 'enabled' }) : undefined;
    ctx.report(r.anchor, `ECS cluster ${r.id} has no ${SETTING} setting, which defaults to the account setting (disabled unless changed), ${CONSEQUENCE}.`, {
      fix: { title: `Add the ${SETTING} setting set to enabled`, edits },
    });
    return;
  }
  const bad = setting.get('value').find(off);
  if (!bad) return;
  ctx.report(bad, `ECS cluster ${r.id} sets the ${SETTING} setting to ${bad.str()}, ${CONSEQUENCE}.`, {
    fix: { title: `Set ${SETTING} to enabled`, edits: ctx.edits.setValue(bad, 'enabled') },
  });
}

export default defineRule({
  id: 'CL-AWS-227',
  slug: 'ecs-cluster-no-container-insights',
  title: 'ECS cluster has Container Insights disabled',
  severity: 'low',
  fixable: true,
  description:
    'CloudWatch Container Insights collects per-cluster, service and task metrics (CPU, memory, network, storage, task restarts) and performance log events. Without it, a compromised task mining cryptocurrency, a container restarting in a loop or a sudden outbound traffic spike shows only in coarse cluster-level metrics, if at all. It is off unless the cluster or the account default turns it on.',
  remediation: 'Add the containerInsights cluster setting (ClusterSettings, a setting block) with the value enabled (or enhanced).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the ECS control plane and collects and stores the Container Insights metrics once you turn them on',
    customer: 'turning Container Insights on, alarming on its metrics and paying for them are yours',
  },
  frameworks: [nist('SI-4')],
  equivalents: {
    checkov: ['CKV_AWS_65'],
    kics: ['ab759fde-e1e8-4b0e-ad73-ba856e490ed8', '97cb0688-369a-4d26-b1f7-86c4c91231bc'],
    trivy: ['aws-ecs-enable-container-insight'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html',
    cfnGuideDoc('aws-resource-ecs-cluster', 'cfn-ecs-cluster-clustersettings'),
    tfDoc('ecs_cluster', 'setting'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ECS::Cluster'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_ecs_cluster'], run: terraform },
  },
});
