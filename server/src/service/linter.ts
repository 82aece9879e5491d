// Lints documents for the editor, keeping each document's latest result and its last result that parsed.
import type { Catalogue } from '../engine/catalogue';
import { lintFile, type LintConfig, type LintResult } from '../engine/lint';
import { parseFile } from '../model/parse';

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

  /** Lints `text` as version `version` of `uri`; reuses the result when the version and config are unchanged. */
  lint(uri: string, version: number, text: string, config: LintConfig = {}): DocumentState {
    const prev = this.states.get(uri);
    if (prev && prev.version === version && prev.result.file.text === text && this.configKey.get(uri) === JSON.stringify(config)) return prev;
    const result = lintFile(parseFile(uri, text), this.catalogue, config);
    const state: DocumentState = {
      uri,
      version,
      result,
      lastGood: result.problems.length === 0 ? result : prev?.lastGood,
    };
    this.states.set(uri, state);
    this.configKey.set(uri, JSON.stringify(config));
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
