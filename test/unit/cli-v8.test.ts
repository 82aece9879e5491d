// The CLI raises V8's interrupt budget for its one short run, only on the V8 versions known to have the flag (an
// unknown flag prints an error on stderr).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tuneV8ForOneRun } from '../../server/src/cli/main';

describe('CLI V8 tuning', () => {
  it('sets the interrupt budget on V8 10 to 12 (node 18 to 22) and nowhere else', () => {
    for (const [version, expected] of [['10.2.154.26-node.26', true], ['11.3.244.8-node.38', true], ['12.4.254.21-node.24', true], ['13.6.233.10-node.18', false], ['9.4.146.26', false], ['', false]] as const) {
      const set: string[] = [];
      assert.equal(tuneV8ForOneRun(version, (f) => set.push(f)), expected, version);
      assert.deepEqual(set, expected ? ['--interrupt-budget=262144'] : [], version);
    }
  });

  it('prints nothing on stderr when run (the flag is known to this node)', function () {
    const cli = join(__dirname, '../../dist/cli.js');
    if (!existsSync(cli)) this.skip();
    const r = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /\d+\.\d+\.\d+/);
  });
});
