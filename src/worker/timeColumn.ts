/**
 * The run index's fact times (issue 16: 10M imported records in 2 GiB), 2 bytes a fact instead of 8:
 * chunks of `SIZE` facts, each kept as 16-bit whole steps from its first time (a chunk of an imported
 * run spans about 50 s, of a simulated one a few seconds). A chunk whose step passes 16 bits turns to
 * 32-bit steps, and one with a time that does not come back exactly from a step (a fraction, a time
 * below the chunk's first) to doubles, each for good and for that chunk only: each chunk is the
 * core's `StepColumn` (`sim/trace/stepColumn.ts`). Times are non-decreasing, so the binary searches look at
 * the chunks' first times first, then within one chunk: still O(log n).
 *
 * Full chunks never change, so a fork's column shares them and copies only the partial one (`cut`),
 * and a finished index reads the builder's chunks through a view of fixed length (`view`), which
 * later pushes (an early answer completed in place: `column.ts`) never change.
 *
 * May import: ./column.ts, the core's `StepColumn` (each chunk). May not import: sim runtime, ui.
 */
import { StepColumn } from '../sim/trace/stepColumn.ts';
import { Column } from './column.ts';

const SHIFT = 10;
const SIZE = 1 << SHIFT;
const MASK = SIZE - 1;

/** Non-decreasing times read by index; what the index keeps (`TimeColumn.view`). */
export class FactTimes {
  constructor(
    protected chunks: StepColumn[],
    /** Each chunk's first time (for the searches). */
    protected firsts: Column<Float64Array>,
    protected n: number,
  ) {}

  get length(): number {
    return this.n;
  }

  /** Time i (0 ≤ i < length). */
  get(i: number): number {
    return this.chunks[i >>> SHIFT]!.get(i & MASK);
  }

  /** Time i, or undefined past the end. */
  at(i: number): number | undefined {
    return i >= 0 && i < this.n ? this.get(i) : undefined;
  }

  /** First i with time > x: how many times are ≤ x. */
  upperBound(x: number): number {
    return this.firstFailing((t) => t <= x);
  }

  /** First i with time ≥ x. */
  lowerBound(x: number): number {
    return this.firstFailing((t) => t < x);
  }

  /** The first i whose time fails `before` (times ascend: those that pass come first). */
  private firstFailing(before: (t: number) => boolean): number {
    // The first chunk whose first time fails; the answer is in the chunk before it, or is that chunk's start.
    const firsts = this.firsts;
    let lo = 0;
    let hi = Math.min(firsts.length, (this.n + MASK) >>> SHIFT);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(firsts.get(mid))) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.within(lo - 1, before);
  }

  /** In chunk c, the first fact whose time fails `before` (the chunk's end when all pass). */
  private within(c: number, before: (t: number) => boolean): number {
    const chunk = this.chunks[c]!;
    const start = c << SHIFT;
    let lo = 0;
    let hi = Math.min(SIZE, this.n - start);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(chunk.get(mid))) lo = mid + 1;
      else hi = mid;
    }
    return start + lo;
  }

  /** A column holding the first `n` times: full chunks shared, the partial one copied. */
  cut(n: number): TimeColumn {
    const out = new TimeColumn();
    const end = Math.min(n, this.n);
    const full = end >>> SHIFT;
    out.chunks = this.chunks.slice(0, full);
    if (end & MASK) out.chunks.push(this.chunks[full]!.copy());
    out.firsts = this.firsts.cut(out.chunks.length);
    out.n = end;
    return out;
  }

  /** The times as an array (tests, small runs). */
  toArray(): Float64Array {
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.get(i);
    return out;
  }
}

/** The builder's growable column of fact times. */
export class TimeColumn extends FactTimes {
  constructor() {
    super([], Column.of(Float64Array, 16), 0);
  }

  push(t: number): void {
    const i = this.n;
    const j = i & MASK;
    if (j === 0) {
      this.chunks.push(new StepColumn(SIZE));
      this.firsts.push(t);
    }
    this.chunks[i >>> SHIFT]!.set(j, t);
    this.n = i + 1;
  }

  /** The first `length` times as they are now: later pushes are not seen. */
  view(): FactTimes {
    return new FactTimes(this.chunks, this.firsts, this.n);
  }
}
