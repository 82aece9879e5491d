// CodeLens titles and commands (service/workspace.ts): the count follows what the Problems panel shows with a baseline.
import { strict as assert } from 'node:assert';
import { codeLenses } from '../../server/src/service/workspace';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintText } from '../helpers';

const TEXT = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n';

describe('CodeLens count with a baseline', () => {
  const catalogue = defaultCatalogue();
  const result = lintText('db.yaml', TEXT);
  const n = result.findings.length;
  const one = new Set(result.findings.filter((f) => f.rule.id === 'CL-AWS-004'));
  const all = new Set(result.findings);

  it('no baseline: every finding counted; the lens opens the Problems view in our client only', () => {
    assert.ok(n >= 3);
    const [lens] = codeLenses(result, catalogue, true);
    assert.equal(lens.command!.title, `PaaS · Amazon RDS · ${n} customer-side findings`);
    assert.equal(lens.command!.command, 'workbench.actions.view.problems');
    assert.equal(codeLenses(result, catalogue, false)[0].command!.command, '');
  });

  it('baselined findings (hints or hidden: not in the Problems panel) are left out of the count and said after it', () => {
    const [some] = codeLenses(result, catalogue, true, one);
    assert.equal(some.command!.title, `PaaS · Amazon RDS · ${n - 1} customer-side findings (1 more in the baseline)`);
    assert.equal(some.command!.command, 'workbench.actions.view.problems');
    const [every] = codeLenses(result, catalogue, true, all);
    assert.equal(every.command!.title, `PaaS · Amazon RDS · no customer-side findings (${n} in the baseline)`);
    assert.equal(every.command!.command, '', 'nothing in the Problems panel to open');
    assert.equal(codeLenses(result, catalogue, true, new Set())[0].command!.title, `PaaS · Amazon RDS · ${n} customer-side findings`);
  });
});
