// CL-AWS-230's quick-fix is a snippet: the number of days is the one placeholder, on the retention setting itself (not
// on another 7 of the resource), and accepting it writes the text examples.yaml shows.
import { strict as assert } from 'node:assert';
import { snippetDefaults } from '../../server/src/engine/edits';
import { lintText } from '../helpers';

function snippetEdits(file: string, text: string): string[] {
  const found = lintText(file, text).findings.filter((f) => f.rule.id === 'CL-AWS-230');
  assert.equal(found.length, 1);
  const fix = found[0].fixes[0];
  assert.equal(fix.snippet, true);
  return fix.edits.map((e) => e.text);
}

describe('CL-AWS-230 snippet fix', () => {
  it('YAML: the placeholder is the added retention, not NumCacheNodes', () => {
    const texts = snippetEdits('t.yaml', 'Resources:\n  Cache:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: redis\n      NumCacheNodes: 7\n');
    assert.deepEqual(texts, ['\n      SnapshotRetentionLimit: ${1:7}']);
  });

  it('HCL: one placeholder, on the added retention, with the other attributes realigned', () => {
    const texts = snippetEdits('t.tf', 'resource "aws_elasticache_cluster" "c" {\n  cluster_id      = "a-${var.x}"\n  engine          = "redis"\n  num_cache_nodes = 7\n}\n');
    const joined = texts.join('|');
    assert.equal((joined.match(/\$\{1:/g) ?? []).length, 1, joined);
    assert.match(joined, /snapshot_retention_limit = \$\{1:7\}/);
    assert.ok(!/num_cache_nodes\s*=\s*\$\{1/.test(joined), joined);
    assert.ok(texts.map(snippetDefaults).join('|').includes('snapshot_retention_limit = 7'));
  });

  it('JSON: a value of 0 is replaced by the placeholder alone', () => {
    const texts = snippetEdits('t.tf.json', '{"resource": {"aws_elasticache_cluster": {"c": {"engine": "redis", "num_cache_nodes": 7, "snapshot_retention_limit": 0}}}}\n');
    assert.deepEqual(texts, ['${1:7}']);
  });
});
