// One wildcard matcher for every rule: `*` any run (and `?` one character where the service says so), in
// O(pattern × text) at worst and linear in practice; never a regular expression (one built from `.*` groups is
// exponential in the number of stars on a failing match, test/robustness/regex.test.ts holds this to time).

export interface WildcardOptions {
  /** Compare without case (IAM actions). Default false (ECR repository filters). */
  readonly ignoreCase?: boolean;
  /** `?` matches exactly one character (IAM); otherwise it is a literal `?`. Default false. */
  readonly questionMark?: boolean;
}

/** True when `text` matches the wildcard `pattern` as a whole. */
export function wildcardMatch(pattern: string, text: string, options: WildcardOptions = {}): boolean {
  const p = options.ignoreCase ? pattern.toLowerCase() : pattern;
  const t = options.ignoreCase ? text.toLowerCase() : text;
  const q = options.questionMark === true;
  // Greedy two pointers that backtrack only to the last `*`: a later star always covers what an earlier one could.
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== '*' && (p[pi] === t[ti] || (q && p[pi] === '?'))) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
