// Names of settings, parameters and variables read as words (for the rules that judge a name: secrets, credentials).

/**
 * Splits an identifier into lower-case words: `DBPassword` → db, password; `GITHUB_TOKEN` → github, token;
 * `spring.datasource.password` → spring, datasource, password. One splitter for every rule that reads names.
 */
export function words(name: string): string[] {
  const out: string[] = [];
  let cur = '';
  const kind = (c: string) => (c >= 'a' && c <= 'z' ? 'l' : c >= 'A' && c <= 'Z' ? 'u' : c >= '0' && c <= '9' ? 'd' : 'x');
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    const k = kind(c);
    if (k === 'x') {
      if (cur) out.push(cur.toLowerCase());
      cur = '';
      continue;
    }
    const prev = i > 0 ? kind(name[i - 1]) : 'x';
    const next = i + 1 < name.length ? kind(name[i + 1]) : 'x';
    // A word starts at an upper-case letter after a lower-case one or a digit, and at the last capital of a run before lower case.
    const boundary = k === 'u' && (prev === 'l' || prev === 'd' || (prev === 'u' && next === 'l'));
    if (boundary && cur) {
      out.push(cur.toLowerCase());
      cur = '';
    }
    cur += c;
  }
  if (cur) out.push(cur.toLowerCase());
  return out;
}
