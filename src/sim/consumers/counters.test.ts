import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../trace/events.ts';
import type { StreamRecord } from '../stream/record.ts';
import { consumerCounters, CounterTracker } from './counters.ts';

function rec(eventID: string, seq: string): StreamRecord {
  return {
    eventID,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: { ApproximateCreationDateTime: 0, Keys: { pk: { S: eventID } }, SequenceNumber: seq, SizeBytes: 10, StreamViewType: 'NEW_IMAGE' },
  };
}

const base = { consumer: 'c1', worker: 'w1', shardId: 'sh1' };
const processed = (t: number, eventID: string, batchId: number, deliveryCount: number, effect: 'applied' | 'failed' | 'skipped-duplicate', harm = false): TraceEvent => ({
  t,
  type: 'record-processed',
  ...base,
  batchId,
  eventID,
  sequenceNumber: eventID === 'a' ? '100' : '200',
  keyString: 'S1:a',
  deliveryCount,
  effect,
  ...(harm ? { harm: true } : {}),
});
const batch = (t: number, batchId: number, attempt: number, trigger: 'poll' | 'retry'): TraceEvent => ({
  t,
  type: 'batch-delivered',
  ...base,
  streamArn: 'arn',
  batchId,
  eventIDs: ['a', 'b'],
  firstSequenceNumber: '100',
  lastSequenceNumber: '200',
  attempt,
  trigger,
});

const TRACE: TraceEvent[] = [
  { t: 0, type: 'record-appended', streamArn: 'arn', shardId: 'sh1', keyString: 'S1:a', record: rec('a', '100') },
  { t: 500, type: 'record-appended', streamArn: 'arn', shardId: 'sh1', keyString: 'S1:b', record: rec('b', '200') },
  batch(1000, 1, 1, 'poll'),
  processed(1000, 'a', 1, 1, 'applied'),
  processed(1000, 'b', 1, 1, 'failed'),
  { t: 1000, type: 'batch-failed', ...base, batchId: 1, error: 'boom' },
  batch(3000, 2, 2, 'retry'),
  processed(3000, 'a', 2, 2, 'applied', true),
  processed(3000, 'b', 2, 2, 'applied'),
  { t: 3000, type: 'batch-succeeded', ...base, batchId: 2 },
  { t: 3000, type: 'checkpoint', ...base, value: '200', strategy: 'every-batch' },
  { t: 4000, type: 'crash', consumer: 'c1', worker: 'w1', reason: 'test' },
  { t: 4000, type: 'checkpoint', consumer: 'other', worker: 'x', shardId: 'sh1', value: '100', strategy: 'x' },
];

describe('consumerCounters', () => {
  it('counts a hand-built trace', () => {
    expect(consumerCounters(TRACE, 'c1')).toEqual({
      recordsProcessed: 2,
      deliveries: 4,
      reprocessed: 2,
      effects: { applied: 3, failed: 1 },
      checkpointWrites: 1,
      batches: 2,
      retries: 1,
      failures: 1,
      failedRecords: 1,
      harmfulDuplicates: 1,
      crashes: 1,
      iteratorAgeMs: 2500,
      iteratorAgeMaxMs: 3000,
    });
  });

  it('is zero for a consumer without facts', () => {
    expect(consumerCounters(TRACE, 'nobody').deliveries).toBe(0);
    expect(consumerCounters(TRACE, 'nobody').iteratorAgeMs).toBeUndefined();
  });

  it('incremental updates give the same counters as one pass', () => {
    const tracker = new CounterTracker();
    for (let i = 1; i <= TRACE.length; i++) tracker.update(TRACE.slice(0, i));
    expect(tracker.counters('c1')).toEqual(consumerCounters(TRACE, 'c1'));
    expect(tracker.counters('other').checkpointWrites).toBe(1);
  });

  it('keeps no append times when told no record is processed, and counts the same', () => {
    const trace: TraceEvent[] = [
      { t: 0, type: 'record-appended', streamArn: 'arn', shardId: 'sh1', keyString: 'S1:a', record: rec('a', '100') },
      { t: 5, type: 'invariant-broken', check: 'duplicate', consumer: 'findings', message: 'twice', eventIDs: ['a'] },
    ];
    const withAges = new CounterTracker();
    const without = new CounterTracker(false);
    withAges.update(trace);
    without.update(trace);
    expect(without.counters('findings')).toEqual(withAges.counters('findings'));
    expect((without as unknown as { appendedAt: Map<string, number> }).appendedAt.size).toBe(0);
  });
});

