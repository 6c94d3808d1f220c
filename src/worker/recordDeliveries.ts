/**
 * Each record's deliveries to consumers, for the timeline's "delivered n times" (issue 19): one
 * entry per delivery, pushed in trace order into growable columns, each pointing back to the same
 * record's previous delivery. "How often was record r delivered by time t" walks back from r's latest
 * delivery (a record is delivered a handful of times, so the walk is short).
 *
 * Why a chain and not per-record lists packed at the end: packing cost a pass over every record each
 * time an index was finished, a forked run's included, so an intervention at the playhead of a
 * million-record run paid for the whole past. Entries are only appended, so a fork takes its parent's
 * first entries by block copy (`cut`), and an index finished early (answered at the playhead, then
 * completed in place: `column.ts`) still reads right: whatever is added later is later in time, and
 * the walk skips it.
 *
 * The per-record column of latest deliveries is made at the first delivery (issue 16): an imported
 * run is never delivered, and kept 4 B a record of "none" in it.
 *
 * May import: ./column.ts. May not import: sim runtime, ui.
 */
import { Column, columns, cutColumns, lowerBound } from './column.ts';

/** No delivery (the start of a chain). */
const NONE = -1;

export class RecordDeliveries {
  constructor(
    /** Per delivery: when, the most deliveries of its record to one consumer so far, the record's previous delivery, the fact that made it. */
    private readonly d = columns({ t: Float64Array, max: Uint16Array, prev: Int32Array, fact: Uint32Array }),
    /** Per record: its latest delivery (`NONE`: not delivered yet); undefined until the first delivery. */
    private last: Column<Int32Array> | undefined = undefined,
    /** Records appended so far. */
    private records = last?.length ?? 0,
  ) {}

  /** A record was appended (records are numbered in append order). */
  addRecord(): void {
    this.last?.push(NONE);
    this.records++;
  }

  /** Record r was delivered at `t` (its `count`-th delivery to that consumer), by fact `fact`. */
  add(r: number, t: number, count: number, fact: number): void {
    let last = this.last;
    if (!last) {
      last = Column.of(Int32Array, this.records + (this.records >> 2));
      for (let k = 0; k < this.records; k++) last.push(NONE);
      this.last = last;
    }
    const prev = last.get(r);
    const before = prev === NONE ? 0 : this.d.max.get(prev);
    last.set(r, this.d.t.length);
    this.d.t.push(t);
    this.d.max.push(Math.max(before, Math.min(count, 0xffff)));
    this.d.prev.push(prev);
    this.d.fact.push(fact);
  }

  /** Most deliveries of record r to one consumer by `atMs` (0: none yet). */
  countAt(r: number, atMs: number): number {
    const { t, max, prev } = this.d;
    if (!this.last) return 0;
    let k = this.last.get(r);
    while (k !== NONE && t.get(k) > atMs) k = prev.get(k);
    return k === NONE ? 0 : max.get(k);
  }

  /** These deliveries as they stood after the first `facts` facts, for a run of `records` records forked there. */
  cut(facts: number, records: number): RecordDeliveries {
    // Deliveries are in fact order: the first `n` are the ones made before the cut.
    const n = lowerBound(this.d.fact.view(), facts);
    if (!this.last || n === 0) return new RecordDeliveries(cutColumns(this.d, n), undefined, records);
    const last = this.last.cut(records);
    for (let r = 0; r < records; r++) {
      let k = last.get(r);
      while (k >= n) k = this.d.prev.get(k);
      last.set(r, k);
    }
    return new RecordDeliveries(cutColumns(this.d, n), last);
  }

  /** The columns as plain arrays (tests compare two runs' deliveries). */
  toArrays(): { t: number[]; max: number[]; prev: number[]; fact: number[]; last: number[] } {
    const { t, max, prev, fact } = this.d;
    const last = this.last ? [...this.last.view()] : new Array<number>(this.records).fill(NONE);
    return { t: [...t.view()], max: [...max.view()], prev: [...prev.view()], fact: [...fact.view()], last };
  }
}
