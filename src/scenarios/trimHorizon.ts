/**
 * Trim horizon: a consumer that falls behind retention loses records. Orders arrive every 4 s; at
 * 1:00 the downstream slows to 8 s per record, so both consumers fall further behind every minute.
 * Once their backlog is older than the retention, the stream trims records neither has read. The
 * KCL adapter silently restarts at TRIM_HORIZON, and so does Lambda's poller.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { createTable, epochSeconds, MINUTE, put, scenario, sKey, type ConsumerData } from './helpers.ts';

const ORDERS = 'Orders';
const ITEMS = ['kettle', 'teapot', 'mug', 'saucer', 'tray'] as const;

/** An order every 4 s for 14 minutes. */
function workload(): ScriptedCall[] {
  return Array.from({ length: 210 }, (_, i) => {
    const at = 2_000 + i * 4_000;
    return put(at, ORDERS, { orderId: { S: `o${String(i + 1).padStart(3, '0')}` }, item: { S: ITEMS[i % ITEMS.length]! }, placedAt: epochSeconds(at) });
  });
}

const handler = (id: string): ConsumerData['handler'] => ({ kind: 'replicator', idempotency: 'none', sourceTable: ORDERS, targetTable: `Orders-${id}` });

export const trimHorizon: Scenario = scenario({
  id: 'trim-horizon',
  title: 'Too slow for retention: records trimmed unread',
  summary: 'Orders arrive every 4 s, and the downstream slows to 8 s per record. Both consumers fall behind until their backlog is older than the retention, and the stream trims records they never read. Retention is 5 minutes here (AWS: 24 hours).',
  seed: 29,
  durationMs: 15 * MINUTE,
  // A long run: watched at 50× unless a link or the user says otherwise.
  view: { speed: 50 },
  // Retention shortened from 24 h to 5 min so falling behind it takes minutes, not a day.
  simulation: { retentionMs: 5 * MINUTE },
  setup: [createTable(ORDERS, { name: 'orderId', type: 'S' })],
  writes: workload(),
  consumers: [
    {
      id: 'kcl-app',
      kind: 'kcl',
      handler: handler('kcl-app'),
      workers: ['w1'],
      checkpoint: { kind: 'every-batch' },
      config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON', maxRecords: 10 },
    },
    {
      id: 'lambda-fn',
      kind: 'lambda',
      handler: handler('lambda-fn'),
      mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, MaximumBatchingWindowInSeconds: 5 },
    },
  ],
  interventions: [
    { at: MINUTE, kind: 'slow-handler', target: 'kcl-app', params: { extraMs: 8_000 } },
    { at: MINUTE, kind: 'slow-handler', target: 'lambda-fn', params: { extraMs: 8_000 } },
  ],
  narration: [
    {
      until: { fact: 'fault-injected', match: { kind: 'slow-handler', target: 'kcl-app' } },
      text: 'Orders arrive every 4 s. At 1:00 the downstream slows to more than 8 s per record, so each consumer now processes about one order for every two that arrive. A KCL application and a Lambda function replicate the same stream. (Its KCL workers run KCL 1.x, which reached end of support on 30 January 2026; the simulator defaults to KCL 3.x: see the lesson on KCL 3.x handoff.)',
      predict: {
        question: 'Retention is 5 minutes here. What happens to the growing backlog?',
        choices: ['The consumers catch up later', 'The oldest unread orders are trimmed and never processed', 'The stream keeps unread records until they are read'],
        answer: 1,
      },
      claims: [
        { kind: 'ahead', of: { fact: 'records-trimmed' } },
        { kind: 'ahead', of: { fact: 'invariant-broken', match: { consumer: 'kcl-app', check: 'trimmed-unread' } } },
      ],
    },
    {
      until: { fact: 'iterator-reset-to-trim-horizon', match: { consumer: 'kcl-app' } },
      text: 'At 11:02 order o091, appended at 6:02, is 5 minutes old and is trimmed before kcl-app has read it. (Retention is shortened from 24 hours to 5 minutes here.) kcl-app\'s next read asks for records after its last one and gets TrimmedDataAccessException. The KCL adapter\'s default (SKIP_RECORDS_TO_TRIM_HORIZON) silently restarts at the oldest record still in the shard. The trimmed orders are skipped, and nothing fails.',
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'kcl-app', keyString: sKey('o091') } }, equals: 0, within: 'run' },
        { kind: 'seen', of: { fact: 'invariant-broken', match: { consumer: 'kcl-app', check: 'trimmed-unread' } }, within: 'after' },
      ],
    },
    {
      until: { fact: 'shard-position-reset', match: { consumer: 'lambda-fn' } },
      text: 'Lambda\'s poller hits the same error and also restarts at the trim horizon. Nothing records which orders were skipped.',
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'lambda-fn', check: 'target-matches-source' } },
      text: 'What went wrong: a consumer slower than the write rate falls further behind without limit, and the stream keeps records only for the retention period (24 hours on AWS, 5 minutes here). Trimmed records are gone for good. The first order trimmed unread was o091; the last, just before the end, was o150, which the verdicts name now. Watch IteratorAge and alarm long before it nears the retention, and make the consumer faster, or both replicas will miss orders. You cannot choose a stream\'s shard count (it follows the table\'s partitions); the levers are a faster handler, a larger batch, a higher ParallelizationFactor for Lambda, or Kinesis Data Streams for DynamoDB, where you choose the shard count.',
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'kcl-app', keyString: sKey('o150') } }, equals: 0 },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'lambda-fn', keyString: sKey('o150') } }, equals: 0 },
      ],
    },
  ],
  lesson: {
    checks: [
      { consumer: 'kcl-app', check: 'trimmed-unread', expect: 'broken' },
      { consumer: 'kcl-app', check: 'target-matches-source', expect: 'broken' },
      { consumer: 'lambda-fn', check: 'trimmed-unread', expect: 'broken' },
      { consumer: 'lambda-fn', check: 'target-matches-source', expect: 'broken' },
      { consumer: 'kcl-app', check: 'exactly-once', expect: 'holds' },
    ],
    counters: [
      { consumer: 'kcl-app', field: 'iteratorAgeMaxMs', atLeast: 240_000 },
      { consumer: 'lambda-fn', field: 'iteratorAgeMaxMs', atLeast: 240_000 },
      { consumer: 'kcl-app', field: 'recordsProcessed', atMost: 150 },
      { consumer: 'lambda-fn', field: 'recordsProcessed', atMost: 150 },
    ],
  },
});
