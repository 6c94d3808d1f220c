/**
 * Reads the trace facts a consumer produced since the last evaluation and advances its check state:
 * per-item order (d) and exactly-once (c) on each `record-processed`, backwards checkpoints (f) and
 * the records a checkpoint moves past (b) on each `checkpoint`, unread records (e) on each
 * `records-trimmed`, and the oracle and the dirty target rows for the target check (a). Violations
 * are appended to `out`; nothing here writes the world.
 */
import type { World } from '../world.ts';
import type { TraceEvent } from '../trace/events.ts';
import { UNKNOWN } from '../handlers/kinds.ts';
import { diffWrites } from '../handlers/writes.ts';
import { addIncident, describe, whyLost, whyRedelivered } from './explain.ts';
import { formatDuration, formatSimTime, listInWords, listSentences } from './format.ts';
import { fullView, sequenceText, type IndexState, type RecordInfo } from './recordIndex.ts';
import { itemIdOfInfo, type CheckpointFact, type ConsumerCheckState, type Violation } from './state.ts';

type Fact<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;
type Index = IndexState;

export interface Outcome extends Violation {
  kind: 'broken' | 'restored';
}

const broken = (check: Violation['check'], message: string, eventIDs: string[]): Outcome => ({ kind: 'broken', check, message, eventIDs });

/** Applies every fact from the state's cursor to the end of the trace. */
export function scanFacts(world: World, st: ConsumerCheckState, idx: Index, out: Outcome[]): void {
  const trace = world.trace;
  for (; st.cursor < trace.length; st.cursor++) {
    const f = trace.at(st.cursor)!;
    if (f.type === 'write') {
      if (st.reg && f.table === st.reg.handler.targetTable) st.dirty.add(f.keyString);
      continue;
    }
    if (f.type === 'records-trimmed') {
      onTrimmed(world, st, idx, f, out);
      continue;
    }
    if (!('consumer' in f) || f.consumer !== st.consumer) continue;
    if (f.type === 'consumer-started') st.startedAt ??= f.t;
    else if (f.type === 'crash') st.crashes.push({ t: f.t, worker: f.worker });
    else if (f.type === 'batch-delivered') onBatch(st, f, out);
    else if (f.type === 'record-processed') onProcessed(st, idx, f, out);
    else if (f.type === 'checkpoint') onCheckpoint(st, idx, f, out);
    else if (f.type === 'records-filtered') onFiltered(st, f);
  }
}

/** Filtered-out records count as consumed (reference §6.7, check 57): they are not lost. */
function onFiltered(st: ConsumerCheckState, f: Fact<'records-filtered'>): void {
  for (const id of f.eventIDs) {
    st.filtered.add(id);
    st.pendingLoss.delete(id);
  }
}

function onBatch(st: ConsumerCheckState, f: Fact<'batch-delivered'>, out: Outcome[]): void {
  st.batches.set(f.batchId, { t: f.t, worker: f.worker, trigger: f.trigger, attempt: f.attempt });
  st.streams.add(f.streamArn);
  for (const id of f.eventIDs) st.delivered.add(id);
  confirmPassed(st, f.shardId, BigInt(f.firstSequenceNumber), f.t, out);
}

function onProcessed(st: ConsumerCheckState, idx: Index, f: Fact<'record-processed'>, out: Outcome[]): void {
  st.delivered.add(f.eventID);
  const info = idx.byEvent.get(f.eventID);
  if (!info) return;
  let p = st.processed.get(f.eventID);
  if (!p) st.processed.set(f.eventID, (p = { ok: 0, applied: 0 }));
  if (f.effect === 'failed') {
    p.failedAt ??= f.t;
    addIncident(st, info, `${describe(st, info)}: the handler failed on it at ${formatSimTime(f.t)}`);
    return;
  }
  const appliedBefore = p.applied > 0;
  p.ok++;
  p.lastEffect = f.effect;
  if (f.effect === 'applied') {
    if (appliedBefore) onReapplied(st, info, f, out);
    else {
      onFirstApplication(st, info, f.t, out);
      p.firstAppliedAt = f.t;
      p.firstWorker = f.worker;
    }
    p.applied++;
  } else if ((f.effect === 'skipped-stale' || (f.effect === 'ignored' && ignoringMatters(st, info))) && !appliedBefore) {
    const why = f.effect === 'ignored' ? 'was ignored by the handler (its stream record lacks an image the handler needs?)' : 'was skipped as stale although it had never been applied';
    addIncident(st, info, `${describe(st, info)} ${why}`);
  }
  if (st.lost.delete(f.eventID) && st.lost.size === 0 && st.lostReported) {
    st.lostReported = false;
    out.push({ kind: 'restored', check: 'at-least-once', message: `Every record ${st.consumer} moved past has now been processed.`, eventIDs: [] });
  }
  st.pendingLoss.delete(f.eventID);
  confirmPassed(st, info.shardId, info.seq, f.t, out);
  updateOracle(st, info);
}

