/**
 * The text event log: what happened up to the playhead, in words, one line per notable fact
 * (writes and the records they appended, refused writes, crashes and restarts, replays, broken and
 * restored checks, interventions, shards opening and closing, trimming, leases changing hands). It
 * is what a screen reader user reads instead of the timeline. Built from trace facts only, bounded:
 * at most `MAX_LOG_LINES` lines, looking back at most `MAX_LOG_SCAN` facts.
 *
 * Built only for a frame that asks for it (`FrameRequest.eventLog`: a panel shows it), so in the
 * browser this module is a chunk of its own that the host loads on the first such frame: the run's
 * first frame, with the log's tab closed, never waits for it.
 *
 * May import: sim types, protocol types, ./view.ts, ./factReads.ts, ./frames.ts (`ordinalOf`), ./run.ts and ./fold.ts types. May not import: sim runtime, ui.
 */
import type { Item, FactList, TraceEvent } from '../sim/index.ts';
import type { EventLogLine } from './protocol.ts';
import type { FoldState } from './fold.ts';
import type { Run } from './run.ts';
import { recordHead } from './factReads.ts';
import { ordinalOf } from './frames.ts';
import { keySummary } from './view.ts';

export const MAX_LOG_LINES = 12;
export const MAX_LOG_SCAN = 20_000;

const short = (id: string) => `…${id.slice(id.lastIndexOf('-') + 1)}`;
// A record is named by its place on its shard (`#3`), as the timeline and panels name it
// (ui/panels/sequenceLabel.ts): the last digits of real sequence numbers do not sort.
const shortSeq = (seq: string) => (seq.length > 6 ? `…${seq.slice(-6)}` : seq);
const recordLabel = (ctx: LogContext, shardId: string, seq: string) => {
  const n = ctx.ordinalOf?.(shardId, seq);
  return n === undefined ? shortSeq(seq) : `#${n}`;
};
const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** What the log needs to know of the run's tables. */
export interface LogContext {
  /** An item key for people (`ada`). */
  keyOf: (table: string, key: Record<string, unknown>) => string;
  /** The consumer that created a table, and whether it is a KCL lease table (whose writes are bookkeeping, left out). */
  tableInfo: (table: string) => { owner?: string; lease: boolean };
  /** A record's place on its shard (1 for the first), when known. */
  ordinalOf?: (shardId: string, sequenceNumber: string) => number | undefined;
}

/** The context for the run's tables at the playhead (the fold's tables: key attributes and owner). */
export function logContext(
  tables: ReadonlyMap<string, { keyAttributes: readonly string[]; owner?: string | undefined }>,
  ordinalOf?: LogContext['ordinalOf'],
): LogContext {
  return {
    ...(ordinalOf ? { ordinalOf } : {}),
    keyOf: (table, key) => keySummary(key as Item, tables.get(table)?.keyAttributes ?? []),
    tableInfo: (table) => {
      const t = tables.get(table);
      // KCL's metadata tables (leases; KCL 3.x's coordinator state and worker metrics) are bookkeeping, not the story's writes.
      const kclMeta = t?.owner !== undefined && (t.keyAttributes.includes('leaseKey') || /-(CoordinatorState|WorkerMetricStats)$/.test(table));
      return { ...(t?.owner ? { owner: t.owner } : {}), lease: kclMeta };
    },
  };
}

/** The run's log at the fold's state (its tables, its fact count), records named by their place on their shard. */
export function eventLogAt(r: Run, state: FoldState): EventLogLine[] {
  return eventLogUpTo(r.trace, state.factCount - 1, logContext(state.tables, (shardId, seq) => ordinalOf(r.index, shardId, seq)));
}

