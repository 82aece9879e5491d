// Lints documents for the editor, keeping each document's latest result and its last result that parsed.
import type { Catalogue } from '../engine/catalogue';
import { lintFiles, type LintConfig, type LintResult } from '../engine/lint';
import { parseFile, type ParsedFile } from '../model/parse';

export interface DocumentState {
  readonly uri: string;
  readonly version: number;
  readonly result: LintResult;
  /** The latest result whose file parsed without syntax errors (serves hover while the user is mid-edit). */
  readonly lastGood: LintResult | undefined;
}

/** Transport-free: given text and config, returns (and remembers) the document's lint result. */
export class DocumentLinter {
  private readonly states = new Map<string, DocumentState>();

  constructor(private readonly catalogue: Catalogue) {}

  /**
   * Lints `text` as version `version` of `uri`; reuses the result when the version and config are unchanged.
   * `context` holds files the checks may look at but that are not reported on (a Terraform module's other files).
   */
  lint(uri: string, version: number, text: string, config: LintConfig = {}, context: readonly ParsedFile[] = []): DocumentState {
    const prev = this.states.get(uri);
    const key = JSON.stringify(config) + context.map((c) => `\u0000${c.uri}\u0000${c.text.length}`).join('');
    if (prev && prev.version === version && prev.result.file.text === text && this.configKey.get(uri) === key) return prev;
    const result = lintFiles([parseFile(uri, text), ...context], this.catalogue, config)[0];
    const state: DocumentState = {
      uri,
      version,
      result,
      lastGood: result.problems.length === 0 ? result : prev?.lastGood,
    };
    this.states.set(uri, state);
    this.configKey.set(uri, key);
    return state;
  }

  private readonly configKey = new Map<string, string>();

  get(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  forget(uri: string): void {
    this.states.delete(uri);
    this.configKey.delete(uri);
  }

  uris(): string[] {
    return [...this.states.keys()];
  }
}
