/**
 * Voting, variant 1: a naive vote counter and one crash. The function crashes after counting three
 * votes of a five-vote batch; Lambda retries the whole batch, so three votes are counted twice.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario } from './types.ts';
import { election, scenario, sKey, votesTable, VOTES } from './helpers.ts';

export const votingNaiveCrash: Scenario = scenario({
  id: 'voting-naive-crash',
  title: 'Vote counter: a crash counts votes twice',
  summary: 'A Lambda function counts votes with a plain increment; it crashes mid-batch, Lambda retries the whole batch, and the votes it had already counted are counted again.',
  seed: 7,
  durationMs: 60_000,
  setup: [votesTable()],
  writes: election(),
  consumers: [
    {
      id: 'counter',
      kind: 'lambda',
      handler: { kind: 'vote-counter', idempotency: 'none', sourceTable: VOTES, targetTable: 'VoteCounts' },
      mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, MaximumBatchingWindowInSeconds: 2 },
    },
  ],
  interventions: [{ at: 19_000, kind: 'crash', target: 'counter', params: { when: 'mid-batch', afterRecords: 3 } }],
  narration: [
    {
      until: { fact: 'record-appended', match: { keyString: sKey('ada') } },
      text: 'Ada votes Otter. The put is conditional on attribute_not_exists(voterId), so each voter can vote once. The write becomes one INSERT record on the stream.',
    },
    {
      until: { fact: 'write-rejected', match: { keyString: sKey('ada') } },
      text: 'Ada tries to vote again. The condition fails, the item is unchanged and no stream record is written. The counter never hears about it.',
    },
    {
      until: { fact: 'record-appended', match: { keyString: sKey('grace') } },
      text: 'Grace changes her vote from Heron to Badger with a conditional UpdateItem. The MODIFY record carries both images, so the counter can take one vote from Heron and give it to Badger.',
    },
    {
      until: { fact: 'crash', match: { consumer: 'counter' } },
      text: 'Five votes arrived together and went to the function as one batch. It counted three of them and then crashed.',
      predict: {
        question: 'Lambda retries a failed batch. What happens to the three votes that were already counted?',
        choices: ['They are skipped: Lambda knows they were done', 'They are counted again', 'They are lost'],
        answer: 1,
      },
      claims: [
        // margaret, alan and barbara counted; edsger and dennis not yet.
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'counter', keyString: sKey('barbara') } }, equals: 1 },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'counter', keyString: sKey('edsger') } }, equals: 0 },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'counter', deliveryCount: 2 } }, equals: 0 },
        { kind: 'ahead', of: { fact: 'record-processed', match: { consumer: 'counter', harm: true } } },
      ],
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'counter', harm: true } },
      text: 'Lambda checkpoints only after a whole batch succeeds, so the retry delivers all five records again: the stream panel counts 5 reprocessed. A plain increment cannot tell a retry from a new vote, so the three votes counted before the crash are counted a second time, starting with Margaret\'s, and VoteCounts no longer matches the records.',
      claims: [
        { kind: 'counter', consumer: 'counter', field: 'reprocessed', equals: 5, within: 'run' },
        { kind: 'counter', consumer: 'counter', field: 'harmfulDuplicates', equals: 3, within: 'run' },
        { kind: 'seen', of: { fact: 'invariant-broken', match: { consumer: 'counter', check: 'target-matches-records' } }, within: 'run' },
      ],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'counter', check: 'target-matches-source' } },
      text: 'What went wrong: the stream holds each vote exactly once, but Lambda delivers at least once. The crash caused a retry, and the naive counter added the three votes it had already counted. Otter, Heron and Badger each end one vote too high. The fix is an idempotent counter (next scenario).',
    },
  ],
  lesson: {
    checks: [
      { consumer: 'counter', check: 'target-matches-records', expect: 'broken' },
      { consumer: 'counter', check: 'target-matches-source', expect: 'broken' },
      { consumer: 'counter', check: 'at-least-once', expect: 'holds' },
    ],
    counters: [
      { consumer: 'counter', field: 'harmfulDuplicates', equals: 3 },
      { consumer: 'counter', field: 'crashes', equals: 1 },
    ],
  },
});
