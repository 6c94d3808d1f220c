/**
 * Challenge: per-item order with ParallelizationFactor > 1. From `reordering`, one replicator of
 * the Accounts table reads each shard on several lanes; its shard-wide sequence guard skips records
 * of other items, and a plain replicator writes an older balance back when a batch is redelivered
 * (a hidden variant). Settings only.
 *
 * Data only. May import: ./schema.ts, scenarios (helpers). May not import sim, worker, ui, share.
 */
import type { AllowedSetting, Challenge } from './schema.ts';

const parallel: AllowedSetting = {
  path: 'consumers/replica/mapping/ParallelizationFactor',
  label: 'ParallelizationFactor',
  choices: [2, 4, 10].map((n) => ({ label: String(n), value: n })),
};
const idempotency: AllowedSetting = {
  path: 'consumers/replica/handler/idempotency',
  label: 'Replicator idempotency',
  choices: [
    { label: 'none (write each image as it comes)', value: 'none' },
    { label: 'shard sequence number (skip a record older than the last one applied from its shard)', value: 'sequence-number' },
    { label: 'item version (skip a change older than the one the item holds)', value: 'item-version' },
    { label: 'eventID (skip a record already applied)', value: 'event-id' },
  ],
};

export const perKeyOrderChallenge: Challenge = {
  id: 'per-key-order',
  title: 'Parallel, and still in order per account',
  teaches: 'With ParallelizationFactor above 1 Lambda keeps order per item, not per shard, so a replica must compare versions per item rather than a shard-wide sequence number.',
  brief:
    'A Lambda function replicates Accounts to a copy, reading each shard on several lanes (ParallelizationFactor > 1, for throughput). It guards against replays by skipping any record older than the last one it applied from the same shard, which was right with one lane per shard. Keep the parallel lanes and make the replica exact, through a crash and whatever else Lambda may do.',
  scenario: 'reordering',
  edits: [
    {
      p: 'consumers',
      v: [
        {
          id: 'replica',
          kind: 'lambda',
          handler: { kind: 'replicator', idempotency: 'sequence-number', sourceTable: 'Accounts', targetTable: 'Accounts-replica' },
          mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, ParallelizationFactor: 4 },
        },
      ],
    },
    { p: 'interventions', v: [{ at: 20_150, kind: 'crash', target: 'replica', params: { when: 'mid-batch', afterRecords: 2 } }] },
  ],
  goals: [
    { kind: 'check', says: 'No account\'s record is applied after a newer record of the same account', consumer: 'replica', check: 'per-item-order' },
    { kind: 'check', says: 'The replica always equals what the records processed imply', consumer: 'replica', check: 'target-matches-records' },
    { kind: 'check', says: 'At the end, the replica equals Accounts', consumer: 'replica', check: 'target-matches-source' },
  ],
  allow: { settings: [parallel, idempotency] },
  start: { settings: [{ p: idempotency.path, v: 'sequence-number' }] },
  hints: [
    'Which account is missing from the replica, and which lane processed the record from its shard that made it look stale?',
    'Lanes of one shard run side by side: a record of grace can be processed after a newer record of another account on the same shard.',
    'Order is kept per item, so the guard must be per item too. And Lambda may deliver a finished batch again: a guard that only works on the run you see is not enough.',
  ],
  variants: [
    { id: 'visible', label: 'The run you see: the crash comes in alice\'s burst of four updates' },
    { id: 'earlier-crash', label: 'The crash comes during the transfer at 0:10', edits: [{ p: 'interventions/0/at', v: 9_950 }] },
    { id: 'other-seed', label: 'Another seed, and the crash after the first record of the batch', seed: 313, edits: [{ p: 'interventions/0/params/afterRecords', v: 1 }] },
    { id: 'redelivery', label: 'Lambda delivers a finished batch of alice\'s again after her newer updates', edits: [{ p: 'interventions/+', v: { at: 20_700, kind: 'redeliver-batch', target: 'replica' } }] },
  ],
  solution: { settings: [{ p: parallel.path, v: 4 }, { p: idempotency.path, v: 'item-version' }] },
  explanation:
    'With several lanes per shard, records of different items on one shard are processed in any order, so a shard-wide high-water mark skips records that were never applied. Per item, Lambda keeps order; an item-version check (write only if newer than what the replica holds for that item) skips exactly the replays. A plain replicator passes the visible run but writes an older balance back when Lambda redelivers a finished batch.',
  wrong: { attempt: { settings: [{ p: parallel.path, v: 4 }, { p: idempotency.path, v: 'none' }] }, breaks: 1 },
};
