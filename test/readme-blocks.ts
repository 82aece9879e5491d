// The fenced code blocks of the README's "Other editors" section (test/unit/readme-editors.test.ts, test/nvim).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fenced blocks of one language in the README's "Other editors" section. */
export function otherEditorsBlocks(lang: string): string[] {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Other editors\n');
  assert.ok(start >= 0, 'README has an "Other editors" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}
