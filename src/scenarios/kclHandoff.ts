/**
 * KCL 3.x against KCL 1.x: two applications count the same votes, one on each lease model. Each
 * starts with one worker; a second worker joins at 0:20, and the first crashes at 1:40. Scaling
 * out, KCL 3.x's leader hands leases over gracefully (the old owner checkpoints first), so nothing
 * is processed twice; KCL 1.x's new worker steals leases and resumes from the last checkpoint, so
 * it processes again what the old owner already had. A crash replays in both: no worker is left to
 * checkpoint. The counters deduplicate by item version, so every replay is harmless here.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { castVote, createTable, scenario, VOTES } from './helpers.ts';
import type { ConsumerData } from './helpers.ts';

const CANDIDATES = ['Otter', 'Heron', 'Badger'] as const;

/** A vote every half second for 3 minutes, each from a new voter (`v1` … `v360`). */
function workload(): ScriptedCall[] {
  return Array.from({ length: 360 }, (_, i) => castVote(500 + i * 500, `v${i + 1}`, CANDIDATES[(i * 7) % 3]!));
}

function counter(id: 'kcl3' | 'kcl1'): ConsumerData {
  return {
    id,
    kind: 'kcl',
    handler: { kind: 'vote-counter', idempotency: 'item-version', sourceTable: VOTES, targetTable: `VoteCounts-${id}` },
    workers: ['w1'],
    checkpoint: { kind: 'every-n-records', n: 10 },
    config: { kclVersion: id === 'kcl3' ? '3.x' : '1.x', initialPositionInStream: 'TRIM_HORIZON' },
  };
}

