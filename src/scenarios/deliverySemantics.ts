/**
 * At-most-once vs at-least-once: two KCL counters on the same Votes stream, identical except for
 * when they checkpoint: before processing a batch or after it. The same crash hits both at the same
 * record. The first loses the votes after the crash point; the second counts the votes before it
 * twice.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario } from './types.ts';
import { election, kclVoteCounter, scenario, sKey, votesTable } from './helpers.ts';

/** Armed after Margaret's batch: the next batch (Alan, Barbara, Edsger, Dennis) dies after 2 records. */
const crash = (id: string) => ({ at: 20_500, kind: 'crash' as const, target: `${id}/w1`, params: { when: 'mid-batch', afterRecords: 2 } });

export const deliverySemantics: Scenario = scenario({
  id: 'at-most-once-vs-at-least-once',
  title: 'Checkpoint before or after: at-most-once vs at-least-once',
  summary: 'Two KCL counters crash at the same record. The one that checkpointed before processing never counts the two votes after the crash. The one that checkpoints after processing counts the two votes before the crash twice.',
  seed: 5,
  durationMs: 90_000,
  setup: [votesTable()],
  writes: election(),
  consumers: [kclVoteCounter('at-most-once', { kind: 'before-processing' }), kclVoteCounter('at-least-once', { kind: 'every-batch' })],
  interventions: [crash('at-most-once'), crash('at-least-once')],
  narration: [
    {
      until: { fact: 'checkpoint', match: { consumer: 'at-least-once' } },
      text: 'Both applications read the same shard with the same record processor. at-most-once checkpoints a batch before counting it; at-least-once checkpoints after counting it. (Its KCL workers run KCL 1.x, which reached end of support on 30 January 2026; the simulator defaults to KCL 3.x: see the lesson on KCL 3.x handoff.)',
    },
    {
      until: { fact: 'crash', match: { consumer: 'at-least-once' } },
      text: 'A batch of four votes (Alan, Barbara, Edsger, Dennis). Both workers count Alan and Barbara and then crash at the same point.',
      predict: {
        question: 'After failover, what happens to the four votes in each application?',
        choices: [
          'Both applications count all four exactly once',
          'at-most-once loses Edsger and Dennis; at-least-once counts Alan and Barbara twice',
          'at-most-once counts Alan and Barbara twice; at-least-once loses Edsger and Dennis',
        ],
        answer: 1,
      },
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'at-most-once', keyString: sKey('barbara') } }, equals: 1 },
        { kind: 'ahead', of: { fact: 'record-processed', match: { consumer: 'at-least-once', keyString: sKey('alan'), deliveryCount: 2 } } },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'at-most-once', keyString: sKey('edsger') } }, equals: 0, within: 'run' },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'at-most-once', keyString: sKey('dennis') } }, equals: 0, within: 'run' },
        { kind: 'counter', consumer: 'at-least-once', field: 'harmfulDuplicates', equals: 2, within: 'run' },
      ],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'at-least-once', check: 'target-matches-records' } },
      text: 'at-least-once: its checkpoint was before the batch, so the standby replays all four votes. Alan and Barbara are counted a second time.',
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'at-most-once', check: 'at-least-once' } },
      text: 'at-most-once: its checkpoint was already past all four votes, so the standby resumes after Dennis. Edsger and Dennis are never counted.',
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'at-least-once', check: 'target-matches-source' } },
      text: 'What went wrong: a crash always falls between the checkpoint and the work. Checkpoint first, and the work after the crash is lost (at-most-once). Checkpoint after, and the work before the crash is repeated (at-least-once). Neither gives exactly-once on its own: use at-least-once with an idempotent handler.',
    },
  ],
  lesson: {
    checks: [
      { consumer: 'at-most-once', check: 'at-least-once', expect: 'broken' },
      { consumer: 'at-most-once', check: 'target-matches-source', expect: 'broken' },
      { consumer: 'at-least-once', check: 'at-least-once', expect: 'holds' },
      { consumer: 'at-least-once', check: 'target-matches-records', expect: 'broken' },
    ],
    counters: [
      { consumer: 'at-most-once', field: 'recordsProcessed', equals: 8 },
      { consumer: 'at-most-once', field: 'reprocessed', equals: 0 },
      { consumer: 'at-least-once', field: 'harmfulDuplicates', equals: 2 },
    ],
  },
});
