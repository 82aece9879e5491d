// Checks declare what they read besides their resource (`Check.reads`, engine/rule.ts): the editor's incremental
// re-lint reuses the results of `reads: 'resource'` checks only, and a check that declares `resource` but reads the
// scope is reported as a lint error, which the rule tests (parity, fuzz) would show. The cache goes by the
// declarations alone, so a proxy run below holds every bundled check to its declaration over the rules' examples.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Catalogue } from '../../server/src/engine/catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { checkFormatOf } from '../../server/src/engine/catalogue';
import { Edits } from '../../server/src/engine/edits';
import type { Check, CheckContext, Rule } from '../../server/src/engine/rule';
import { resourcesOf, type Resource } from '../../server/src/formats';
import { parseFile } from '../../server/src/model/parse';
import { DocumentLinter, type DocumentState } from '../../server/src/service/linter';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { RULES, RULE_DIRS, SERVICES } from '../../rules/index';
import { EXAMPLE_FILES } from '../helpers';

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

  it('every project check declares it reads the project', () => {
    const undeclared = RULES.flatMap((r) => Object.entries(r.projectChecks ?? {}).filter(([, c]) => c && c.reads !== 'project').map(([f]) => `${r.id} ${f}`));
    assert.deepEqual(undeclared, []);
  });

  it("after an edit to another resource, a check that read another resource through r.doc but declares reads: 'scope' runs again", () => {
    // The cache goes by the declaration: nothing intercepts the read, the declaration alone makes it run again.
    const runs: string[] = [];
    const linter = new DocumentLinter(catalogueWith({ reads: 'scope', run: (r) => void runs.push(`${r.id}:${r.doc.doc.span[1]}`) }));
    linter.lint('file:///t.yaml', 1, TEMPLATE, {}, []);
    runs.length = 0;
    linter.lint('file:///t.yaml', 2, TEMPLATE.replace('QueueName: a', 'QueueName: bb'), {}, []);
    assert.equal(runs.length, 2);
  });

  describe("proxy run: a reads: 'resource' check reads nothing but its resource, over every rule's examples", () => {
    /** What a check reads beyond its resource: the scope through the context, or its resource's document or file. */
    const BEYOND = new Set<PropertyKey>(['doc', 'file']);

    /** Runs `check` on `resource` behind a proxy; returns what it read beyond the resource. */
    function readsOf(check: Check, resource: Resource, all: readonly Resource[]): string[] {
      const read = new Set<string>();
      const watched = new Proxy(resource, {
        get(target, key, receiver) {
          if (BEYOND.has(key)) read.add(`r.${String(key)}`);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      const ctx: CheckContext = {
        get resources() {
          read.add('ctx.resources');
          return all;
        },
        referrers: () => (read.add('ctx.referrers'), []),
        shared: (key, build) => (read.add('ctx.shared'), build(all)),
        report: () => undefined,
        edits: new Edits(resource.file.lines),
      };
      check.run(watched, ctx);
      return [...read];
    }

    it('the proxy notices reads of the document, the file and the scope', () => {
      const [resource] = resourcesOf(parseFile('t.yaml', TEMPLATE));
      const noop: Check = { types: [], reads: 'resource', run: () => undefined };
      assert.deepEqual(readsOf(noop, resource, []), []);
      const nosy: Check = { types: [], reads: 'resource', run: (r, ctx) => void [r.doc, r.file, ctx.resources, ctx.referrers(r, []), ctx.shared('k', () => 0)] };
      assert.deepEqual(readsOf(nosy, resource, []), ['r.doc', 'r.file', 'ctx.resources', 'ctx.referrers', 'ctx.shared']);
    });

    RULES.forEach((rule, i) => {
      const checks = Object.entries(rule.checks).filter(([, c]) => c?.reads === 'resource');
      if (checks.length === 0) return;
      it(`${rule.id} ${rule.slug}`, () => {
        const examples = parse(readFileSync(join(__dirname, '..', '..', 'rules', RULE_DIRS[i], 'examples.yaml'), 'utf8')) as Record<string, Record<string, { name: string; code: string }[]>>;
        const problems: string[] = [];
        let runs = 0;
        for (const [format, sets] of Object.entries(examples)) {
          for (const ex of Object.values(sets).flat()) {
            const resources = resourcesOf(parseFile(EXAMPLE_FILES[format], ex.code));
            for (const r of resources) {
              for (const [f, check] of checks) {
                if (!check || f !== checkFormatOf(r.format) || !check.types.includes(r.type)) continue;
                runs++;
                const read = readsOf(check, r, resources);
                if (read.length) problems.push(`${format} "${ex.name}" ${r.id}: reads ${read.join(', ')}`);
              }
            }
          }
        }
        assert.ok(runs > 0, 'no example resource ran the checks');
        assert.deepEqual(problems, [], "declares reads: 'resource'");
      });
    });
  });
});

describe('cached results and fixes through YAML aliases', () => {
  it("a fix cached for an unchanged resource is dropped once another resource starts using its anchor (the fix would edit that one too)", () => {
    const before = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: &open true\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n';
    const after = before.replace('QueueName: q', 'QueueName: q\n      Tags: [{Key: open, Value: *open}]');
    const fixesOf = (state: DocumentState) =>
      state.result.findings.filter((f) => f.rule.id === 'CL-AWS-004').map((f) => f.fixes.length);
    const linter = new DocumentLinter(defaultCatalogue());
    assert.deepEqual(fixesOf(linter.lint('file:///t.yaml', 1, before, {}, [])), [1]);
    const incremental = fixesOf(linter.lint('file:///t.yaml', 2, after, {}, []));
    const cold = fixesOf(new DocumentLinter(defaultCatalogue()).lint('file:///t.yaml', 1, after, {}, []));
    assert.deepEqual(cold, [0], 'a cold lint offers no fix through the shared anchor');
    assert.deepEqual(incremental, cold);
  });
});
