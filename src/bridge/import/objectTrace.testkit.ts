/**
 * The imported trace as it was built before facts were numbers (`ImportedFacts`, ./trace.ts): every
 * fact an object, kept in an array. A test oracle only: trace.test.ts holds the two equal, fact for
 * fact in JSON, for random streams.
 */
import type { TraceEvent } from '../../sim/trace/events.ts';
import type { Item } from '../../sim/table/attributeValue.ts';
import { keyText } from '../attributes.ts';
import type { Finding, ImportedStream } from '../types.ts';
import { importLanes } from './lanes.ts';
import { appendClass, writeClass } from './importedFacts.ts';
import { FINDINGS_CONSUMER, IMPORTED_STREAM_ARN, IMPORTED_TABLE, inOrder } from './trace.ts';

export function objectTrace(stream: ImportedStream, findings: readonly Finding[]) {
  const table = stream.tableName ?? IMPORTED_TABLE;
  const streamArn = stream.streamArn ?? IMPORTED_STREAM_ARN;
  const { records } = stream;
  const seconds = records.map((r) => r.record.dynamodb.ApproximateCreationDateTime);
  const first = seconds.reduce((a, b) => Math.min(a, b), seconds[0] ?? 0);

  // Records sharing a second are spread across it, in input order.
  const perSecond = new Map<number, number[]>();
  records.forEach((r, i) => {
    const list = perSecond.get(seconds[i]!);
    if (list) list.push(r.index);
    else perSecond.set(seconds[i]!, [r.index]);
  });
  const recordTimes = new Array<number>(records.length).fill(0);
  for (const [second, list] of perSecond) {
    list.forEach((idx, k) => {
      recordTimes[idx] = (second - first) * 1000 + Math.floor((k * 1000) / list.length);
    });
  }

  // Facts in the order they are made; a stable sort by time and phase then keeps that order among equals.
  const facts: TraceEvent[] = [];
  const add = (fact: TraceEvent) => facts.push(fact);
  add({ t: 0, type: 'table-created', table, keyAttributes: [...stream.keyAttributes] });
  add({ t: 0, type: 'stream-enabled', table, streamArn, viewType: stream.viewType ?? 'NEW_AND_OLD_IMAGES' });

  const lanes = importLanes(stream);
  // A shard was there before the capture began: a root lane opens at time 0, a child lane when its
  // parent's last record is past (or at its own first record, if that comes earlier).
  const spanOf = (lane: (typeof lanes)[number]) => {
    let first = Infinity;
    let last = 0;
    for (const i of lane.records) {
      first = Math.min(first, recordTimes[i]!);
      last = Math.max(last, recordTimes[i]!);
    }
    return { first, last };
  };
  const byId = new Map(lanes.map((l) => [l.id, l]));
  // Two light facts per record (./importedFacts.ts): time, key string and record of their own.
  const Write = writeClass(table);
  const keyStrings = new Map<string, string>();
  // Records of one item usually share their Keys object (the scanner's, or shared by the findings): spelt out once.
  const keyStringOf = new Map<Item, string>();
  let end = 0;
  lanes.forEach((lane, partition) => {
    const { first, last: lastRecord } = spanOf(lane);
    const parent = lane.parentShardId ? byId.get(lane.parentShardId) : undefined;
    const parentEnd = parent ? spanOf(parent).last : 0;
    const opened = parent ? Math.min(first, parentEnd) : 0;
    const last = Math.max(opened, lane.records.length > 0 ? lastRecord : opened);
    end = Math.max(end, last);
    const firstSeq = lane.records.length > 0 ? records[lane.records[0]!]!.record.dynamodb.SequenceNumber : '0';
    add({ t: opened, type: 'shard-opened', streamArn, shardId: lane.id, ...(lane.parentShardId ? { parentShardId: lane.parentShardId } : {}), partition, startingSequenceNumber: lane.startingSequenceNumber ?? firstSeq });
    const Append = appendClass(streamArn, lane.id);
    for (const i of lane.records) {
      const r = records[i]!.record;
      const keys = r.dynamodb.Keys;
      let keyString = keyStringOf.get(keys);
      if (keyString === undefined) {
        const text = keyText(keys);
        // One string per item, not per record (a million records of 50,000 items).
        keyString = keyStrings.get(text);
        if (keyString === undefined) keyStrings.set(text, (keyString = text));
        keyStringOf.set(keys, keyString);
      }
      const t = recordTimes[i]!;
      add(new Write(t, keyString, r) as TraceEvent);
      add(new Append(t, keyString, r) as TraceEvent);
    }
    if (lane.closed) add({ t: last, type: 'shard-closed', streamArn, shardId: lane.id, reason: 'rollover', ...(lane.endingSequenceNumber ? { endingSequenceNumber: lane.endingSequenceNumber } : {}) });
  });

  const placed = facts.length;
  for (const f of findings) {
    const at = Math.max(...f.records.map((i) => recordTimes[i] ?? 0));
    add({ t: at, type: 'invariant-broken', check: f.kind, consumer: FINDINGS_CONSUMER, message: f.message, eventIDs: [...f.eventIDs] });
  }

  const span = Math.max(end, 1_000);
  return {
    trace: inOrder(facts, placed),
    durationMs: span + Math.max(1_000, Math.round(span * 0.02)),
    epochMs: first * 1000,
    table,
    streamArn,
    recordTimes,
  };
}
