// CL-AWS-202: an AWS IoT Core policy that allows every action ("*", "iot:*"), or IoT actions on every resource ("*").
import { cfnDoc, type CheckContext, defineRule, nist, type Resource, soc2, tfDoc, type Val } from '../../kit';
import { policyStatements, quoteList, serviceWildcard } from '../../lib/iam';

/** Where each type holds its IoT policy document (a mapping or a JSON string; Terraform also a policy document data source). */
const POLICY_AT: Readonly<Record<string, string>> = { 'AWS::IoT::Policy': 'PolicyDocument', aws_iot_policy: 'policy' };

/** What a device holding the policy can do with IoT actions on every resource. */
const EVERY_DEVICE = "connect as any client ID (disconnecting the device that uses it), publish and subscribe to every topic, and read, change and delete every thing's shadow";

/** `*` or `iot:*` (any case of the service prefix). */
function allIotActions(action: string | undefined): boolean {
  return action === '*' || (action !== undefined && serviceWildcard(action)?.toLowerCase() === 'iot');
}

/** `*`, or an ARN for every IoT resource of an account and region (`arn:aws:iot:us-east-1:123456789012:*`). */
function everyResource(resource: string | undefined): boolean {
  return resource === '*' || (resource !== undefined && /^arn:aws[a-z-]*:iot:[^:]*:[^:]*:\*$/i.test(resource));
}

function run(r: Resource, ctx: CheckContext): void {
  const holder = `IoT policy ${r.id}`;
  for (const s of policyStatements(r.body.get(POLICY_AT[r.type]), r, ctx)) {
    if (!s.allows) continue;
    const everywhere: Val | undefined = s.resources.find((x) => everyResource(x.str()));
    const wildcards = s.actions.filter((a) => allIotActions(a.str()));
    if (wildcards.length > 0) {
      for (const a of wildcards) {
        const what = a.str() === '*' ? 'every action ("*")' : `every IoT action ("${a.str()}")`;
        if (everywhere) {
          ctx.report(a, `${holder} allows ${what} on every resource ("${everywhere.str()}"), so a device holding it can ${EVERY_DEVICE}.`);
        } else {
          // Bound by the resources it names, but every action on them: reported below the rule's severity.
          ctx.report(a, `${holder} allows ${what} on the resources its statement names, not only the actions a device needs on them.`, {
            severity: 'medium',
          });
        }
      }
      continue;
    }
    if (!everywhere) continue;
    const iot = s.actions.map((a) => a.str()).filter((a): a is string => a !== undefined && a.toLowerCase().startsWith('iot:'));
    if (iot.length === 0) continue;
    ctx.report(everywhere, `${holder} allows ${quoteList(iot)} on every resource ("${everywhere.str()}"), so a device holding it may use them on every client ID, topic and thing of the account, not only its own.`);
  }
}

export default defineRule({
  id: 'CL-AWS-202',
  slug: 'iot-policy-wildcard',
  title: 'IoT policy allows every action or every resource',
  severity: 'high',
  fixable: false,
  description:
    'An AWS IoT Core policy is attached to device certificates, and a device is physically in other hands. One that allows "*" or "iot:*", or IoT actions on Resource "*", lets whoever extracts one certificate connect as any device, read every topic, send commands to every device and rewrite every thing\'s shadow.',
  remediation: 'List the IoT actions each device needs and scope their resources to its own client ID, topics and thing, with policy variables such as ${iot:Connection.Thing.ThingName}.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS authenticates every device connection and evaluates your IoT policies on every request',
    customer: 'what each device certificate may connect as, publish, subscribe to and update is yours to decide in its policy',
  },
  frameworks: [nist('AC-6'), soc2('CC6.3')],
  equivalents: {
    // iot_policy_allows_action_as_wildcard, iot_policy_allows_wildcard_resource (CloudFormation only)
    kics: ['4d32780f-43a4-424a-a06d-943c543576a5', 'be5b230d-4371-4a28-a441-85dc760e2aa3'],
    cfnNag: ['W38', 'W39'],
  },
  docs: [
    'https://docs.aws.amazon.com/iot/latest/developerguide/iot-policies.html',
    'https://docs.aws.amazon.com/iot/latest/developerguide/thing-policy-variables.html',
    'https://docs.aws.amazon.com/iot-device-defender/latest/devguide/audit-chk-iot-policy-permissive.html',
    cfnDoc('aws-resource-iot-policy'),
    tfDoc('iot_policy'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::IoT::Policy'], run },
    // A `${data.aws_iam_policy_document.x.json}` policy is followed to the data source: the scope is read.
    terraform: { reads: 'scope', types: ['aws_iot_policy'], run },
  },
});
