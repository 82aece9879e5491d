// Hover text from the file (logical IDs, types) is escaped: a logical ID cannot inject links, images or HTML. A client
// that accepts only plain text gets plain text.
import { strict as assert } from 'node:assert';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { escapeMarkdown, hoverAt, hoverKind } from '../../server/src/service/hover';
import { lintText } from '../helpers';

// markdown-it (installed with @vscode/vsce) with raw HTML and bare-URL links on: the most permissive rendering.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (o: object) => { render(s: string): string };
const md = new MarkdownIt({ html: true, linkify: true });

const HOSTILE = 'Db`x` [x](http://evil) ![i](http://evil/p.png) <img src=x onerror=alert(1)> **b** www.evil.com';
const docUri = (slug: string) => `file:///docs/${slug}.md`;

function template(id: string): string {
  return `Resources:\n  ${JSON.stringify(id)}:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      PubliclyAccessible: true\n`;
}

describe('hover escaping and plain text', () => {
  const catalogue = defaultCatalogue();
  const text = template(HOSTILE);
  const r = lintText('db.yaml', text);
  const typeAt = text.indexOf('AWS::RDS::DBInstance') + 3;

  it('a hostile logical ID renders as literal text: no link, image or HTML', () => {
    const hover = hoverAt(r, typeAt, catalogue, docUri)!;
    const value = (hover.contents as { kind: string; value: string }).value;
    assert.equal((hover.contents as { kind: string }).kind, 'markdown');
    const line = value.split('\n').find((l) => l.includes('customer-side finding'))!;
    assert.match(line, /^\*\*\d+ customer-side findings\*\* on ``Db`x` \[x\]\(http:\/\/evil\) !\[i\]\(http:\/\/evil\/p\.png\) <img src=x onerror=alert\(1\)> \*\*b\*\* www\.evil\.com``\.$/);
    const html = md.render(line);
    assert.ok(!/<a |<img /.test(html), html);
    assert.ok(html.includes('<code>Db`x` [x](http://evil) ![i](http://evil/p.png) &lt;img src=x onerror=alert(1)&gt; **b** www.evil.com</code>'), html);
  });

  it('escapes every Markdown character of text from the file', () => {
    const html = md.render(escapeMarkdown(HOSTILE));
    assert.equal(html, `<p>${HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>\n`);
    assert.equal(escapeMarkdown('AWS::S3::Bucket'), 'AWS::S3::Bucket');
  });

  it('a code span keeps its text when it starts or ends with a backtick', () => {
    const t = template('`Db`');
    const res = lintText('db.yaml', t);
    const value = (hoverAt(res, t.indexOf('AWS::RDS') + 3, catalogue, docUri)!.contents as { value: string }).value;
    assert.ok(value.includes(' on `` `Db` ``.'), value);
    assert.ok(md.render(value).includes('<code>`Db`</code>'));
  });

  it('plain text for a client that accepts only plain text', () => {
    assert.equal(hoverKind(['plaintext']), 'plaintext');
    assert.equal(hoverKind(['plaintext', 'markdown']), 'plaintext');
    assert.equal(hoverKind(['markdown', 'plaintext']), 'markdown');
    assert.equal(hoverKind(undefined), 'markdown');
    assert.equal(hoverKind([]), 'markdown');
    const onType = hoverAt(r, typeAt, catalogue, docUri, 'plaintext')!;
    const value = (onType.contents as { kind: string; value: string }).value;
    assert.equal((onType.contents as { kind: string }).kind, 'plaintext');
    assert.match(value, /^AWS::RDS::DBInstance\nAmazon RDS · PaaS/);
    assert.ok(value.includes(`customer-side findings on ${HOSTILE}.`), value);
    assert.ok(!/\*\*|###|\]\(/.test(value.replace(HOSTILE, '')), value);

    const valueAt = text.indexOf('true', text.indexOf('PubliclyAccessible'));
    const onValue = (hoverAt(r, valueAt, catalogue, docUri, 'plaintext')!.contents as { kind: string; value: string });
    assert.equal(onValue.kind, 'plaintext');
    assert.match(onValue.value, /^RDS instance is publicly accessible\nCL-AWS-004 · /);
    assert.match(onValue.value, /\nRule documentation: file:\/\/\/docs\/rds-publicly-accessible\.md/);
    assert.ok(!/\*\*|###|\]\(|`/.test(onValue.value), onValue.value);
  });

  it('plain text drops the code-span backticks of a rule\'s remediation', () => {
    const t = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n';
    const res = lintText('pod.yaml', t);
    const at = t.indexOf('nginx:latest') + 2;
    const plain = (hoverAt(res, at, catalogue, docUri, 'plaintext')!.contents as { value: string }).value;
    assert.ok(plain.includes('(app:1.4.2@sha256:…)'), plain);
    assert.ok(!plain.includes('`'), plain);
    const markdown = (hoverAt(res, at, catalogue, docUri)!.contents as { value: string }).value;
    assert.ok(markdown.includes('(`app:1.4.2@sha256:…`)'), markdown);
  });
});
