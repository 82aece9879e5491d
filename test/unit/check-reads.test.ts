// Checks declare what they read besides their resource (`Check.reads`, engine/rule.ts): the editor's incremental
// re-lint reuses the results of `reads: 'resource'` checks only, and a check that declares `resource` but reads the
// scope is reported as a lint error, which the rule tests (parity, fuzz) would show.
import { strict as assert } from 'node:assert';
import { Catalogue } from '../../server/src/engine/catalogue';
import { lintFile } from '../../server/src/engine/lint';
import type { Check, Rule } from '../../server/src/engine/rule';
import { parseFile } from '../../server/src/model/parse';
import { DocumentLinter } from '../../server/src/service/linter';
import { RULES, SERVICES } from '../../rules/index';

const TEMPLATE = 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: a\n  B:\n    Type: AWS::SQS::Queue\n';

/** A catalogue of one rule, CL-TEST-001, with this CloudFormation check on queues. */
function catalogueWith(check: Omit<Check, 'types'>): Catalogue {
  const rule: Rule = { ...RULES[0], id: 'CL-TEST-001', slug: 'test-rule', checks: { cloudformation: { types: ['AWS::SQS::Queue'], ...check } }, projectChecks: undefined };
  return new Catalogue([rule], SERVICES);
}

describe("checks' declared reads", () => {
  it("a check declaring reads: 'resource' that reads ctx.resources is a lint error naming the rule and the resource", () => {
    const catalogue = catalogueWith({ reads: 'resource', run: (r, ctx) => void ctx.resources.length });
    const result = lintFile(parseFile('t.yaml', TEMPLATE), catalogue);
    assert.deepEqual(result.errors, [
      "CL-TEST-001 on A: the check declares reads: 'resource' but read beyond its resource (declare reads: 'scope')",
      "CL-TEST-001 on B: the check declares reads: 'resource' but read beyond its resource (declare reads: 'scope')",
    ]);
  });

  it("so is one declaring reads: 'resource' that reads ctx.shared or ctx.referrers", () => {
    for (const run of [(_r: unknown, ctx: Parameters<Check['run']>[1]) => void ctx.shared('k', (all) => all.length), (r: Parameters<Check['run']>[0], ctx: Parameters<Check['run']>[1]) => void ctx.referrers(r, ['AWS::SQS::Queue'])]) {
      const result = lintFile(parseFile('t.yaml', TEMPLATE), catalogueWith({ reads: 'resource', run }));
      assert.equal(result.errors.length, 2);
    }
  });

  it("a check declaring reads: 'scope' that reads the scope is no error", () => {
    const result = lintFile(parseFile('t.yaml', TEMPLATE), catalogueWith({ reads: 'scope', run: (r, ctx) => void ctx.resources.length }));
    assert.deepEqual(result.errors, []);
  });

  it("after an edit to another resource, a reads: 'resource' check is not run again on an unchanged resource; a reads: 'scope' one is", () => {
    for (const reads of ['resource', 'scope'] as const) {
      const runs: string[] = [];
      const linter = new DocumentLinter(catalogueWith({ reads, run: (r) => void runs.push(r.id) }));
      linter.lint('file:///t.yaml', 1, TEMPLATE, {}, []);
      runs.length = 0;
      linter.lint('file:///t.yaml', 2, TEMPLATE.replace('QueueName: a', 'QueueName: b'), {}, []);
      assert.deepEqual(runs, reads === 'resource' ? ['A'] : ['A', 'B'], reads);
    }
  });

  it('every check of the bundled rules declares what it reads', () => {
    const undeclared = RULES.flatMap((r) => Object.entries(r.checks).filter(([, c]) => c && !c.reads).map(([f]) => `${r.id} ${f}`));
    assert.deepEqual(undeclared, []);
  });
});
