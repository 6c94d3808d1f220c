/**
 * Which timeline lane each imported record goes on. A known shard (named by DescribeStream, a
 * Streamscope iterator or a tumbling-window event) is one lane. A read whose shard is unknown starts
 * a lane of its own, which the next read joins only when it plainly continues it: it comes right
 * after in the input, from the same stream, the previous GetRecords page handed out a next iterator,
 * and its sequence numbers are higher. That is how a paging loop's output looks; it is a guess, and
 * the lane's name says the shard is unknown (`unknown · pages 1–3`).
 *
 * Pure. May import: ../attributes.ts, ../iterator.ts, ./recordColumns.ts, ../types.ts. May not import: sim runtime, worker, ui.
 */
import { compareSequence } from '../attributes.ts';
import { iteratorStreamArn } from '../iterator.ts';
import type { ImportedRead, ImportedRecordList, ImportedStream, ImportedStreamView } from '../types.ts';
import { recordList } from './recordColumns.ts';

export interface ImportLane {
  /** The shard id, or a made-up name for a lane of unknown shard (`unknown · pages 1–3`: the timeline shows "Shard unknown" over "pages 1–3", ui/timeline/Timeline.tsx). */
  id: string;
  /** True when the shard is known (its records can be checked for order across reads). */
  known: boolean;
  parentShardId?: string;
  startingSequenceNumber?: string;
  endingSequenceNumber?: string;
  /** Closed: DescribeStream gave an ending sequence number, or the lane's last page had no next iterator. */
  closed: boolean;
  /** Indices into `stream.reads`, in input order. */
  reads: number[];
  /** Indices into `stream.records`, in input order. */
  records: number[];
}

function lastSeq(records: ImportedRecordList, lane: ImportLane): string | undefined {
  const last = lane.records.at(-1);
  return last === undefined ? undefined : records.sequenceNumber(last);
}

function readArn(read: ImportedRead): string | undefined {
  return read.eventSourceARN ?? (read.nextShardIterator ? iteratorStreamArn(read.nextShardIterator) : undefined);
}

function continues(records: ImportedRecordList, lane: ImportLane, prev: ImportedRead, read: ImportedRead): boolean {
  if (lane.known || prev.kind !== read.kind || lane.reads.at(-1) !== prev.index || prev.index !== read.index - 1) return false;
  if (read.kind === 'get-records' && !prev.nextShardIterator) return false;
  const a = readArn(prev);
  const b = readArn(read);
  if (a && b && a !== b) return false;
  const before = lastSeq(records, lane);
  const first = read.records[0];
  if (before === undefined || first === undefined) return true;
  return compareSequence(records.sequenceNumber(first), before) > 0;
}

function unknownName(stream: ImportedStream | ImportedStreamView, lane: ImportLane): string {
  const reads = lane.reads.map((r) => stream.reads[r]!);
  const noun = reads[0]!.kind === 'lambda-event' ? ['Lambda event', 'Lambda events'] : ['page', 'pages'];
  const first = reads[0]!.index + 1;
  const last = reads.at(-1)!.index + 1;
  return `unknown · ${first === last ? `${noun[0]} ${first}` : `${noun[1]} ${first}–${last}`}`;
}

/** The lanes of an imported stream, DescribeStream's shards first in its order, then the rest as they come. */
export function importLanes(stream: ImportedStream | ImportedStreamView): ImportLane[] {
  const records = recordList(stream.records);
  const lanes: ImportLane[] = [];
  const byShard = new Map<string, ImportLane>();
  for (const s of stream.shards) {
    const lane: ImportLane = {
      id: s.shardId,
      known: true,
      ...(s.parentShardId ? { parentShardId: s.parentShardId } : {}),
      ...(s.startingSequenceNumber ? { startingSequenceNumber: s.startingSequenceNumber } : {}),
      ...(s.endingSequenceNumber ? { endingSequenceNumber: s.endingSequenceNumber } : {}),
      closed: s.endingSequenceNumber !== undefined,
      reads: [],
      records: [],
    };
    lanes.push(lane);
    byShard.set(s.shardId, lane);
  }
  let open: ImportLane | undefined;
  for (const read of stream.reads) {
    let lane: ImportLane | undefined;
    if (read.shardId) {
      lane = byShard.get(read.shardId);
      if (!lane) {
        lane = { id: read.shardId, known: true, closed: false, reads: [], records: [] };
        lanes.push(lane);
        byShard.set(read.shardId, lane);
      }
    } else {
      const prev = stream.reads[read.index - 1];
      lane = open && prev && continues(records, open, prev, read) ? open : undefined;
      if (!lane) {
        lane = { id: '', known: false, closed: false, reads: [], records: [] };
        lanes.push(lane);
      }
      open = lane;
    }
    lane.reads.push(read.index);
    // One by one: a read may hold hundreds of thousands of records (too many arguments for a spread).
    for (const i of read.records) lane.records.push(i);
    // A GetRecords page without a next iterator was the end of a closed shard.
    if (read.kind === 'get-records' && read.nextShardIterator === null) lane.closed = true;
    else if (read.kind === 'get-records' && read.nextShardIterator && !lane.endingSequenceNumber) lane.closed = false;
  }
  for (const lane of lanes) if (!lane.known) lane.id = unknownName(stream, lane);
  return lanes;
}
