// CL-AWS-159: MSK clusters that let clients connect without authenticating.
import { blocks, cfnGuideDoc, type CheckContext, defineRule, nist, pci, type Resource, tfDoc } from '../../kit';

const CONSEQUENCE = 'so any client that can reach the brokers can produce and consume without authenticating';

function check(names: { auth: string; unauth: string[] }) {
  return (r: Resource, ctx: CheckContext) => {
    const auth = r.body.get(names.auth);
    if (auth.isUnknown) return;
    const missing = auth.find((a) => a.isAbsent || (a.node?.kind === 'seq' && a.node.items.length === 0));
    if (missing) {
      ctx.report(missing.when.length > 0 ? missing : r.anchor, `MSK cluster ${r.id} has no ${names.auth}, which allows unauthenticated access by default, ${CONSEQUENCE}.`);
      return;
    }
    for (const b of blocks(r.body, names.auth)) {
      const v = b.path(...names.unauth).find((x) => x.isTrue());
      if (v) ctx.report(v, `MSK cluster ${r.id} sets ${[names.auth, ...names.unauth].join('.')} to true, ${CONSEQUENCE}.`);
    }
  };
}

export default defineRule({
  id: 'CL-AWS-159',
  slug: 'msk-unauthenticated-access',
  title: 'MSK cluster allows unauthenticated client access',
  severity: 'medium',
  fixable: false,
  description:
    'An MSK cluster without client authentication, or with unauthenticated access turned on, accepts producers and consumers that prove no identity: Kafka ACLs cannot tell them apart, and anything that reaches the brokers on the network can read and write every topic the defaults allow.',
  remediation: 'Set ClientAuthentication (client_authentication) with IAM, SASL/SCRAM or mutual TLS, and leave Unauthenticated (unauthenticated) off.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the brokers and enforces the client authentication methods you turn on',
    customer: 'requiring clients to authenticate, and which method, is yours',
  },
  frameworks: [nist('IA-2', 'AC-3'), pci('8.3.1')],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/msk/latest/developerguide/kafka_apis_iam.html',
    cfnGuideDoc('aws-properties-msk-cluster-clientauthentication'),
    tfDoc('msk_cluster', 'client_authentication'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::MSK::Cluster'], run: check({ auth: 'ClientAuthentication', unauth: ['Unauthenticated', 'Enabled'] }) },
    terraform: { reads: 'resource', types: ['aws_msk_cluster'], run: check({ auth: 'client_authentication', unauth: ['unauthenticated'] }) },
  },
});