export const kclHandoff: Scenario = scenario({
  id: 'kcl-handoff',
  title: 'KCL 3.x vs 1.x: handing a lease over, or stealing it',
  summary:
    'Two KCL applications count the same votes: kcl3 on KCL 3.x, kcl1 on KCL 1.x. A second worker joins each. KCL 3.x\'s leader moves leases by utilisation and the old owner checkpoints before letting go, so nothing is processed twice; KCL 1.x\'s new worker steals leases and replays from the last checkpoint. When a worker crashes, both replay.',
  seed: 31,
  durationMs: 240_000,
  // On demand: four partitions, so four shards and four leases per application.
  setup: [createTable(VOTES, { name: 'voterId', type: 'S' }, { billing: 'on-demand' })],
  writes: workload(),
  consumers: [counter('kcl3'), counter('kcl1')],
  interventions: [
    { at: 20_000, kind: 'add-worker', target: 'kcl3', params: { worker: 'w2' } },
    { at: 20_000, kind: 'add-worker', target: 'kcl1', params: { worker: 'w2' } },
    { at: 100_500, kind: 'crash', target: 'kcl3/w1', params: { when: 'now' } },
    { at: 100_500, kind: 'crash', target: 'kcl1/w1', params: { when: 'now' } },
  ],
  narration: [
    {
      until: { fact: 'lease-handed-off', match: { consumer: 'kcl3' } },
      text: 'Both applications start with one worker, w1, holding all four leases, and checkpoint every 10 records. At 0:20 a second worker, w2, starts in each. kcl3 runs KCL 3.x: w1 holds the leader lock (in kcl3-CoordinatorState), every worker reports its load (kcl3-WorkerMetricStats), and the leader moves a lease from the busiest worker to the idlest. The move is a graceful handoff: w1 finishes its batch, checkpoints, and only then lets go. (Real KCL measures CPU; the simulation counts records processed per second.)',
      claims: [
        { kind: 'seen', of: { fact: 'lease-assigned', match: { consumer: 'kcl3', reason: 'rebalance', to: 'w2' } } },
        { kind: 'seen', of: { fact: 'processor-shutdown', match: { consumer: 'kcl3', reason: 'REQUESTED', checkpointed: true } } },
      ],
    },
    {
      until: { fact: 'lease-taken', match: { consumer: 'kcl1', worker: 'w2', reason: 'stolen' } },
      text: 'kcl1 runs KCL 1.x (end of support since 30 January 2026). There is no leader: w2\'s own taker sees it holds fewer leases than its fair share and steals one from w1, with no warning to w1.',
      predict: {
        question: 'Which application processes some votes twice because w2 joined?',
        choices: ['kcl3 (KCL 3.x)', 'kcl1 (KCL 1.x)', 'Both', 'Neither'],
        answer: 1,
      },
      claims: [{ kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'kcl1', worker: 'w2', effect: 'skipped-duplicate' } }, within: 'after' }],
    },
    {
      until: { fact: 'crash', match: { consumer: 'kcl3', worker: 'w1' } },
      text: 'w2 resumes each stolen shard after its last checkpoint, so it processes again the votes w1 had processed since then, and w1 goes on reading until its next renewal or checkpoint fails (meanwhile the shard has three readers and one is throttled: the two-reader limit). By now each application has moved two leases to w2. kcl1 has processed votes twice; kcl3 has not processed any vote twice.',
      claims: [
        { kind: 'counter', consumer: 'kcl3', field: 'reprocessed', equals: 0 },
        { kind: 'counter', consumer: 'kcl1', field: 'reprocessed', atLeast: 1 },
        { kind: 'seen', of: { fact: 'lease-handed-off', match: { consumer: 'kcl3', worker: 'w1', to: 'w2' } }, atLeast: 2 },
        { kind: 'seen', of: { fact: 'lease-taken', match: { consumer: 'kcl1', worker: 'w2', reason: 'stolen' } }, atLeast: 2 },
        { kind: 'seen', of: { fact: 'read-throttled', match: { consumer: 'kcl1' } } },
      ],
    },
    {
      until: { fact: 'lease-assigned', match: { consumer: 'kcl3', reason: 'expired' } },
      text: 'At 1:40 w1 crashes in both applications. A crashed worker cannot hand anything over. In kcl3 w1 was also the leader: w2 takes the leader lock once w1\'s heartbeat has stood still longer than the lock\'s lease duration, then gives itself w1\'s leases, which have expired.',
      claims: [
        { kind: 'seen', of: { fact: 'leader-elected', match: { consumer: 'kcl3', worker: 'w2' } } },
        { kind: 'seen', of: { fact: 'lease-taken', match: { consumer: 'kcl1', worker: 'w2', reason: 'expired' } }, within: 'run' },
      ],
    },
    {
      until: { fact: 'end-of-run' },
      text: 'Summary: after a crash both versions resume from the last checkpoint, so both process some votes again (at-least-once). Graceful handoff only helps when a lease is moved on purpose: scaling out or in, or rebalancing. Both counters store the item version they last applied, so every repeat was skipped and both show 360 votes.',
      claims: [
        { kind: 'counter', consumer: 'kcl3', field: 'reprocessed', atLeast: 1 },
        { kind: 'counter', consumer: 'kcl3', field: 'harmfulDuplicates', equals: 0 },
        { kind: 'counter', consumer: 'kcl1', field: 'harmfulDuplicates', equals: 0 },
        { kind: 'counter', consumer: 'kcl3', field: 'recordsProcessed', equals: 360 },
        { kind: 'counter', consumer: 'kcl1', field: 'recordsProcessed', equals: 360 },
      ],
    },
  ],
  lesson: {
    checks: [
      { consumer: 'kcl3', expect: 'holds' },
      { consumer: 'kcl1', expect: 'holds' },
    ],
    counters: [
      { consumer: 'kcl3', field: 'recordsProcessed', equals: 360 },
      { consumer: 'kcl1', field: 'recordsProcessed', equals: 360 },
      { consumer: 'kcl1', field: 'reprocessed', atLeast: 1 },
      { consumer: 'kcl3', field: 'harmfulDuplicates', equals: 0 },
      { consumer: 'kcl1', field: 'harmfulDuplicates', equals: 0 },
    ],
  },
});
