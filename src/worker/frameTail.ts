/**
 * Only the tail (issue 16.2): the window's records and marks as columns, leaving out what the
 * client already holds. Records are append-only, so a record the client holds keeps its fixed
 * columns for the whole run; only its playhead columns (trimmed, deliveries, harm) move, and the
 * frame sends those for the held rows whose values differ between the client's playhead and this
 * one. With nothing held (a new run, a seek or zoom before what is held, a tool asking without
 * `knownRecords`), the frame carries the whole window as before.
 *
 * The client's side is `frameStore.ts`; a property test holds the two to a whole frame
 * (`frameTail.test.ts`).
 *
 * May import: ./runIndex.ts, protocol types. May not import: sim runtime, ui.
 */
import type { BatchColumns, BatchTail, FrameRequest, MarkColumns, MarkTail, RecordColumns, RecordTail } from './protocol.ts';
import { deliveriesAt, upperBound, type RunIndex } from './runIndex.ts';

/** The run records `[from, to)` the client lacks of the window `[start, end)`: all of it unless it holds a prefix. */
function lacking(known: { from: number; to: number } | undefined, start: number, end: number): number | undefined {
  if (!known || known.from > start || known.to < start) return undefined;
  return Math.min(Math.max(known.to, start), end);
}

/** The window's records `[start, end)` at `atMs`, or only the tail and the changes when the request says what the client holds. */
export function recordsFor(index: RunIndex, runId: number, request: FrameRequest, start: number, end: number, atMs: number, colour?: Uint32Array): { records: RecordColumns; recordTail?: RecordTail } {
  const rec = index.rec;
  const known = request.knownRecords?.runId === runId ? request.knownRecords : undefined;
  const sentFrom = lacking(known, start, end);
  const from = sentFrom ?? start;
  const n = end - from;
  const records: RecordColumns = {
    t: new Float64Array(n),
    lane: rec.lane.slice(from, end),
    event: rec.event.slice(from, end),
    key: rec.key.slice(from, end),
    trimmed: new Uint8Array(n),
    deliveries: new Uint16Array(n),
    harm: new Uint8Array(n),
    ordinal: rec.ordinal.slice(from, end),
    byService: rec.byService.slice(from, end),
    ...(colour ? { colour: colour.slice(from, end) } : {}),
  };
  for (let k = 0; k < n; k++) {
    const r = from + k;
    records.t[k] = rec.t(r);
    records.trimmed[k] = rec.trimmedAt(r) <= atMs ? 1 : 0;
    records.deliveries[k] = deliveriesAt(index, r, atMs);
    records.harm[k] = rec.harmAt(r) <= atMs ? 1 : 0;
  }
  if (sentFrom === undefined || !known) return { records };
  return { records, recordTail: { to: end, sentFrom, changed: changedSince(index, start, sentFrom, known.atMs, atMs) } };
}

/** Held records `[start, heldTo)` whose playhead columns differ between `before` and `atMs`. */
function changedSince(index: RunIndex, start: number, heldTo: number, before: number, atMs: number): RecordTail['changed'] {
  const rec = index.rec;
  const picked: number[] = [];
  if (before !== atMs) {
    for (let r = start; r < heldTo; r++) {
      const trimmedAt = rec.trimmedAt(r);
      const harmAt = rec.harmAt(r);
      if (trimmedAt <= before !== trimmedAt <= atMs || harmAt <= before !== harmAt <= atMs || deliveriesAt(index, r, before) !== deliveriesAt(index, r, atMs)) picked.push(r);
    }
  }
  const n = picked.length;
  const changed = { index: Uint32Array.from(picked), trimmed: new Uint8Array(n), deliveries: new Uint16Array(n), harm: new Uint8Array(n) };
  for (let k = 0; k < n; k++) {
    const r = picked[k]!;
    changed.trimmed[k] = rec.trimmedAt(r) <= atMs ? 1 : 0;
    changed.deliveries[k] = deliveriesAt(index, r, atMs);
    changed.harm[k] = rec.harmAt(r) <= atMs ? 1 : 0;
  }
  return changed;
}

/** The window's marks `[m0, m1)` (fixed once made), or only the ones the client lacks (`markTail.sentFrom` > `from`). */
export function marksFor(index: RunIndex, runId: number, request: FrameRequest, m0: number, m1: number): { marks: MarkColumns; markTail?: MarkTail } {
  const known = request.knownMarks?.runId === runId ? request.knownMarks : undefined;
  const sentFrom = lacking(known, m0, m1);
  const from = sentFrom ?? m0;
  const marks = index.marks.columns(from, m1);
  // Always said, so the client's store knows where the marks it holds start in the run.
  return { marks, markTail: { from: m0, to: m1, sentFrom: from } };
}

/**
 * The batches delivered by the playhead that overlap [fromMs, toMs] (outcome as known at the
 * playhead), or only the tail and the held ones whose outcome changed when they are one run of the
 * run's batches; `whole` packs them as the frame always did (`frames.ts` `batchesIn`).
 */
export function batchesFor(index: RunIndex, runId: number, request: FrameRequest, fromMs: number, toMs: number, atMs: number, whole: () => BatchColumns): { batches: BatchColumns; batchTail?: BatchTail } {
  const b = index.batches;
  const end = upperBound(b.t0, Math.min(toMs, atMs));
  let b0 = 0;
  while (b0 < end && Math.min(b.t1[b0]!, atMs) < fromMs) b0++;
  for (let i = b0; i < end; i++) if (Math.min(b.t1[i]!, atMs) < fromMs) return { batches: whole() }; // not one run
  const known = request.knownBatches?.runId === runId ? request.knownBatches : undefined;
  const sentFrom = lacking(known, b0, end) ?? b0;
  const n = end - sentFrom;
  const done = (i: number, at: number) => b.t1[i]! <= at;
  const batches: Required<BatchColumns> = {
    t0: b.t0.slice(sentFrom, end),
    t1: new Float64Array(n),
    consumer: b.consumer.slice(sentFrom, end),
    lane: b.lane.slice(sentFrom, end),
    worker: b.worker.slice(sentFrom, end),
    outcome: new Uint8Array(n),
    trigger: b.trigger.slice(sentFrom, end),
    count: b.count.slice(sentFrom, end),
    lastRecT: b.lastRecT.slice(sentFrom, end),
  };
  for (let k = 0; k < n; k++) {
    const i = sentFrom + k;
    batches.t1[k] = done(i, atMs) ? b.t1[i]! : NaN;
    batches.outcome[k] = done(i, atMs) ? b.outcome[i]! : 0;
  }
  const picked: number[] = [];
  if (known && known.atMs !== atMs) for (let i = b0; i < sentFrom; i++) if (done(i, known.atMs) !== done(i, atMs)) picked.push(i);
  const changed = { index: Uint32Array.from(picked), t1: new Float64Array(picked.length), outcome: new Uint8Array(picked.length) };
  picked.forEach((i, k) => {
    changed.t1[k] = done(i, atMs) ? b.t1[i]! : NaN;
    changed.outcome[k] = done(i, atMs) ? b.outcome[i]! : 0;
  });
  return { batches, batchTail: { from: b0, to: end, sentFrom, changed } };
}
