// scripts/gen-hcl-examples.ts: the JSON → HCL converter writes what `terraform fmt` leaves (blocks as blocks, map
// attributes as objects, `=` aligned per run, references bare), and the generator only ADDS twins and fixed texts,
// so a re-run after new JSON fixes changes nothing already written.
import { strict as assert } from 'node:assert';
import { addTwins, jsonToHcl, pruneOrphans, twinOf } from '../../scripts/gen-hcl-examples';

describe('gen-hcl-examples: the converter', () => {
  it('writes blocks as blocks, tags as an object, references bare, `=` aligned per run, attributes before blocks', () => {
    const json = {
      resource: {
        aws_s3_bucket: {
          b: {
            '//': 'a note',
            versioning: { enabled: true },
            bucket: 'x',
            force_destroy: true,
            tags: { Name: 'n', 'a:b': '${var.env}-x' },
            policy: '${data.aws_iam_policy_document.p.json}',
            dynamic: { logging: { for_each: '${var.l}', content: { target_bucket: 't' } } },
          },
        },
      },
      variable: { env: { type: 'string', default: 'dev' } },
    };
    assert.equal(
      jsonToHcl(json),
      [
        '# a note',
        'resource "aws_s3_bucket" "b" {',
        '  bucket        = "x"',
        '  force_destroy = true',
        '  tags = {',
        '    Name  = "n"',
        '    "a:b" = "${var.env}-x"',
        '  }',
        '  policy = data.aws_iam_policy_document.p.json',
        '  versioning {',
        '    enabled = true',
        '  }',
        '  dynamic "logging" {',
        '    for_each = var.l',
        '    content {',
        '      target_bucket = "t"',
        '    }',
        '  }',
        '}',
        '',
        'variable "env" {',
        '  type    = string',
        '  default = "dev"',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('gen-hcl-examples: adding twins', () => {
  const json = (fixed: boolean) => `terraform-json:
  good:
    - name: ok
      code: |
        {"resource": {"aws_db_instance": {"d": {"publicly_accessible": false}}}}
  bad:
    - name: public
      code: |
        {"resource": {"aws_db_instance": {"d": {"publicly_accessible": true}}}}
      findings:
        - at: 1:60-1:64
          message: sets publicly_accessible to true
${fixed ? `      fixed: |
        {"resource": {"aws_db_instance": {"d": {"publicly_accessible": false}}}}
` : ''}`;
  const lint = (code: string) => {
    const i = code.indexOf('true');
    return i < 0 ? [] : [{ at: `9:${i}-9:${i + 4}`, text: 'true' }];
  };
  const twin = (ex: Parameters<typeof twinOf>[0], bad: boolean) => twinOf(ex, bad, lint, lint);

  it('appends a terraform-hcl section, then a re-run adds nothing', () => {
    const first = addTwins(json(false), twin);
    assert.deepEqual(first.added, ['good "ok"', 'bad "public"']);
    assert.ok(first.text.startsWith(json(false)), 'the JSON section is unchanged');
    assert.ok(first.text.includes('terraform-hcl:\n  good:\n    - name: ok\n      code: |\n        resource "aws_db_instance" "d" {\n          publicly_accessible = false\n        }\n'));
    assert.ok(first.text.includes('      findings:\n        - at: 9:57-9:61\n          message: sets publicly_accessible to true\n'));
    assert.equal(addTwins(first.text, twin).text, first.text);
  });

  it('adds the fixed text a JSON example gained and a new example, keeping what was written by hand', () => {
    const first = addTwins(json(false), twin).text.replace('- name: ok\n      code: |\n        resource', '- name: ok\n      # written by hand\n      code: |\n        # hand\n        resource');
    const withFix = json(true) + first.slice(json(false).length);
    const more = withFix.replace('  bad:\n', '    - name: ok too\n      code: |\n        {"resource": {"aws_db_instance": {"e": {}}}}\n  bad:\n');
    const second = addTwins(more, twin);
    assert.deepEqual(second.added, ['good "ok too"', 'fixed of "public"']);
    assert.ok(second.text.includes('# written by hand\n      code: |\n        # hand\n'));
    assert.ok(second.text.includes('          message: sets publicly_accessible to true\n      fixed: |\n        resource "aws_db_instance" "d" {\n          publicly_accessible = false\n        }\n'));
    assert.ok(second.text.includes('    - name: ok too\n      code: |\n        resource "aws_db_instance" "e" {}\n'));
    assert.equal(addTwins(second.text, twin).text, second.text);
  });

  it('lists a twin whose JSON example was renamed, and removes it only when asked (--prune)', () => {
    const first = addTwins(json(false), twin).text;
    const renamed = first.replace('  bad:\n    - name: public\n', '  bad:\n    - name: public, renamed\n');
    const listed = addTwins(renamed, twin);
    assert.deepEqual(listed.orphans, ['bad "public"']);
    assert.deepEqual(listed.added, ['bad "public, renamed"']);
    const { text, pruned } = pruneOrphans(renamed);
    assert.deepEqual(pruned, ['bad "public"']);
    assert.ok(!text.includes('\nterraform-hcl:\n  good:\n    - name: ok\n      code: |\n        resource "aws_db_instance" "d" {\n          publicly_accessible = false\n        }\n  bad:'), 'the emptied bad: is removed');
    assert.ok(text.endsWith('terraform-hcl:\n  good:\n    - name: ok\n      code: |\n        resource "aws_db_instance" "d" {\n          publicly_accessible = false\n        }\n'));
    const again = addTwins(text, twin);
    assert.deepEqual(again.added, ['bad "public, renamed"']);
    assert.ok(again.text.includes('  bad:\n    - name: "public, renamed"\n') || again.text.includes('  bad:\n    - name: public, renamed\n'));
    assert.deepEqual(pruneOrphans(again.text).pruned, []);
  });
});
