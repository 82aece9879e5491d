// Shared test helpers: lint a text, convert positions, read caret markers.
import { lintFile, type LintConfig, type LintResult } from '../server/src/engine/lint';
import { defaultCatalogue } from '../server/src/engine/default-catalogue';
import { parseFile } from '../server/src/model/parse';
import type { Span } from '../server/src/model/tree';

/** Parses and lints `text` as if it were the file `name`. */
export function lintText(name: string, text: string, config?: LintConfig): LintResult {
  return lintFile(parseFile(name, text), defaultCatalogue(), config);
}

/** A span as `line:col-line:col`, 1-based, end exclusive (the form examples.yaml uses). */
export function spanText(result: LintResult, span: Span): string {
  const s = result.file.lines.positionAt(span[0]);
  const e = result.file.lines.positionAt(span[1]);
  return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`;
}

/** Removes the first `|` caret from `marked` and returns the text and the caret's offset. */
export function caret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no caret marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** The file name each example format is linted as. */
export const EXAMPLE_FILES: Readonly<Record<string, string>> = {
  'cloudformation-yaml': 'template.yaml',
  'cloudformation-json': 'template.json',
  'terraform-json': 'main.tf.json',
  'terraform-hcl': 'main.tf',
  'terraform-plan': 'plan.json',
  kubernetes: 'manifest.yaml',
  'kubernetes-json': 'manifest.json',
};
