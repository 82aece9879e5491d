// CL-AWS-092: a Lambda function on a managed runtime that AWS has deprecated (no more security patches).
import { cfnGuideDoc, type CheckContext, defineRule, get, PATCHING, type Resource, Val } from '../../kit';
import { AS_OF, LAMBDA_RUNTIME_DEPRECATION, lambdaRuntimeDeprecated } from '../../lib/versions';

/**
 * Families whose code runs unchanged on a newer runtime of the family, by what a runtime ID starts with: Node.js,
 * Python 3, Ruby 3, and Java 8 on Amazon Linux 2023. Not .NET (the build targets one framework version), Go 1.x and
 * the OS-only runtimes (the bootstrap binary is built for one OS), Python 2 or Ruby 2 (another language version).
 */
const FAMILIES: readonly RegExp[] = [/^nodejs(\d+)\.x$/, /^python3\.(\d+)$/, /^ruby3\.(\d+)$/, /^java8(?:\.al2023)?$/];

/** The newest runtime of the same family that is not deprecated (java8 → java8.al2023), or undefined. */
export function successor(runtime: string): string | undefined {
  const id = runtime.trim().toLowerCase();
  const family = FAMILIES.find((f) => f.test(id));
  if (!family) return undefined;
  const order = (r: string) => Number(family.exec(r)?.[1] ?? (r.endsWith('.al2023') ? 1 : 0));
  return Object.keys(LAMBDA_RUNTIME_DEPRECATION)
    .filter((r) => family.test(r) && !lambdaRuntimeDeprecated(r))
    .sort((a, b) => order(b) - order(a))[0];
}

function deprecatedAlt(v: Val): { alt: Val; runtime: string; date: string } | undefined {
  for (const alt of v.each()) {
    const runtime = alt.str();
    const date = runtime === undefined ? undefined : lambdaRuntimeDeprecated(runtime);
    if (runtime !== undefined && date) return { alt, runtime, date };
  }
  return undefined;
}

const why = (date: string) => `which AWS deprecated on ${date} and no longer patches`;

function check(key: string) {
  return (r: Resource, ctx: CheckContext) => {
    const runtime = r.body.get(key);
    const hit = deprecatedAlt(runtime);
    if (hit) {
      const next = successor(hit.runtime);
      ctx.report(hit.alt, `Lambda function ${r.id} uses runtime ${hit.runtime}, ${why(hit.date)}.`, {
        fix: next ? { title: `Set ${key} to ${next}`, caution: 'test the function on it', edits: ctx.edits.setValue(hit.alt, next) } : undefined,
      });
      return;
    }
    // AWS SAM: a function without Runtime takes the one in Globals.Function.
    if (r.type !== 'AWS::Serverless::Function' || !runtime.isAbsent) return;
    if (!r.body.get('PackageType').isAbsent || !r.body.get('ImageUri').isAbsent) return;
    const node = get(get(r.doc.doc.root, 'Globals'), 'Function');
    const globalRuntime = get(node, key);
    if (!globalRuntime) return;
    const inherited = deprecatedAlt(Val.of(globalRuntime, r.resolver));
    if (!inherited) return;
    ctx.report(r.anchor, `Lambda function ${r.id} inherits runtime ${inherited.runtime} from Globals, ${why(inherited.date)}.`, {
      related: [{ node: inherited.alt.at, message: `Runtime ${inherited.runtime} is set here for every function of the template.` }],
    });
  };
}

export default defineRule({
  id: 'CL-AWS-092',
  slug: 'lambda-deprecated-runtime',
  title: 'Lambda function uses a deprecated runtime',
  severity: 'medium',
  fixable: true,
  description: `A Lambda managed runtime is deprecated when its language version or operating system stops receiving security updates. After that AWS no longer patches it, and Lambda first blocks creating and then updating functions that use it. Deprecation dates are checked as of ${AS_OF}.`,
  remediation: 'Move the function to a supported runtime of the same language (for example python3.13, nodejs22.x, java21, dotnet10) and test it.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'patching-and-versions',
    provider: 'AWS patches the execution environment and the managed runtimes it supports, until their deprecation',
    customer: 'moving your functions to a supported runtime before then is yours',
  },
  frameworks: PATCHING,
  equivalents: {
    checkov: ['CKV_AWS_363'],
  },
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html',
    cfnGuideDoc('aws-resource-lambda-function', 'cfn-lambda-function-runtime'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], run: check('Runtime') },
    terraform: { reads: 'scope', types: ['aws_lambda_function'], run: check('runtime') },
  },
});
