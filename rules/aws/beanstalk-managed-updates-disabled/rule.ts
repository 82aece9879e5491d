// CL-AWS-096: an Elastic Beanstalk environment (or saved configuration) that turns managed platform updates off.
import { type CheckContext, defineRule, PATCHING, type Resource } from '../../kit';

const NAMESPACE = 'aws:elasticbeanstalk:managedactions';
const OPTION = 'ManagedActionsEnabled';

interface Keys {
  readonly list: string;
  readonly namespace: string;
  readonly name: string;
  readonly value: string;
}

function check(keys: Keys, terraform: boolean) {
  return (r: Resource, ctx: CheckContext) => {
    const what = /ConfigurationTemplate$|configuration_template$/.test(r.type) ? 'Elastic Beanstalk configuration template' : 'Elastic Beanstalk environment';
    const settings = r.body.get(keys.list);
    const items = terraform ? settings.list() : settings.items();
    for (const item of items) {
      for (const setting of item.each()) {
        if (setting.get(keys.namespace).str() !== NAMESPACE || setting.get(keys.name).str() !== OPTION) continue;
        const bad = setting.get(keys.value).find((v) => v.isFalse());
        if (!bad) continue;
        ctx.report(bad, `${what} ${r.id} sets ${NAMESPACE} ${OPTION} to false, so platform patch and minor updates are not applied automatically.`);
      }
    }
  };
}

const cfn = check({ list: 'OptionSettings', namespace: 'Namespace', name: 'OptionName', value: 'Value' }, false);
const tf = check({ list: 'setting', namespace: 'namespace', name: 'name', value: 'value' }, true);

export default defineRule({
  id: 'CL-AWS-096',
  slug: 'beanstalk-managed-updates-disabled',
  title: 'Elastic Beanstalk managed platform updates are disabled',
  severity: 'low',
  fixable: false,
  description:
    'Managed platform updates apply new patch (and optionally minor) platform versions, with OS, runtime and web server fixes, in a weekly maintenance window using an immutable deployment. ManagedActionsEnabled is documented to default to true; an environment that sets it to false stays on its platform version until someone updates it by hand.',
  remediation:
    'Set ManagedActionsEnabled to true in the aws:elasticbeanstalk:managedactions namespace, with a PreferredStartTime and an UpdateLevel (patch or minor) in aws:elasticbeanstalk:managedactions:platformupdate.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'patching-and-versions',
    provider: 'AWS publishes patched platform versions and applies them in your maintenance window when managed updates are on',
    customer: 'keeping managed updates on, or updating the platform yourself, is yours',
  },
  frameworks: PATCHING,
  equivalents: {
    checkov: ['CKV_AWS_340'],
  },
  docs: [
    'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environment-platform-update-managed.html',
    'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-elasticbeanstalkmanagedactions',
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ElasticBeanstalk::Environment', 'AWS::ElasticBeanstalk::ConfigurationTemplate'], run: cfn },
    terraform: { reads: 'resource', types: ['aws_elastic_beanstalk_environment', 'aws_elastic_beanstalk_configuration_template'], run: tf },
  },
});
