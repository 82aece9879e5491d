// CL-AWS-146: Redshift parameter groups that do not require SSL connections.
import { type CheckContext, cfnGuideDoc, defineRule, IN_TRANSIT_STORES, type Resource, tfDoc } from '../../kit';

function check(names: { params: string; name: string; value: string }) {
  return (r: Resource, ctx: CheckContext) => {
    const params = r.body.get(names.params);
    if (params.isUnknown) return;
    let found = false;
    for (const p of params.list()) {
      for (const one of p.each()) {
        if (!one.isMap) continue;
        const n = one.get(names.name);
        if (n.isUnknown) return;
        if (n.str()?.toLowerCase() !== 'require_ssl') continue;
        found = true;
        const bad = one.get(names.value).find((v) => v.str() !== undefined && v.str()!.toLowerCase() !== 'true');
        if (bad) ctx.report(bad, `Redshift parameter group ${r.id} sets require_ssl to ${bad.str()}, so clients can connect to its clusters without SSL.`);
      }
    }
    if (!found) ctx.report(r.anchor, `Redshift parameter group ${r.id} does not set require_ssl, which defaults to false, so clients can connect to its clusters without SSL.`);
  };
}

export default defineRule({
  id: 'CL-AWS-146',
  slug: 'redshift-ssl-not-required',
  title: 'Redshift parameter group does not require SSL',
  severity: 'medium',
  fixable: false,
  description:
    'Redshift clusters accept unencrypted client connections unless their parameter group sets require_ssl to true. SQL statements, query results and credentials then cross the network in plaintext for any client that does not ask for SSL.',
  remediation: 'Add the parameter require_ssl with the value true to the cluster parameter group, and make sure every client connects with SSL.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the cluster endpoints and offers SSL on every connection',
    customer: 'requiring SSL in the parameter group, and connecting your clients with it, is yours',
  },
  frameworks: IN_TRANSIT_STORES,
  equivalents: { checkov: ['CKV_AWS_105'] },
  docs: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html',
    cfnGuideDoc('aws-resource-redshift-clusterparametergroup', 'cfn-redshift-clusterparametergroup-parameters'),
    tfDoc('redshift_parameter_group', 'parameter'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Redshift::ClusterParameterGroup'], run: check({ params: 'Parameters', name: 'ParameterName', value: 'ParameterValue' }) },
    terraform: { reads: 'resource', types: ['aws_redshift_parameter_group'], run: check({ params: 'parameter', name: 'name', value: 'value' }) },
  },
});
