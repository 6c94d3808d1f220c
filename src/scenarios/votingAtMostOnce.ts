/**
 * Voting, variant 3: at-most-once. A KCL counter checkpoints each batch *before* counting it. The
 * worker crashes mid-batch; the standby worker takes the expired lease and resumes after the
 * checkpoint, so the votes the crash interrupted are never counted.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario } from './types.ts';
import { election, scenario, sKey, votesTable, VOTES } from './helpers.ts';

export const votingAtMostOnce: Scenario = scenario({
  id: 'voting-at-most-once',
  title: 'Vote counter: checkpoint first, lose votes',
  summary: 'A KCL counter checkpoints each batch before it counts it. The worker crashes mid-batch, the standby worker resumes after the checkpoint, and the votes the crash interrupted are never counted.',
  seed: 7,
  durationMs: 90_000,
  setup: [votesTable()],
  writes: election(),
  consumers: [
    {
      id: 'counter',
      kind: 'kcl',
      handler: { kind: 'vote-counter', idempotency: 'none', sourceTable: VOTES, targetTable: 'VoteCounts' },
      workers: ['w1', 'w2'],
      checkpoint: { kind: 'before-processing' },
      config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON' },
    },
  ],
  interventions: [{ at: 20_500, kind: 'crash', target: 'counter/w1', params: { when: 'mid-batch', afterRecords: 1 } }],
  narration: [
    {
      until: { fact: 'lease-taken', match: { consumer: 'counter', worker: 'w1' } },
      text: 'Two KCL workers share the lease table. w1 takes the lease on the only shard; w2 has nothing to do and waits as a standby. (Failover here is KCL 1.x\'s: a worker takes a lease whose counter stood still past the failover time. KCL 3.x, which AWS recommends now, reassigns leases through a leader, but a crashed worker still loses its uncheckpointed work the same way.) (Its KCL workers run KCL 1.x, which reached end of support on 30 January 2026; the simulator defaults to KCL 3.x: see the lesson on KCL 3.x handoff.)',
      claims: [{ kind: 'seen', of: { fact: 'shard-opened' }, equals: 1, within: 'run' }],
    },
    {
      until: { fact: 'checkpoint', match: { consumer: 'counter', worker: 'w1' } },
      text: 'This record processor checkpoints first: it writes the batch\'s last sequence number to the lease, and only then counts the votes.',
      claims: [{ kind: 'order', first: { fact: 'checkpoint', match: { consumer: 'counter' } }, then: { fact: 'record-processed', match: { consumer: 'counter' } }, within: 'run' }],
    },
    {
      until: { fact: 'crash', match: { consumer: 'counter', worker: 'w1' } },
      text: 'A burst of votes arrives. Margaret\'s vote came in its own batch; the next batch holds the other four. w1 checkpoints past all four, counts Alan\'s vote, and crashes.',
      predict: {
        question: 'w2 will take over the lease once it expires. Where does it start reading?',
        choices: ['At the first vote w1 did not count', 'After the checkpoint, which is already past all four votes', 'At the start of the shard'],
        answer: 1,
      },
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'counter', keyString: sKey('alan') } }, equals: 1 },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'counter', keyString: sKey('barbara') } }, equals: 0, within: 'run' },
        { kind: 'ahead', of: { fact: 'record-processed', match: { consumer: 'counter', worker: 'w2', keyString: sKey('hedy') } } },
      ],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'counter', check: 'at-least-once' } },
      text: 'w1 stopped renewing its lease. w2\'s taker scans the lease table every 20 s. Once it has seen the lease counter unchanged for longer than the failover time (10 s), it takes the lease and resumes after the stored checkpoint: its first vote is Hedy\'s. The checkpoint had moved past three votes that were never counted.',
      claims: [
        { kind: 'seen', of: { fact: 'lease-taken', match: { consumer: 'counter', worker: 'w2', reason: 'expired' } } },
        { kind: 'counter', consumer: 'counter', field: 'reprocessed', equals: 0, within: 'run' },
      ],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'counter', check: 'target-matches-source' } },
      text: 'What went wrong: checkpointing before processing gives at-most-once delivery. A crash between the checkpoint and the work loses that work, and nothing replays it. Three votes are missing from VoteCounts. To get at-least-once, checkpoint after processing; to also avoid double counts, make the counter idempotent.',
    },
  ],
  lesson: {
    checks: [
      { consumer: 'counter', check: 'at-least-once', expect: 'broken' },
      { consumer: 'counter', check: 'target-matches-source', expect: 'broken' },
      { consumer: 'counter', check: 'exactly-once', expect: 'holds' },
    ],
    counters: [
      { consumer: 'counter', field: 'recordsProcessed', equals: 7 },
      { consumer: 'counter', field: 'reprocessed', equals: 0 },
    ],
  },
});
