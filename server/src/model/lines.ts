// Offset ↔ line/character conversion for a text (LSP positions: 0-based, UTF-16 characters).

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based UTF-16 character within the line. */
  readonly character: number;
}

/** Line starts of a text, computed once; `\r\n`, `\n` and lone `\r` all end a line. */
export class LineIndex {
  private readonly starts: number[];
  /** The text has a `\r\n` (found while indexing: `eol` is read for every fix, and scanning for it each time cost). */
  private readonly crlf: boolean;

  constructor(readonly text: string) {
    const starts = [0];
    let crlf = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) {
          i++;
          crlf = true;
        }
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    this.crlf = crlf;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The offset where 0-based `line` starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.lineStart(position.line);
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  /** The whitespace that starts the line holding `offset`. */
  indentAt(offset: number): string {
    const start = this.lineStart(this.positionAt(offset).line);
    let end = start;
    while (end < this.text.length && (this.text[end] === ' ' || this.text[end] === '\t')) end++;
    return this.text.slice(start, end);
  }

  /** The line-break sequence the text mostly uses (`\n` when it has none). */
  get eol(): string {
    return this.crlf ? '\r\n' : '\n';
  }
}
