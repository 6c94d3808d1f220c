/**
 * Every stream record of the run, indexed once for all checks: by eventID and per shard in append
 * order, with the *full* item before and after the change (taken from the `write` fact that
 * produced it), so the checks' oracle does not depend on the stream's view type. Built
 * incrementally from the trace (a cursor), kept in `moduleState(world, 'checks-index')`.
 *
 * Reads the trace and the stream → table map; never writes the world.
 */
import type { World } from '../world.ts';
import { moduleState } from '../world.ts';
import type { Item } from '../table/attributeValue.ts';
import type { EventName } from '../stream/record.ts';
import { isServiceDeletion, type RecordView } from '../handlers/records.ts';

export interface RecordInfo {
  eventID: string;
  eventName: EventName;
  sequenceNumber: string;
  seq: bigint;
  streamArn: string;
  shardId: string;
  table: string;
  keyString: string;
  keys: Item;
  /** The whole item after the change (absent for REMOVE). */
  newItem?: Item;
  /** The whole item before the change (absent for INSERT). */
  oldItem?: Item;
  byService: boolean;
  appendedAt: number;
  /** The record's place on its shard (1 for the first): the `#n` the UI names it by. */
  ordinal: number;
}

export interface IndexState {
  cursor: number;
  byEvent: Map<string, RecordInfo>;
  byShard: Map<string, RecordInfo[]>;
  /** table \0 keyString → the last change written (the write fact comes just before its record). */
  lastChange: Map<string, { old: Item | undefined; new: Item | undefined }>;
}

/**
 * The name the checks know a table by: its own for the home Region, `Votes@eu-west-1` for a global
 * table's replica in another Region, so that replicas' records and item histories stay apart and a
 * consumer of one Region's stream is never held to another Region's records.
 */
export function replicaTableName(table: string, region: string | undefined, homeRegion: string): string {
  return region === undefined || region === homeRegion ? table : `${table}@${region}`;
}

/** The index, brought up to date with the trace. */
export function recordIndex(world: World): IndexState {
  const st = moduleState<IndexState>(world, 'checks-index', () => ({ cursor: 0, byEvent: new Map(), byShard: new Map(), lastChange: new Map() }));
  const trace = world.trace;
  for (; st.cursor < trace.length; st.cursor++) {
    const f = trace.at(st.cursor)!;
    if (f.type === 'write' && f.outcome !== 'no-op') {
      const k = `${replicaTableName(f.table, f.region, world.options.region)}\u0000${f.keyString}`;
      st.lastChange.set(k, { old: st.lastChange.get(k)?.new, new: f.outcome === 'REMOVE' ? undefined : f.newItem });
    } else if (f.type === 'record-appended') {
      const stream = world.streams.get(f.streamArn);
      const table = stream ? replicaTableName(stream.tableName, stream.replicaOf?.replica?.region, world.options.region) : '';
      const change = st.lastChange.get(`${table}\u0000${f.keyString}`);
      // Read once: the core builds a record each time it is read (stream/appendedFact.ts).
      const rec = f.record;
      const info: RecordInfo = {
        eventID: rec.eventID,
        eventName: rec.eventName,
        sequenceNumber: rec.dynamodb.SequenceNumber,
        seq: BigInt(rec.dynamodb.SequenceNumber),
        streamArn: f.streamArn,
        shardId: f.shardId,
        table,
        keyString: f.keyString,
        keys: rec.dynamodb.Keys,
        ...(change?.new && rec.eventName !== 'REMOVE' ? { newItem: change.new } : {}),
        ...(change?.old && rec.eventName !== 'INSERT' ? { oldItem: change.old } : {}),
        byService: isServiceDeletion(rec),
        appendedAt: f.t,
        ordinal: (st.byShard.get(f.shardId)?.length ?? 0) + 1,
      };
      st.byEvent.set(info.eventID, info);
      let list = st.byShard.get(f.shardId);
      if (!list) st.byShard.set(f.shardId, (list = []));
      list.push(info);
    }
  }
  return st;
}

/** A checkpoint or sequence number as the UI names it: `#n` for a record of the shard, else as stored. */
export function sequenceText(st: IndexState, shardId: string, value: string): string {
  if (!/^\d+$/.test(value)) return value;
  const seq = BigInt(value);
  const list = st.byShard.get(shardId) ?? [];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return list[lo]?.seq === seq ? `#${list[lo]!.ordinal}` : `seq ${value.length > 6 ? `…${value.slice(-6)}` : value}`;
}

/** A record with full images, as the per-kind contribution functions read it. */
export function fullView(info: RecordInfo): RecordView {
  return {
    eventID: info.eventID,
    eventName: info.eventName,
    keys: info.keys,
    ...(info.newItem ? { newItem: info.newItem } : {}),
    ...(info.oldItem ? { oldItem: info.oldItem } : {}),
    byService: info.byService,
    sequenceNumber: info.sequenceNumber,
  };
}
