/**
 * The order of an imported trace's facts (./trace.ts `ImportedFacts`), without a number per fact
 * when it can (issue 16: 10M imported records in 2 GiB; the order as one Int32 per fact was 8 B a
 * record). A fact is a ref: a record's write (2·record), its record-appended (2·record + 1), or `~k`
 * for the k-th of the few other facts.
 *
 * The facts are sorted by time, then phase (the table, stream and shard before the records, writes
 * before appends, findings and closed shards after), stably. So, leaving the other facts aside,
 * the records' facts come in groups of records of one time: the group's writes, then its appends,
 * each in the one order the records are sorted in. That order (`recs`, the record at each position;
 * none at all when it is the records' own order, as for one shard read in time order) and where the
 * other facts sit say every fact: one Int32 a record or nothing, instead of two.
 *
 * `factOrder` checks every fact of that reading against the sorted refs and keeps the refs as they
 * are if one differs (it cannot, by the argument above; the check is what makes the short form safe).
 *
 * Pure. May import: nothing. May not import: sim runtime, worker, ui.
 */

export interface FactOrder {
  readonly length: number;
  /** The ref of fact `f`, or undefined past the end. */
  ref(f: number): number | undefined;
  /** The facts that are not a record's (tables, lanes, findings), ascending. */
  otherFacts(): Int32Array;
}

/** The refs as they are, one Int32 a fact. */
class PlainOrder implements FactOrder {
  constructor(private readonly refs: Int32Array) {}

  get length(): number {
    return this.refs.length;
  }

  ref(f: number): number | undefined {
    return this.refs[f];
  }

  otherFacts(): Int32Array {
    const at: number[] = [];
    for (let f = 0; f < this.refs.length; f++) if (this.refs[f]! < 0) at.push(f);
    return Int32Array.from(at);
  }
}

/** A record order and the other facts' places (see the file's comment). */
class GroupedOrder implements FactOrder {
  constructor(
    readonly length: number,
    /** Records' facts are pairs: how many records. */
    private readonly n: number,
    /** The record at each position (undefined: position p is record p). */
    private readonly recs: Int32Array | undefined,
    /** The other facts' indexes, ascending, and their refs. */
    private readonly otherAt: Int32Array,
    private readonly otherRef: Int32Array,
    /** Record i's time: non-decreasing along `recs`. */
    private readonly times: ArrayLike<number>,
  ) {}

  otherFacts(): Int32Array {
    return this.otherAt.slice();
  }

  private rec(p: number): number {
    return this.recs ? this.recs[p]! : p;
  }

  ref(f: number): number | undefined {
    if (!(f >= 0 && f < this.length)) return undefined;
    const { otherAt, times } = this;
    // How many other facts are at or before f.
    let lo = 0;
    let hi = otherAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (otherAt[mid]! <= f) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && otherAt[lo - 1] === f) return this.otherRef[lo - 1];
    const g = f - lo;
    // Position g >> 1 is in the group holding fact g: the group is the positions sharing its time.
    const p = g >> 1;
    const t = times[this.rec(p)]!;
    let s = p;
    let e = p + 1;
    if (s > 0 && times[this.rec(s - 1)] === t) s = this.edge(0, s, t, true);
    if (e < this.n && times[this.rec(e)] === t) e = this.edge(e, this.n, t, false);
    const o = g - 2 * s;
    const size = e - s;
    return o < size ? 2 * this.rec(s + o) : 2 * this.rec(s + o - size) + 1;
  }

  /** In positions [lo, hi): the first whose time is `t` (`first`), or the first past `t`. */
  private edge(lo: number, hi: number, t: number, first: boolean): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const tm = this.times[this.rec(mid)]!;
      if (first ? tm < t : tm <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The order of `refs` (sorted by time and phase, as ./trace.ts makes them), `times` being each
 * record's time: the short form when it reads every fact back, the refs themselves otherwise.
 */
export function factOrder(refs: Int32Array, times: ArrayLike<number>): FactOrder {
  const others: number[] = [];
  let appends = 0;
  for (let f = 0; f < refs.length; f++) {
    const ref = refs[f]!;
    if (ref < 0) others.push(f);
    else if (ref & 1) appends++;
  }
  const n = (refs.length - others.length) / 2;
  if (appends !== n) return new PlainOrder(refs);
  const recs = new Int32Array(n);
  const otherRef = new Int32Array(others.length);
  let identity = true;
  let p = 0;
  let k = 0;
  for (let f = 0; f < refs.length; f++) {
    const ref = refs[f]!;
    if (ref < 0) otherRef[k++] = ref;
    else if (ref & 1) {
      recs[p] = ref >> 1;
      if (recs[p] !== p) identity = false;
      p++;
    }
  }
  const order = new GroupedOrder(refs.length, n, identity ? undefined : recs, Int32Array.from(others), otherRef, times);
  for (let f = 0; f < refs.length; f++) if (order.ref(f) !== refs[f]) return new PlainOrder(refs);
  return order;
}
