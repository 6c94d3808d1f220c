/**
 * The main thread's store of the run's records, marks and batches that the current window holds (issue
 * 16.2): growable typed arrays per column, so while playing forward the worker sends only what was
 * appended since the last frame and the rows whose playhead columns changed (`frameTail.ts`), and
 * `fill` gives each frame its whole window back. A new run, or a window starting before what is
 * held, comes whole and replaces the store.
 *
 * A filled frame's fixed columns are views of the store's buffers: rows are only ever written at or
 * past the held end, with the values the run gives those records, so a view handed out earlier never
 * sees its rows change. Its playhead columns are copies (the store updates its own in place).
 *
 * May import: ./protocol.ts types. May not import: sim, host, ui.
 */
import type { BatchColumns, Frame, FrameRequest, MarkColumns, OlderRecordCounts, RecordColumns, RecordPlayheadColumns } from './protocol.ts';

type Column = Float64Array | Uint32Array | Uint16Array | Int16Array | Uint8Array;
type Columns = { [name: string]: Column };

const PLAYHEAD: ReadonlyArray<keyof RecordPlayheadColumns> = ['trimmed', 'deliveries', 'harm'];
const BATCH_PLAYHEAD = ['t1', 'outcome'] as const;

/** One run's rows `[from, to)` of a set of parallel columns; row r sits at `r - base`. */
class HeldRows<C extends object> {
  runId: number | undefined;
  from = 0;
  to = 0;
  private base = 0;
  private capacity = 0;
  private cols: Columns = {};

  reset(): void {
    this.runId = undefined;
    this.from = this.to = this.base = this.capacity = 0;
    this.cols = {};
  }

  /** The whole window, as sent: the store takes the (transferred) arrays. */
  adopt(runId: number, from: number, cols: C): void {
    this.runId = runId;
    this.cols = { ...(cols as Columns) };
    const n = Object.values(this.cols)[0]?.length ?? 0;
    this.base = this.from = from;
    this.to = from + n;
    this.capacity = n;
  }

  /** Keeps rows `[from, to)` of those held, then appends `tail` (rows `[to, to + n)`). */
  keepThenAppend(from: number, to: number, tail: C): void {
    if (this.runId === undefined || from < this.from || to > this.to || to < from) throw new Error(`frame tail [${from}, ${to}) does not fit the held rows [${this.from}, ${this.to})`);
    const sent = tail as Columns;
    const n = Object.values(sent)[0]?.length ?? 0;
    this.from = from;
    this.to = to;
    if (to + n - this.base > this.capacity) this.grow(to - from + n);
    for (const [name, column] of Object.entries(sent)) this.cols[name]!.set(column, to - this.base);
    this.to = to + n;
  }

  /** Room for `rows` from `from` on, with slack so a frame's few new rows rarely copy. */
  private grow(rows: number): void {
    const capacity = Math.max(64, rows * 2);
    const next: Columns = {};
    for (const [name, column] of Object.entries(this.cols)) {
      const Ctor = column.constructor as new (n: number) => Column;
      const grown = new Ctor(capacity);
      grown.set(column.subarray(this.from - this.base, this.to - this.base));
      next[name] = grown;
    }
    this.cols = next;
    this.base = this.from;
    this.capacity = capacity;
  }

  column(name: string): Column {
    return this.cols[name]!;
  }

  offset(row: number): number {
    return row - this.base;
  }

  /** The held rows: `copied` columns as copies, the rest as views. */
  view(copied: readonly string[] = []): C {
    const a = this.from - this.base;
    const b = this.to - this.base;
    const out: Columns = {};
    for (const [name, column] of Object.entries(this.cols)) out[name] = copied.includes(name) ? column.slice(a, b) : column.subarray(a, b);
    return out as C;
  }
}

export function createFrameStore() {
  const records = new HeldRows<RecordColumns>();
  const marks = new HeldRows<MarkColumns>();
  const batches = new HeldRows<BatchColumns>();
  let recordsAtMs = 0;
  /** The older records' counts of the last frame that had them (sent again only when they change). */
  let olderCounts: OlderRecordCounts | undefined;

  /** Batches are held only while the window's are one run of the run's batches (`batchTail`). */
  function fillBatches(frame: Frame): void {
    const tail = frame.batchTail;
    if (!tail) return batches.reset();
    if (tail.sentFrom === tail.from || batches.runId !== frame.runId) batches.adopt(frame.runId, tail.from, frame.batches);
    else {
      batches.keepThenAppend(tail.from, tail.sentFrom, frame.batches);
      const { index } = tail.changed;
      for (const name of BATCH_PLAYHEAD) {
        const held = batches.column(name);
        const values = tail.changed[name];
        for (let k = 0; k < index.length; k++) held[batches.offset(index[k]!)] = values[k]!;
      }
    }
    frame.batches = batches.view(BATCH_PLAYHEAD);
    delete frame.batchTail;
  }

  return {
    known(): Pick<FrameRequest, 'knownRecords' | 'knownMarks' | 'knownBatches' | 'knownOlderCounts'> {
      return {
        ...(olderCounts ? { knownOlderCounts: olderCounts.key } : {}),
        ...(records.runId !== undefined ? { knownRecords: { runId: records.runId, from: records.from, to: records.to, atMs: recordsAtMs } } : {}),
        ...(marks.runId !== undefined ? { knownMarks: { runId: marks.runId, from: marks.from, to: marks.to } } : {}),
        ...(batches.runId !== undefined ? { knownBatches: { runId: batches.runId, from: batches.from, to: batches.to, atMs: recordsAtMs } } : {}),
      };
    },
    reset(): void {
      records.reset();
      marks.reset();
      batches.reset();
      olderCounts = undefined;
    },
    /** Puts the window back into a frame as received, and keeps it for the next. */
    fill(frame: Frame): Frame {
      const tail = frame.recordTail;
      if (!tail || records.runId !== frame.runId) records.adopt(frame.runId, frame.recordFrom, frame.records);
      else {
        records.keepThenAppend(frame.recordFrom, tail.sentFrom, frame.records);
        const { index } = tail.changed;
        for (const name of PLAYHEAD) {
          const held = records.column(name);
          const values = tail.changed[name];
          for (let k = 0; k < index.length; k++) held[records.offset(index[k]!)] = values[k]!;
        }
      }
      recordsAtMs = frame.atMs;
      frame.records = records.view(PLAYHEAD);
      delete frame.recordTail;
      const markTail = frame.markTail;
      if (!markTail || markTail.sentFrom === markTail.from || marks.runId !== frame.runId) marks.adopt(frame.runId, markTail?.from ?? 0, frame.marks);
      else marks.keepThenAppend(markTail.from, markTail.sentFrom, frame.marks);
      frame.marks = marks.view();
      delete frame.markTail;
      fillBatches(frame);
      if (frame.olderCountsHeld && olderCounts) frame.olderCounts = olderCounts;
      olderCounts = frame.olderCounts;
      delete frame.olderCountsHeld;
      return frame;
    },
  };
}
