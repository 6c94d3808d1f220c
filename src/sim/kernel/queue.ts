/**
 * The event queue: a binary min-heap ordered by (time, insertion order).
 *
 * Two events due at the same simulated millisecond run in the order they were scheduled, so a run
 * never depends on the heap's internal layout. Pure data structure: no clock, no world.
 *
 * A scenario's script (its scheduled calls, often a whole run's worth) is pushed before the run:
 * such pushes go to `script`, a list sorted by (time, seq) once when the run starts (the first peek or
 * pop) and read by a cursor instead of the heap. It is cut into frozen chunks then, so a world
 * snapshot shares them instead of copying a million entries (issue 19: dense, cheap snapshots), and a
 * running queue lets go of each chunk it has read (its events are done). Pushes before the run need
 * not come in time order: a table's shard rollover, queued at its creation for an hour later, used to
 * send every scripted write of that hour to the heap, which each snapshot then copied. Now the few
 * entries out of order (such rollovers) go to the heap when the run starts and the rest stay the
 * script; a script with many out of order is sorted. The order of events is the same as with one
 * heap: (time, seq).
 */

export interface Scheduled<E> {
  readonly timeMs: number;
  readonly seq: number;
  readonly event: E;
}

/** Script entries per frozen chunk. */
const SCRIPT_SHIFT = 12;
const SCRIPT_CHUNK = 1 << SCRIPT_SHIFT;
const SCRIPT_MASK = SCRIPT_CHUNK - 1;
/** At most this many script entries outside its longest run go to the heap (`longestRun`); with more, the script is sorted. */
const MAX_OUTLIERS = 256;
/** Order breaks `push` remembers before the run starts (`runStarts`); with more, the script is sorted. */
const MAX_RUNS = 64;

export class EventQueue<E> {
  private heap: Scheduled<E>[] = [];
  private nextSeq = 0;
  /** Events pushed before the run starts (undefined from then on: they are in `chunks`). */
  private pending: Scheduled<E>[] | undefined = [];
  /**
   * Whether `pending` is known to be in (time, seq) order: checked against the last entry as each
   * is pushed (while both are in the cache), so the run's start need not walk a million cold
   * entries to find out (about 3% of a scripted run). False means "maybe not": `start` checks.
   */
  private pendingSorted = true;
  /**
   * Where `pending` breaks its order, increasing: each index whose entry comes before the one pushed
   * just ahead of it starts a new run, so each run between two boundaries is in order. Undefined
   * once there are more than MAX_RUNS (then `start` sorts).
   */
  private runStarts: number[] | undefined = [];
  /** The script in (time, seq) order, in frozen chunks shared by copies; a chunk read to its end is dropped (undefined). */
  private chunks: Array<readonly Scheduled<E>[] | undefined> = [];
  private scriptLength = 0;
  /** The first script entry not yet popped. */
  private cursor = 0;

  get size(): number {
    return this.heap.length + (this.pending ? this.pending.length : this.scriptLength - this.cursor);
  }

  /** Adds an event due at `timeMs`; returns its insertion sequence number. */
  push(timeMs: number, event: E): number {
    const seq = this.nextSeq++;
    const pending = this.pending;
    if (pending) {
      // Seqs only grow: in order when not due before the last one pushed.
      if (pending.length > 0 && pending[pending.length - 1]!.timeMs > timeMs) {
        this.pendingSorted = false;
        const runs = this.runStarts;
        if (runs !== undefined) {
          if (runs.length < MAX_RUNS) runs.push(pending.length);
          else this.runStarts = undefined;
        }
      }
      pending.push({ timeMs, seq, event });
      return seq;
    }
    this.heap.push({ timeMs, seq, event });
    this.siftUp(this.heap.length - 1);
    return seq;
  }

  /**
   * Adds an event with a chosen sequence number (any number, not only a whole one): a fork places an
   * intervention where a recompute from time 0 would have queued it, between two existing ones.
   */
  insert(timeMs: number, seq: number, event: E): void {
    this.insertEntry({ timeMs, seq, event });
  }

  /** Puts an entry as it is on the heap (a script's few out-of-order entries when the run starts). */
  private insertEntry(entry: Scheduled<E>): void {
    this.heap.push(entry);
    this.siftUp(this.heap.length - 1);
  }

  /** Takes back the event `push` added last (it must not have been popped or sifted past since). */
  removeLast(): Scheduled<E> {
    const pending = this.pending;
    if (pending && pending.length > 0 && pending[pending.length - 1]!.seq === this.nextSeq - 1) {
      this.nextSeq--;
      const last = pending.pop()!;
      // A boundary at the entry taken back (or past it) no longer names a break.
      const runs = this.runStarts;
      while (runs !== undefined && runs.length > 0 && runs[runs.length - 1]! >= pending.length) runs.pop();
      return last;
    }
    let at = -1;
    for (let i = 0; i < this.heap.length; i++) if (this.heap[i]!.seq === this.nextSeq - 1) at = i;
    if (at < 0) throw new RangeError('the last pushed event is no longer queued');
    const [item] = this.heap.splice(at, 1, this.heap[this.heap.length - 1]!);
    this.heap.pop();
    if (at < this.heap.length) {
      this.siftDown(at);
      this.siftUp(at);
    }
    this.nextSeq--;
    return item!;
  }