/** Is this fact worth a line of its own (or does it start one)? */
function notable(e: TraceEvent, ctx: LogContext): boolean {
  switch (e.type) {
    case 'write':
    case 'write-rejected':
      return !ctx.tableInfo(e.table).lease;
    case 'crash':
    case 'restart':
    case 'invariant-broken':
    case 'invariant-restored':
    case 'fault-injected':
    case 'shard-closed':
    case 'records-trimmed':
    case 'batch-failed':
    case 'lease-taken':
    case 'read-throttled':
    case 'leader-elected':
    case 'lease-handed-off':
      return true;
    case 'lease-assigned':
      return e.reason === 'rebalance';
    case 'shard-opened':
      return e.parentShardId !== undefined;
    case 'record-processed':
      return e.deliveryCount > 1;
    default:
      return false;
  }
}

/** One fact in words, or undefined when it only adds to the line before it. */
function describe(e: TraceEvent, ctx: LogContext): Omit<EventLogLine, 'atMs'> | undefined {
  const keyOf = ctx.keyOf;
  switch (e.type) {
    case 'write': {
      const who = `${e.op} ${keyOf(e.table, e.key)}`;
      if (e.outcome === 'no-op') return { kind: 'write', text: `${who} on ${e.table}: nothing changed, so no stream record` };
      return { kind: 'write', text: `${who} on ${e.table}${e.byService ? ' (TTL, by the service)' : ''}: ${e.outcome}` };
    }
    case 'write-rejected':
      return { kind: 'refused', text: `${e.op} ${keyOf(e.table, e.key)} on ${e.table} refused by its condition: nothing changed, no stream record` };
    case 'crash':
      return { kind: 'crash', text: `${e.consumer} ${e.worker} crashed${e.reason ? ` (${e.reason})` : ''}` };
    case 'restart':
      return { kind: 'other', text: `${e.consumer} ${e.worker} restarted` };
    case 'invariant-broken':
      return { kind: 'broken', text: `check ${e.check} broken for ${e.consumer}: ${e.message}` };
    case 'invariant-restored':
      return { kind: 'restored', text: `check ${e.check} holds again for ${e.consumer}` };
    case 'fault-injected': {
      const what = e.kind === 'write' ? `your ${String(e.params.operation)} on ${e.target}` : `${e.kind} on ${e.target}`;
      return { kind: 'fault', text: e.applied ? `intervention: ${what}` : `intervention ${what} did nothing: ${e.note ?? 'it does not apply'}` };
    }
    case 'shard-opened':
      return { kind: 'shard', text: `shard ${short(e.shardId)} opened, child of ${short(e.parentShardId ?? '')}` };
    case 'shard-closed':
      return { kind: 'shard', text: `shard ${short(e.shardId)} closed (${e.reason})` };
    case 'records-trimmed':
      return { kind: 'other', text: `retention trimmed ${e.count} record${e.count === 1 ? '' : 's'} from shard ${short(e.shardId)}` };
    case 'batch-failed':
      return { kind: 'crash', text: `${e.consumer} ${e.worker}: batch ${e.batchId} on shard ${short(e.shardId)} failed (${e.error})` };
    case 'lease-taken':
      return { kind: 'other', text: `${e.consumer} ${e.worker} took the lease of shard ${short(e.shardId)}${e.previousOwner ? ` from ${e.previousOwner}` : ''} (${e.reason})` };
    case 'leader-elected':
      return { kind: 'other', text: `${e.consumer} ${e.worker} is the leader now (it holds the lock in ${e.consumer}-CoordinatorState)` };
    case 'lease-assigned':
      return e.reason === 'rebalance'
        ? { kind: 'other', text: `${e.consumer} leader ${e.worker} moves shard ${short(e.shardId)} from ${e.previousOwner ?? '—'} to ${e.to} by utilisation: a graceful handoff` }
        : undefined;
    case 'lease-handed-off':
      return { kind: 'other', text: `${e.consumer} ${e.worker} checkpointed and handed shard ${short(e.shardId)} to ${e.to ?? 'its new owner'}` };
    case 'read-throttled':
      return { kind: 'other', text: `${e.consumer} ${e.worker}: GetRecords on shard ${short(e.shardId)} throttled (LimitExceededException: ${e.readers} readers, AWS plans for 2); it backs off` };
    default:
      return undefined;
  }
}

