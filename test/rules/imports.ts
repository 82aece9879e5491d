// The import sources of a rule file, and what is wrong with them (test/rules/imports.test.ts).

/** Every module a file imports or re-exports from, in order of appearance, each once. */
export function importSources(src: string): string[] {
  const out: string[] = [];
  const clause = String.raw`(?:type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+(?:\s*,\s*(?:\{[^}]*\}|\*\s+as\s+\w+))?)`;
  const re = new RegExp(String.raw`^[ \t]*(?:(?:import|export)\s+${clause}\s*from\s*|import\s*)['"]([^'"]+)['"]`, 'gm');
  for (const m of src.matchAll(re)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/**
 * A rule (rules/<group>/<slug>/rule.ts) imports from at most two places: `../../kit` and at most one
 * `../../lib/<domain>` file (or a Node built-in, `node:…`, which is no project code).
 */
export function ruleImportProblems(sources: readonly string[]): string[] {
  const problems: string[] = [];
  if (sources.length > 2) problems.push(`imports from ${sources.length} places (at most 2)`);
  const libs = sources.filter((s) => /^\.\.\/\.\.\/lib\/[\w-]+$/.test(s));
  if (libs.length > 1) problems.push(`imports ${libs.length} rules/lib files (at most 1)`);
  for (const s of sources) {
    if (s !== '../../kit' && !libs.includes(s) && !s.startsWith('node:')) problems.push(`imports ${s} (only ../../kit, one rules/lib file or node:…)`);
  }
  return problems;
}
