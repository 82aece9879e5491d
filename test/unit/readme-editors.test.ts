// The README's "Other editors" configurations: each block at least parses, and each starts `cloudline lsp --stdio`.
// (test/nvim/nvim.test.ts also loads the Neovim block in Neovim.)
import { strict as assert } from 'node:assert';
import { otherEditorsBlocks } from '../readme-blocks';

describe("README's Other editors configurations", () => {
  it('Neovim: one Lua block starting cloudline lsp --stdio', () => {
    const [lua, ...more] = otherEditorsBlocks('lua');
    assert.equal(more.length, 0);
    assert.ok(lua.includes("cmd = { 'cloudline', 'lsp', '--stdio' }"), lua);
  });

  it('Helix: the TOML is tables and key = value lines, and names the server in each language', () => {
    const [toml] = otherEditorsBlocks('toml');
    let table = '';
    const languages: string[] = [];
    for (const line of toml.split('\n').filter((l) => l.trim())) {
      const header = /^(\[\[?)([a-z-]+(?:\.[a-z-]+)*)(\]\]?)$/.exec(line);
      if (header) {
        assert.equal(header[1].length, header[3].length, line);
        table = header[2];
        continue;
      }
      const kv = /^([a-z-]+) = (.+)$/.exec(line);
      assert.ok(kv, `not a TOML key = value line: ${line}`);
      const value = JSON.parse(kv[2]); // basic strings and arrays of them are JSON too
      if (table === 'language-server.cloudline' && kv[1] === 'command') assert.equal(value, 'cloudline');
      if (table === 'language-server.cloudline' && kv[1] === 'args') assert.deepEqual(value, ['lsp', '--stdio']);
      if (table === 'language' && kv[1] === 'language-servers') assert.ok(value.includes('cloudline'), line);
      if (table === 'language' && kv[1] === 'name') languages.push(value);
    }
    assert.deepEqual(languages, ['yaml', 'json', 'hcl']);
  });

  it('Emacs: the Lisp is balanced and starts cloudline lsp --stdio', () => {
    const [elisp] = otherEditorsBlocks('elisp');
    let depth = 0;
    let inString = false;
    for (const c of elisp) {
      if (c === '"') inString = !inString;
      else if (!inString && c === '(') depth++;
      else if (!inString && c === ')') assert.ok(--depth >= 0, 'a ) closes nothing');
    }
    assert.equal(inString, false);
    assert.equal(depth, 0);
    assert.ok(elisp.includes('("cloudline" "lsp" "--stdio")'));
  });
});
