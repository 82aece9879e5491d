// CL-AWS-197: an AWS Config recorder that records only some resource types.
import { cfnGuideDoc, cisAws, defineRule, nist, type Resource, settingChecks, tfDoc } from '../../kit';

/** An exclusion strategy records every type but the ones it lists: AllSupported is false by design there. */
function notExclusion(r: Resource, group: string, strategy: string, useOnly: string): boolean {
  const v = r.body.get(group);
  const blocks = v.list().length ? v.list() : [v];
  return !blocks.some((b) => {
    const s = b.get(strategy);
    return (s.list().length ? s.list() : [s]).some((x) => x.get(useOnly).isUnknown || x.get(useOnly).str() === 'EXCLUSION_BY_RESOURCE_TYPES');
  });
}

export default defineRule({
  id: 'CL-AWS-197',
  slug: 'config-recorder-not-all-resources',
  title: 'AWS Config recorder does not record all resource types',
  severity: 'low',
  fixable: false,
  description:
    'A configuration recorder with AllSupported false records only the resource types it lists, so changes to every other type (new security groups, IAM roles, buckets) leave no configuration history and Config rules cannot evaluate them.',
  remediation: 'Set RecordingGroup.AllSupported (recording_group.all_supported) to true, or list the types to leave out with an exclusion recording strategy.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS records the configuration of the resource types you select and keeps their history',
    customer: 'recording every resource type in every region, and acting on what Config finds, are yours',
  },
  frameworks: [cisAws('3.3'), nist('CM-8', 'CM-3')],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html',
    cfnGuideDoc('aws-properties-config-configurationrecorder-recordinggroup'),
    tfDoc('config_configuration_recorder', 'recording_group'),
  ],
  checks: settingChecks({
    subject: 'Configuration recorder',
    consequence: 'so it records only the resource types it lists',
    want: true,
    absentMeans: true,
    fix: false,
    formats: {
      cloudformation: {
        types: ['AWS::Config::ConfigurationRecorder'],
        path: ['RecordingGroup', 'AllSupported'],
        absentInBlockMeans: null,
        appliesTo: (r) => notExclusion(r, 'RecordingGroup', 'RecordingStrategy', 'UseOnly'),
      },
      terraform: {
        types: ['aws_config_configuration_recorder'],
        path: ['recording_group', 'all_supported'],
        appliesTo: (r) => notExclusion(r, 'recording_group', 'recording_strategy', 'use_only'),
      },
    },
  }),
});