/**
 * Whether ignoring a record can leave the target wrong: only when, read with full images, it is
 * relevant to the handler and moves something. Handlers also answer `ignored` for records that
 * change nothing they keep (a vote MODIFY that only touches `votedAt`); those used to be recorded as
 * incidents ("lacks an image the handler needs?") and then named as a cause, among the eventIDs of
 * `invariant-broken` facts, whenever the candidate's count was wrong for another reason.
 */
function ignoringMatters(st: ConsumerCheckState, info: RecordInfo): boolean {
  const reg = st.reg;
  if (!reg) return true;
  const view = fullView(info);
  const { logic, sourceKeyNames, targetSchema } = reg.parts;
  if (!logic.relevant(view)) return false;
  const before = logic.before(view, sourceKeyNames);
  const after = logic.after(view, sourceKeyNames);
  if (before === UNKNOWN || after === UNKNOWN) return true;
  return diffWrites(targetSchema, logic.deletes, before, after).length > 0;
}

/** (c) and the harm story: a record applied again. */
function onReapplied(st: ConsumerCheckState, info: RecordInfo, f: Fact<'record-processed'>, out: Outcome[]): void {
  const why = whyRedelivered(st, info, f.batchId, f.t);
  const counts = st.reg?.parts.logic.family === 'counts';
  if (f.harm) addIncident(st, info, `${describe(st, info)} ${counts ? 'counted twice' : 'applied again'}: ${why}`);
  const mode = st.reg?.handler.spec.idempotency;
  // Only built-in modes claim idempotency; the learner's code is judged by its target.
  if (mode && mode !== 'none' && mode !== 'user') {
    out.push(broken('exactly-once', `${describe(st, info)} was applied a second time at ${formatSimTime(f.t)} although ${st.consumer}'s handler deduplicates (${mode}): ${why}.`, [info.eventID]));
  }
}

/** (d): a record applied for the first time after a newer record of the same item. */
function onFirstApplication(st: ConsumerCheckState, info: RecordInfo, t: number, out: Outcome[]): void {
  const id = itemIdOfInfo(info);
  const newest = st.maxApplied.get(id);
  if (newest && info.seq < newest.info.seq) {
    const text = `${describe(st, info)} was applied at ${formatSimTime(t)} after the newer ${describe(st, newest.info)} (applied at ${formatSimTime(newest.t)})`;
    addIncident(st, info, text);
    out.push(broken('per-item-order', `${text}: the target went back to an older state of the item.`, [info.eventID, newest.info.eventID]));
  }
  if (!newest || info.seq > newest.info.seq) st.maxApplied.set(id, { info, t });
}

/** Feeds the oracle: the item's newest relevant record processed decides its contribution. */
function updateOracle(st: ConsumerCheckState, info: RecordInfo): void {
  const reg = st.reg;
  if (!reg || !st.oracle) return;
  const view = fullView(info);
  if (!reg.parts.logic.relevant(view)) return;
  const id = itemIdOfInfo(info);
  const latest = st.latest.get(id);
  if (latest && latest.seq >= info.seq) return;
  st.latest.set(id, info);
  const c = reg.parts.logic.after(view, reg.parts.sourceKeyNames);
  for (const ks of st.oracle.set(id, c === UNKNOWN ? undefined : c)) st.dirty.add(ks);
}

/** Checkpoint order: TRIM_HORIZON before every record, SHARD_END after; LATEST has no place. */
function rank(v: string): bigint | undefined {
  if (v === 'TRIM_HORIZON') return -1n;
  if (v === 'SHARD_END') return 10n ** 60n;
  return /^\d+$/.test(v) ? BigInt(v) : undefined;
}

