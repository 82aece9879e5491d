// The options table (server/src/engine/options.ts) is where a setting is declared: package.json's
// `contributes.configuration` must say the same (names, types, enums, defaults, scopes, descriptions), the server
// reads the editor settings through it, and `.cloudline.yaml` accepts exactly its file options.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { parseConfig } from '../../server/src/engine/config';
import { FILE_OPTIONS, OPTIONS, type OptionSpec } from '../../server/src/engine/options';
import { SETTINGS_SECTION } from '../../server/src/protocol';
import { DEFAULT_SETTINGS, normaliseSettings } from '../../server/src/service/workspace-state';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));

/** The package.json declaration an option of the table stands for. */
function declaration(o: OptionSpec): Record<string, unknown> {
  const type = { boolean: 'boolean', enum: 'string', severity: 'string', ruleMap: 'object', stringList: 'array' }[o.kind];
  const d: Record<string, unknown> = { type, default: o.default, scope: o.scope, description: o.description };
  if (o.kind === 'enum' || o.kind === 'severity') d.enum = o.values;
  if (o.kind === 'stringList') d.items = { type: 'string' };
  if (o.kind === 'ruleMap') d.additionalProperties = { type: 'string', enum: o.values };
  return d;
}

describe('options table', () => {
  it("package.json's contributes.configuration declares exactly the table's options", () => {
    const properties = pkg.contributes.configuration.properties as Record<string, unknown>;
    assert.deepEqual(Object.keys(properties), OPTIONS.map((o) => `${SETTINGS_SECTION}.${o.name}`));
    for (const o of OPTIONS) assert.deepEqual(properties[`${SETTINGS_SECTION}.${o.name}`], declaration(o), o.name);
  });

  it('the settings default to the defaults the table declares', () => {
    assert.deepEqual(DEFAULT_SETTINGS, { enable: true, run: 'onType', minimumSeverity: undefined, rules: {}, frameworks: [], exclude: [], codeLens: true, reportUnchecked: true, baselineFindings: 'hint' });
  });

  it('the server reads each setting as the table says: valid values kept, invalid ones replaced by the default', () => {
    const s = normaliseSettings({
      enable: false,
      run: 'onSave',
      minimumSeverity: 'high',
      rules: { 'CL-AWS-004': 'off', 'CL-AWS-001': 'loud', x: 3 },
      frameworks: ['CIS AWS', '', 7],
      exclude: ['vendor/**'],
      codeLens: { enable: false },
      reportUnchecked: false,
      baselineFindings: 'hide',
    });
    assert.deepEqual(s, { enable: false, run: 'onSave', minimumSeverity: 'high', rules: { 'CL-AWS-004': 'off' }, frameworks: ['CIS AWS'], exclude: ['vendor/**'], codeLens: false, reportUnchecked: false, baselineFindings: 'hide' });
    assert.deepEqual(normaliseSettings({ enable: 'no', run: 'sometimes', minimumSeverity: 'info', codeLens: true, reportUnchecked: 'no', baselineFindings: 'dim' }), DEFAULT_SETTINGS);
  });

  it('.cloudline.yaml accepts the file options of the table, and names them for an unknown key', () => {
    assert.deepEqual(FILE_OPTIONS, ['minimumSeverity', 'rules', 'frameworks', 'exclude', 'otherToolsSuppressions', 'baseline']);
    const { problems } = parseConfig('run: onSave\n', defaultCatalogue());
    assert.deepEqual(problems, [{ span: [0, 3], message: 'Unknown option "run". Known options: minimumSeverity, rules, frameworks, exclude, otherToolsSuppressions, baseline.' }]);
  });
});
