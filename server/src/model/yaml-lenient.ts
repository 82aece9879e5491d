// What Go's YAML parsers (go-yaml v2/v3, a port of libyaml: kubectl, and the parsers CloudFormation is compatible
// with) accept and the `yaml` package rejects: a quoted scalar or a flow collection whose continuation lines are
// indented less than its key (libyaml does not check indentation inside quotes or brackets), and tabs inside a flow
// collection. The text is rewritten, offset for offset, into one `yaml` reads the same way: the line breaks inside
// such a scalar or collection become spaces (a comment in a collection becomes spaces too). The values of the
// scalars that spanned a rewritten line break are folded again from the original text (`foldScalar`).

/** A same-length rewrite of `text`, and the offsets of the line breaks it replaced; undefined when nothing applies. */
export interface LenientText {
  readonly text: string;
  readonly breaks: ReadonlySet<number>;
}

/**
 * Rewrites the multi-line quoted scalars and flow collections of `text` (outside comments and block scalars) that
 * start in one of the ranges `within` onto one line each. Only a broken parse tries it, for its broken documents;
 * the rewrite is kept only when it parses with fewer broken documents.
 */
export function lenientYaml(text: string, within: readonly (readonly [number, number])[] = [[0, text.length]]): LenientText | undefined {
  const out = text.split('');
  const breaks = new Set<number>();
  let changed = false;
  const flatten = (from: number, to: number, comments: boolean): void => {
    // Only inside the documents the strict parse could not read: the others keep `yaml`'s own reading.
    if (!within.some(([s, e]) => from >= s && from < e)) return;
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 || c === 13) {
        out[k] = ' ';
        breaks.add(k);
        changed = true;
      } else if (c === 9 && comments) {
        out[k] = ' ';
        changed = true;
      }
    }
    if (comments) {
      // Comments inside the collection would swallow the rest of the now single line.
      let k = from;
      while (k < to) {
        const c = text[k];
        if (c === '"' || c === "'") {
          k = quotedEnd(text, k) ?? to;
          continue;
        }
        if (c === '#' && k > 0 && /\s/.test(text[k - 1])) {
          while (k < to && text[k] !== '\n' && text[k] !== '\r') out[k++] = ' ';
          changed = true;
          continue;
        }
        k++;
      }
    }
  };
  let i = 0;
  let lineIndent = 0;
  let atLineStart = true;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      i++;
      atLineStart = true;
      lineIndent = 0;
      continue;
    }
    if (atLineStart) {
      let j = i;
      while (text[j] === ' ') j++;
      lineIndent = j - i;
      atLineStart = false;
      i = j;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    // Only a quote, a flow opener or a block scalar indicator may start what is rewritten: the look back is for them.
    if (c !== '"' && c !== "'" && c !== '[' && c !== '{' && c !== '|' && c !== '>') {
      i++;
      continue;
    }
    const prev = previousSignificant(text, i);
    const tokenStart = prev === undefined || prev === ':' || prev === '-' || prev === '?' || prev === '\n' || prev === ',' || prev === '[' || prev === '{';
    if ((c === '"' || c === "'") && tokenStart) {
      const end = quotedEnd(text, i);
      if (end === undefined) return undefined;
      if (text.slice(i, end).includes('\n')) flatten(i, end, false);
      i = end;
      continue;
    }
    if ((c === '[' || c === '{') && tokenStart) {
      const end = flowEnd(text, i);
      if (end === undefined) return undefined;
      if (text.slice(i, end).includes('\n')) flatten(i, end, true);
      i = end;
      continue;
    }
    if ((c === '|' || c === '>') && (prev === ':' || prev === '-' || prev === '\n' || prev === undefined) && /^[|>][-+0-9]*[ \t]*(#.*)?$/.test(lineRest(text, i))) {
      // A block scalar: its lines are the following ones indented deeper than the line that opens it (or blank).
      i = text.indexOf('\n', i);
      if (i < 0) break;
      let k = i + 1;
      while (k < text.length) {
        const e = text.indexOf('\n', k);
        const line = text.slice(k, e < 0 ? text.length : e);
        const indent = line.length - line.trimStart().length;
        if (line.trim() !== '' && indent <= lineIndent) break;
        k = e < 0 ? text.length : e + 1;
      }
      i = k;
      atLineStart = true;
      lineIndent = 0;
      continue;
    }
    i++;
  }
  return changed ? { text: out.join(''), breaks } : undefined;
}

function lineRest(text: string, i: number): string {
  const e = text.indexOf('\n', i);
  return text.slice(i, e < 0 ? text.length : e).replace(/\r$/, '');
}