function onCheckpoint(st: ConsumerCheckState, idx: Index, f: Fact<'checkpoint'>, out: Outcome[]): void {
  const cp: CheckpointFact = { t: f.t, worker: f.worker, value: f.value, label: sequenceText(idx, f.shardId, f.value) };
  const history = st.checkpoints.get(f.shardId) ?? [];
  st.checkpoints.set(f.shardId, history);
  const r = rank(f.value);
  const prev = [...history].reverse().find((h) => rank(h.value) !== undefined);
  history.push(cp);
  if (r === undefined) return;
  const recs = idx.byShard.get(f.shardId) ?? [];
  if (prev && r < rank(prev.value)!) {
    const between = recs.filter((x) => x.seq > r && x.seq <= rank(prev.value)!);
    out.push(
      broken(
        'checkpoint-monotonic',
        `${f.worker} checkpointed ${f.shardId} at ${cp.label} (${formatSimTime(f.t)}), behind ${prev.worker}'s checkpoint at ${prev.label} (${formatSimTime(prev.t)}): ` +
          `${between.length} record(s) in between will be processed again after a restart.`,
        between.map((x) => x.eventID),
      ),
    );
  }
  let i = st.covered.get(f.shardId) ?? 0;
  for (; i < recs.length && recs[i]!.seq <= r; i++) {
    const rec = recs[i]!;
    const done = (st.processed.get(rec.eventID)?.ok ?? 0) > 0 || st.filtered.has(rec.eventID);
    if (!done && (st.startedAt === undefined || rec.appendedAt >= st.startedAt)) st.pendingLoss.set(rec.eventID, { info: rec, checkpoint: cp });
  }
  st.covered.set(f.shardId, i);
}

/**
 * (b): records a checkpoint moved past are lost once the consumer goes on reading after them (a
 * later batch or record on the shard) — or at the end of the run (`flush`). Waiting for that keeps
 * a checkpoint-before-processing batch that is still being worked on from counting as lost.
 */
export function confirmPassed(st: ConsumerCheckState, shardId: string | undefined, seq: bigint | undefined, t: number, out: Outcome[]): void {
  const newly: string[] = [];
  for (const [id, p] of st.pendingLoss) {
    const passed = shardId === undefined || (p.info.shardId === shardId && seq !== undefined && p.info.seq < seq && p.checkpoint.t <= t);
    if (!passed) continue;
    st.pendingLoss.delete(id);
    const text = `${describe(st, p.info)} was never processed: ${whyLost(st, p)}`;
    st.lost.set(id, text);
    addIncident(st, p.info, text);
    newly.push(id);
  }
  if (newly.length === 0) return;
  st.lostReported = true;
  const texts = newly.map((id) => st.lost.get(id)!);
  const message = newly.length === 1 ? `${texts[0]}.` : `${newly.length} records ${st.consumer} moved past were never processed: ${listSentences(texts, 2)}.`;
  out.push(broken('at-least-once', message, newly));
}

/** (e): records trimmed from a shard of the consumer's stream before it read them. */
function onTrimmed(world: World, st: ConsumerCheckState, idx: Index, f: Fact<'records-trimmed'>, out: Outcome[]): void {
  const source = st.reg?.handler.spec.sourceTable;
  const stream = world.streams.get(f.streamArn);
  const ours = source !== undefined ? stream?.tableName === source && !stream.replicaOf : st.streams.has(f.streamArn);
  if (!ours) return;
  const recs = idx.byShard.get(f.shardId) ?? [];
  const last = BigInt(f.lastSequenceNumber);
  const unread: RecordInfo[] = [];
  let i = st.trimmed.get(f.shardId) ?? 0;
  for (; i < recs.length && recs[i]!.seq <= last; i++) {
    const rec = recs[i]!;
    if (!st.delivered.has(rec.eventID) && (st.startedAt === undefined || rec.appendedAt >= st.startedAt)) unread.push(rec);
  }
  st.trimmed.set(f.shardId, i);
  if (unread.length === 0) return;
  const names = unread.map((r) => `${describe(st, r)} appended at ${formatSimTime(r.appendedAt)}`);
  const retention = formatDuration(world.options.retentionMs);
  out.push(
    broken(
      'trimmed-unread',
      `${unread.length} record(s) of ${f.shardId} were trimmed at ${formatSimTime(f.t)} (older than the ${retention} retention) before ${st.consumer} read them: ${listInWords(names)}.`,
      unread.map((r) => r.eventID),
    ),
  );
}
