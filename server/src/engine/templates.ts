// Files that are not manifests yet: Helm templates (Go template actions) and Kustomize patches. They are not
// linted (their findings would be false); one information-level notice says so and how to lint them.
import type { ParsedFile } from '../model/parse';
import { get, str, type Span } from '../model/tree';

export interface Notice {
  readonly span: Span;
  readonly message: string;
}

/**
 * The first Go template action (`{{ .Values.x }}`, `{{- if … }}`, `{{ include … }}`, `{{ $var }}`), or -1.
 * CloudFormation dynamic references (`{{resolve:ssm:…}}`) and Argo-style `{{inputs.x}}` are not actions.
 */
export function goTemplateAction(text: string): number {
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) return -1;
    from = open + 2;
    let i = from;
    if (text[i] === '-') i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
    const c = text[i];
    if (c === '.' || c === '$' || c === '/' || c === '"' || c === '(') return open;
    const word = /^[a-zA-Z]+/.exec(text.slice(i, i + 12))?.[0];
    if (word && GO_TEMPLATE_WORDS.has(word)) return open;
  }
}

const GO_TEMPLATE_WORDS = new Set([
  'if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'include', 'toYaml', 'toJson', 'tpl', 'required',
  'default', 'quote', 'nindent', 'indent', 'printf', 'print', 'len', 'not', 'and', 'or', 'eq', 'ne', 'lookup', 'fail',
]);

/** The notice for a Helm template, or undefined for a file that is not one. */
export function helmNotice(file: ParsedFile): Notice | undefined {
  const at = goTemplateAction(file.text);
  if (at < 0) return undefined;
  return {
    span: [at, Math.min(file.text.indexOf('}}', at) + 2 || at + 2, file.text.length)],
    message:
      'This file is a Helm template: its values are decided when the chart is rendered, so Cloudline does not lint it. ' +
      'Render it (helm template) and lint the output to check the manifests your cluster will get.',
  };
}

/** Paths (relative to the kustomization's directory) of the patches a Kustomization names. */
export function kustomizePatchPaths(file: ParsedFile): string[] {
  const out: string[] = [];
  for (const d of file.docs) {
    const root = d.doc.root;
    if (str(get(root, 'kind')) !== 'Kustomization') continue;
    for (const key of ['patchesStrategicMerge', 'patches', 'patchesJson6902']) {
      const list = get(root, key);
      for (const item of list?.kind === 'seq' ? list.items : []) {
        const path = str(item) ?? str(get(item, 'path'));
        if (path && !path.includes('\n')) out.push(path.replace(/^\.\//, ''));
      }
    }
  }
  return out;
}

export const KUSTOMIZE_PATCH_MESSAGE =
  'This file is a Kustomize patch: it holds only the fields it changes, so Cloudline does not lint it on its own. ' +
  'Build the overlay (kustomize build) and lint the output.';
