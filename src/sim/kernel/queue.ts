/**
 * The event queue: a binary min-heap ordered by (time, insertion order).
 *
 * Two events due at the same simulated millisecond run in the order they were scheduled, so a run
 * never depends on the heap's internal layout. Pure data structure: no clock, no world.
 */

export interface Scheduled<E> {
  readonly timeMs: number;
  readonly seq: number;
  readonly event: E;
}

export class EventQueue<E> {
  private heap: Scheduled<E>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Adds an event due at `timeMs`; returns its insertion sequence number. */
  push(timeMs: number, event: E): number {
    const seq = this.nextSeq++;
    this.heap.push({ timeMs, seq, event });
    this.siftUp(this.heap.length - 1);
    return seq;
  }

  /**
   * Adds an event with a chosen sequence number (any number, not only a whole one): a fork places an
   * intervention where a recompute from time 0 would have queued it, between two existing ones.
   */
  insert(timeMs: number, seq: number, event: E): void {
    this.heap.push({ timeMs, seq, event });
    this.siftUp(this.heap.length - 1);
  }

  /** Takes back the event `push` added last (it must not have been popped or sifted past since). */
  removeLast(): Scheduled<E> {
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

  /** The queued entries, in heap order (for snapshots: read, never change them). */
  entries(): readonly Scheduled<E>[] {
    return this.heap;
  }

  /** Sequence numbers handed out so far (the next `push` gets this one). */
  get pushed(): number {
    return this.nextSeq;
  }

  peek(): Scheduled<E> | undefined {
    return this.heap[0];
  }

  pop(): Scheduled<E> | undefined {
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