/** The character before `i` that is not a space or tab (a line break counts), or undefined at the start. */
function previousSignificant(text: string, i: number): string | undefined {
  let k = i - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
  if (k < 0) return undefined;
  if (text[k] === '\r') return '\n';
  // An anchor or tag before the value (`&a "x"`, `!Sub "x"`) also starts a token.
  if (k >= 0 && text[k] !== '\n' && /[^\s]/.test(text[k])) {
    // Back to the start of that token, within MAX_PREFIX characters: a longer run is not a tag or an anchor (and
    // an unbounded walk back from every character of a long plain scalar would be quadratic).
    let s = k;
    while (s > 0 && k - s < MAX_PREFIX && !isBlank(text[s - 1])) s--;
    if (s === 0 || isBlank(text[s - 1])) {
      if (text[s] === '&' || text[s] === '!') return previousSignificant(text, s);
    }
  }
  return text[k];
}

/** The offset after the closing quote of the quoted scalar at `i`, as libyaml reads it (escapes, `''`), or undefined. */
function quotedEnd(text: string, i: number): number | undefined {
  const q = text[i];
  let k = i + 1;
  while (k < text.length) {
    const c = text[k];
    if (q === '"' && c === '\\') {
      k += 2;
      continue;
    }
    if (c === q) {
      if (q === "'" && text[k + 1] === "'") {
        k += 2;
        continue;
      }
      return k + 1;
    }
    // A document marker at the start of a line ends the document: libyaml reports an error there.
    if ((c === '\n') && /^(---|\.\.\.)(\s|$)/.test(text.slice(k + 1, k + 5))) return undefined;
    k++;
  }
  return undefined;
}

/** The offset after the bracket that closes the flow collection opened at `i`, or undefined. */
function flowEnd(text: string, i: number): number | undefined {
  let depth = 0;
  let k = i;
  while (k < text.length) {
    const c = text[k];
    if (c === '"' || c === "'") {
      const prev = previousSignificant(text, k);
      if (prev === '[' || prev === '{' || prev === ',' || prev === ':' || prev === '\n') {
        const e = quotedEnd(text, k);
        if (e === undefined) return undefined;
        k = e;
        continue;
      }
    } else if (c === '#' && /\s/.test(text[k - 1] ?? '')) {
      while (k < text.length && text[k] !== '\n') k++;
      continue;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return k + 1;
    } else if (c === '\n' && /^(---|\.\.\.)(\s|$)/.test(text.slice(k + 1, k + 5))) {
      return undefined;
    }
    k++;
  }
  return undefined;
}

/**
 * The value of a scalar whose source `raw` (quoted with its quotes, or plain) spans line breaks, folded as YAML
 * folds flow scalars: each line break between two non-empty lines is a space, n+1 breaks are n newlines, the
 * whitespace around breaks goes; in double quotes an escaped break (`\` at the end of a line) joins the lines.
 * `unescape` reads a double-quoted scalar's escapes from its one-line source.
 */
export function foldScalar(raw: string, style: 'double' | 'single' | 'plain', unescape: (oneLine: string) => string): string {
  const body = style === 'plain' ? raw : raw.slice(1, -1);
  const lines = body.split(/\r\n|\r|\n/);
  const newline = style === 'double' ? '\\n' : '\n';
  let out = '';
  let pendingBreaks = 0;
  let joined = false;
  lines.forEach((line, n) => {
    let s = n === 0 ? line : line.replace(/^[ \t]+/, '');
    const last = n === lines.length - 1;
    let escapedBreak = false;
    if (!last) {
      if (style === 'double' && trailingBackslashes(s) % 2 === 1) {
        s = s.slice(0, -1);
        escapedBreak = true;
      } else {
        s = trimBlanksEnd(s);
      }
    }
    if (n > 0 && s === '' && !last && !escapedBreak) {
      pendingBreaks++;
      return;
    }
    if (n > 0 && !joined) out += pendingBreaks > 0 ? newline.repeat(pendingBreaks) : ' ';
    pendingBreaks = 0;
    out += s;
    joined = escapedBreak;
  });
  if (style === 'double') return unescape(out);
  if (style === 'single') return out.replace(/''/g, "'");
  return out;
}

/** How many backslashes end `s` (an odd count escapes the line break in a double-quoted scalar). Linear, no regex. */
function trailingBackslashes(s: string): number {
  let n = 0;
  while (n < s.length && s[s.length - 1 - n] === '\\') n++;
  return n;
}

/** `s` without the spaces and tabs that end it. Linear, no regex (a regex anchored at the end is quadratic on a long run of blanks). */
function trimBlanksEnd(s: string): string {
  let e = s.length;
  while (e > 0 && (s[e - 1] === ' ' || s[e - 1] === '\t')) e--;
  return s.slice(0, e);
}

/** The longest tag or anchor (`!Sub`, `&name`, `!<tag:yaml.org,2002:str>`) looked back over before a value. */
const MAX_PREFIX = 1024;

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
