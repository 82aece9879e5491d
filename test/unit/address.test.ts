// Plan addresses without instance keys, in one pass: the same result as the regexes they replace, in linear time.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { withoutInstanceKeys, withoutLastInstanceKey } from '../../server/src/formats/address';

describe('plan addresses without instance keys', () => {
  it('drops every key, and only the last one when asked', () => {
    assert.equal(withoutInstanceKeys('module.m["a"].aws_s3_bucket.b[0]'), 'module.m.aws_s3_bucket.b');
    assert.equal(withoutLastInstanceKey('module.m["a"].aws_s3_bucket.b[0]'), 'module.m["a"].aws_s3_bucket.b');
    assert.equal(withoutLastInstanceKey('aws_s3_bucket.b'), 'aws_s3_bucket.b');
    assert.equal(withoutLastInstanceKey('a[b[c]'), 'a');
    assert.equal(withoutInstanceKeys('a[b'), 'a[b');
  });

  it('agree with /\\[[^\\]]*\\]/g and /\\[[^\\]]*\\]$/ on any mix of brackets', () => {
    const text = fc.array(fc.constantFrom('[', ']', 'a', '.', '"', '0'), { maxLength: 24 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (s) => {
        assert.equal(withoutInstanceKeys(s), s.replace(/\[[^\]]*\]/g, ''));
        assert.equal(withoutLastInstanceKey(s), s.replace(/\[[^\]]*\]$/, ''));
      }),
      { seed: 1, numRuns: 5000 },
    );
  });

  it('take linear time on 200,000 unclosed brackets', () => {
    const hostile = `${'['.repeat(200_000)}]`;
    const start = process.cpuUsage();
    assert.equal(withoutInstanceKeys(hostile), '');
    assert.equal(withoutLastInstanceKey(`x${'['.repeat(200_000)}`), `x${'['.repeat(200_000)}`);
    const { user, system } = process.cpuUsage(start);
    assert.ok((user + system) / 1000 < 1000, `${(user + system) / 1000} ms`);
  });
});
