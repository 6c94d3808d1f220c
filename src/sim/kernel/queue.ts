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
