/**
 * The reference fold, for tests only: trace facts → the whole picture at one instant (`SimView`),
 * written the plain way (every fact from the start, whole views). The shipped worker answers from
 * snapshots, an index and columnar frames (`fold.ts`, `runIndex.ts`, `frames.ts`); tests hold those
 * to this. Pure and total: the same facts and time always give an equal view, and it reads nothing
 * but the facts, so whatever the UI shows is derivable from the trace alone (DESIGN §3).
 *
 * May import: sim types, ../view.ts helpers, ../protocol.ts types. Imported by tests only.
 */
import type { TraceEvent } from '../../sim/index.ts';
import type { ItemRow, ShardView, SimView, StreamView, TableView, WriteView } from '../protocol.ts';
import { keySummary, regionOfArn, replicaViewName } from '../view.ts';

/** Plain code-unit order: locale-free, so the order is the same in Node and every browser. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface TableAcc {
  name: string;
  keyAttributes: string[];
  streamArn?: string;
  owner?: string;
  items: Map<string, ItemRow>;
}

/** Mutable accumulators used only inside one call of `foldView`; never escape it. */
interface Acc {
  tables: Map<string, TableAcc>;
  homeRegions: Map<string, string>;
  streams: Map<string, StreamView & { shardById: Map<string, ShardView> }>;
  writes: WriteView[];
  records: number;
  apiErrors: number;
  rejected: number;
}

function keyAttributesOf(acc: Acc, table: string): string[] {
  return acc.tables.get(table)?.keyAttributes ?? [];
}

function applyWrite(acc: Acc, e: Extract<TraceEvent, { type: 'write' }>): void {
  const name = replicaViewName(acc.homeRegions, e.table, e.region);
  const table = acc.tables.get(name);
  const summary = keySummary(e.key, keyAttributesOf(acc, name));
  acc.writes.push({
    atMs: e.t,
    table: name,
    op: e.op,
    keyString: e.keyString,
    keySummary: summary,
    outcome: e.outcome,
    ...(e.byService ? { byService: true } : {}),
  });
  if (!table) return;
  if (e.outcome === 'REMOVE') table.items.delete(e.keyString);
  else if ((e.outcome === 'INSERT' || e.outcome === 'MODIFY') && e.newItem) {
    table.items.set(e.keyString, { keyString: e.keyString, keySummary: summary, item: e.newItem, changedAtMs: e.t, change: e.outcome });
  }
}

function applyShardFact(acc: Acc, e: TraceEvent): void {
  switch (e.type) {
    case 'shard-opened': {
      const stream = acc.streams.get(e.streamArn);
      if (!stream) return;
      const shard: ShardView = {
        shardId: e.shardId,
        ...(e.parentShardId ? { parentShardId: e.parentShardId } : {}),
        partition: e.partition,
        openedAtMs: e.t,
        status: 'open',
        records: [],
      };
      stream.shards.push(shard);
      stream.shardById.set(e.shardId, shard);
      return;
    }
    case 'shard-closed': {
      const shard = acc.streams.get(e.streamArn)?.shardById.get(e.shardId);
      if (!shard) return;
      shard.status = 'closed';
      shard.closedAtMs = e.t;
      shard.closeReason = e.reason;
      return;
    }
    case 'shard-expired': {
      const shard = acc.streams.get(e.streamArn)?.shardById.get(e.shardId);
      if (shard) shard.status = 'expired';
      return;
    }
    case 'record-appended': {
      const stream = acc.streams.get(e.streamArn);
      const shard = stream?.shardById.get(e.shardId);
      if (!stream || !shard) return;
      const r = e.record;
      shard.records.push({
        atMs: e.t,
        sequenceNumber: r.dynamodb.SequenceNumber,
        eventName: r.eventName,
        keyString: e.keyString,
        keySummary: keySummary(r.dynamodb.Keys, keyAttributesOf(acc, stream.table)),
        ordinal: shard.records.length + 1,
        trimmed: false,
        record: r,
      });
      acc.records++;
      return;
    }
    case 'records-trimmed': {
      // Retention trims the oldest records first; `count` is how many were trimmed this time.
      const shard = acc.streams.get(e.streamArn)?.shardById.get(e.shardId);
      let left = e.count;
      for (const rec of shard?.records ?? []) {
        if (left === 0) break;
        if (!rec.trimmed) {
          rec.trimmed = true;
          left--;
        }
      }
      return;
    }
    default:
      return;
  }
}

