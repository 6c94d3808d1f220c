/**
 * Frame → the `SimView` shape the panels take: lanes with their records rebuilt from the columns
 * (key names from the run's dictionary; the record body only for the selected record, which the
 * frame carries). Pure; the panels stay unaware of columns.
 *
 * May import: protocol types, worker client constants. May not import: sim runtime, host.
 */
import { EVENT_NAMES } from '../../worker/client.ts';
import type { Frame, LoadResult, RecordView, ShardView, SimView } from '../../worker/protocol.ts';

export function frameToView(frame: Frame, run: LoadResult, selected: { shardId: string; sequenceNumber: string } | null): SimView {
  const shards: ShardView[] = frame.lanes.map(({ streamArn: _arn, ...lane }) => ({ ...lane, records: [] }));
  const r = frame.records;
  for (let k = 0; k < r.t.length; k++) {
    const shard = shards[r.lane[k]!];
    if (!shard) continue;
    const sequenceNumber = frame.sequenceNumbers[k]!;
    const isSelected = selected !== null && selected.shardId === shard.shardId && selected.sequenceNumber === sequenceNumber;
    const rec: RecordView = {
      atMs: r.t[k]!,
      sequenceNumber,
      eventName: EVENT_NAMES[r.event[k]!] ?? 'INSERT',
      keyString: run.keyStrings[r.key[k]!] ?? '',
      keySummary: run.keys[r.key[k]!] ?? '',
      trimmed: r.trimmed[k] === 1,
      deliveries: r.deliveries[k]!,
      ...(isSelected && frame.selectedRecord ? { record: frame.selectedRecord } : {}),
    };
    shard.records.push(rec);
  }
  return {
    atMs: frame.atMs,
    tables: frame.tables,
    streams: frame.streams.map((s) => ({ ...s, shards: shards.filter((_, i) => frame.lanes[i]!.streamArn === s.streamArn) })),
    writes: frame.writes,
    counts: frame.counts,
  };
}
