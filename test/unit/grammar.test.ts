// The contributed TextMate injection grammar: declared in the manifest, and its pattern marks exactly the intrinsic tags.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('CloudFormation intrinsics grammar', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const [contribution] = manifest.contributes.grammars;
  const grammar = JSON.parse(readFileSync(join(root, contribution.path), 'utf8'));

  it('is contributed as an injection into YAML under its own scope name', () => {
    assert.equal(contribution.scopeName, grammar.scopeName);
    assert.deepEqual(contribution.injectTo, ['source.yaml']);
    assert.match(grammar.injectionSelector, /source\.yaml/);
  });

  it('matches short-form tags and nothing else', () => {
    const re = new RegExp(grammar.repository['intrinsic-tag'].match, 'g');
    const tags = (line: string) => [...line.matchAll(re)].map((m) => m[1]);
    assert.deepEqual(tags('Value: !Ref Bucket'), ['!Ref']);
    assert.deepEqual(tags('Arn: !GetAtt Role.Arn'), ['!GetAtt']);
    assert.deepEqual(tags('A: !If [IsProd, !Ref X, !Ref AWS::NoValue]'), ['!If', '!Ref', '!Ref']);
    assert.deepEqual(tags('- !Sub "arn:${AWS::Partition}"'), ['!Sub']);
    assert.deepEqual(tags('B: !Base64'), ['!Base64']);
    assert.deepEqual(tags('Name: hello!Ref'), []);
    assert.deepEqual(tags('C: !Reference x'), []);
    assert.deepEqual(tags('D: "!Ref X"'), []);
  });
});
