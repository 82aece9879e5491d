// The CLI's report output: parts of text written straight into a 64 KiB buffer as UTF-8, handed on whole (to a file
// descriptor with writeSync, or to standard output) when the next part does not fit. A report has a part per finding
// (tens of thousands on a large scan): gathering them into strings first, then encoding those, cost a copy more.
import { writeSync } from 'node:fs';

/** The buffer's size: a large report is written in a few hundred writes, not one per finding. */
export const OUTPUT_BUFFER_BYTES = 64 * 1024;

/**
 * Writes text as UTF-8 through a fixed buffer. A character is never split between two flushes: a part that does not
 * fit in what is left of the buffer is written after a flush (into the empty buffer, or on its own when larger than
 * the buffer), so each flush is whole UTF-8 and can be decoded alone.
 */
export class BufferedOutput {
  private buffer: Buffer;
  private used = 0;

  /**
   * @param sink takes the bytes of one flush. With `keeps` (a stream that may hold on to the buffer until it is
   * written), each flush gets a buffer of its own; otherwise the one buffer is reused.
   */
  constructor(
    private readonly sink: (bytes: Buffer) => void,
    private readonly keeps = false,
    private readonly size = OUTPUT_BUFFER_BYTES,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  write(text: string): void {
    const room = this.size - this.used;
    // At most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units), so this bound needs no count.
    if (text.length * 3 <= room) {
      this.used += this.buffer.write(text, this.used);
      return;
    }
    const bytes = Buffer.byteLength(text);
    if (bytes <= room) {
      this.used += this.buffer.write(text, this.used);
      return;
    }
    this.flush();
    if (bytes <= this.size) this.used = this.buffer.write(text, 0);
    else this.sink(Buffer.from(text, 'utf8'));
  }

  /** Hands on what the buffer holds (nothing when it is empty). */
  flush(): void {
    if (this.used === 0) return;
    const bytes = this.buffer.subarray(0, this.used);
    if (this.keeps) this.buffer = Buffer.allocUnsafe(this.size);
    this.used = 0;
    this.sink(bytes);
  }
}

/** A sink that writes each flush to an open file descriptor, the whole of it. */
export function fdSink(fd: number): (bytes: Buffer) => void {
  return (bytes) => {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
  };
}
