/**
 * When records were trimmed and when a repeated delivery harmed, without a Float64 per record
 * (issue 16: 10M imported records in 2 GiB). Both were dense columns of Infinity with a few times in
 * them: 16 B a record that an imported run (never trimmed, never delivered) did not use at all.
 *
 * - Trimming takes a prefix of a lane's records at a time (`records-trimmed` counts from the oldest),
 *   so a lane's trims are a short list of (records trimmed so far, time): a record's time is a binary
 *   search by its place on the lane. Exact, and its size is the number of trims, not of records.
 * - Harm is rare (a redelivery that changed a downstream result) and comes in any record order: a map
 *   of the exceptions.
 *
 * Both are shared with an index answered early and completed in place (`column.ts`): what is set
 * later is at times after the early answer's `computedMs`. A fork takes a copy cut at its instant.
 *
 * May import: ./column.ts. May not import: sim runtime, ui.
 */
import { Column } from './column.ts';

/** Per lane, its trims in order: how many of its records were trimmed by each, and when. */
export class LaneTrims {
  private readonly upTo: Array<Column<Uint32Array>> = [];
  private readonly t: Array<Column<Float64Array>> = [];

  addLane(): void {
    // Small: most lanes are trimmed a few times or never.
    this.upTo.push(Column.of(Uint32Array, 4));
    this.t.push(Column.of(Float64Array, 4));
  }

  /** How many of the lane's records (from its oldest) are trimmed. */
  trimmed(lane: number): number {
    const c = this.upTo[lane];
    return c && c.length > 0 ? c.get(c.length - 1) : 0;
  }

  /** The lane's records before place `upTo` (0-based, exclusive) are trimmed at `t` (times non-decreasing). */
  trim(lane: number, upTo: number, t: number): void {
    if (upTo <= this.trimmed(lane)) return;
    this.upTo[lane]!.push(upTo);
    this.t[lane]!.push(t);
  }

  /** When the record at place `pos` (0-based) on the lane was trimmed (Infinity: never). */
  at(lane: number, pos: number): number {
    const c = this.upTo[lane];
    if (!c) return Infinity;
    // The first trim whose count passes `pos`.
    let lo = 0;
    let hi = c.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c.get(mid) <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo < c.length ? this.t[lane]!.get(lo) : Infinity;
  }

  /** A copy holding the first `lanes` lanes' trims at or before `cutMs`. */
  cut(lanes: number, cutMs: number): LaneTrims {
    const out = new LaneTrims();
    for (let lane = 0; lane < lanes; lane++) {
      const ts = this.t[lane]!;
      let k = 0;
      while (k < ts.length && ts.get(k) <= cutMs) k++;
      out.upTo.push(this.upTo[lane]!.cut(k));
      out.t.push(ts.cut(k));
    }
    return out;
  }
}

/** A time per record that is Infinity for nearly all of them: only the others are kept. */
export class SparseTimes {
  constructor(private readonly times = new Map<number, number>()) {}

  at(r: number): number {
    return this.times.get(r) ?? Infinity;
  }

  /** Sets record r's time unless it has one (the first one counts). */
  setFirst(r: number, t: number): void {
    if (!this.times.has(r)) this.times.set(r, t);
  }

  /** A copy holding records before `n` with times at or before `cutMs`. */
  cut(n: number, cutMs: number): SparseTimes {
    const out = new Map<number, number>();
    for (const [r, t] of this.times) if (r < n && t <= cutMs) out.set(r, t);
    return new SparseTimes(out);
  }
}
