// Catastrophic backtracking, found statically: a small parser of JavaScript regex syntax, enough to find the shapes
// that backtrack exponentially (nested unbounded quantifiers, overlapping alternatives under a quantifier). The
// robustness test (test/robustness/regex.test.ts) holds every regex of rules/ and server/ to it, and custom rules
// (engine/custom-rules.ts) refuse a `matches:` pattern it flags, with `customPatternProblem`.

export type RNode =
  | { t: 'seq'; items: RNode[] }
  | { t: 'alt'; alts: RNode[] }
  | { t: 'group'; body: RNode; look: boolean }
  | { t: 'quant'; body: RNode; min: number; max: number }
  | { t: 'chars'; set: CharSet }
  | { t: 'empty' };

/** A character set, approximated by the printable ASCII characters it holds plus "other" (anything else). */
export interface CharSet {
  readonly ascii: Set<number>;
  readonly other: boolean;
}

const ASCII = Array.from({ length: 128 }, (_, i) => i);
const cls = (pred: (c: number) => boolean, other: boolean): CharSet => ({ ascii: new Set(ASCII.filter(pred)), other });
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWord = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const ESCAPES: Record<string, CharSet> = {
  d: cls(isDigit, false),
  D: cls((c) => !isDigit(c), true),
  w: cls(isWord, false),
  W: cls((c) => !isWord(c), true),
  s: cls(isSpace, true),
  S: cls((c) => !isSpace(c), true),
};
const ANY: CharSet = cls((c) => c !== 10 && c !== 13, true);

function single(ch: string): CharSet {
  const c = ch.charCodeAt(0);
  return c < 128 ? { ascii: new Set([c]), other: false } : { ascii: new Set(), other: true };
}

function escapeChar(e: string): string {
  return ({ n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' } as Record<string, string>)[e] ?? e;
}

export function parseRegex(src: string): RNode {
  let i = 0;
  const alt = (): RNode => {
    const alts: RNode[] = [seq()];
    while (src[i] === '|') {
      i++;
      alts.push(seq());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  };
  const seq = (): RNode => {
    const items: RNode[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let atom = atomOf();
      for (;;) {
        const q = quantifier();
        if (!q) break;
        atom = { t: 'quant', body: atom, min: q[0], max: q[1] };
      }
      items.push(atom);
    }
    return { t: 'seq', items };
  };
  const quantifier = (): [number, number] | undefined => {
    const c = src[i];
    let q: [number, number] | undefined;
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) return undefined;
      i += m[0].length - 1;
      q = [Number(m[1]), m[2] ? (m[3] ? Number(m[3]) : Infinity) : Number(m[1])];
    }
    if (!q) return undefined;
    i++;
    if (src[i] === '?') i++; // lazy: backtracks the same way
    return q;
  };
  const atomOf = (): RNode => {
    const c = src[i++];
    if (c === '(') {
      let look = false;
      if (src[i] === '?') {
        const m = /^\?(:|=|!|<=|<!|<[A-Za-z_]\w*>)/.exec(src.slice(i));
        look = !!m && /^\?(=|!|<=|<!)$/.test(m[0]);
        i += m ? m[0].length : 1;
      }
      const body = alt();
      i++; // )
      return { t: 'group', body, look };
    }
    if (c === '[') return { t: 'chars', set: charClass() };
    if (c === '.') return { t: 'chars', set: ANY };
    if (c === '^' || c === '$') return { t: 'empty' };
    if (c === '\\') {
      const e = src[i++];
      if (e === 'b' || e === 'B') return { t: 'empty' };
      if (ESCAPES[e]) return { t: 'chars', set: ESCAPES[e] };
      if (/[1-9]/.test(e)) return { t: 'chars', set: ANY }; // a back-reference: anything
      if (e === 'u' || e === 'x') {
        const m = e === 'u' ? /^(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/.exec(src.slice(i)) : /^[0-9a-fA-F]{2}/.exec(src.slice(i));
        if (m) {
          i += m[0].length;
          return { t: 'chars', set: single(String.fromCodePoint(parseInt(m[0].replace(/[{}]/g, ''), 16))) };
        }
      }
      if (e === 'p' || e === 'P') {
        const m = /^\{[^}]*\}/.exec(src.slice(i));
        if (m) i += m[0].length;
        return { t: 'chars', set: ANY };
      }
      return { t: 'chars', set: single(escapeChar(e)) };
    }
    return { t: 'chars', set: single(c) };
  };
  const charClass = (): CharSet => {
    const negate = src[i] === '^';
    if (negate) i++;
    const ascii = new Set<number>();
    let other = false;
    let first = true;
    while (i < src.length && (src[i] !== ']' || first)) {
      first = false;
      let lo: number;
      if (src[i] === '\\') {
        const e = src[i + 1];
        i += 2;
        if (ESCAPES[e]) {
          ESCAPES[e].ascii.forEach((x) => ascii.add(x));
          other ||= ESCAPES[e].other;
          continue;
        }
        lo = escapeChar(e).charCodeAt(0);
      } else {
        lo = src.charCodeAt(i++);
      }
      let hi = lo;
      if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        i++;
        hi = src[i] === '\\' ? escapeChar(src[(i += 2) - 1]).charCodeAt(0) : src.charCodeAt(i++);
      }
      for (let x = lo; x <= Math.min(hi, 127); x++) ascii.add(x);
      if (hi >= 128) other = true;
    }
    i++; // ]
    return negate ? { ascii: new Set(ASCII.filter((x) => !ascii.has(x))), other: true } : { ascii, other };
  };
  return alt();
}