/**
 * The log up to fact `lastFact` (inclusive): the last `MAX_LOG_LINES` lines, oldest first. A write
 * and the record it appended share a line; repeated deliveries of one batch share a line.
 */
export function eventLogUpTo(trace: FactList, lastFact: number, ctx: LogContext): EventLogLine[] {
  // Walk back to the first fact of the last MAX_LOG_LINES notable ones.
  let start = lastFact + 1;
  let found = 0;
  for (let i = lastFact; i >= 0 && lastFact - i < MAX_LOG_SCAN && found < MAX_LOG_LINES; i--) {
    if (notable(trace.at(i)!, ctx)) {
      found++;
      start = i;
    }
  }
  const lines: EventLogLine[] = [];
  let handler: { owner: string; table: string; keys: string[]; line: EventLogLine } | undefined;
  let replay: { consumer: string; batchId: number; count: number; harm: number; skipped: number; delivery: number; line: EventLogLine } | undefined;
  for (let i = start; i <= lastFact; i++) {
    const e = trace.at(i)!;
    const prev = lines.at(-1);
    if (e.type === 'record-appended' && prev?.kind === 'write' && prev.atMs === e.t) {
      prev.text += `, record ${recordLabel(ctx, e.shardId, recordHead(e).dynamodb.SequenceNumber ?? '')} in shard ${short(e.shardId)}`;
      continue;
    }
    if (e.type === 'record-processed' && e.deliveryCount > 1) {
      // One line per redelivered batch, even when the handler's writes come between its records.
      if (replay && replay.consumer === e.consumer && replay.batchId === e.batchId) {
        replay.count++;
        replay.delivery = Math.max(replay.delivery, e.deliveryCount);
      } else {
        const line: EventLogLine = { atMs: e.t, kind: 'replay', text: '' };
        replay = { consumer: e.consumer, batchId: e.batchId, count: 1, harm: 0, skipped: 0, delivery: e.deliveryCount, line };
        lines.push(line);
      }
      const r = replay;
      if (e.harm) r.harm++;
      if (e.effect === 'skipped-duplicate') r.skipped++;
      const outcome = [r.harm > 0 ? `${r.harm} changed the result again (harmful duplicate${r.harm === 1 ? '' : 's'})` : '', r.skipped > 0 ? `${r.skipped} skipped as already applied` : ''].filter(Boolean).join(', ');
      r.line.text = `${e.consumer} ${e.worker} got ${r.count} record${r.count === 1 ? '' : 's'} again (${ordinal(r.delivery)} delivery)${outcome ? `: ${outcome}` : ''}`;
      continue;
    }
    if (!notable(e, ctx)) continue;
    // A handler's writes at one instant share a line: "counter's handler wrote 5 items to VoteCounts".
    const owner = e.type === 'write' ? ctx.tableInfo(e.table).owner : undefined;
    if (e.type === 'write' && owner) {
      const key = ctx.keyOf(e.table, e.key);
      if (handler && handler.owner === owner && handler.table === e.table && handler.line.atMs === e.t && lines.at(-1) === handler.line) {
        handler.keys.push(key);
      } else {
        handler = { owner, table: e.table, keys: [key], line: { atMs: e.t, kind: 'other', text: '' } };
        lines.push(handler.line);
      }
      const h = handler;
      h.line.text =
        h.keys.length === 1
          ? `${owner}'s handler: ${e.op} ${key} on ${e.table} (${e.outcome === 'no-op' ? 'no change' : e.outcome})`
          : `${owner}'s handler wrote ${h.keys.length} items of ${e.table} (${h.keys.slice(0, 4).join(', ')}${h.keys.length > 4 ? ', …' : ''})`;
      continue;
    }
    const d = describe(e, ctx);
    if (d) lines.push({ atMs: e.t, ...d });
  }
  return lines.slice(-MAX_LOG_LINES);
}
