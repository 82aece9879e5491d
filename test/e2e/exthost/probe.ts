import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
describe('probe', () => {
  it('sees vscode', () => {
    console.log('trusted', vscode.workspace.isTrusted, 'folders', vscode.workspace.workspaceFolders?.map((f) => f.uri.toString()), 'env', process.env.CLOUDLINE_E2E_MODE, 'node', process.version);
    console.log('ext', vscode.extensions.getExtension('cloudline.cloudline')?.isActive);
    assert.ok(true);
  });
});
