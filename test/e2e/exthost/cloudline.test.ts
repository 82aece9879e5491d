// Cloudline inside a real VS Code, through the `vscode` API: activation, diagnostics, hovers, quick-fixes, fix-all,
// suppressions, settings, the workspace scan, with Workspace Trust off or the folder untrusted.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { Commands, Views } from '../../../server/src/protocol';
import type { CloudlineApi } from '../../../client/src/extension';
import {
  actionWhere,
  cloudline,
  codeOf,
  codes,
  hoverText,
  hoverWith,
  log,
  rangeOf,
  revert,
  shapes,
  show,
  TRUST,
  until,
  workspaceUri,
  type Expected,
} from './helpers';

const rds = (id: string, setting: string) =>
  `RDS instance ${id} sets ${setting} to true, so it gets a DNS name that resolves to a public IP address. Amazon RDS is PaaS: AWS patches the engine and the hosts; whether the instance is reachable from the internet is your decision.`;
const K8S_SPLIT = 'Managed Kubernetes (workloads) is a shared (hybrid) service:';

/** The fixture workspace's findings, as the CLI reports them (1-based there, 0-based here). */
const EXPECTED: Record<string, Expected[]> = {
  'cloudformation/database.yaml': [{ code: 'CL-AWS-004', range: [15, 26, 15, 30], severity: 'Error', message: rds('ReportsDb', 'PubliclyAccessible') }],
  'cloudformation/database.json': [{ code: 'CL-AWS-004', range: [13, 30, 13, 34], severity: 'Error', message: rds('ReportsDb', 'PubliclyAccessible') }],
  'kubernetes/debug-pod.yaml': [
    {
      code: 'CL-K8S-053',
      range: [3, 8, 3, 13],
      severity: 'Warning',
      message: `Pod debug runs in namespace shop, but no NetworkPolicy in the scanned files applies to its namespace, so its pods accept traffic from every pod and address that can reach them. ${K8S_SPLIT} the provider runs the control plane and, where you enable it, a network plugin that enforces NetworkPolicies; writing the NetworkPolicies that isolate your pods is yours.`,
    },
    {
      code: 'CL-K8S-002',
      range: [12, 12, 12, 17],
      severity: 'Warning',
      message: `The container shell of Pod debug does not set securityContext.allowPrivilegeEscalation, which defaults to true, so its processes can gain more privileges than their parent (it is always allowed because it is privileged). ${K8S_SPLIT} on managed Kubernetes the provider runs the control plane and admits the pod exactly as you wrote it; the no_new_privs flag is set only when your container spec asks for it.`,
    },
    {
      code: 'CL-K8S-001',
      range: [21, 20, 21, 24],
      severity: 'Error',
      message: `The container shell of Pod debug sets securityContext.privileged to true, which gives it every capability and the node's devices. ${K8S_SPLIT} on managed Kubernetes the provider runs the control plane and admits the pod exactly as you wrote it; whether a container runs privileged is your decision.`,
    },
  ],
  'terraform/main.tf.json': [{ code: 'CL-AWS-004', range: [11, 31, 11, 35], severity: 'Error', message: rds('aws_db_instance.reports', 'publicly_accessible') }],
  'terraform-hcl/main.tf': [{ code: 'CL-AWS-004', range: [9, 36, 9, 40], severity: 'Error', message: rds('aws_db_instance.reports', 'publicly_accessible') }],
  'terraform/plan.json': [{ code: 'CL-AWS-004', range: [0, 375, 0, 379], severity: 'Error', message: rds('aws_db_instance.reports', 'publicly_accessible') }],
};
const UNRELATED = ['other/app-settings.yaml', 'other/docker-compose.yaml', 'other/package.json'];

/** Waits until `rel`'s Cloudline diagnostics are exactly `expected` (and shows the difference when they never are). */
async function expectDiagnostics(rel: string, expected: readonly Expected[] = EXPECTED[rel]): Promise<void> {
  const uri = workspaceUri(rel);
  await until(`the diagnostics of ${rel}`, () => {
    assert.deepEqual(shapes(uri), expected);
    return true;
  });
}