/** The characters a node can start with (empty-matching nodes let the next one through: approximated as "any"). */
export function firstChars(n: RNode): CharSet {
  const union = (sets: CharSet[]): CharSet => ({ ascii: new Set(sets.flatMap((s) => [...s.ascii])), other: sets.some((s) => s.other) });
  switch (n.t) {
    case 'chars':
      return n.set;
    case 'group':
      return n.look ? { ascii: new Set(), other: false } : firstChars(n.body);
    case 'quant':
      return firstChars(n.body);
    case 'alt':
      return union(n.alts.map(firstChars));
    case 'seq': {
      const sets: CharSet[] = [];
      for (const item of n.items) {
        sets.push(firstChars(item));
        if (!canBeEmpty(item)) break;
      }
      return union(sets);
    }
    default:
      return { ascii: new Set(), other: false };
  }
}

export function canBeEmpty(n: RNode): boolean {
  switch (n.t) {
    case 'empty':
      return true;
    case 'chars':
      return false;
    case 'group':
      return n.look || canBeEmpty(n.body);
    case 'quant':
      return n.min === 0 || canBeEmpty(n.body);
    case 'alt':
      return n.alts.some(canBeEmpty);
    case 'seq':
      return n.items.every(canBeEmpty);
  }
}

const overlap = (a: CharSet, b: CharSet) => (a.other && b.other) || [...a.ascii].some((c) => b.ascii.has(c));
const unbounded = (n: RNode): boolean => n.t === 'quant' && n.max > 16;

/** Does `n` hold an unbounded quantifier (over something that matches a non-empty string)? */
function hasUnbounded(n: RNode): boolean {
  switch (n.t) {
    case 'quant':
      return (unbounded(n) && !canBeEmpty(n.body)) || hasUnbounded(n.body);
    case 'group':
      return !n.look && hasUnbounded(n.body);
    case 'alt':
      return n.alts.some(hasUnbounded);
    case 'seq':
      return n.items.some(hasUnbounded);
    default:
      return false;
  }
}

/**
 * The shapes of exponential backtracking: an unbounded quantifier over a body that itself holds an unbounded
 * quantifier, unless every iteration must start with characters the body's own repetition cannot consume (the
 * `(?:,\s*\w+)*` form: a separator makes the split unambiguous); and alternatives that can start with the same
 * character under an unbounded quantifier.
 */
export function risks(n: RNode, out: string[] = []): string[] {
  if (n.t === 'quant') {
    if (unbounded(n)) {
      const body = n.body.t === 'group' ? n.body.body : n.body;
      if (hasUnbounded(body) && !separated(body)) out.push('nested unbounded quantifiers');
      const alts = body.t === 'alt' ? body.alts : [];
      for (let a = 0; a < alts.length; a++) {
        for (let b = a + 1; b < alts.length; b++) {
          if (overlap(firstChars(alts[a]), firstChars(alts[b]))) out.push('overlapping alternatives under a quantifier');
        }
      }
    }
    risks(n.body, out);
  } else if (n.t === 'group') risks(n.body, out);
  else if (n.t === 'alt') n.alts.forEach((a) => risks(a, out));
  else if (n.t === 'seq') n.items.forEach((x) => risks(x, out));
  return [...new Set(out)];
}

/**
 * A repeated body that starts or ends with a mandatory character its inner repetitions can never match (`,\s*\w+`,
 * `[A-Z]+ `, `module\.[^.]+\.`): each iteration has one place to begin and end, so there is one way to split.
 */
function separated(body: RNode): boolean {
  if (body.t !== 'seq' || body.items.length < 2) return false;
  const inner = (n: RNode): CharSet[] =>
    n.t === 'quant' ? (unbounded(n) ? [bodyChars(n.body)] : []).concat(inner(n.body)) : n.t === 'group' ? inner(n.body) : n.t === 'alt' ? n.alts.flatMap(inner) : n.t === 'seq' ? n.items.flatMap(inner) : [];
  const by = (fence: RNode, rest: RNode[]) => {
    if (canBeEmpty(fence) || hasUnbounded(fence)) return false;
    const chars = bodyChars(fence);
    return inner({ t: 'seq', items: rest }).every((s) => !overlap(s, chars));
  };
  return by(body.items[0], body.items.slice(1)) || by(body.items[body.items.length - 1], body.items.slice(0, -1));
}

