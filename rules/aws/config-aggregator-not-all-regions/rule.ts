// CL-AWS-231: AWS Config aggregators whose account or organization aggregation source leaves regions out (AllAwsRegions
// not true), so resources in every other region, and in regions enabled later, are missing from the aggregated view.
import { blocks, cfnDoc, type CheckContext, defineRule, keyNode, missingAt, nist, type Resource, tfDoc } from '../../kit';

interface Names {
  /** The account sources (a list in CloudFormation, one block in Terraform) and the organization source. */
  readonly sources: readonly { readonly key: string; readonly list: boolean }[];
  readonly all: string;
}

const CONSEQUENCE = 'so the aggregator collects only the regions it lists: resources in any other region, including regions enabled later, are missing from the aggregated view';

function check(names: Names) {
  return (r: Resource, ctx: CheckContext) => {
    for (const source of names.sources) {
      // Unknown sources (a parameter, a `dynamic` block) give no block here: nothing is reported for them.
      const found = blocks(r.body, source.key);
      const at = keyNode(r.body, source.key) ?? r.anchor;
      found.forEach((block, i) => {
        const shown = `${source.key}${source.list ? `[${i}]` : ''}.${names.all}`;
        const bad = block.get(names.all).find((x) => x.isAbsent || x.isFalse());
        if (!bad) return;
        if (bad.isAbsent) ctx.report(missingAt(bad, at), `Config aggregator ${r.id} does not set ${shown}, which defaults to false, ${CONSEQUENCE}.`);
        else ctx.report(bad, `Config aggregator ${r.id} sets ${shown} to false, ${CONSEQUENCE}.`);
      });
    }
  };
}

export default defineRule({
  id: 'CL-AWS-231',
  slug: 'config-aggregator-not-all-regions',
  title: 'AWS Config aggregator does not aggregate all regions',
  severity: 'low',
  fixable: false,
  description:
    'An AWS Config aggregator whose source lists regions instead of setting AllAwsRegions aggregates only those regions: a resource created in any other region, including a region enabled later, never shows in the central view, which is where an attacker working from an unused region would be seen.',
  remediation: 'Set AllAwsRegions (all_regions) to true in each account or organization aggregation source, in place of the list of regions.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS collects the configuration and compliance data of the accounts and regions an aggregator names',
    customer: 'naming every region, including the ones enabled later, is your decision',
  },
  frameworks: [nist('CM-8', 'SI-4')],
  equivalents: {
    checkov: ['CKV_AWS_121'],
    kics: ['9f3cf08e-72a2-4eb1-8007-e3b1b0e10d4d', 'ac5a0bc0-a54c-45aa-90c3-15f7703b9132'],
    trivy: ['aws-config-aggregate-all-regions'],
  },
  docs: [
    'https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html',
    cfnDoc('aws-properties-config-configurationaggregator-accountaggregationsource'),
    cfnDoc('aws-properties-config-configurationaggregator-organizationaggregationsource'),
    tfDoc('config_configuration_aggregator'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::Config::ConfigurationAggregator'],
      run: check({ sources: [{ key: 'AccountAggregationSources', list: true }, { key: 'OrganizationAggregationSource', list: false }], all: 'AllAwsRegions' }),
    },
    terraform: {
      reads: 'resource',
      types: ['aws_config_configuration_aggregator'],
      run: check({ sources: [{ key: 'account_aggregation_source', list: false }, { key: 'organization_aggregation_source', list: false }], all: 'all_regions' }),
    },
  },
});
