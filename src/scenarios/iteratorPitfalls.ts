/**
 * Shard iterators and their pitfalls, at AWS's own timings: a mapping that starts at LATEST misses
 * what was written before it began reading; an iterator is good for 15 minutes, so a reader that
 * holds one longer gets ExpiredIteratorException; records live 24 hours, so a reader that comes
 * back after a day asks for trimmed records and gets TrimmedDataAccessException.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { createTable, MINUTE, put, scenario, sKey } from './helpers.ts';

const ORDERS = 'Orders';
const HOUR = 60 * MINUTE;
/** The poller's worker is down from here… */
const CRASH_AT_MS = 30 * MINUTE;
/** …until here: longer than the 24-hour retention. */
const RESTART_AT_MS = CRASH_AT_MS + 24 * HOUR + 30 * MINUTE;

function order(at: number, id: string): ScriptedCall {
  return put(at, ORDERS, { orderId: { S: id }, placedAt: { N: String(at) } });
}

const processed = (consumer: string, id: string) => ({ fact: 'record-processed', match: { consumer, keyString: sKey(id) } });

export const iteratorPitfalls: Scenario = scenario({
  id: 'iterator-pitfalls',
  title: 'Iterators: LATEST, 15-minute expiry, 24-hour trim',
  summary: 'A Lambda mapping starting at LATEST misses the orders written before it began reading. A KCL poller that holds its iterator for more than 15 minutes gets ExpiredIteratorException and must ask for a new one. Back after more than 24 hours, it asks for records that were trimmed, gets TrimmedDataAccessException, and restarts at the oldest record left: the orders in between are gone.',
  seed: 43,
  durationMs: RESTART_AT_MS + 10 * MINUTE,
  view: { speed: 600 },
  setup: [createTable(ORDERS, { name: 'orderId', type: 'S' })],
  writes: [
    order(300, 'o1'),
    order(600, 'o2'),
    order(5_000, 'o3'),
    order(60_000, 'o4'),
    order(3 * MINUTE, 'o5'),
    order(25 * MINUTE, 'o6'),
    order(40 * MINUTE, 'o7'),
    order(2 * HOUR, 'o8'),
    order(RESTART_AT_MS - 10 * MINUTE, 'o9'),
  ],
  consumers: [
    {
      id: 'from-latest',
      kind: 'lambda',
      handler: { kind: 'replicator', idempotency: 'item-version', sourceTable: ORDERS, targetTable: 'Orders-from-latest' },
      mapping: { StartingPosition: 'LATEST', BatchSize: 10 },
    },
    {
      id: 'poller',
      kind: 'kcl',
      handler: { kind: 'replicator', idempotency: 'item-version', sourceTable: ORDERS, targetTable: 'Orders-poller' },
      workers: ['w1'],
      checkpoint: { kind: 'every-batch' },
      config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON' },
    },
  ],
  interventions: [
    // From 1:00 the poller's downstream takes 16 minutes per record: it holds its iterator too long.
    { at: MINUTE, kind: 'slow-handler', target: 'poller', params: { extraMs: 16 * MINUTE } },
    { at: 20 * MINUTE, kind: 'slow-handler', target: 'poller', params: { extraMs: 0 } },
    { at: CRASH_AT_MS, kind: 'crash', target: 'poller/w1', params: { when: 'now' } },
    { at: RESTART_AT_MS, kind: 'restart', target: 'poller/w1' },
  ],
  narration: [
    {
      until: { fact: 'mapping-state-changed', match: { consumer: 'from-latest', state: 'Enabled' } },
      text: 'Two readers of one Orders stream. from-latest is a Lambda mapping created with StartingPosition LATEST; it took a second to become Enabled, and o1 and o2 were written meanwhile. poller is a KCL application starting at TRIM_HORIZON, the oldest record in the shard. (KCL 1.x defaults to LATEST too: say TRIM_HORIZON when you mean "everything".) (Its KCL workers run KCL 1.x, which reached end of support on 30 January 2026; the simulator defaults to KCL 3.x: see the lesson on KCL 3.x handoff.)',
      predict: {
        question: 'LATEST means "after the newest record when reading starts". Will from-latest ever see o1 and o2?',
        choices: ['Yes: it reads them once it is Enabled', 'No: they were written before its starting position', 'Only if the function fails'],
        answer: 1,
      },
      claims: [
        { kind: 'ahead', of: processed('from-latest', 'o3') },
        { kind: 'seen', of: processed('from-latest', 'o1'), equals: 0, within: 'run' },
        { kind: 'seen', of: processed('from-latest', 'o2'), equals: 0, within: 'run' },
        { kind: 'seen', of: processed('poller', 'o1'), within: 'run' },
      ],
    },
    {
      until: { fact: 'fault-injected', match: { kind: 'slow-handler', target: 'poller' } },
      text: 'from-latest started with o3; poller has read every order. Now poller\'s downstream slows down: each record takes 16 minutes. A KCL shard consumer keeps its shard iterator between GetRecords calls, and an iterator is valid for 15 minutes.',
      predict: {
        question: 'What happens at poller\'s next GetRecords, 16 minutes after the last one?',
        choices: ['It gets the next records as usual', 'ExpiredIteratorException: it must get a new iterator after its last record', 'TrimmedDataAccessException: the records are gone'],
        answer: 1,
      },
      claims: [{ kind: 'ahead', of: { fact: 'iterator-expired', match: { consumer: 'poller' } } }],
    },
    {
      until: { fact: 'iterator-expired', match: { consumer: 'poller' } },
      text: 'ExpiredIteratorException. KCL handles it: it calls GetShardIterator with AFTER_SEQUENCE_NUMBER of the last record it processed and carries on, so nothing is lost or repeated. A poller of your own must do the same: keep the last sequence number, not the iterator.',
      claims: [{ kind: 'seen', of: { fact: 'iterator-issued', match: { iteratorType: 'AFTER_SEQUENCE_NUMBER' } }, within: 'after' }],
    },
    {
      until: { fact: 'crash', match: { consumer: 'poller' } },
      text: 'At 0:30 poller\'s only worker goes down, and it stays down for 24 and a half hours. Orders keep arriving (o6 came at 0:25, o7 at 0:40, o8 at 2:00), and from-latest mirrors them. poller\'s lease still holds its checkpoint, after o5.',
      predict: {
        question: 'The worker comes back at 25:00. Records live 24 hours. What happens when it resumes after its checkpoint?',
        choices: ['It reads o6, o7 and o8, late but complete', 'TrimmedDataAccessException: o6 and o7 are trimmed; it restarts at the oldest record left', 'ExpiredIteratorException again'],
        answer: 1,
      },
      claims: [
        { kind: 'ahead', of: { fact: 'iterator-reset-to-trim-horizon', match: { consumer: 'poller' } } },
        { kind: 'seen', of: processed('poller', 'o6'), equals: 0, within: 'run' },
        { kind: 'seen', of: processed('poller', 'o7'), equals: 0, within: 'run' },
      ],
    },
    {
      until: { fact: 'iterator-reset-to-trim-horizon', match: { consumer: 'poller' } },
      text: 'TrimmedDataAccessException: the records after the checkpoint are older than 24 hours and gone. The DynamoDB Streams Kinesis Adapter by default skips to the trim horizon, the oldest record still in the shard, and goes on without an error. The oldest record left is o8, written at 2:00: poller reads on from there. o6 and o7 were never processed by poller, and nothing failed to say so.',
      claims: [{ kind: 'seen', of: processed('poller', 'o8'), equals: 1, within: 'after' }],
    },
    {
      until: { fact: 'end-of-run' },
      text: 'Summary: an iterator is a short-lived handle, not a position: keep the sequence number you reached and ask for a new iterator after it (AFTER_SEQUENCE_NUMBER) when the old one expires after 15 minutes. LATEST skips whatever was written before the reader started; use TRIM_HORIZON to start from the oldest record kept. And a reader that is down for longer than the 24-hour retention loses records for good: alarm on its iterator age long before a day has passed.',
      claims: [
        { kind: 'seen', of: { fact: 'invariant-broken', match: { consumer: 'poller', check: 'trimmed-unread' } } },
        { kind: 'counter', consumer: 'from-latest', field: 'recordsProcessed', equals: 7 },
      ],
    },
  ],
  lesson: {
    checks: [
      { consumer: 'poller', check: 'trimmed-unread', expect: 'broken' },
      { consumer: 'from-latest', check: 'at-least-once', expect: 'broken' },
      { consumer: 'poller', check: 'exactly-once', expect: 'holds' },
      { consumer: 'from-latest', check: 'exactly-once', expect: 'holds' },
    ],
    counters: [
      { consumer: 'from-latest', field: 'recordsProcessed', equals: 7 },
      { consumer: 'poller', field: 'iteratorAgeMaxMs', atLeast: 20 * HOUR },
    ],
  },
});
