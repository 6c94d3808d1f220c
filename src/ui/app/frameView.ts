/**
 * Frame → the `SimView` shape the panels take: per lane its record count and only the newest
 * `STREAM_ROWS` records (plus the selected record and its neighbours, for the inspector), rebuilt
 * from the columns (key names from the run's dictionary; the record body only for the selected
 * record, which the frame carries). Record views are reused by run record index while the
 * run, the frame's playhead-dependent fields and the selection leave them unchanged, so a frame
 * allocates almost nothing and memoised rows do not re-render. Pure apart from that per-run cache.
 *
 * May import: protocol types, worker client constants. May not import: sim runtime, host.
 */
import { EVENT_NAMES } from '../../worker/client.ts';
import type { Frame, LoadResult, RecordView, ShardView, SimView } from '../../worker/protocol.ts';

/** Records per shard the stream panel shows (the newest: those nearest the playhead). */
export const STREAM_ROWS = 30;

/**
 * Record views by run record index, per loaded run (the run's `LoadResult` object, not its `runId`:
 * the compare view's two worker hosts both number their runs from 1, and a single slot would be
 * emptied at every alternation). Dropped with the run.
 */
const viewsByRun = new WeakMap<LoadResult, Map<number, RecordView>>();

function recordView(frame: Frame, run: LoadResult, k: number, body: Frame['selectedRecord'] | undefined): RecordView {
  const r = frame.records;
  const id = frame.recordFrom + k;
  let views = viewsByRun.get(run);
  if (!views) viewsByRun.set(run, (views = new Map()));
  const old = views.get(id);
  const trimmed = r.trimmed[k] === 1;
  const deliveries = r.deliveries[k]!;
  if (old && old.trimmed === trimmed && old.deliveries === deliveries && old.record === body) return old;
  const rec: RecordView = {
    atMs: r.t[k]!,
    sequenceNumber: frame.sequenceNumbers[k]!,
    eventName: EVENT_NAMES[r.event[k]!] ?? 'INSERT',
    keyString: run.keyStrings[r.key[k]!] ?? '',
    keySummary: run.keys[r.key[k]!] ?? '',
    ordinal: r.ordinal[k]!,
    ...(r.byService[k] ? { byService: true } : {}),
    trimmed,
    deliveries,
    ...(body ? { record: body } : {}),
  };
  if (views.size > 4 * STREAM_ROWS * Math.max(1, frame.lanes.length) + 64) views.clear();
  views.set(id, rec);
  return rec;
}

export function frameToView(frame: Frame, run: LoadResult, selected: { shardId: string; sequenceNumber: string } | null): SimView {
  const lanes = frame.lanes;
  const r = frame.records;
  const n = r.t.length;
  const counts = new Array<number>(lanes.length).fill(0);
  for (let k = 0; k < n; k++) counts[r.lane[k]!]!++;
  // Per lane, the indexes (into the columns) it shows: the newest STREAM_ROWS, then the selection's.
  const picked: number[][] = lanes.map(() => []);
  let missing = lanes.reduce((m, _, i) => m + Math.min(STREAM_ROWS, counts[i]!), 0);
  for (let k = n - 1; k >= 0 && missing > 0; k--) {
    const p = picked[r.lane[k]!];
    if (p && p.length < STREAM_ROWS) {
      p.push(k);
      missing--;
    }
  }
  const selLane = selected ? lanes.findIndex((l) => l.shardId === selected.shardId) : -1;
  let selK = -1;
  if (selected && selLane >= 0) {
    // The first match, as the host and the inspector pick it (an imported stream may hold a duplicate).
    for (let k = 0; k < n; k++) {
      if (r.lane[k] === selLane && frame.sequenceNumbers[k] === selected.sequenceNumber) {
        selK = k;
        break;
      }
    }
    if (selK >= 0) {
      const p = picked[selLane]!;
      const extra = [selK];
      for (let k = selK - 1; k >= 0; k--) if (r.lane[k] === selLane) { extra.push(k); break; }
      for (let k = selK + 1; k < n; k++) if (r.lane[k] === selLane) { extra.push(k); break; }
      for (const k of extra) if (!p.includes(k)) p.push(k);
    }
  }
  const shards: ShardView[] = lanes.map(({ streamArn: _arn, ...lane }, i) => {
    const ks = picked[i]!.sort((a, b) => a - b);
    const records = ks.map((k) => recordView(frame, run, k, k === selK ? frame.selectedRecord : undefined));
    return { ...lane, records, ...(counts[i]! > records.length ? { recordCount: counts[i]! } : {}) };
  });
  return {
    atMs: frame.atMs,
    tables: frame.tables,
    streams: frame.streams.map((s) => ({ ...s, shards: shards.filter((_, i) => lanes[i]!.streamArn === s.streamArn) })),
    writes: frame.writes,
    counts: frame.counts,
  };
}