  /** The queued entries outside the shared script, in no particular order (for snapshots: read, never change them). */
  entries(): readonly Scheduled<E>[] {
    return this.pending ? [...this.heap, ...this.pending] : this.heap;
  }

  /** Sequence numbers handed out so far (the next `push` gets this one). */
  get pushed(): number {
    return this.nextSeq;
  }

  /** The run starts: the script is put in (time, seq) order and cut into frozen chunks (shared by copies from now on). */
  private start(): void {
    const script = this.pending!;
    this.pending = undefined;
    // Nearly always already sorted (a script is written in time order): known from the pushes, else one pass says so.
    let sorted = this.pendingSorted;
    let from = 0;
    let to = script.length;
    const longest = sorted ? undefined : this.longestRun(script.length);
    if (longest !== undefined) {
      // The other runs are few entries (rollovers queued hours ahead of the writes): they go to the
      // heap and the longest run is the script, unsorted and unread (its entries are cold: sorting
      // a million of them, a comparator call each, cost ~3% of a scripted run).
      [from, to] = longest;
      for (let i = 0; i < from; i++) this.insertEntry(script[i]!);
      for (let i = to; i < script.length; i++) this.insertEntry(script[i]!);
      sorted = true;
    }
    if (!sorted) {
      sorted = true;
      for (let i = 1; i < script.length && sorted; i++) sorted = !this.before(script[i]!, script[i - 1]!);
    }
    if (!sorted) script.sort((a, b) => (this.before(a, b) ? -1 : 1));
    for (let i = from; i < to; i += SCRIPT_CHUNK) this.chunks.push(Object.freeze(script.slice(i, Math.min(i + SCRIPT_CHUNK, to))));
    this.scriptLength = to - from;
  }

  /**
   * The longest run of `pending` (by `runStarts`) as [from, to), when every entry outside it is one
   * of a few (at most MAX_OUTLIERS, and a sixteenth of the script); else undefined. Those few may go
   * to the heap and the run stay the script: `popDue` takes the earlier of the script's next entry
   * and the heap's top, so the order of events is the same as with the whole script sorted.
   */
  private longestRun(n: number): [number, number] | undefined {
    const runs = this.runStarts;
    if (runs === undefined) return undefined;
    let from = 0;
    let to = 0;
    for (let r = 0; r <= runs.length; r++) {
      const s = r === 0 ? 0 : runs[r - 1]!;
      const e = r === runs.length ? n : runs[r]!;
      if (e - s > to - from) [from, to] = [s, e];
    }
    const outliers = n - (to - from);
    return outliers <= Math.min(MAX_OUTLIERS, n >>> 4) ? [from, to] : undefined;
  }

  /** The next script entry, if any. */
  private scriptNext(): Scheduled<E> | undefined {
    return this.cursor < this.scriptLength ? this.chunks[this.cursor >>> SCRIPT_SHIFT]![this.cursor & SCRIPT_MASK] : undefined;
  }

  peek(): Scheduled<E> | undefined {
    if (this.pending) this.start();
    const top = this.heap[0];
    const next = this.scriptNext();
    if (next === undefined) return top;
    return top === undefined || this.before(next, top) ? next : top;
  }

  pop(): Scheduled<E> | undefined {
    return this.popDue(Infinity);
  }

  /** `pop`, but only an event due at or before `limitMs` (else undefined, and nothing is taken): a peek and a pop in one. */
  popDue(limitMs: number): Scheduled<E> | undefined {
    if (this.pending) this.start();
    const next = this.scriptNext();
    const top = this.heap[0];
    if (next !== undefined && (top === undefined || this.before(next, top))) {
      if (next.timeMs > limitMs) return undefined;
      // A chunk read to its end is let go of (copies taken earlier keep their own reference).
      if ((++this.cursor & SCRIPT_MASK) === 0) this.chunks[(this.cursor >>> SCRIPT_SHIFT) - 1] = undefined;
      return next;
    }
    if (top === undefined || top.timeMs > limitMs) return undefined;
    return this.popHeap();
  }

  private popHeap(): Scheduled<E> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Copies the queue (events are shared; they are immutable). Used for snapshots. */
  clone(): EventQueue<E> {
    const q = new EventQueue<E>();
    q.heap = this.heap.slice();
    q.nextSeq = this.nextSeq;
    q.pending = this.pending?.slice();
    q.pendingSorted = this.pendingSorted;
    q.runStarts = this.runStarts?.slice();
    q.chunks = this.chunks.slice();
    q.scriptLength = this.scriptLength;
    q.cursor = this.cursor;
    return q;
  }

  private before(a: Scheduled<E>, b: Scheduled<E>): boolean {
    return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const item = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!this.before(item, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = item;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && this.before(heap[r]!, heap[l]!) ? r : l;
      if (!this.before(heap[child]!, item)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = item;
  }
}
