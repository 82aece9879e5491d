// Terraform HCL in the editor: diagnostics for an open `.tf` file with its module (variables in a sibling file, values
// in terraform.tfvars), a syntax error, and the suppression quick-fix written as an HCL comment.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from './client';

describe('Terraform HCL over stdio', function () {
  this.timeout(30_000);
  let client: TestClient;
  let dir: string;
  let version = 1;
  const uriOf = (name: string) => pathToFileURL(join(dir, name)).toString();
  const open = async (name: string, text: string) => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId: 'terraform', version: ++version, text } });
    return client.diagnostics(uriOf(name), (p) => p.version === version);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudline-hcl-lsp-'));
    writeFileSync(join(dir, 'variables.tf'), 'variable "public" {\n  default = false\n}\n');
    writeFileSync(join(dir, 'terraform.tfvars'), 'public = true\n');
    client = await startServer([{ uri: pathToFileURL(dir).toString(), name: 'ws' }]);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a .tf file gets diagnostics at the exact range, with values from its module', async () => {
    const text = 'resource "aws_db_instance" "db" {\n  publicly_accessible = var.public\n}\n';
    const p = await open('main.tf', text);
    const d = p.diagnostics.find((x) => x.code === 'CL-AWS-004');
    assert.ok(d, JSON.stringify(p.diagnostics.map((x) => x.code)));
    assert.deepEqual(d.range, { start: { line: 1, character: 24 }, end: { line: 1, character: 34 } });
  });

  it('a CodeLens above each resource names its service model, service and findings', async () => {
    const text = '# db\nresource "aws_db_instance" "lens" {\n  publicly_accessible = true\n}\n';
    await open('lens.tf', text);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uriOf('lens.tf') } })) as CodeLens[];
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.range.start.character, l.command?.title]),
      [[1, 27, 'PaaS · Amazon RDS · 7 customer-side findings']],
    );
  });

  it('a CodeLens asked for right after the open (before the first lint is published) is not empty', async () => {
    const text = 'resource "aws_db_instance" "early" {\n  publicly_accessible = true\n}\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('early.tf'), languageId: 'terraform', version: ++version, text } });
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uriOf('early.tf') } })) as CodeLens[];
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.range.start.character, l.command?.title]), [[0, 27, 'PaaS · Amazon RDS · 7 customer-side findings']]);
  });

  it('CodeLenses asked for before the open reached the server are refreshed once the file is linted', async () => {
    const uri = uriOf('before-open.tf');
    const before = client.lensRefreshes;
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }), []);
    await open('before-open.tf', 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n');
    // The refresh is sent right after the diagnostics: a request answered after both has seen it.
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    assert.equal(client.lensRefreshes, before + 1);
    assert.equal(lenses.length, 1);
    // Lenses answered from the current result: the next version's lint asks for no refresh.
    const next = version + 1;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: next },
      contentChanges: [{ text: 'resource "aws_db_instance" "db" {\n  publicly_accessible = false\n}\n' }],
    });
    await client.diagnostics(uri, (p) => p.version === next);
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(client.lensRefreshes, before + 1);
    version = next;
  });

  it('the first result after an open asks the editor once to refresh its CodeLenses, even if it never asked for them', async () => {
    const before = client.lensRefreshes;
    await open('never-asked.tf', 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n');
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf('never-asked.tf') }, position: { line: 0, character: 0 } });
    assert.equal(client.lensRefreshes, before + 1);
  });

  it('the suppression quick-fix writes a # cloudline-ignore comment above the line', async () => {
    const text = 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n';
    const p = await open('other.tf', text);
    const d = p.diagnostics.find((x) => x.code === 'CL-AWS-004')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf('other.tf') },
      range: d.range,
      context: { diagnostics: [d] as Diagnostic[] },
    })) as CodeAction[];
    // Edits of fixes, and the snippet text of the suppression command (uri, version, range, text).
    const texts = actions.flatMap((a) => [...Object.values(a.edit?.changes ?? {}).flat().map((e) => e.newText), ...(typeof a.command?.arguments?.[3] === 'string' ? [a.command.arguments[3] as string] : [])]);
    // This client does not announce the snippet command, so the suppression is a plain edit whose reason is left empty.
    assert.ok(texts.includes('  # cloudline-ignore CL-AWS-004 --\n'), JSON.stringify(texts));
    assert.ok(!texts.some((t) => t.includes('"//"')), 'no JSON comment key in HCL');
  });

  it('a syntax error is one diagnostic at the error', async () => {
    const p = await open('broken.tf', 'resource "aws_s3_bucket" "b" {\n  acl = \n}\n');
    const errors = p.diagnostics.filter((x) => x.severity === 1 && !String(x.code).startsWith('CL-'));
    assert.equal(errors.length, 1, JSON.stringify(p.diagnostics));
  });
});
