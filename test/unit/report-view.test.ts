// The report in the editor, without the editor: the backlog rows the responsibility view shows (service/report.ts's
// items over the report fixture, written by client/src/backlog.ts), the checks on what the report's webview posts
// (client/src/report-link.ts: only the report's own files, inside the workspace folders, at a plain position), and the
// webview's page with hostile names in the files: every file-derived string escaped, no markup but the page's own.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { backlogRowText, backlogSummary } from '../../client/src/backlog';
import { insideFolders, reportLinkTarget } from '../../client/src/report-link';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { scan } from '../../server/src/engine/scan';
import type { BacklogItem } from '../../server/src/protocol';
import { backlogItems, folderReport } from '../../server/src/service/report';

const FIXTURE = join(__dirname, '..', 'cli', 'fixtures', 'report');
const RULES = ['CL-AWS-003', 'CL-AWS-004', 'CL-AWS-005', 'CL-AWS-030', 'CL-AWS-034', 'CL-AWS-054', 'CL-AWS-055', 'CL-AWS-080', 'CL-K8S-001'];

describe('the report in the editor', function () {
  this.timeout(60000);
  const catalogue = defaultCatalogue();
  const folder = pathToFileURL(FIXTURE).toString();
  const rules: Record<string, 'off'> = {};
  for (const r of catalogue.rules) if (!RULES.includes(r.id)) rules[r.id] = 'off';
  const scanFixture = async () => (await scan([FIXTURE], catalogue, { rules }, { base: FIXTURE, name: (p) => pathToFileURL(p).toString() })).results;

  describe('backlog rows of the responsibility view', () => {
    let items: BacklogItem[];
    before(async () => {
      items = backlogItems(await scanFixture(), catalogue, [{ uri: folder, path: FIXTURE }], () => undefined);
    });

    it('come in the backlog order, each labelled with rank, rule and resource; owner, fix marker and why described', () => {
      const rows = items.map((i) => backlogRowText(i, `${i.uri.slice(folder.length + 1)}:${i.range.start.line + 1}`));
      assert.deepEqual(
        rows.slice(0, 5).map((r) => r.label),
        ['1. CL-AWS-030 AppSg', '2. CL-AWS-004 OrdersDb', '3. CL-AWS-005 aws_security_group.admin', '4. CL-AWS-034 aws_instance.bastion', '5. CL-AWS-003 aws_iam_policy.admin'],
      );
      assert.equal(
        rows[1].description,
        'high · owner: yours · quick-fix — Ranks with CL-AWS-030 on AppSg (high, stack.yaml:11): both are on the same network path (high, network exposure), so closing either closes it; 1 other finding on a resource linked to it.',
      );
      assert.equal(
        rows[1].tooltip,
        '#2 CL-AWS-004 RDS instance is publicly accessible\nAWS::RDS::DBInstance OrdersDb at stack.yaml:16\n' +
          'Ranks with CL-AWS-030 on AppSg (high, stack.yaml:11): both are on the same network path (high, network exposure), so closing either closes it; 1 other finding on a resource linked to it.\n' +
          'Fix owner: customer; quick-fix.',
      );
      assert.deepEqual(items[1].range, { start: { line: 15, character: 26 }, end: { line: 15, character: 30 } });
      assert.equal(items[1].uri, pathToFileURL(join(FIXTURE, 'stack.yaml')).toString());
      assert.deepEqual(items.map((i) => i.rank), items.map((_, n) => n + 1));
      assert.equal(backlogSummary(items), `${items.length} findings by risk`);
      assert.equal(backlogSummary([{ ...items[0], baselined: true }]), '1 finding by risk (1 in the baseline)');
      assert.ok(backlogRowText({ ...items[0], fixable: false, baselined: true }, 'x:1').description.startsWith('high · owner: yours · no quick-fix · in the baseline — '));
    });
  });

  describe("links posted by the report's webview", () => {
    const files = { 'stack.yaml': `${folder}/stack.yaml`, 'out.yaml': 'file:///etc/passwd', 'dots.yaml': `${folder}/../x.yaml` };
    const folders = [folder];

    it('open a file the report names, inside a workspace folder, at its 1-based line and column', () => {
      assert.deepEqual(reportLinkTarget({ type: 'open', file: 'stack.yaml', line: 16, column: 27 }, files, folders), { uri: `${folder}/stack.yaml`, line: 15, character: 26 });
      assert.deepEqual(reportLinkTarget({ type: 'open', file: 'stack.yaml', line: 3 }, files, folders), { uri: `${folder}/stack.yaml`, line: 2, character: 0 });
    });

    it('are refused otherwise: other shapes, names the report does not hold, URIs outside the folders, odd positions', () => {
      for (const message of [
        undefined,
        null,
        'stack.yaml',
        { type: 'run', file: 'stack.yaml', line: 1 },
        { type: 'open', file: 'main.tf', line: 1 },
        { type: 'open', file: '__proto__', line: 1 },
        { type: 'open', file: 'toString', line: 1 },
        { type: 'open', file: 'out.yaml', line: 1 },
        { type: 'open', file: 'dots.yaml', line: 1 },
        { type: 'open', file: 'stack.yaml', line: 0 },
        { type: 'open', file: 'stack.yaml', line: 1.5 },
        { type: 'open', file: 'stack.yaml', line: '3' },
        { type: 'open', file: 'stack.yaml', line: 1e12 },
        { type: 'open', file: { toString: () => 'stack.yaml' }, line: 1 },
      ]) {
        assert.equal(reportLinkTarget(message, files, folders), undefined, JSON.stringify(message));
      }
      assert.equal(reportLinkTarget({ type: 'open', file: 'stack.yaml', line: 1 }, files, []), undefined);
    });

    it('stay inside the folder: no sibling folder sharing its prefix, no encoded separators or dot segments', () => {
      assert.equal(insideFolders('file:///ws/a.yaml', ['file:///ws']), true);
      assert.equal(insideFolders('file:///ws/a.yaml', ['file:///ws/']), true);
      assert.equal(insideFolders('file:///ws2/a.yaml', ['file:///ws']), false);
      assert.equal(insideFolders('file:///ws', ['file:///ws']), false);
      assert.equal(insideFolders('file:///ws/%2e%2e/etc/passwd', ['file:///ws']), false);
      assert.equal(insideFolders('file:///ws/..%2fetc', ['file:///ws']), false);
      assert.equal(insideFolders('http://ws/a.yaml', ['http://ws']), false);
      assert.equal(insideFolders('vscode-remote://ws/a.yaml', ['file:///ws']), false);
    });
  });

  describe("the webview's page with hostile names", () => {
    let dir: string;
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('escapes every name, path and message: the only markup is the page\'s own, the only script its nonce\'s', async () => {
      dir = mkdtempSync(join(tmpdir(), 'cloudline-hostile-'));
      const hostile = '<img src=x onerror=alert(1)>';
      writeFileSync(
        join(dir, 'stack.yaml'),
        `Resources:\n  "${hostile}":\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n` +
          `  "</script><script>alert(2)</script>":\n    Type: AWS::RDS::DBInstance\n    Metadata:\n      cloudline:\n        ignore:\n          - id: CL-AWS-004\n            reason: "</style><script>alert(\`3\`)</script>"\n    Properties:\n      PubliclyAccessible: true\n` +
          '  "`${alert(4)}`":\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - CidrIp: 0.0.0.0/0\n          IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n',
      );
      const name = `"><svg onload=alert(5)>.yaml`;
      writeFileSync(join(dir, name), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x<iframe>"\nspec:\n  containers:\n    - name: "c\'><u>"\n      image: nginx\n      securityContext:\n        privileged: true\n');
      const results = (await scan([dir], catalogue, {}, { base: dir, name: (p) => pathToFileURL(p).toString() })).results;
      const answer = folderReport({ folder: pathToFileURL(dir).toString(), folderPath: dir, results, unread: [], options: {}, nonce: 'abc' }, catalogue);
      const html = answer.html;
      // The hostile names are in the report (so the test means something), and in the page only escaped.
      assert.ok(answer.report.backlog.some((r) => r.resource.id === hostile), JSON.stringify(answer.report.backlog.map((r) => r.resource.id)));
      assert.ok(answer.report.backlog.some((r) => r.file === name));
      assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
      assert.ok(html.includes('data-file="&quot;&gt;&lt;svg onload=alert(5)&gt;.yaml"'));
      assert.ok(html.includes('&lt;/style&gt;&lt;script&gt;alert(`3`)&lt;/script&gt;'), 'the suppression reason');
      assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;'));
      assert.ok(html.includes('`${alert(4)}`'));
      assert.ok(html.includes('x&lt;iframe&gt;'));
      for (const bad of ['<img', '<svg onload', '<iframe', '<u>', 'alert(2)</script>', '</style><script>']) assert.ok(!html.includes(bad), bad);
      // Markup: the page's own tags only; one style and one script, each with the nonce.
      const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase()));
      const own = ['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'div', 'b', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'a', 'br', 'span', 'strong', 'figure', 'figcaption', 'svg', 'text', 'rect', 'script'];
      assert.deepEqual([...tags].filter((t) => !own.includes(t)), []);
      assert.deepEqual([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]), ['<script nonce="abc">']);
      assert.deepEqual([...html.matchAll(/<style[^>]*>/g)].map((m) => m[0]), ['<style nonce="abc">']);
      assert.equal(html.match(/<\/script>/g)?.length, 1);
      // No attribute the page did not write (event handlers above all): each tag's attribute names, values left out
      // (a value's quotes and angle brackets are escaped, so a tag ends at the first `>` and a value at its quote).
      const attributes = new Set([...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((m) => [...m[0].replace(/"[^"]*"/g, '""').matchAll(/\s([a-zA-Z-:]+)=/g)].map((a) => a[1])));
      const written = ['lang', 'charset', 'http-equiv', 'content', 'name', 'nonce', 'class', 'href', 'data-file', 'data-line', 'data-column', 'title', 'role', 'aria-label', 'width', 'height', 'viewBox', 'x', 'y', 'text-anchor', 'fill'];
      assert.deepEqual([...attributes].filter((a) => !written.includes(a)), []);
    });
  });
});
