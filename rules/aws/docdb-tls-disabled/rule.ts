// CL-AWS-158: DocumentDB cluster parameter groups that turn TLS off.
import { cfnGuideDoc, type CheckContext, defineRule, IN_TRANSIT_STORES, type Resource, tfDoc, type Val } from '../../kit';

const MESSAGE = (r: Resource, v: Val) =>
  `DocumentDB cluster parameter group ${r.id} sets tls to ${v.str()}, so clients of its clusters connect without TLS and send credentials and data unencrypted.`;

/** TLS is off only with the value `disabled` (`enabled`, `fips-140-3`, `tls1.2+`, `tls1.3+` all require TLS). */
const off = (v: Val) => v.str()?.toLowerCase() === 'disabled';

function cloudformation(r: Resource, ctx: CheckContext): void {
  // Parameters is a JSON object of name to value.
  const bad = r.body.get('Parameters').get('tls').find(off);
  if (bad) ctx.report(bad, MESSAGE(r, bad));
}

function terraform(r: Resource, ctx: CheckContext): void {
  for (const p of r.body.get('parameter').list()) {
    for (const one of p.each()) {
      if (!one.isMap || one.get('name').str()?.toLowerCase() !== 'tls') continue;
      const bad = one.get('value').find(off);
      if (bad) ctx.report(bad, MESSAGE(r, bad));
    }
  }
}

export default defineRule({
  id: 'CL-AWS-158',
  slug: 'docdb-tls-disabled',
  title: 'DocumentDB cluster parameter group disables TLS',
  severity: 'high',
  fixable: false,
  description:
    'DocumentDB requires TLS on every connection by default. A cluster parameter group that sets tls to disabled lets clients connect in plaintext, sending their credentials and all data unencrypted.',
  remediation: 'Remove the tls parameter or set it to enabled (or tls1.2+, tls1.3+, fips-140-3), and connect clients with TLS.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the cluster and requires TLS on client connections unless you turn it off',
    customer: 'keeping TLS on in the parameter group, and connecting your clients with it, is yours',
  },
  frameworks: IN_TRANSIT_STORES,
  equivalents: { checkov: ['CKV_AWS_90'] },
  docs: [
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html',
    cfnGuideDoc('aws-resource-docdb-dbclusterparametergroup', 'cfn-docdb-dbclusterparametergroup-parameters'),
    tfDoc('docdb_cluster_parameter_group', 'parameter'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::DocDB::DBClusterParameterGroup'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_docdb_cluster_parameter_group'], run: terraform },
  },
});
