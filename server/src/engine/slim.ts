// A lint result without its syntax trees: what the CLI's reports read of it, and nothing that holds a tree. A scan that
// lints a file as soon as it is parsed (engine/scan.ts, `slim`) keeps this instead of the whole result, so the trees
// are garbage at once instead of living until the report is written (the young-generation collector then copies
// them, and the retained heap grows with the repository).
import type { ParsedFile } from '../model/parse';
import type { Resource } from '../formats/resource';
import type { LintResult } from './lint';

/** What a member of a slim result that the reports never read says when read: the tree was dropped after the lint. */
function dropped(what: string): never {
  throw new Error(`${what} is not kept after the scan linted the file (the syntax tree was dropped: engine/slim.ts)`);
}

/** A parsed file's name, text, line index, language and problems; its documents are dropped. */
class SlimFile implements ParsedFile {
  readonly uri: string;
  readonly text: string;
  readonly lang: ParsedFile['lang'];
  readonly lines: ParsedFile['lines'];
  readonly problems: ParsedFile['problems'];
  readonly isIac: boolean;
  constructor(f: ParsedFile) {
    this.uri = f.uri;
    this.text = f.text;
    this.lang = f.lang;
    this.lines = f.lines;
    this.problems = f.problems;
    this.isIac = f.isIac;
  }
  get docs(): never {
    return dropped(`the documents of ${this.uri}`);
  }
  get duplicateKeys(): never {
    return dropped(`the duplicate keys of ${this.uri}`);
  }
}

/** True for the file of a slim result (its documents are gone). */
export function isSlimFile(f: ParsedFile): boolean {
  return f instanceof SlimFile;
}

/** A resource's ID, type, format, file, condition, Kubernetes facts and template flag; its nodes are dropped. */
class SlimResource implements Resource {
  readonly id: string;
  readonly type: string;
  readonly format: Resource['format'];
  readonly file: ParsedFile;
  readonly k8s?: Resource['k8s'];
  readonly template?: boolean;
  readonly condition?: string;
  constructor(r: Resource, file: ParsedFile) {
    this.id = r.id;
    this.type = r.type;
    this.format = r.format;
    this.file = file;
    if (r.k8s) this.k8s = r.k8s;
    if (r.template !== undefined) this.template = r.template;
    if (r.condition !== undefined) this.condition = r.condition;
  }
  get node(): never {
    return dropped(`the node of ${this.id}`);
  }
  get anchor(): never {
    return dropped(`the anchor of ${this.id}`);
  }
  get typeNode(): never {
    return dropped(`the type node of ${this.id}`);
  }
  get body(): never {
    return dropped(`the body of ${this.id}`);
  }
  get doc(): never {
    return dropped(`the document of ${this.id}`);
  }
  get resolver(): never {
    return dropped(`the resolver of ${this.id}`);
  }
  references(): never {
    return dropped(`the references of ${this.id}`);
  }
}

/**
 * The result with a file that keeps its name, text, line index, language and problems, and resources that keep their
 * ID, type, format, file, condition, Kubernetes facts and template flag. Findings, suppressions and notices are kept
 * as they are: they hold spans, messages, fixes and line indexes, no nodes. Reading a tree (documents, a resource's
 * node, body or references) throws, so a report that starts to read one fails its tests instead of reading nothing.
 * (Classes, not object literals with getters: a getter's closure would keep the whole file alive.)
 */
export function slimResult(result: LintResult): LintResult {
  const file = new SlimFile(result.file);
  // A resource of another file (none today: a file linted alone sees its own) keeps its own file.
  const resources = result.resources.map((r) => new SlimResource(r, r.file === result.file ? file : r.file));
  return { file, resources, findings: result.findings, problems: result.problems, errors: result.errors, notices: result.notices, suppressed: result.suppressed };
}
