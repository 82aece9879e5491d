// Issue #12 in the editor: a file of resources Cloudline has no rules for gets one information diagnostic on the first
// such resource type (code `not-checked`, no quick-fix), once per file; `cloudline.reportUnchecked: false` turns it off.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from './client';

const UNCOVERED =
  'resource "random_id" "r" {\n  byte_length = 4\n}\n\n' +
  'resource "alicloud_oss_bucket" "b" {\n  bucket = "x"\n}\n\n' +
  'resource "alicloud_kms_key" "k" {\n  description = "x"\n}\n\n' +
  'resource "oci_objectstorage_bucket" "b" {\n  name = "x"\n}\n\n' +
  'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n';

describe('editor: the not-checked notice (issue #12)', function () {
  this.timeout(30_000);
  let client: TestClient;
  let dir: string;
  let version = 1;
  const uriOf = (name: string) => pathToFileURL(join(dir, name)).toString();
  const open = async (name: string, text: string, languageId = 'terraform') => {
    const v = ++version;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId, version: v, text } });
    return client.diagnostics(uriOf(name), (p) => p.version === v);
  };
  const notices = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.filter((d) => d.code === 'not-checked');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudline-notchecked-lsp-'));
    client = await startServer([{ uri: pathToFileURL(dir).toString(), name: 'ws' }]);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one information diagnostic, on the type label of the first resource without rules, naming its provider', async () => {
    const p = await open('main.tf', UNCOVERED);
    const found = notices(p);
    assert.equal(found.length, 1, JSON.stringify(p.diagnostics));
    const d = found[0];
    assert.equal(d.severity, 3, 'Information');
    assert.equal(d.source, 'cloudline');
    assert.deepEqual(d.range, { start: { line: 4, character: 9 }, end: { line: 4, character: 30 } });
    assert.equal(
      d.message,
      'Cloudline has no rules for Alibaba Cloud (alicloud_*) resources yet: 2 resources in this file are not checked (and 1 more of other providers or services without rules). ' +
        'Turn this notice off with the setting cloudline.reportUnchecked.',
    );
    assert.equal(d.data, undefined, 'no quick-fix data');
    // The AWS resource of the same file is still checked.
    assert.ok(p.diagnostics.some((x) => x.code === 'CL-AWS-004'));
    // No code action on it, and fix-all is not about it.
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf('main.tf') },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    assert.deepEqual(actions.filter((a) => a.diagnostics?.some((x) => x.code === 'not-checked')), []);
  });

  it('CloudFormation: on the Type of the first resource of a service without rules; none for a file Cloudline covers', async () => {
    const text = 'Resources:\n  Alias:\n    Type: AWS::GameLift::Alias\n    Properties:\n      Name: example\n  Bucket:\n    Type: AWS::S3::Bucket\n';
    const p = await open('zone.yaml', text, 'yaml');
    const found = notices(p);
    assert.equal(found.length, 1, JSON.stringify(p.diagnostics));
    assert.deepEqual(found[0].range, { start: { line: 2, character: 10 }, end: { line: 2, character: 30 } });
    assert.match(found[0].message, /^Cloudline has no rules for AWS::GameLift \(AWS::GameLift::\*\) resources yet: 1 resource in this file is not checked\. /);
    const covered = await open('db.tf', 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n');
    assert.deepEqual(notices(covered), []);
    const k8s = await open('pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n', 'yaml');
    assert.deepEqual(notices(k8s), [], 'Kubernetes kinds without rules are said by the CLI only');
  });

  it('cloudline.reportUnchecked: false turns it off, and true brings it back', async () => {
    client.settings = { reportUnchecked: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    let p = await client.diagnostics(uriOf('main.tf'), (x) => notices(x).length === 0);
    assert.deepEqual(notices(p), []);
    assert.ok(p.diagnostics.some((x) => x.code === 'CL-AWS-004'), 'findings stay');
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    p = await client.diagnostics(uriOf('main.tf'), (x) => notices(x).length === 1);
    assert.equal(notices(p).length, 1);
  });
});