describe(`Cloudline in VS Code (Workspace Trust: ${TRUST})`, function () {
  const extension = () => {
    const ext = vscode.extensions.getExtension('cloudline.cloudline');
    assert.ok(ext, 'the extension under development is loaded');
    return ext;
  };

  before(() => {
    log(`workspace ${vscode.workspace.workspaceFolders?.[0]?.uri.fsPath}, trusted: ${vscode.workspace.isTrusted}`);
  });
  // A failed test must not leave edits behind for the next one.
  afterEach(async () => {
    const inWorkspace = (doc: vscode.TextDocument) => vscode.workspace.getWorkspaceFolder(doc.uri) !== undefined;
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && inWorkspace(doc)) await revert(doc);
  });

  it(TRUST === 'untrusted' ? 'runs in a folder that is not trusted (Restricted Mode)' : 'runs with Workspace Trust turned off', () => {
    assert.equal(vscode.workspace.isTrusted, TRUST !== 'untrusted');
  });

  // Each run opens a different format first, so both activation events are seen to work.
  const first = TRUST === 'untrusted' ? 'kubernetes/debug-pod.yaml' : 'terraform/main.tf.json';
  it(`activates when ${first} opens, and lints it`, async () => {
    // Lazy activation (onLanguage) is checked when nothing has activated the extension yet. VS Code itself sometimes
    // opens a JSON model at startup (it did when it rewrote the user settings.json), which activates it earlier: that
    // is logged, not failed on.
    const before = extension().isActive;
    if (before) {
      const open = vscode.workspace.textDocuments.map((d) => `${d.uri.toString()} (${d.languageId})`);
      log(`note: already active before any file was opened (documents: ${open.join(', ') || 'none'}); lazy activation not checked this run`);
    }
    const editor = await show(first);
    assert.equal(editor.document.languageId, first.endsWith('.json') ? 'json' : 'yaml');
    await until('the extension to activate', () => extension().isActive);
    await expectDiagnostics(first);
  });

  for (const rel of Object.keys(EXPECTED)) {
    it(`lints ${rel}: exact ranges, codes, severities, messages, source and documentation link`, async () => {
      await show(rel);
      await expectDiagnostics(rel);
      for (const d of cloudline(workspaceUri(rel))) {
        assert.equal(d.source, 'cloudline');
        assert.ok(typeof d.code === 'object', 'the code carries a link to the rule page');
        const target = (d.code as { target: vscode.Uri }).target;
        assert.match(target.toString(), /^file:\/\/.*\/dist\/docs\/[a-z0-9-]+\.md$/);
      }
      if (rel === 'cloudformation/database.yaml') {
        const [d] = cloudline(workspaceUri(rel));
        assert.match((d.code as { target: vscode.Uri }).target.path, /\/dist\/docs\/rds-publicly-accessible\.md$/);
      }
    });
  }

  it('gives no diagnostics for YAML and JSON that is not IaC, though it lints those files', async () => {
    const docs = [];
    for (const rel of UNRELATED) docs.push((await show(rel)).document);
    log(`languages of ${UNRELATED.join(', ')}: ${docs.map((d) => d.languageId).join(', ')}`);
    // A template opened after them: once its diagnostics are in, the server has handled the files opened before it.
    const sentinel = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n',
    });
    await vscode.window.showTextDocument(sentinel, { preview: false });
    await until('the untitled template to be linted', () => codes(sentinel.uri).includes('CL-AWS-004'));
    for (const doc of docs) assert.deepEqual(vscode.languages.getDiagnostics(doc.uri), [], vscode.workspace.asRelativePath(doc.uri));
    // The server does look at the unrelated YAML: made into a template it is linted, and cleared when it stops being one.
    const settings = docs[0];
    assert.equal(settings.languageId, 'yaml');
    const editor = await vscode.window.showTextDocument(settings, { preview: false });
    await editor.edit((b) => b.insert(new vscode.Position(settings.lineCount, 0), 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n'));
    await until('app-settings.yaml, now a template, to be linted', () => codes(settings.uri).includes('CL-AWS-004'));
    await revert(settings);
    await until('app-settings.yaml to be cleared once it is not a template again', () => cloudline(settings.uri).length === 0);
    await vscode.window.showTextDocument(sentinel);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  describe('hover', () => {
    it('on a finding: the responsibility card, over the flagged value', async () => {
      const rel = 'cloudformation/database.yaml';
      await show(rel);
      await expectDiagnostics(rel);
      const hover = await hoverWith(workspaceUri(rel), new vscode.Position(15, 28), '### RDS instance is publicly accessible');
      const text = hoverText(hover);
      assert.match(text, /`CL-AWS-004` · high · owner: \*\*customer\*\*/);
      // The editor shows the diagnostic's message right above the card: the card does not repeat it.
      assert.ok(!text.includes(rds('ReportsDb', 'PubliclyAccessible')), text);
      assert.match(text, /\*\*Amazon RDS\*\* · PaaS/);
      assert.match(text, /\*\*AWS secures:\*\* AWS patches the database engine and the hosts/);
      assert.match(text, /\*\*Yours:\*\* Network reachability/);
      assert.match(text, /\*\*Fix:\*\* Set PubliclyAccessible.*_\(quick-fix available\)_/);
      assert.match(text, /CIS AWS Foundations Benchmark 3\.0\.0: 2\.3\.3/);
      assert.match(text, /\[Rule documentation\]\(file:\/\/.*\/dist\/docs\/rds-publicly-accessible\.md\)/);
      assert.deepEqual([hover.range?.start.line, hover.range?.start.character, hover.range?.end.line, hover.range?.end.character], [15, 26, 15, 30]);
    });

    const typeHovers: [string, vscode.Position, RegExp, RegExp][] = [
      ['cloudformation/database.yaml', new vscode.Position(5, 20), /^### AWS::RDS::DBInstance\n\*\*Amazon RDS\*\* · PaaS/, /\*\*1 customer-side finding\*\* on `ReportsDb`\./],
      // Text from the file is Markdown-escaped in hover (the underscores render as written).
      ['terraform/main.tf.json', new vscode.Position(2, 10), /^### aws\\_db\\_instance\n\*\*Amazon RDS\*\* · PaaS/, /\*\*1 customer-side finding\*\* on `aws_db_instance\.reports`\./],
      ['terraform-hcl/main.tf', new vscode.Position(1, 14), /^### aws\\_db\\_instance\n\*\*Amazon RDS\*\* · PaaS/, /\*\*1 customer-side finding\*\* on `aws_db_instance\.reports`\./],
      ['kubernetes/debug-pod.yaml', new vscode.Position(1, 7), /^### Pod\n\*\*Managed Kubernetes \(workloads\)\*\* · Hybrid/, /\*\*3 customer-side findings\*\* on `Pod\/shop\/debug`\./],
    ];
    for (const [rel, position, head, count] of typeHovers) {
      it(`on a resource type in ${rel}: the service's side of the line`, async () => {
        await show(rel);
        await expectDiagnostics(rel);
        const text = hoverText(await hoverWith(workspaceUri(rel), position, '### '));
        assert.match(text, head);
        assert.match(text, /\*\*(AWS|The provider) secures:\*\* /);
        assert.match(text, /\*\*Yours:\*\* /);
        assert.match(text, count);
      });
    }
  });

  describe('quick-fixes', () => {
    // What each fix leaves: the other findings, with the privilege-escalation message no longer blaming `privileged`.
    const remaining = (rel: string, fixed: Expected) =>
      EXPECTED[rel]
        .filter((e) => e !== fixed)
        .map((e) => (e.code === 'CL-K8S-002' ? { ...e, message: e.message.replace(' (it is always allowed because it is privileged)', '') } : e));
    const quickFixes: [string, string, string, string][] = [
      ['cloudformation/database.yaml', 'Set PubliclyAccessible to false', 'PubliclyAccessible: true', 'PubliclyAccessible: false'],
      ['cloudformation/database.json', 'Set PubliclyAccessible to false', '"PubliclyAccessible": true', '"PubliclyAccessible": false'],
      ['terraform/main.tf.json', 'Set publicly_accessible to false', '"publicly_accessible": true', '"publicly_accessible": false'],
      ['terraform-hcl/main.tf', 'Set publicly_accessible to false', 'publicly_accessible             = true', 'publicly_accessible             = false'],
      ['kubernetes/debug-pod.yaml', 'Set privileged to false', 'privileged: true', 'privileged: false'],
    ];
    for (const [rel, title, before, after] of quickFixes) {
      it(`${rel}: "${title}" changes only that value and clears the finding`, async () => {
        const { document: doc } = await show(rel);
        await expectDiagnostics(rel);
        const original = doc.getText();
        const target = EXPECTED[rel].find((e) => e.severity === 'Error')!;
        const action = await actionWhere(doc.uri, rangeOf(target.range), (a) => a.title === title);
        assert.equal(action.kind?.value, 'quickfix');
        assert.equal(action.isPreferred, true);
        assert.ok(action.edit, 'the fix is a workspace edit');
        assert.ok(await vscode.workspace.applyEdit(action.edit));
        assert.equal(doc.getText(), original.replace(before, after));
        await expectDiagnostics(rel, remaining(rel, target));
        await revert(doc);
        await expectDiagnostics(rel);
      });
    }

    it('fix-all (source.fixAll.cloudline) applies every safe fix in the Kubernetes manifest at once', async () => {
      const rel = 'kubernetes/debug-pod.yaml';
      const { document: doc } = await show(rel);
      await expectDiagnostics(rel);
      const original = doc.getText();
      const whole = new vscode.Range(0, 0, doc.lineCount, 0);
      const fixAll = await actionWhere(doc.uri, whole, (a) => a.kind?.value === 'source.fixAll.cloudline', 'source.fixAll.cloudline');
      assert.equal(fixAll.title, 'Fix all Cloudline problems in this file');
      assert.ok(fixAll.edit);
      assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
      assert.equal(
        doc.getText(),
        original.replace('        privileged: true', '        privileged: false\n        allowPrivilegeEscalation: false'),
      );
      // The NetworkPolicy finding has no safe fix (it needs a new file): it stays.
      await expectDiagnostics(rel, EXPECTED[rel].filter((e) => e.code === 'CL-K8S-053'));
      await revert(doc);
      await expectDiagnostics(rel);
    });
  });

  describe('suppress with a reason', () => {
    const REASON = 'replica behind an allow list';
    const cases: [string, string, string, string][] = [
      ['cloudformation/database.yaml', 'CL-AWS-004', 'ReportsDb', `      # cloudline-ignore CL-AWS-004 -- ${REASON}\n      PubliclyAccessible: true`],
      [
        'cloudformation/database.json',
        'CL-AWS-004',
        'ReportsDb',
        `        "PubliclyAccessible": true\n      },\n      "Metadata": {\n        "cloudline": {\n          "ignore": [\n            {\n              "id": "CL-AWS-004",\n              "reason": "${REASON}"\n            }\n          ]\n        }\n      }\n    }`,
      ],
      ['kubernetes/debug-pod.yaml', 'CL-K8S-001', 'Pod/shop/debug', `  namespace: shop\n  annotations:\n    cloudline/ignore.CL-K8S-001: "${REASON}"\n`],
      ['terraform/main.tf.json', 'CL-AWS-004', 'aws_db_instance.reports', `"publicly_accessible": true,\n        "//": "cloudline-ignore CL-AWS-004 -- ${REASON}"`],
      ['terraform-hcl/main.tf', 'CL-AWS-004', 'aws_db_instance.reports', `  # cloudline-ignore CL-AWS-004 -- ${REASON}\n  publicly_accessible             = true`],
    ];
    for (const [rel, ruleId, resourceId, inserted] of cases) {
      it(`${rel}: runs cloudline.applySnippet, the reason typed into the placeholder, and the finding goes`, async () => {
        const { document: doc } = await show(rel);
        await expectDiagnostics(rel);
        const finding = EXPECTED[rel].find((e) => e.code === ruleId)!;
        const title = `Suppress ${ruleId} on ${resourceId} with a reason…`;
        const action = await actionWhere(doc.uri, rangeOf(finding.range), (a) => a.title === title);
        assert.equal(action.kind?.value, 'quickfix');
        assert.equal(action.command?.command, 'cloudline.applySnippet');
        const [uri, version] = action.command.arguments as [string, number];
        assert.equal(uri, doc.uri.toString());
        assert.equal(version, doc.version);
        await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
        // The placeholder "reason" is selected: typing replaces it, as a user would.
        const editor = vscode.window.activeTextEditor!;
        assert.equal(editor.document.uri.toString(), doc.uri.toString());
        assert.equal(editor.document.getText(editor.selection), 'reason');
        await vscode.commands.executeCommand('type', { text: REASON });
        assert.ok(doc.getText().includes(inserted), doc.getText());
        await until(`${ruleId} to be suppressed`, () => {
          const now = codes(doc.uri);
          return !now.includes(ruleId) && !now.includes('syntax-error') && now.length === EXPECTED[rel].length - 1;
        });
        await revert(doc);
        await expectDiagnostics(rel);
      });
    }
  });

  describe('settings take effect without a reload', () => {
    const config = () => vscode.workspace.getConfiguration('cloudline');
    after(async () => {
      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('minimumSeverity', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('cloudline.rules turns a rule off, and back on', async () => {
      await show('kubernetes/debug-pod.yaml');
      await show('cloudformation/database.yaml');
      await expectDiagnostics('cloudformation/database.yaml');
      await config().update('rules', { 'CL-AWS-004': 'off' }, vscode.ConfigurationTarget.Workspace);
      await expectDiagnostics('cloudformation/database.yaml', []);
      await expectDiagnostics('kubernetes/debug-pod.yaml');
      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await expectDiagnostics('cloudformation/database.yaml');
    });

    it('cloudline.rules changes a severity by slug', async () => {
      await config().update('rules', { 'rds-publicly-accessible': 'low' }, vscode.ConfigurationTarget.Workspace);
      await expectDiagnostics(
        'cloudformation/database.yaml',
        EXPECTED['cloudformation/database.yaml'].map((e) => ({ ...e, severity: 'Information' as const })),
      );
      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await expectDiagnostics('cloudformation/database.yaml');
    });

    it('cloudline.minimumSeverity hides what is below it, and shows it again when lowered', async () => {
      await config().update('minimumSeverity', 'high', vscode.ConfigurationTarget.Workspace);
      await expectDiagnostics('kubernetes/debug-pod.yaml', EXPECTED['kubernetes/debug-pod.yaml'].filter((e) => e.code === 'CL-K8S-001'));
      await expectDiagnostics('cloudformation/database.yaml');
      await config().update('minimumSeverity', 'critical', vscode.ConfigurationTarget.Workspace);
      await expectDiagnostics('kubernetes/debug-pod.yaml', []);
      await expectDiagnostics('cloudformation/database.yaml', []);
      await config().update('minimumSeverity', undefined, vscode.ConfigurationTarget.Workspace);
      await expectDiagnostics('kubernetes/debug-pod.yaml');
      await expectDiagnostics('cloudformation/database.yaml');
    });
  });

  describe('Cloudline: Scan Workspace', () => {
    it('reports findings for files that were never opened', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // Copies written to disk now: never opened, so nothing has linted them yet.
      const copies: string[] = [];
      for (const rel of Object.keys(EXPECTED)) {
        const copy = `scan-only/${rel}`;
        await vscode.workspace.fs.writeFile(workspaceUri(copy), await vscode.workspace.fs.readFile(workspaceUri(rel)));
        copies.push(copy);
      }
      for (const copy of copies) assert.deepEqual(cloudline(workspaceUri(copy)), [], `${copy} before the scan`);
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      for (const copy of copies) assert.ok(!open.has(workspaceUri(copy).toString()), `${copy} is not open`);

      const result = await vscode.commands.executeCommand<{ files: number; findings: number; cancelled: boolean }>('cloudline.scanWorkspace');
      log('scan result', JSON.stringify(result));
      for (const rel of Object.keys(EXPECTED)) log(rel, codes(workspaceUri(rel)).join(','), '| copy:', codes(workspaceUri(`scan-only/${rel}`)).join(','));
      const findings = Object.values(EXPECTED).reduce((n, e) => n + e.length, 0);
      assert.deepEqual(result, { files: 2 * copies.length, findings: 2 * findings, cancelled: false, unread: 0 });
      for (const rel of Object.keys(EXPECTED)) await expectDiagnostics(`scan-only/${rel}`, EXPECTED[rel]);
      for (const rel of Object.keys(EXPECTED)) await expectDiagnostics(rel);
      for (const rel of UNRELATED) assert.deepEqual(cloudline(workspaceUri(rel)), [], rel);
      const stillClosed = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      for (const copy of copies) assert.ok(!stillClosed.has(workspaceUri(copy).toString()), `${copy} was not opened by the scan`);
    });
  });

  describe('Cloudline: Show Responsibility Report', () => {
    const api = () => vscode.extensions.getExtension<CloudlineApi>('cloudline.cloudline')!.exports;
    const reportTabs = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(Views.reportPanel));

    it('opens the report in one webview panel, revealed and refreshed when run again', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const shown = await vscode.commands.executeCommand<{ folder: string; title: string }>(Commands.showResponsibilityReport);
      log('report', JSON.stringify(shown));
      assert.deepEqual(shown, { folder: vscode.workspace.workspaceFolders![0].uri.toString(), title: 'Cloudline Responsibility Report' });
      const tabs = await until('the report panel', () => reportTabs().length === 1 && reportTabs());
      assert.equal(tabs[0].label, 'Cloudline Responsibility Report');
      assert.ok(tabs[0].isActive);
      await show('cloudformation/database.yaml');
      assert.ok(!reportTabs()[0].isActive);
      await vscode.commands.executeCommand(Commands.showResponsibilityReport);
      await until('the report panel revealed', () => reportTabs().length === 1 && reportTabs()[0].isActive);
    });

    it("the Responsibility view's Backlog node lists the standing findings in the report's risk order", async () => {
      const view = api().view;
      await view.getChildren(); // loads the view if it was never shown
      // Every standing finding of the workspace (once the view has caught up with the diagnostics), each once.
      const findings = () => vscode.languages.getDiagnostics().flatMap(([, ds]) => ds.filter((d) => d.source === 'cloudline' && codeOf(d)?.startsWith('CL-'))).length;
      await until(
        () => `the backlog to list the ${findings()} findings (it lists ${view.backlogRows().length})`,
        async () => {
          await view.refresh();
          return view.backlogRows().length === findings();
        },
      );
      const roots = await view.getChildren();
      const first = view.getTreeItem(roots[0]);
      assert.equal(first.label, 'Backlog — what to fix first');
      assert.equal(first.description, `${findings()} findings by risk`);
      const rows = await view.getChildren(roots[0]);
      const labels = rows.map((r) => String(view.getTreeItem(r).label));
      log('backlog', labels.join(' | '));
      assert.deepEqual(labels, view.backlogRows().map((r) => r.tree.label));
      const items = view.backlogRows().map((r) => r.item);
      // Ranked 1…n, worst severity first (but for a network finding ranked with the one it exposes).
      assert.ok(items.length > 0);
      assert.deepEqual(items.map((i) => i.rank), items.map((_, n) => n + 1));
      const order = ['critical', 'high', 'medium', 'low', 'info'];
      for (let n = 1; n < items.length; n++) {
        if (!items[n].why.startsWith('Ranks with')) assert.ok(order.indexOf(items[n - 1].severity) <= order.indexOf(items[n].severity) || items[n - 1].why.startsWith('Ranks with'), `${n}`);
      }
      assert.match(labels[0], /^1\. CL-/);
      // A row opens its finding.
      const row = view.getTreeItem(rows[0]);
      await vscode.commands.executeCommand(row.command!.command, ...row.command!.arguments!);
      const editor = await until('the finding opened', () => vscode.window.activeTextEditor?.document.uri.toString() === items[0].uri && vscode.window.activeTextEditor);
      assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [items[0].range.start.line, items[0].range.start.character]);
    });

    it("a link in the report opens the file at the resource; links to files the report does not name are refused", async () => {
      const report = api().report;
      await vscode.commands.executeCommand(Commands.showResponsibilityReport);
      const editor = await report.open({ type: 'open', file: 'cloudformation/database.yaml', line: 16, column: 27 });
      assert.ok(editor);
      assert.equal(editor.document.uri.toString(), workspaceUri('cloudformation/database.yaml').toString());
      assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [15, 26]);
      for (const message of [
        { type: 'open', file: '../outside.yaml', line: 1 },
        { type: 'open', file: 'other/package.json', line: 1 },
        { type: 'run', command: 'workbench.action.terminal.new' },
      ]) {
        assert.equal(await report.open(message), undefined, JSON.stringify(message));
      }
    });
  });

  if (process.env.CLOUDLINE_E2E_INJECT_FAILURE) {
    it('fails on purpose (CLOUDLINE_E2E_INJECT_FAILURE is set)', () => {
      assert.fail('injected failure: the run must exit non-zero');
    });
  }
});