function applyFact(acc: Acc, e: TraceEvent): void {
  switch (e.type) {
    case 'table-created':
      acc.tables.set(e.table, { name: e.table, keyAttributes: [...e.keyAttributes], ...(e.owner ? { owner: e.owner } : {}), items: new Map() });
      return;
    case 'table-deleted':
      acc.tables.delete(e.table);
      return;
    case 'replica-created': {
      acc.homeRegions.set(e.table, e.homeRegion);
      const home = acc.tables.get(e.table);
      acc.tables.set(replicaViewName(acc.homeRegions, e.table, e.region), { name: replicaViewName(acc.homeRegions, e.table, e.region), keyAttributes: [...(home?.keyAttributes ?? [])], items: new Map() });
      return;
    }
    case 'stream-enabled': {
      const name = replicaViewName(acc.homeRegions, e.table, regionOfArn(e.streamArn));
      const table = acc.tables.get(name);
      if (table) table.streamArn = e.streamArn;
      const label = e.streamArn.slice(e.streamArn.lastIndexOf('/') + 1);
      acc.streams.set(e.streamArn, { streamArn: e.streamArn, table: name, viewType: e.viewType, label, enabled: true, shards: [], shardById: new Map() });
      return;
    }
    case 'stream-disabled': {
      const stream = acc.streams.get(e.streamArn);
      if (stream) stream.enabled = false;
      return;
    }
    case 'write':
      applyWrite(acc, e);
      return;
    case 'write-rejected':
      acc.rejected++;
      acc.writes.push({
        atMs: e.t,
        table: replicaViewName(acc.homeRegions, e.table, e.region),
        op: e.op,
        keyString: e.keyString,
        keySummary: keySummary(e.key, keyAttributesOf(acc, e.table)),
        outcome: 'rejected',
        reason: e.reason,
      });
      return;
    case 'api-error':
      acc.apiErrors++;
      return;
    default:
      applyShardFact(acc, e);
  }
}

function tableView(t: TableAcc): TableView {
  const items = [...t.items.values()].sort((a, b) => compareText(a.keySummary, b.keySummary) || compareText(a.keyString, b.keyString));
  const others = new Set<string>();
  for (const row of items) for (const name of Object.keys(row.item)) if (!t.keyAttributes.includes(name)) others.add(name);
  return {
    name: t.name,
    keyAttributes: t.keyAttributes,
    attributeNames: [...t.keyAttributes, ...[...others].sort(compareText)],
    items,
    ...(t.streamArn ? { streamArn: t.streamArn } : {}),
    ...(t.owner ? { owner: t.owner } : {}),
  };
}

/** A lease row's checkpoint named by the record's place on its shard (what the shipped fold adds). */
function withCheckpointOrdinal(acc: Acc, row: TableView['items'][number]): TableView['items'][number] {
  const shardId = row.item.leaseKey && 'S' in row.item.leaseKey ? row.item.leaseKey.S : undefined;
  const checkpoint = row.item.checkpoint && 'S' in row.item.checkpoint ? row.item.checkpoint.S : undefined;
  if (shardId === undefined || checkpoint === undefined) return row;
  for (const stream of acc.streams.values()) {
    const found = stream.shardById.get(shardId)?.records.find((r) => r.sequenceNumber === checkpoint);
    if (found) return { ...row, checkpointOrdinal: found.ordinal };
  }
  return row;
}

/** How many facts have t ≤ atMs. Facts are appended in time order, so this is a binary search. */
export function factCountAt(trace: readonly TraceEvent[], atMs: number): number {
  let lo = 0;
  let hi = trace.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (trace[mid]!.t <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The world at `atMs`, from the facts with t ≤ atMs. */
export function foldView(trace: readonly TraceEvent[], atMs: number): SimView {
  const acc: Acc = { tables: new Map(), homeRegions: new Map(), streams: new Map(), writes: [], records: 0, apiErrors: 0, rejected: 0 };
  const count = factCountAt(trace, atMs);
  for (let i = 0; i < count; i++) applyFact(acc, trace[i]!);
  const streams: StreamView[] = [...acc.streams.values()].map(({ shardById: _unused, ...s }) => s);
  return {
    atMs,
    tables: [...acc.tables.values()].map(tableView).map((t) => ({ ...t, items: t.items.map((row) => withCheckpointOrdinal(acc, row)) })),
    streams,
    writes: acc.writes.reverse(),
    counts: { facts: count, writes: acc.writes.length - acc.rejected, rejected: acc.rejected, records: acc.records, apiErrors: acc.apiErrors },
  };
}
