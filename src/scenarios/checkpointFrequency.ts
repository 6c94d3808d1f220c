/**
 * Checkpoint frequency: three KCL applications read the same Votes stream and count votes. They
 * differ only in when they checkpoint (every record, every 10 records, every batch). Each one's
 * worker crashes at the same point of the same 40-vote batch, and a standby worker replays from the
 * last checkpoint. The more often an application checkpoints, the less it replays, and the more
 * checkpoint writes it pays for. Three readers of one shard are one more than AWS plans for: they
 * are throttled in turns (`sim/stream/readLimit.ts`), and the narration says so.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { castVote, kclVoteCounter, scenario, votesTable } from './helpers.ts';

const CANDIDATES = ['Otter', 'Heron', 'Badger'] as const;

/** Three early votes, then a burst of 40 votes within 0.2 s (one KCL batch). */
function workload(): ScriptedCall[] {
  const early = [castVote(2_000, 'ada', 'Otter'), castVote(3_000, 'grace', 'Heron'), castVote(4_000, 'linus', 'Badger')];
  const burst = Array.from({ length: 40 }, (_, i) => castVote(9_200 + i * 5, `voter${String(i + 1).padStart(2, '0')}`, CANDIDATES[i % 3]!));
  return [...early, ...burst];
}

/** The crash: after the 34th record of the next batch (the burst), before that record is checkpointed. */
const crash = (target: string) => ({ at: 9_000, kind: 'crash' as const, target: `${target}/w1`, params: { when: 'mid-batch', afterRecords: 34 } });

export const checkpointFrequency: Scenario = scenario({
  id: 'checkpoint-frequency',
  title: 'Checkpoint every record, every 10, or every batch',
  summary: 'Three KCL counters crash at the same point of the same batch. After failover each replays what it processed since its last checkpoint: 1 vote, 7 votes or 34 votes. Fewer checkpoints cost fewer writes but replay more.',
  seed: 11,
  durationMs: 120_000,
  setup: [votesTable()],
  writes: workload(),
  consumers: [
    kclVoteCounter('every-record', { kind: 'every-record' }),
    kclVoteCounter('every-10', { kind: 'every-n-records', n: 10 }),
    kclVoteCounter('every-batch', { kind: 'every-batch' }),
  ],
  interventions: [crash('every-record'), crash('every-10'), crash('every-batch')],
  narration: [
    {
      until: { fact: 'checkpoint', match: { consumer: 'every-batch' } },
      text: 'Three applications read the same shard, each with its own lease table. every-record writes its lease after each record, every-10 after every tenth, every-batch once per processRecords call. (Three readers of one shard is one more than AWS plans for: more than two processes reading a shard at once are throttled with LimitExceededException. The throttle marks show it: each second one worker\'s GetRecords is refused and it backs off, so it reads the votes a second late. In production, keep to two readers per shard, or let one function fan the records out to the others through SNS or EventBridge.) (Its KCL workers run KCL 1.x, which reached end of support on 30 January 2026; the simulator defaults to KCL 3.x: see the lesson on KCL 3.x handoff.)',
      claims: (['every-record', 'every-10', 'every-batch'] as const).map((id) => ({ kind: 'seen' as const, of: { fact: 'read-throttled', match: { consumer: id, readers: 3 } }, atLeast: 1, within: 'run' as const })),
    },
    {
      until: { fact: 'crash', match: { consumer: 'every-batch' } },
      text: 'Forty votes arrive within 0.2 s, so each application gets them as one batch. Each worker w1 counts 34 of them and crashes before checkpointing the 34th.',
      predict: {
        question: 'After failover, how many votes will every-batch count a second time?',
        choices: ['None', '7', '34', 'All 40'],
        answer: 2,
      },
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'every-batch', harm: true } }, equals: 0 },
        { kind: 'ahead', of: { fact: 'record-processed', match: { consumer: 'every-batch', harm: true } } },
        { kind: 'counter', consumer: 'every-batch', field: 'harmfulDuplicates', equals: 34, within: 'run' },
      ],
    },
    {
      until: { fact: 'lease-taken', match: { consumer: 'every-batch', worker: 'w2', reason: 'expired' } },
      text: 'The standby workers take the expired leases and resume after each application\'s last checkpoint. every-record resumes after burst vote 33. every-10 counts records across batches, so with the three early votes its last checkpoint came after burst vote 27. every-batch resumes after the three early votes. The votes processed after the last checkpoint are delivered again; these counters are not idempotent, so each replayed vote is counted twice.',
      claims: [
        { kind: 'counter', consumer: 'every-record', field: 'harmfulDuplicates', equals: 1, within: 'run' },
        { kind: 'counter', consumer: 'every-10', field: 'harmfulDuplicates', equals: 7, within: 'run' },
      ],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'every-batch', check: 'target-matches-source' } },
      text: 'What happened: every strategy checkpoints after processing, so all three are at-least-once, and the crash replays what came after the checkpoint. every-record replayed 1 vote but wrote its lease 43 times. every-10 replayed 7 votes with 4 writes. every-batch also made 4 writes, but it replayed 34 votes, because a large batch means long gaps between checkpoints. Choose the frequency by what a replay costs you, and make the handler idempotent so a replay does no harm.',
      claims: [
        { kind: 'counter', consumer: 'every-record', field: 'checkpointWrites', equals: 43 },
        { kind: 'counter', consumer: 'every-10', field: 'checkpointWrites', equals: 4 },
        { kind: 'counter', consumer: 'every-batch', field: 'checkpointWrites', equals: 4 },
      ],
    },
  ],
  lesson: {
    checks: [
      { consumer: 'every-record', check: 'at-least-once', expect: 'holds' },
      { consumer: 'every-10', check: 'at-least-once', expect: 'holds' },
      { consumer: 'every-batch', check: 'at-least-once', expect: 'holds' },
      { consumer: 'every-batch', check: 'target-matches-source', expect: 'broken' },
    ],
    counters: [
      { consumer: 'every-record', field: 'reprocessed', equals: 1 },
      { consumer: 'every-10', field: 'reprocessed', equals: 7 },
      { consumer: 'every-batch', field: 'reprocessed', equals: 34 },
      { consumer: 'every-record', field: 'checkpointWrites', atLeast: 40 },
      { consumer: 'every-10', field: 'checkpointWrites', atMost: 8 },
      { consumer: 'every-batch', field: 'checkpointWrites', atMost: 8 },
    ],
  },
});
