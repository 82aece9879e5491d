// Any LSP editor: `cloudline lsp --stdio` driven by a plain LSP client (not our VS Code client: no `applySnippet`).
// Every action is a plain edit or a command the server itself runs (`workspace/executeCommand`), the documentation
// command opens the rule's page with `window/showDocument`, hover is plain text when only that is accepted, and the
// CLI bundle does not hold a copy of the server.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, CodeLens, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/model/lines';
import { Commands } from '../../server/src/protocol';
import { startServer, type TestClient } from './client';

const URI = 'file:///work/stack/db.yaml';
const TEXT = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      PubliclyAccessible: true\n';

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}

/** Waits until `pred` holds (a notification sent before an answer may be handled just after it). */
async function until(pred: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function actionsFor(client: TestClient, d: Diagnostic): Promise<CodeAction[]> {
  return (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
}

describe('a plain LSP client (cloudline lsp --stdio)', function () {
  this.timeout(30_000);
  let client: TestClient;
  let d: Diagnostic;

  before(async () => {
    client = await startServer(null, { cli: true, showDocument: { success: true }, hoverFormats: ['plaintext'] });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    d = (await client.diagnostics(URI)).diagnostics.find((x) => x.code === 'CL-AWS-004')!;
  });
  after(async () => {
    await client.stop();
  });

  it('announces the documentation command as one the server runs', () => {
    assert.deepEqual(client.initialized.capabilities.executeCommandProvider, { commands: [Commands.showRuleDocumentation] });
  });

  it('publishes the finding at its exact range', () => {
    assert.deepEqual(d.range, { start: { line: 5, character: 26 }, end: { line: 5, character: 30 } });
    assert.equal(d.source, 'cloudline');
    assert.match(d.message, /^RDS instance Db sets PubliclyAccessible to true/);
  });

  it('offers only plain edits and commands the server announced', async () => {
    const actions = await actionsFor(client, d);
    const commands = (client.initialized.capabilities.executeCommandProvider as { commands: string[] }).commands;
    assert.ok(actions.length >= 3, 'fix, suppress and documentation');
    for (const a of actions) {
      assert.ok(!!a.edit !== !!a.command, `${a.title}: an edit or a command`);
      if (a.command) assert.ok(commands.includes(a.command.command), `${a.title}: ${a.command.command} is a server command`);
    }
  });

  it('the quick-fix and the suppression are WorkspaceEdits that give the exact text', async () => {
    const actions = await actionsFor(client, d);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, 'Set PubliclyAccessible to false');
    assert.equal(applyEdits(TEXT, fix.edit!.changes![URI]), TEXT.replace('PubliclyAccessible: true', 'PubliclyAccessible: false'));
    const suppress = actions.find((a) => a.title === 'Suppress CL-AWS-004 on Db with a reason…')!;
    assert.equal(
      applyEdits(TEXT, suppress.edit!.changes![URI]),
      TEXT.replace('      PubliclyAccessible', '      # cloudline-ignore CL-AWS-004 --\n      PubliclyAccessible'),
    );
  });

  it('runs the documentation command: window/showDocument to the rule page', async () => {
    const actions = await actionsFor(client, d);
    const docs = actions.find((a) => a.command)!;
    assert.equal(docs.title, 'Show documentation for CL-AWS-004 (rds-publicly-accessible)');
    const answer = await client.connection.sendRequest('workspace/executeCommand', { command: docs.command!.command, arguments: docs.command!.arguments });
    assert.equal(answer, null);
    assert.equal(client.shown.length, 1);
    assert.equal(client.shown[0].takeFocus, true);
    assert.match(client.shown[0].uri, /^file:\/\/.*\/dist\/docs\/rds-publicly-accessible\.md$/);
    assert.match(readFileSync(fileURLToPath(client.shown[0].uri), 'utf8'), /^# /);
    assert.equal(client.shown[0].uri, d.codeDescription!.href);
  });

  it('answers an unknown command or rule with an error', async () => {
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: Commands.showRuleDocumentation, arguments: ['no-such-rule'] }), /needs a rule ID or slug/);
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'editor.action.triggerSuggest', arguments: [] }), /unknown command/);
  });

  it('hover is plain text when the client accepts only plain text', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 27 } })) as Hover;
    const contents = hover.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'plaintext');
    assert.match(contents.value, /^RDS instance is publicly accessible\n/);
    assert.match(contents.value, /Amazon RDS · PaaS/);
    assert.doesNotMatch(contents.value, /\*\*|###|\]\(/);
  });

  it('CodeLens carries no VS Code command', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } })) as CodeLens[];
    assert.ok(lenses.length > 0);
    for (const l of lenses) assert.equal(l.command!.command, '');
  });
});

describe('the documentation command without window/showDocument', function () {
  this.timeout(30_000);

  it('says where the page is (window/showMessage)', async () => {
    const client = await startServer(null, { cli: true });
    try {
      assert.equal(await client.connection.sendRequest('workspace/executeCommand', { command: Commands.showRuleDocumentation, arguments: ['CL-AWS-004'] }), null);
      await until(() => client.messages.length > 0);
      assert.deepEqual(client.shown, []);
      assert.equal(client.messages.length, 1);
      assert.equal(client.messages[0].type, 3);
      assert.match(client.messages[0].message, /^CL-AWS-004 RDS instance is publicly accessible: \/.*\/dist\/docs\/rds-publicly-accessible\.md$/);
    } finally {
      await client.stop();
    }
  });

  it('a client that declines the document is told where the page is', async () => {
    const client = await startServer(null, { showDocument: { success: false } });
    try {
      await client.connection.sendRequest('workspace/executeCommand', { command: Commands.showRuleDocumentation, arguments: ['rds-publicly-accessible'] });
      await until(() => client.messages.length > 0);
      assert.equal(client.shown.length, 1);
      assert.match(client.messages[0]?.message ?? '', /rds-publicly-accessible\.md$/);
    } finally {
      await client.stop();
    }
  });
});

describe('our VS Code client', function () {
  this.timeout(30_000);

  it('is not sent executeCommandProvider: it registers cloudline.showRuleDocumentation itself', async () => {
    const client = await startServer(null, { initializationOptions: { cloudline: { applySnippet: true } } });
    try {
      assert.equal(client.initialized.capabilities.executeCommandProvider, undefined);
    } finally {
      await client.stop();
    }
  });
});

describe('the CLI bundle', () => {
  it('does not bundle the language server (cloudline lsp loads dist/server.js)', () => {
    const cli = readFileSync(join(__dirname, '..', '..', 'dist', 'cli.js'), 'utf8');
    for (const marker of ['textDocument/publishDiagnostics', 'createConnection', 'workspace/executeCommand']) assert.ok(!cli.includes(marker), marker);
    const server = readFileSync(join(__dirname, '..', '..', 'dist', 'server.js'), 'utf8');
    for (const marker of ['textDocument/publishDiagnostics', 'createConnection']) assert.ok(server.includes(marker), marker);
  });

  it('cloudline lsp without --stdio, or with another option, is a usage error (exit 2)', () => {
    const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
    const bare = spawnSync(process.execPath, [cli, 'lsp'], { encoding: 'utf8', input: '' });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /^cloudline: lsp needs --stdio \(the server speaks LSP on standard input and output\)\n/);
    assert.equal(bare.stdout, '');
    const other = spawnSync(process.execPath, [cli, 'lsp', '--stdio', '--socket=5000'], { encoding: 'utf8', input: '' });
    assert.equal(other.status, 2);
    assert.match(other.stderr, /^cloudline: lsp: unknown option --socket=5000 /);
  });
});
