/**
 * Duplicates and idempotency filters: four Lambda vote counters read the same stream, one naive and
 * three that deduplicate in different ways: by eventID (a ledger row per record), by sequence number
 * (a high-water mark per shard), by item version (the last sequence number applied per voter). The
 * same batch is delivered to each of them twice. Four readers of one shard are two more than AWS
 * allows for: the readers are throttled in turns (LimitExceededException, `sim/stream/readLimit.ts`)
 * and the narration says so. A 3 s batching window keeps the five votes in one batch for every
 * counter although each is refused one second in two.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario } from './types.ts';
import { election, scenario, votesTable, VOTES, type ConsumerData } from './helpers.ts';

type Idempotency = ConsumerData['handler']['idempotency'];

function counter(id: string, idempotency: Idempotency): ConsumerData {
  return {
    id,
    kind: 'lambda',
    handler: { kind: 'vote-counter', idempotency, sourceTable: VOTES, targetTable: `VoteCounts-${id}` },
    mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, MaximumBatchingWindowInSeconds: 3 },
  };
}

const IDS = ['naive', 'by-event-id', 'by-sequence', 'by-version'] as const;

export const dedupFilters: Scenario = scenario({
  id: 'dedup-filters',
  title: 'Duplicates and three ways to filter them',
  summary: 'The same batch of five votes is delivered twice to four counters. The naive one counts them twice. Deduplicating by eventID, by a per-shard sequence-number high-water mark, or by a per-item version skips all five.',
  seed: 3,
  durationMs: 40_000,
  setup: [votesTable()],
  writes: election().filter((w) => w.at < 30_000),
  consumers: [counter('naive', 'none'), counter('by-event-id', 'event-id'), counter('by-sequence', 'sequence-number'), counter('by-version', 'item-version')],
  // After the five-vote batch (votes at 20.0–20.8 s) has succeeded everywhere: deliver it again.
  interventions: IDS.map((id) => ({ at: 26_000, kind: 'redeliver-batch' as const, target: id })),
  narration: [
    {
      until: { fact: 'batch-succeeded', match: { consumer: 'by-version' } },
      text: 'Four counters read the same stream. naive adds 1 per record. by-event-id records each eventID in a ledger. by-sequence keeps, per shard, the highest sequence number it has applied. by-version keeps, per voter, the sequence number of the last record it applied. Each check is a conditional write in the same transaction as the count. (Four readers of one shard is twice what AWS plans for: more than two processes reading a shard at once are throttled with LimitExceededException. Watch the throttle marks: two counters read while the other two are refused and back off, so each gets its batches a second or two late. In production keep to two readers per shard, or have one function read the stream and fan the records out through SNS or EventBridge.) At 0:26 the batch of five votes will be delivered again to every counter. Lambda is at-least-once: a timeout, a lost response or a poller restart can cause this.',
      predict: {
        question: 'Which counters will count the five votes twice?',
        choices: ['All four', 'Only naive', 'naive and by-sequence', 'None: Lambda removes duplicates'],
        answer: 1,
      },
      claims: [
        { kind: 'ahead', of: { fact: 'fault-injected', match: { kind: 'redeliver-batch', target: 'naive' } } },
        { kind: 'ahead', of: { fact: 'record-processed', match: { consumer: 'naive', harm: true } } },
        { kind: 'counter', consumer: 'naive', field: 'harmfulDuplicates', equals: 5, within: 'run' },
        { kind: 'counter', consumer: 'by-sequence', field: 'harmfulDuplicates', equals: 0, within: 'run' },
        { kind: 'counter', consumer: 'by-event-id', field: 'harmfulDuplicates', equals: 0, within: 'run' },
        { kind: 'counter', consumer: 'by-version', field: 'harmfulDuplicates', equals: 0, within: 'run' },
        // Four readers: each counter is throttled at least once, in the first second it reads.
        ...IDS.map((id) => ({ kind: 'seen' as const, of: { fact: 'read-throttled', match: { consumer: id, readers: 4 } }, atLeast: 1, within: 'run' as const })),
      ],
    },
    {
      until: { fact: 'fault-injected', match: { kind: 'redeliver-batch', target: 'naive' } },
      text: 'The batch of five votes is delivered again. naive counts the redelivered votes again. by-event-id finds each eventID in its ledger. by-sequence: each record\'s sequence number is not above the shard\'s high-water mark, so the condition fails and it is skipped; this works only while each shard is applied in order, and only within one shard (AWS orders sequence numbers per shard, not across shards). by-version: the voter\'s stored version is already this record\'s sequence number, so it is skipped; the same check also rejects older records that arrive late. A sequence number serves as a version only while the item stays on one shard: after a shard rolls over, compare a version attribute the app writes into the item instead.',
      claims: [
        { kind: 'stops-at', atMs: 26_000 },
        { kind: 'counter', consumer: 'by-sequence', field: 'effects.skipped-duplicate', equals: 5, within: 'run' },
        { kind: 'counter', consumer: 'by-version', field: 'effects.skipped-duplicate', equals: 5, within: 'run' },
      ],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'naive', check: 'target-matches-source' } },
      text: 'Summary: the stream stores each vote once, but delivery is at least once, so duplicates are normal. All three filters removed them. eventID needs a ledger row per record (set a TTL on it). The sequence-number mark needs one row per shard but relies on in-order delivery. The item version needs one row per item and also handles reordering. naive ends with five extra votes.',
      claims: [{ kind: 'counter', consumer: 'naive', field: 'harmfulDuplicates', equals: 5 }],
    },
  ],
  lesson: {
    checks: [
      { consumer: 'naive', check: 'target-matches-source', expect: 'broken' },
      { consumer: 'by-event-id', expect: 'holds' },
      { consumer: 'by-sequence', expect: 'holds' },
      { consumer: 'by-version', expect: 'holds' },
    ],
    counters: [
      { consumer: 'naive', field: 'harmfulDuplicates', equals: 5 },
      { consumer: 'by-event-id', field: 'effects.skipped-duplicate', equals: 5 },
      { consumer: 'by-sequence', field: 'effects.skipped-duplicate', equals: 5 },
      { consumer: 'by-version', field: 'effects.skipped-duplicate', equals: 5 },
    ],
  },
});
