// CL-AWS-171: a CloudFormation output whose value is a secret attribute of a resource (an access key's
// SecretAccessKey, a Cognito app client's ClientSecret, an AppSync API key), shown in clear wherever outputs are.
//
// It runs on the template itself (the `Template` pseudo-resource of every CloudFormation document).
import { cfnGuideDoc, type CheckContext, defineRule, get, type Node, NO_EMBEDDED_SECRETS, type Resource, str, TEMPLATE_TYPE } from '../../kit';

/** Secret attributes by resource type: `Fn::GetAtt` of these returns the secret itself. */
const SECRET_ATTRIBUTES: Readonly<Record<string, { readonly attribute: string; readonly what: string }>> = {
  'AWS::IAM::AccessKey': { attribute: 'SecretAccessKey', what: 'the secret access key of access key' },
  'AWS::Cognito::UserPoolClient': { attribute: 'ClientSecret', what: 'the client secret of app client' },
  'AWS::AppSync::ApiKey': { attribute: 'ApiKey', what: 'the API key of' },
};

interface Hit {
  readonly at: Node;
  readonly id: string;
  readonly what: string;
}

/** `Fn::GetAtt` (list or dotted string) and `${Id.Attr}` in `Fn::Sub` naming a secret attribute, anywhere under `node`. */
function secretRefs(node: Node | undefined, typeOf: (id: string) => string | undefined, out: Hit[], depth = 0): void {
  if (!node || depth > 20) return;
  if (node.kind === 'seq') {
    for (const item of node.items) secretRefs(item, typeOf, out, depth + 1);
    return;
  }
  if (node.kind !== 'map') return;
  for (const { key, value } of node.pairs) {
    if (key.value === 'Fn::GetAtt') {
      let id: string | undefined;
      let attr: string | undefined;
      if (value.kind === 'seq') {
        id = str(value.items[0]);
        attr = str(value.items[1]);
      } else {
        const s = str(value);
        const dot = s?.indexOf('.') ?? -1;
        if (s && dot > 0) [id, attr] = [s.slice(0, dot), s.slice(dot + 1)];
      }
      const known = id === undefined ? undefined : SECRET_ATTRIBUTES[typeOf(id) ?? ''];
      if (id !== undefined && known && known.attribute === attr) out.push({ at: node, id, what: known.what });
      continue;
    }
    if (key.value === 'Fn::Sub') {
      const template = value.kind === 'seq' ? value.items[0] : value;
      const s = str(template);
      if (s !== undefined && template) {
        for (const m of s.matchAll(/\$\{([A-Za-z0-9]+)\.([A-Za-z0-9]+)\}/g)) {
          const known = SECRET_ATTRIBUTES[typeOf(m[1]) ?? ''];
          if (known && known.attribute === m[2]) out.push({ at: template, id: m[1], what: known.what });
        }
      }
      if (value.kind === 'seq') secretRefs(value.items[1], typeOf, out, depth + 1);
      continue;
    }
    secretRefs(value, typeOf, out, depth + 1);
  }
}

function check(r: Resource, ctx: CheckContext): void {
  const root = r.doc.doc.root;
  const outputs = get(root, 'Outputs');
  if (outputs?.kind !== 'map') return;
  const resources = get(root, 'Resources');
  const typeOf = (id: string): string | undefined => str(get(get(resources, id), 'Type'));
  for (const { key, value } of outputs.pairs) {
    const hits: Hit[] = [];
    secretRefs(get(value, 'Value'), typeOf, hits);
    const exported = get(value, 'Export') !== undefined ? ' and exports it to every stack of the account and Region' : '';
    for (const h of hits) {
      ctx.report(h.at, `Output ${String(key.value)} shows ${h.what} ${h.id} in clear${exported}: CloudFormation displays outputs to everyone who may describe the stack.`);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-171',
  slug: 'cfn-output-exposes-secret',
  title: 'CloudFormation output shows a secret (access key secret, client secret, API key)',
  severity: 'high',
  fixable: false,
  description:
    'Stack outputs have no NoEcho: an output whose value is an access key\'s SecretAccessKey, a Cognito app client\'s ClientSecret or an AppSync API key shows the secret in the console, in DescribeStacks responses and, when exported, to every stack that imports it.',
  remediation: 'Store the secret in Secrets Manager (or SSM SecureString) from the template, or read it with the API where it is needed, and output only its ARN or name.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'secrets',
    provider: 'CloudFormation stores and displays stack outputs exactly as the template defines them',
    customer: 'keeping secrets out of outputs is yours',
  },
  frameworks: NO_EMBEDDED_SECRETS,
  equivalents: {},
  docs: [
    cfnGuideDoc('outputs-section-structure'),
    cfnGuideDoc('aws-resource-iam-accesskey', 'aws-resource-iam-accesskey-return-values'),
    cfnGuideDoc('best-practices', 'creds'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: [TEMPLATE_TYPE], run: check },
  },
});
