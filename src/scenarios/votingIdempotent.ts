/**
 * Voting, variant 2: the same election and the same crash as `voting-naive-crash`, with an
 * idempotent counter. Each count is a transaction that also records the record's eventID with
 * attribute_not_exists, so the retried batch adds nothing twice and the count stays right.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario } from './types.ts';
import { election, scenario, sKey, votesTable, VOTES } from './helpers.ts';

export const votingIdempotent: Scenario = scenario({
  id: 'voting-idempotent',
  title: 'Vote counter: idempotent, and right after the same crash',
  summary: 'The same crash and the same retry as before, but the counter records each eventID in the same transaction as the count, so the redelivered votes are skipped and the totals stay right.',
  seed: 7,
  durationMs: 60_000,
  setup: [votesTable()],
  writes: election(),
  consumers: [
    {
      id: 'counter',
      kind: 'lambda',
      handler: { kind: 'vote-counter', idempotency: 'event-id', sourceTable: VOTES, targetTable: 'VoteCounts' },
      mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, MaximumBatchingWindowInSeconds: 2 },
    },
  ],
  interventions: [{ at: 19_000, kind: 'crash', target: 'counter', params: { when: 'mid-batch', afterRecords: 3 } }],
  narration: [
    {
      until: { fact: 'record-processed', match: { consumer: 'counter', keyString: sKey('ada') } },
      text: 'Each vote is counted in one TransactWriteItems: put event#<eventID> in a ledger table with attribute_not_exists(pk), and add 1 to the candidate. If the eventID is already in the ledger, the whole transaction is cancelled.',
    },
    {
      until: { fact: 'crash', match: { consumer: 'counter' } },
      text: 'The same crash as in the naive scenario: three of the five votes were counted, then the function died. Lambda will retry the whole batch.',
      predict: {
        question: 'The retry delivers the same five records, with the same eventIDs. What does this counter do with the first three?',
        choices: ['Counts them again', 'Skips them: their eventIDs are already in the ledger', 'Fails the batch again'],
        answer: 1,
      },
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'counter', effect: 'skipped-duplicate' } }, equals: 0 },
        { kind: 'ahead', of: { fact: 'record-processed', match: { consumer: 'counter', effect: 'skipped-duplicate' } } },
        { kind: 'counter', consumer: 'counter', field: 'effects.skipped-duplicate', equals: 3, within: 'run' },
      ],
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'counter', effect: 'skipped-duplicate' } },
      text: 'Margaret\'s vote comes back with the same eventID. The ledger put fails its condition, the transaction is cancelled, and nothing is counted twice.',
      claims: [{ kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'counter', keyString: sKey('margaret'), effect: 'skipped-duplicate' } }, equals: 1 }],
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'counter', keyString: sKey('hedy') } },
      text: 'What happened: delivery was still at least once: the retry delivered all five records again (Reprocessed 5), and the three already counted were skipped as duplicates. The counter was idempotent, so the duplicates did no harm. VoteCounts ends at Otter 4, Heron 2, Badger 3, which is what the Votes table holds. The cost is one ledger row and one transaction for every record.',
    },
  ],
  lesson: {
    checks: [{ consumer: 'counter', expect: 'holds' }],
    counters: [
      { consumer: 'counter', field: 'reprocessed', equals: 5 },
      { consumer: 'counter', field: 'effects.skipped-duplicate', equals: 3 },
      { consumer: 'counter', field: 'harmfulDuplicates', equals: 0 },
    ],
  },
});
