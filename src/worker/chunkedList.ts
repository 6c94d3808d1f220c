/**
 * An append-only list in fixed-size chunks that a forked run shares with the run it forked from
 * (issue 19): the fork takes the parent's full chunks below its cut by reference and copies only the
 * one partial chunk, so forking costs a few thousand entries however long the list. Neither side
 * writes into a chunk the other can see: a chunk below the cut is full, and the parent only ever
 * appends past it.
 *
 * Used for what the run index keeps as strings (records' sequence numbers), which typed columns
 * (`column.ts`) cannot hold.
 *
 * May import: nothing. May not import: sim runtime, ui.
 */
const SHIFT = 12;
const SIZE = 1 << SHIFT;
const MASK = SIZE - 1;

export class ChunkedList<T> {
  private constructor(
    private readonly chunks: T[][],
    private n: number,
  ) {}

  static empty<T>(): ChunkedList<T> {
    return new ChunkedList<T>([], 0);
  }

  get length(): number {
    return this.n;
  }

  get(i: number): T | undefined {
    return i >= 0 && i < this.n ? this.chunks[i >>> SHIFT]![i & MASK] : undefined;
  }

  push(v: T): void {
    const c = this.n >>> SHIFT;
    if (c === this.chunks.length) this.chunks.push([]);
    this.chunks[c]!.push(v);
    this.n++;
  }

  /** Entries [from, to), as an array. */
  slice(from = 0, to = this.n): T[] {
    const out: T[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.n); i++) out.push(this.chunks[i >>> SHIFT]![i & MASK]!);
    return out;
  }

  /** A list holding this one's first `n` entries: full chunks shared, the partial one copied. */
  cut(n: number): ChunkedList<T> {
    const end = Math.min(n, this.n);
    const full = end >>> SHIFT;
    const chunks = this.chunks.slice(0, full);
    if (end & MASK) chunks.push(this.chunks[full]!.slice(0, end & MASK));
    return new ChunkedList(chunks, end);
  }
}
