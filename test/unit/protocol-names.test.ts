// The client/server protocol (server/src/protocol.ts) is the one place its names are written: request names, command
// IDs and view IDs appear as string literals nowhere else in client/src and server/src, client/src imports nothing
// from server/src but the protocol module, and package.json contributes exactly the commands and views it names.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Commands, Requests, SETTINGS_SECTION, Views } from '../../server/src/protocol';

const ROOT = join(__dirname, '..', '..');
const PROTOCOL = 'server/src/protocol.ts';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) return sources(rel);
    return rel.endsWith('.ts') ? [rel] : [];
  });
}

const names = [...Object.values(Requests), ...Object.values(Commands), ...Object.values(Views)];

describe('protocol module', () => {
  it('its names are unique', () => {
    assert.equal(new Set(names).size, names.length);
  });

  it('no request, command or view name is written as a string literal outside protocol.ts', () => {
    const found: string[] = [];
    for (const file of [...sources('client/src'), ...sources('server/src')]) {
      if (file === PROTOCOL) continue;
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const name of names) {
        for (const q of ["'", '"']) if (text.includes(q + name + q)) found.push(`${file}: ${q}${name}${q}`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('client/src imports from server/src only the protocol module', () => {
    const found: string[] = [];
    for (const file of sources('client/src')) {
      for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/from '([^']+)'/g)) {
        if (!m[1].startsWith('.')) continue;
        const target = relative(ROOT, join(ROOT, file, '..', m[1])).split('\\').join('/');
        if (!target.startsWith('client/src/') && `${target}.ts` !== PROTOCOL) found.push(`${file}: ${m[1]}`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('package.json contributes the commands and the view the protocol names', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const contributed = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    // Commands the client registers for its own use (arguments from the server or the view) are not in the palette.
    const internal: string[] = [Commands.applySnippet, Commands.openLocation, Commands.showRuleDocumentation];
    const palette = Object.values(Commands).filter((c) => !internal.includes(c) || contributed.includes(c)).sort();
    assert.deepEqual(contributed, palette);
    assert.deepEqual(pkg.contributes.views.explorer.map((v: { id: string }) => v.id), [Views.responsibility]);
    assert.ok(Object.keys(pkg.contributes.configuration.properties).every((k) => k.startsWith(`${SETTINGS_SECTION}.`)));
  });
});
