// CL-AWS-022: a CloudFormation parameter whose name says it holds a secret, without NoEcho: true.
//
// It runs on the template itself (the `Template` pseudo-resource of every CloudFormation document).
import {
  cfnGuideDoc,
  type CheckContext,
  defineRule,
  get,
  type MapNode,
  nist,
  type Node,
  type Resource,
  type ScalarNode,
  soc2,
  str,
  TEMPLATE_TYPE,
} from '../../kit';
import { looksSecretName } from '../../lib/iam';

export interface SecretParameter {
  readonly name: ScalarNode;
  readonly body: MapNode;
  /** The NoEcho value when it is written (and not true). */
  readonly noEcho?: Node;
}

/**
 * Template-level logic: parameters whose name says they hold a secret (`DBPassword`, `GitHubToken`, `ApiKey`; not
 * `PasswordLength`, `SecretArn`, `TokenTtl`) and that do not set `NoEcho: true`. AWS-specific parameter types
 * (`AWS::SSM::Parameter::Value<String>`, `AWS::EC2::KeyPair::KeyName`) hold names, not secrets, and are skipped.
 */
export function secretParametersWithoutNoEcho(root: Node | undefined): SecretParameter[] {
  const params = get(root, 'Parameters');
  const out: SecretParameter[] = [];
  if (params?.kind !== 'map') return out;
  for (const { key, value } of params.pairs) {
    if (value.kind !== 'map' || !looksSecretName(String(key.value))) continue;
    if (str(get(value, 'Type'))?.startsWith('AWS::')) continue;
    const noEcho = get(value, 'NoEcho');
    const v = noEcho?.kind === 'scalar' ? noEcho.value : undefined;
    if (v === true || (typeof v === 'string' && v.toLowerCase() === 'true')) continue;
    out.push({ name: key, body: value, noEcho });
  }
  return out;
}

function check(r: Resource, ctx: CheckContext): void {
  for (const p of secretParametersWithoutNoEcho(r.doc.doc.root)) {
    const name = String(p.name.value);
    if (p.noEcho) {
      ctx.report(p.noEcho, `Parameter ${name} looks like a secret but sets NoEcho to false, so CloudFormation shows its value in the console, in API responses and in stack events.`, {
        fix: { title: 'Set NoEcho to true', edits: ctx.edits.replaceNode(p.noEcho, true) },
      });
    } else {
      ctx.report(p.name, `Parameter ${name} looks like a secret but does not set NoEcho: true, so CloudFormation shows its value in the console, in API responses and in stack events.`, {
        fix: { title: 'Add NoEcho: true', edits: ctx.edits.addPair(p.body, 'NoEcho', true) },
      });
    }
  }
}

export default defineRule({
  id: 'CL-AWS-022',
  slug: 'cfn-secret-parameter-no-echo',
  title: 'Secret CloudFormation parameter is not masked (NoEcho)',
  severity: 'medium',
  fixable: true,
  description:
    'A parameter named like a password, secret, token or key without NoEcho: true is shown in clear text by the CloudFormation console, DescribeStacks and stack events, to everyone who may read the stack.',
  remediation: 'Add NoEcho: true to the parameter, or better, keep the secret in Secrets Manager or SSM Parameter Store and use a dynamic reference.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'secrets',
    provider: 'CloudFormation masks the values of parameters marked NoEcho wherever it displays them',
    customer: 'marking secret parameters, and keeping secrets out of templates, is yours',
  },
  frameworks: [nist('IA-5'), soc2('CC6.1')],
  equivalents: {},
  docs: [
    cfnGuideDoc('parameters-section-structure', 'parameters-section-structure-properties'),
    cfnGuideDoc('best-practices', 'creds'),
    cfnGuideDoc('dynamic-references'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: [TEMPLATE_TYPE], run: check },
  },
});