/** Every character a node can match anywhere (for the separator test). */
export function bodyChars(n: RNode): CharSet {
  const all: CharSet[] = [];
  const walk = (x: RNode) => {
    if (x.t === 'chars') all.push(x.set);
    else if (x.t === 'group' && !x.look) walk(x.body);
    else if (x.t === 'quant') walk(x.body);
    else if (x.t === 'alt') x.alts.forEach(walk);
    else if (x.t === 'seq') x.items.forEach(walk);
  };
  walk(n);
  return { ascii: new Set(all.flatMap((s) => [...s.ascii])), other: all.some((s) => s.other) };
}

/** Limits on a custom rule's pattern and on the text it is run on. */
export const PATTERN_LIMITS = {
  /** Characters in one pattern. */
  maxPatternLength: 500,
  /**
   * Characters of a value a custom pattern is tried on: a longer value is not matched (the leaf is unknown). A search
   * with one unbounded quantifier is quadratic at worst: about 1 ms on 1,024 characters, 30 ms on 4,096.
   */
  maxInputLength: 1024,
  /**
   * Unbounded quantifiers in a row over the same characters: two (`.*a.*b`, `[a-z]+[a-z]+x`) make a failing search
   * cubic in the input's length (40 s on 4,096 characters), so at most one.
   */
  maxChained: 1,
} as const;

/** The flags a custom pattern may have: case-insensitive, multi-line, dot-all, Unicode. */
export const PATTERN_FLAGS = 'imsu';

/**
 * Why a user's pattern is refused, or undefined when it may run: a syntax error, a flag other than i, m, s, u, a
 * pattern over the length limit, a shape of exponential backtracking, or more than `maxChained` unbounded
 * quantifiers in a row over the same characters (polynomial: `.*a.*b` is cubic in the input's length).
 */
export function customPatternProblem(source: string, flags: string): string | undefined {
  const bad = [...flags].filter((f) => !PATTERN_FLAGS.includes(f));
  if (bad.length) return `The flag${bad.length > 1 ? 's' : ''} ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} not allowed: a custom pattern may use i, m, s and u only.`;
  if (new Set(flags).size !== flags.length) return 'A flag is repeated.';
  if (source.length > PATTERN_LIMITS.maxPatternLength) return `The pattern is ${source.length} characters long, over the limit of ${PATTERN_LIMITS.maxPatternLength}.`;
  try {
    new RegExp(source, flags);
  } catch (e) {
    return `Not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}.`;
  }
  const tree = parseRegex(source);
  const found = risks(tree);
  if (found.length) return `The pattern can backtrack catastrophically (${found.join(', ')}): rewrite it so that each repetition has one way to match.`;
  const chained = longestChain(tree);
  if (chained > PATTERN_LIMITS.maxChained) {
    return (
      `The pattern has ${chained} unbounded quantifiers (*, +, {n,}) in a row that can match the same characters, and its work grows as the input's length to the power ${chained + 1}: ` +
      'bound them ({0,64}), separate them by a character the first cannot match ([^/]*/), or drop a leading or trailing .* (a pattern is searched anywhere in the value).'
    );
  }
  return undefined;
}

/**
 * The longest run of unbounded quantifiers in one sequence whose characters overlap, with nothing between them but
 * what can match the empty string (`.*.*` is 2; `.*,.*` is 1 per side of the comma that `.` can also match: 2).
 */
function longestChain(n: RNode): number {
  let best = 0;
  const walk = (x: RNode) => {
    if (x.t === 'seq') {
      let run = 0;
      let prev: CharSet | undefined;
      for (const item of x.items) {
        if (item.t === 'quant' && unbounded(item) && !canBeEmpty(item.body)) {
          const chars = bodyChars(item.body);
          run = prev && overlap(prev, chars) ? run + 1 : 1;
          prev = chars;
          best = Math.max(best, run);
        } else if (!canBeEmpty(item)) {
          // A mandatory character the previous repetition can also match does not separate them.
          const chars = bodyChars(item);
          if (!(prev && overlap(prev, chars))) {
            run = 0;
            prev = undefined;
          }
        }
        walk(item);
      }
    } else if (x.t === 'group') walk(x.body);
    else if (x.t === 'quant') walk(x.body);
    else if (x.t === 'alt') x.alts.forEach(walk);
  };
  walk(n);
  return best;
}
