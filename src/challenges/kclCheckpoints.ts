/**
 * Challenges on KCL checkpoints: where to checkpoint (before or after processing) for at-least-once
 * within a budget of checkpoint writes, and a failover that loses nothing and counts nothing twice.
 * Settings only: KCL record processors are the built-in ones (user code runs as a Lambda handler).
 *
 * Data only. May import: ./schema.ts. May not import sim, worker, ui, share.
 */
import type { AllowedSetting, Challenge } from './schema.ts';

const strategy = (choices: Array<[string, unknown]>): AllowedSetting => ({
  path: 'consumers/counter/checkpoint',
  label: 'Checkpoint strategy',
  choices: choices.map(([label, value]) => ({ label, value })),
});

const placement = strategy([
  ['before processing each batch', { kind: 'before-processing' }],
  ['after every record', { kind: 'every-record' }],
  ['after every 3 records', { kind: 'every-n-records', n: 3 }],
  ['after each batch', { kind: 'every-batch' }],
]);

export const checkpointPlacementChallenge: Challenge = {
  id: 'checkpoint-placement',
  title: 'Checkpoint before or after? Lose no vote',
  teaches: 'A checkpoint written before processing gives at-most-once (a crash loses what was not done); written after, at-least-once (a crash repeats it).',
  brief:
    'A KCL application with two workers counts votes; w1 crashes in the middle of a batch and w2 takes over from the last checkpoint. No vote may be lost, and checkpoints cost a write to the lease table each: stay within 30 checkpoint writes.',
  scenario: 'voting-at-most-once',
  // Polling opens after the first few votes: 60 more ballots from 40 voters over the second half.
  edits: [
    {
      p: 'traffic',
      v: [{ table: 'Votes', fromMs: 30_000, toMs: 60_000, ratePerSecond: 2, keys: { attribute: 'voterId', prefix: 'voter-', count: 40 }, mix: { put: 3, update: 1 }, attributes: { candidate: ['Otter', 'Heron', 'Badger'] } }],
    },
  ],
  goals: [
    { kind: 'check', says: 'No vote is lost: every record the application moved past was processed', consumer: 'counter', check: 'at-least-once' },
    { kind: 'counter', says: 'At most 30 checkpoint writes', consumer: 'counter', field: 'checkpointWrites', atMost: 30 },
  ],
  allow: { settings: [placement] },
  start: { settings: [{ p: placement.path, v: { kind: 'before-processing' } }] },
  hints: [
    'Step to the crash and then to w2\'s first read: where does w2 start, and which votes did w1 never count?',
    'A checkpoint says "everything up to here is done". When is that true?',
    'Checkpointing after every record is safe but writes the lease table for every vote.',
  ],
  variants: [
    { id: 'visible', label: 'The run you see: w1 crashes after the first vote of a batch' },
    { id: 'later-crash', label: 'w1 crashes after the third vote of the batch', edits: [{ p: 'interventions/0/params/afterRecords', v: 3 }] },
    { id: 'other-seed', label: 'Another seed, and w1 crashes after the fourth vote of a batch', seed: 4242, edits: [{ p: 'interventions/0/params', v: { when: 'mid-batch', afterRecords: 4 } }] },
  ],
  solution: { settings: [{ p: placement.path, v: { kind: 'every-batch' } }] },
  explanation:
    'Checkpointing after each batch means a crash can only repeat the batch in flight (at-least-once), never skip it, and costs one write per batch. Before processing, the checkpoint already covers the batch the crash interrupted, so w2 never counts it (at-most-once). After every record is also at-least-once but costs a write per vote.',
  wrong: { attempt: { settings: [{ p: placement.path, v: { kind: 'before-processing' } }] }, breaks: 0 },
};

const failoverStrategy = strategy([
  ['before processing each batch', { kind: 'before-processing' }],
  ['after every 5 records', { kind: 'every-n-records', n: 5 }],
  ['after each batch', { kind: 'every-batch' }],
]);
const idempotency: AllowedSetting = {
  path: 'consumers/counter/handler/idempotency',
  label: 'Counter idempotency',
  choices: [
    { label: 'none (plain increment)', value: 'none' },
    { label: 'item version (skip a change older than the one applied)', value: 'item-version' },
  ],
};

export const kclFailoverChallenge: Challenge = {
  id: 'kcl-failover',
  title: 'KCL failover without lost or doubled updates',
  teaches: 'After a KCL lease is taken over, the new worker resumes at the last checkpoint, so a safe application checkpoints after processing and makes the replay harmless.',
  brief:
    'Two KCL 1.x workers share four shards; w1 crashes and, after the failover time, w2 takes its leases. Make the counts come out exactly right: no vote lost at the handover, none counted twice when w2 replays what w1 did after its last checkpoint.',
  scenario: 'kcl-failover',
  edits: [
    { p: 'consumers/counter/handler/idempotency', v: 'none' },
    { p: 'consumers/counter/checkpoint', v: { kind: 'before-processing' } },
    // Reads every 10 s, so batches hold a few votes, and w1 crashes in the middle of one.
    { p: 'consumers/counter/config/idleTimeBetweenReadsInMillis', v: 10_000 },
    { p: 'interventions/0/params', v: { when: 'mid-batch', afterRecords: 1 } },
  ],
  goals: [
    { kind: 'check', says: 'No vote is lost at the handover', consumer: 'counter', check: 'at-least-once' },
    { kind: 'check', says: 'VoteCounts always equals the votes processed, each counted once', consumer: 'counter', check: 'target-matches-records' },
    { kind: 'check', says: 'At the end, VoteCounts equals what the Votes table holds', consumer: 'counter', check: 'target-matches-source' },
  ],
  allow: { settings: [failoverStrategy, idempotency] },
  start: { settings: [] },
  hints: [
    'Find the lease w2 takes after w1 crashed: from which checkpoint does it resume each shard?',
    'Checkpointing after processing means w2 delivers again what w1 did after its last checkpoint.',
    'A replayed vote must change nothing: the counter can remember the newest version of each ballot it applied.',
  ],
  variants: [
    { id: 'visible', label: 'The run you see: w1 crashes in its first batch after 0:45.5' },
    { id: 'early-crash', label: 'w1 crashes in its first batch after 0:20', edits: [{ p: 'interventions/0/at', v: 20_000 }] },
    { id: 'other-seed', label: 'Another seed, and w1 crashes in its first batch after 1:10', seed: 99, edits: [{ p: 'interventions/0/at', v: 70_300 }] },
  ],
  solution: { settings: [{ p: failoverStrategy.path, v: { kind: 'every-n-records', n: 5 } }, { p: idempotency.path, v: 'item-version' }] },
  explanation:
    'Checkpointing after processing (every 5 records) means nothing w1 skipped is ever behind a checkpoint, so no vote is lost; w2 then replays the records after the last checkpoint, and the item-version counter skips the ones already applied. Either half alone fails: before-processing checkpoints lose the batch in flight; a plain increment counts the replay twice.',
  wrong: { attempt: { settings: [{ p: failoverStrategy.path, v: { kind: 'every-n-records', n: 5 } }] }, breaks: 1 },
};
