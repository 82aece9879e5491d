// scripts/peer-coverage.ts (`npm run peers`): which peer checks the rules' equivalents cover, the classes of the rest,
// and the generated tables of docs/peer-coverage.md; plus the shape of the stored peer lists and their classes.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIR, PEERS, measure, renderTables, type Classified, type PeerList } from '../../scripts/peer-coverage';
import { defineRule, type Equivalents, type Rule } from '../../server/src/engine/rule';

function rule(id: string, format: 'cloudformation' | 'terraform' | 'kubernetes', equivalents: Equivalents): Rule {
  return defineRule({
    id,
    slug: id.toLowerCase(),
    title: 'test',
    severity: 'high',
    fixable: false,
    description: 'test',
    remediation: 'test',
    responsibility: { owner: 'customer', model: 'PaaS', layer: 'data-protection', provider: 'p', customer: 'c' },
    frameworks: [],
    equivalents,
    docs: [],
    checks: { [format]: { types: ['X'], reads: 'resource', run() {} } },
  });
}

function fixture(lists: Record<string, PeerList>, classes: Record<string, Record<string, Classified>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'peers-'));
  for (const [file, list] of Object.entries(lists)) writeFileSync(join(dir, `${file}.json`), JSON.stringify(list));
  writeFileSync(join(dir, 'classification.json'), JSON.stringify(classes));
  return dir;
}

const NAG: PeerList = {
  peer: 'cfn_nag',
  key: 'cfnNag',
  source: { repo: 'r', path: 'p', commit: 'c' },
  checks: [
    { id: 'W1', title: 'one' },
    { id: 'W2', title: 'two | piped' },
    { id: 'F3', title: 'three' },
    { id: 'F4', title: 'four' },
  ],
};

describe('peer coverage (scripts/peer-coverage.ts)', () => {
  const peers = [{ file: 'nag', formats: ['cloudformation' as const] }];

  it('counts a check only when a rule that checks the list format lists it, and names those rules', () => {
    const dir = fixture({ nag: NAG }, { nag: { F3: { class: 'missing', note: 'n3' }, F4: { class: 'not-applicable', note: 'n4' } } });
    const rules = [
      rule('CL-A-1', 'cloudformation', { cfnNag: ['W1', 'W9'] }),
      rule('CL-A-2', 'cloudformation', { cfnNag: ['W1'] }),
      rule('CL-A-3', 'terraform', { cfnNag: ['W2'] }), // does not check CloudFormation: does not count
      rule('CL-A-4', 'cloudformation', { checkov: ['W2'] }), // another tool's key: does not count
    ];
    const [r] = measure(rules, dir, peers);
    assert.equal(r.total, 4);
    assert.deepEqual([...r.covered.entries()], [['W1', ['CL-A-1', 'CL-A-2']]]);
    assert.deepEqual(r.unclassified, ['W2']);
    assert.deepEqual([...r.classes.keys()], ['F3', 'F4']);
    assert.deepEqual([...r.unknown.entries()], [['CL-A-1', ['W9']]]);
    assert.deepEqual(r.staleClasses, []);
  });

  it('flags a class whose check a rule now lists, or whose ID the list does not hold', () => {
    const dir = fixture({ nag: NAG }, { nag: { W1: { class: 'missing', note: 'x' }, W7: { class: 'missing', note: 'typo' } } });
    const [r] = measure([rule('CL-A-1', 'cloudformation', { cfnNag: ['W1'] })], dir, peers);
    assert.deepEqual(r.staleClasses, ['W1', 'W7']);
    assert.deepEqual(r.unclassified, ['W2', 'F3', 'F4']);
  });

  it('renders the counts, one row per check with its rules or class, and the backlog of missing checks', () => {
    const dir = fixture({ nag: NAG }, { nag: { F3: { class: 'missing', note: 'needs a rule' }, F4: { class: 'covered-differently', note: 'wider' } } });
    const md = renderTables(measure([rule('CL-A-1', 'cloudformation', { cfnNag: ['W1'] })], dir, peers));
    assert.ok(md.includes('| cfn_nag | 4 | 1 (25%) | 1 | 1 | 0 | 0 | 1 |'), md);
    assert.ok(md.includes('| W1 | one | CL-A-1 | covered |'));
    assert.ok(md.includes('| W2 | two \\| piped | – | **unclassified** |'));
    assert.ok(md.includes('| F3 | three | – | **missing**: needs a rule |'));
    assert.ok(md.includes('| F4 | four | – | **covered differently**: wider |'));
    assert.ok(md.includes('### Backlog (every check classed missing)\n\ncfn_nag:\n\n- F3: needs a rule\n'));
  });

  it('counts a rule of any of a list\'s formats (a Trivy AWS check reads CloudFormation and Terraform)', () => {
    const dir = fixture({ nag: NAG }, {});
    const both = [{ file: 'nag', formats: ['cloudformation' as const, 'terraform' as const] }];
    const rules = [
      rule('CL-A-1', 'terraform', { cfnNag: ['W1'] }),
      rule('CL-A-2', 'cloudformation', { cfnNag: ['W2'] }),
      rule('CL-A-3', 'kubernetes', { cfnNag: ['F3'] }), // neither format: does not count
    ];
    const [r] = measure(rules, dir, both);
    assert.deepEqual([...r.covered.entries()], [['W1', ['CL-A-1']], ['W2', ['CL-A-2']]]);
    assert.deepEqual(r.unclassified, ['F3', 'F4']);
    assert.ok(renderTables([r]).includes('A check counts when a rule that checks CloudFormation or Terraform lists it in `equivalents.cfnNag`.'));
  });
});

describe('peer coverage data (docs/peer-coverage)', () => {
  const classes = JSON.parse(readFileSync(join(DIR, 'classification.json'), 'utf8')) as Record<string, Record<string, Classified>>;
  for (const { file } of PEERS) {
    it(`${file}.json: a source, unique IDs with titles, a count that matches, classes only for its IDs`, () => {
      const list = JSON.parse(readFileSync(join(DIR, `${file}.json`), 'utf8')) as PeerList & { count: number };
      assert.ok(list.source.repo && list.source.path && list.source.commit);
      assert.ok(['checkov', 'cfnNag', 'polaris', 'trivy', 'kubeLinter', 'kubeScore', 'kics'].includes(list.key));
      const ids = list.checks.map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length, 'duplicate IDs');
      assert.equal(list.count, ids.length);
      for (const c of list.checks) assert.ok(c.title.trim(), `${c.id} has no title`);
      for (const [id, c] of Object.entries(classes[file] ?? {})) {
        assert.ok(ids.includes(id), `classification.json names ${id}, which ${file}.json does not hold`);
        assert.ok(['missing', 'in-progress', 'not-applicable', 'covered-differently'].includes(c.class), `${id}: class ${c.class}`);
        assert.ok(c.note.trim(), `${id} has no reason`);
      }
    });
  }
});
