// A rule imports from at most two places: the kit (rules/kit) and one domain file of rules/lib (rules/README.md).
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { importSources, ruleImportProblems } from './imports';

const rulesDir = join(__dirname, '..', '..', 'rules');

function ruleFiles(): string[] {
  const out: string[] = [];
  for (const group of readdirSync(rulesDir)) {
    const groupDir = join(rulesDir, group);
    if (!statSync(groupDir).isDirectory() || group === 'responsibility' || group === 'lib' || group === 'kit' || group === 'frameworks') continue;
    for (const slug of readdirSync(groupDir)) out.push(`${group}/${slug}/rule.ts`);
  }
  return out.sort();
}

describe('rule imports', () => {
  it('finds every import source of a file, types and re-exports included', () => {
    const src = [
      "import { defineRule, type CheckContext } from '../../kit';",
      "import type { Val } from '../../../server/src/formats/value';",
      'import {',
      '  podCheck,',
      '  type Container,',
      "} from '../../lib/k8s-security-context';",
      "export { x } from './x';",
      "import './side-effect';",
      "const s = \"from 'not-an-import'\";",
      'export default defineRule({',
      "  id: 'CL-K8S-033',",
      '});',
      "import * as kit from '../../kit-star';",
    ].join('\n');
    assert.deepEqual(importSources(src), ['../../kit', '../../../server/src/formats/value', '../../lib/k8s-security-context', './x', './side-effect', '../../kit-star']);
  });

  it('reports more than two places, a second lib file and anything beyond the kit and rules/lib', () => {
    assert.deepEqual(ruleImportProblems(["../../kit", "../../lib/k8s-rbac"]), []);
    assert.deepEqual(ruleImportProblems(["../../kit"]), []);
    assert.deepEqual(ruleImportProblems(["../../kit", "node:path"]), []);
    assert.deepEqual(ruleImportProblems(["../../kit", "../../../server/src/formats/value"]), [
      'imports ../../../server/src/formats/value (only ../../kit, one rules/lib file or node:…)',
    ]);
    assert.deepEqual(ruleImportProblems(["../../kit", "../../lib/k8s-rbac", "../../lib/k8s-images"]), [
      'imports from 3 places (at most 2)',
      'imports 2 rules/lib files (at most 1)',
    ]);
  });

  for (const file of ruleFiles()) {
    it(`${file} imports from the kit and at most one rules/lib file`, () => {
      const problems = ruleImportProblems(importSources(readFileSync(join(rulesDir, file), 'utf8')));
      assert.deepEqual(problems, [], `rules/${file}: ${problems.join('; ')}`);
    });
  }
});
