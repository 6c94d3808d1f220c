/**
 * KCL failover: two workers share a four-shard stream through the lease table. Worker w1 crashes.
 * Its leases stop being renewed; w2's taker sees their counters stand still past the failover time,
 * takes them, and resumes each shard after its last checkpoint, so the records w1 processed after
 * that checkpoint are delivered again. The counter deduplicates by item version, so the replay is
 * harmless.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { castVote, createTable, scenario, VOTES } from './helpers.ts';

const CANDIDATES = ['Otter', 'Heron', 'Badger'] as const;
const NAMES = ['ada', 'grace', 'linus', 'margaret', 'alan', 'barbara', 'edsger', 'dennis', 'hedy', 'ken', 'radia', 'tim', 'frances', 'john', 'kathleen', 'niklaus', 'annie', 'donald', 'shafi', 'leslie'];

/** A vote every second for 100 s, from a new voter each time (`ada-1` … `leslie-5`), spread over the four shards. */
function workload(): ScriptedCall[] {
  return Array.from({ length: 100 }, (_, i) => castVote(1_000 + i * 1_000, `${NAMES[i % 20]!}-${Math.floor(i / 20) + 1}`, CANDIDATES[(i * 7) % 3]!));
}

export const kclFailover: Scenario = scenario({
  id: 'kcl-failover',
  title: 'KCL 1.x failover: a lease expires and is taken over',
  summary: 'Two KCL 1.x workers split four shards between them. One crashes. After the failover time the other takes its leases and resumes from the last checkpoints, so some records are delivered again. An idempotent counter makes that replay harmless.',
  seed: 23,
  durationMs: 150_000,
  // On demand: the table starts with four partitions, so the stream has four open shards.
  setup: [createTable(VOTES, { name: 'voterId', type: 'S' }, { billing: 'on-demand' })],
  writes: workload(),
  consumers: [
    {
      id: 'counter',
      kind: 'kcl',
      handler: { kind: 'vote-counter', idempotency: 'item-version', sourceTable: VOTES, targetTable: 'VoteCounts' },
      workers: ['w1', 'w2'],
      checkpoint: { kind: 'every-n-records', n: 5 },
      config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON' },
    },
  ],
  interventions: [{ at: 45_500, kind: 'crash', target: 'counter/w1', params: { when: 'now' } }],
  narration: [
    {
      until: { fact: 'lease-taken', match: { consumer: 'counter', worker: 'w2', reason: 'stolen' } },
      text: 'This is KCL 1.x, which reached end of support on 30 January 2026 but which many consumers still run. w1 started first and took all four new leases. w2\'s taker finds itself below its fair share (4 leases for 2 workers), so it steals one lease per scan, every 20 s. (KCL 3.x, which AWS recommends with the DynamoDB Streams adapter, has a leader assign leases by worker utilisation and hands a lease over gracefully, checkpointing first, instead of stealing it.)',
    },
    {
      until: { fact: 'lease-lost', match: { consumer: 'counter', worker: 'w1', detectedBy: 'renewal' } },
      text: 'w1 finds out at its next renewal that a lease is no longer its own: the conditional write failed because the lease counter had moved. Its processor for that shard shuts down as a ZOMBIE and may not checkpoint. The new owner resumes from the last checkpoint, so even a balancing steal replays a few records.',
    },
    {
      until: { fact: 'crash', match: { consumer: 'counter', worker: 'w1' } },
      text: 'w1 crashes while it holds two leases. On each shard it has counted a few votes since its last checkpoint (it checkpoints every 5 records).',
      predict: {
        question: 'What happens to the votes w1 counted after its last checkpoints?',
        choices: ['They are lost', 'w2 delivers them again after it takes the leases', 'Nothing: w1 checkpointed them as it crashed'],
        answer: 1,
      },
      claims: [
        { kind: 'ahead', of: { fact: 'lease-taken', match: { consumer: 'counter', worker: 'w2', reason: 'expired' } } },
        { kind: 'ahead', of: { fact: 'record-processed', match: { consumer: 'counter', worker: 'w2', effect: 'skipped-duplicate' } } },
      ],
    },
    {
      until: { fact: 'lease-taken', match: { consumer: 'counter', worker: 'w2', reason: 'expired' } },
      text: 'The lease table records no time of renewal. w2\'s taker judges expiry from its own scans (every 20 s): w1\'s lease counters have stood still for longer than the failover time (10 s). w2 takes both leases, about 35 s after the crash, resumes each shard after its last checkpoint and delivers again the votes w1 counted after it. The counter stores the version of each voter\'s item that it last applied, so these repeats are skipped.',
      claims: [
        { kind: 'stops-at', atMs: 80_200 },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'counter', worker: 'w2', effect: 'skipped-duplicate' } }, within: 'after' },
      ],
    },
    {
      until: { fact: 'end-of-run' },
      text: 'Summary: KCL 1.x moves leases by conditional writes on a lease counter. A worker that stops renewing loses its leases after the failover time, plus up to one taker interval. The new owner replays everything after the last checkpoint. Failover, and even load balancing, gives at-least-once delivery (KCL 3.x\'s graceful handoff avoids the replay when a lease is moved on purpose, not when a worker crashes). The idempotent counter still shows 100 votes.',
      claims: [
        { kind: 'counter', consumer: 'counter', field: 'recordsProcessed', equals: 100 },
        { kind: 'counter', consumer: 'counter', field: 'harmfulDuplicates', equals: 0 },
      ],
    },
  ],
  lesson: {
    checks: [{ consumer: 'counter', expect: 'holds' }],
    counters: [
      { consumer: 'counter', field: 'crashes', equals: 1 },
      { consumer: 'counter', field: 'recordsProcessed', equals: 100 },
      { consumer: 'counter', field: 'reprocessed', atLeast: 2 },
      { consumer: 'counter', field: 'effects.skipped-duplicate', atLeast: 2 },
      { consumer: 'counter', field: 'harmfulDuplicates', equals: 0 },
    ],
  },
});
