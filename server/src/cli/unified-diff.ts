// A unified diff (as `diff -u` and `git diff` write it) of two texts, for `cloudline fix --dry-run`.

/** The lines of a text, each with its line end (`\n`, so a `\r\n` line keeps its `\r`); the last may have none. */
function linesOf(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/**
 * The shortest edit script from `a` to `b` (Myers' O(ND) algorithm), as kept, removed and added lines in order;
 * removals come before additions at each change.
 */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  // The common head and tail are kept lines; only the middle goes through the search.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const A = a.slice(head, a.length - tail);
  const B = b.slice(head, b.length - tail);
  const n = A.length;
  const m = B.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from (n, m) to (0, 0).
  const middle: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      middle.push({ kind: ' ', line: A[--x] });
      y--;
    }
    if (d > 0) {
      if (down) middle.push({ kind: '+', line: B[--y] });
      else middle.push({ kind: '-', line: A[--x] });
    }
  }
  middle.reverse();
  // Removals before additions within each run of changes (the order `diff -u` prints them in).
  const ordered: Op[] = [];
  for (let i = 0; i < middle.length; ) {
    if (middle[i].kind === ' ') {
      ordered.push(middle[i++]);
      continue;
    }
    const removed: Op[] = [];
    const added: Op[] = [];
    while (i < middle.length && middle[i].kind !== ' ') (middle[i].kind === '-' ? removed : added).push(middle[i++]);
    ordered.push(...removed, ...added);
  }
  return [...a.slice(0, head).map((line): Op => ({ kind: ' ', line })), ...ordered, ...a.slice(a.length - tail).map((line): Op => ({ kind: ' ', line }))];
}

/** `start,count` of a hunk side; an empty side names the line before it, and a count of 1 is left out. */
function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/**
 * A unified diff of `before` and `after` with `context` lines around each change, headed `--- a/<name>` and
 * `+++ b/<name>`, or '' when they are equal. A last line without a line end is followed by
 * `\ No newline at end of file`.
 */
export function unifiedDiff(name: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = editScript(linesOf(before), linesOf(after));
  const lastA = ops.reduce((last, op, i) => (op.kind !== '+' ? i : last), -1);
  const lastB = ops.reduce((last, op, i) => (op.kind !== '-' ? i : last), -1);
  const changed = ops.flatMap((op, i) => (op.kind === ' ' ? [] : [i]));
  let out = `--- a/${name}\n+++ b/${name}\n`;
  // Changes closer than twice the context share a hunk.
  let h = 0;
  while (h < changed.length) {
    let end = h;
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * context + 1) end++;
    const from = Math.max(0, changed[h] - context);
    const to = Math.min(ops.length, changed[end] + context + 1);
    // Line numbers at `from`: the lines of each side before it.
    let aStart = 0;
    let bStart = 0;
    for (let i = 0; i < from; i++) {
      if (ops[i].kind !== '+') aStart++;
      if (ops[i].kind !== '-') bStart++;
    }
    let aCount = 0;
    let bCount = 0;
    let body = '';
    for (let i = from; i < to; i++) {
      const op = ops[i];
      if (op.kind !== '+') aCount++;
      if (op.kind !== '-') bCount++;
      body += op.kind + op.line;
      if (!op.line.endsWith('\n')) {
        // Only the last line of a side can lack a line end.
        const last = (op.kind !== '+' && i === lastA) || (op.kind !== '-' && i === lastB);
        if (last) body += '\n\\ No newline at end of file\n';
      }
    }
    out += `@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@\n${body}`;
    h = end + 1;
  }
  return out;
}
