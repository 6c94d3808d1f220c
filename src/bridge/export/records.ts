/**
 * A run's stream as the exporters need it, read from trace facts only: per stream, its table, view
 * type and shards (lineage, sequence ranges, closed or open) with their records in sequence order.
 * Streams of tables a consumer created (lease tables, targets) are left out.
 *
 * Pure. May import: sim types. May not import: sim runtime, worker, ui.
 */
import type { StreamRecord } from '../../sim/stream/record.ts';
import type { FactList } from '../../sim/trace/trace.ts';

export interface ExportShard {
  shardId: string;
  parentShardId?: string;
  startingSequenceNumber: string;
  endingSequenceNumber?: string;
  closed: boolean;
  records: StreamRecord[];
}

export interface ExportStream {
  streamArn: string;
  table: string;
  viewType: string;
  keyAttributes: string[];
  shards: ExportShard[];
}

/** The scenario's own streams at the end of the trace (or at `untilMs`), shards in the order they opened. */
export function streamsFromTrace(trace: FactList, untilMs = Infinity): ExportStream[] {
  const owned = new Set<string>();
  const keys = new Map<string, string[]>();
  const streams = new Map<string, ExportStream>();
  const shards = new Map<string, ExportShard>();
  for (const e of trace) {
    if (e.t > untilMs) break;
    switch (e.type) {
      case 'table-created':
        if (e.owner) owned.add(e.table);
        keys.set(e.table, e.keyAttributes);
        break;
      case 'stream-enabled':
        if (!owned.has(e.table)) streams.set(e.streamArn, { streamArn: e.streamArn, table: e.table, viewType: e.viewType, keyAttributes: [...(keys.get(e.table) ?? [])], shards: [] });
        break;
      case 'shard-opened': {
        const stream = streams.get(e.streamArn);
        if (!stream) break;
        const shard: ExportShard = { shardId: e.shardId, ...(e.parentShardId ? { parentShardId: e.parentShardId } : {}), startingSequenceNumber: e.startingSequenceNumber, closed: false, records: [] };
        stream.shards.push(shard);
        shards.set(`${e.streamArn}|${e.shardId}`, shard);
        break;
      }
      case 'shard-closed': {
        const shard = shards.get(`${e.streamArn}|${e.shardId}`);
        if (!shard) break;
        shard.closed = true;
        if (e.endingSequenceNumber) shard.endingSequenceNumber = e.endingSequenceNumber;
        break;
      }
      case 'record-appended':
        shards.get(`${e.streamArn}|${e.shardId}`)?.records.push(e.record);
        break;
      default:
    }
  }
  return [...streams.values()];
}
