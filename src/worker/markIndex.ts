/**
 * The run's marks (records, checkpoints, crashes, batches, broken checks, …) in fact order, without
 * a row per record (issue 16: 10M imported records in 2 GiB). A record's mark is its record-appended
 * fact, on its lane, of no consumer: all of it is in the index's record columns already, and a row
 * of its own (fact, kind, consumer, lane) was about 11 B a record. The builder keeps rows for the
 * other marks only, each with its number among all marks (`at`); mark m is then the other mark
 * whose number is m, or else record m − (other marks before m). A run's records far outnumber its
 * other marks, so the search for m is over the short list.
 *
 * May import: ./columns.ts, ./column.ts, protocol types. May not import: sim runtime, ui.
 */
import { MARK_KINDS, NO_CONSUMER } from './columns.ts';
import { lowerBound } from './column.ts';
import type { MarkColumns } from './protocol.ts';

const RECORD = MARK_KINDS.indexOf('record');

/** The marks that are not records' (as the builder keeps them), `at`: each one's number among all marks. */
export interface OtherMarks {
  fact: Uint32Array;
  kind: Uint8Array;
  consumer: Uint16Array;
  lane: Int16Array;
  at: Uint32Array;
}

export class MarkIndex {
  /** How many marks: records' and others'. */
  readonly n: number;

  constructor(
    /** How many records, and each one's fact and lane (the index's `rec.fact`, `rec.lane`). */
    records: number,
    private readonly recFact: { get(r: number): number },
    private readonly recLane: ArrayLike<number>,
    private readonly other: OtherMarks,
    private readonly factTime: (fact: number) => number,
  ) {
    this.n = records + other.fact.length;
  }

  /** Mark m's time (its fact's): non-decreasing in m. */
  readonly t = (m: number): number => this.factTime(this.fact(m));

  /** The other mark that is mark m, or ~(the record that is). */
  private find(m: number): number {
    const k = lowerBound(this.other.at, m);
    return this.other.at[k] === m ? k : ~(m - k);
  }

  fact(m: number): number {
    const k = this.find(m);
    return k >= 0 ? this.other.fact[k]! : this.recFact.get(~k);
  }

  /** Index into `MARK_KINDS`. */
  kind(m: number): number {
    const k = this.find(m);
    return k >= 0 ? this.other.kind[k]! : RECORD;
  }

  /**
   * Marks [from, to) in order, each as `visit(m, fact, kind, consumer, lane)`: one search for the
   * first, then a walk (the other marks' list and the records' side by side).
   */
  each(from: number, to: number, visit: (m: number, fact: number, kind: number, consumer: number, lane: number) => void): void {
    const { at, fact, kind, consumer, lane } = this.other;
    let k = lowerBound(at, Math.max(0, from));
    for (let m = Math.max(0, from); m < Math.min(to, this.n); m++) {
      if (at[k] === m) {
        visit(m, fact[k]!, kind[k]!, consumer[k]!, lane[k]!);
        k++;
      } else {
        const r = m - k;
        // A record mark's lane as the Int16 column held it.
        visit(m, this.recFact.get(r), RECORD, NO_CONSUMER, (this.recLane[r]! << 16) >> 16);
      }
    }
  }

  /** Marks [from, to) as the frame's columns. */
  columns(from: number, to: number): MarkColumns {
    const n = Math.max(0, Math.min(to, this.n) - Math.max(0, from));
    const out = { t: new Float64Array(n), kind: new Uint8Array(n), consumer: new Uint16Array(n), lane: new Int16Array(n) };
    const base = Math.max(0, from);
    this.each(from, to, (m, f, kind, consumer, lane) => {
      const j = m - base;
      out.t[j] = this.factTime(f);
      out.kind[j] = kind;
      out.consumer[j] = consumer;
      out.lane[j] = lane;
    });
    return out;
  }
}
