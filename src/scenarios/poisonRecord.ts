/**
 * A poison record: one vote the function can never process. Three Lambda mappings on the same
 * stream handle it differently: with the defaults the shard is blocked behind it (retries until
 * the record expires); with BisectBatchOnFunctionError the batch is split until the poison record
 * is alone, then discarded to the on-failure destination; with ReportBatchItemFailures the function
 * names the failing record, so the records before it are checkpointed and only the rest is retried.
 * Three readers of one shard: one more than AWS plans for, so they are throttled in turns (the
 * narration says so); a 3 s batching window keeps Barbara's five-vote batch whole for all three.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario } from './types.ts';
import { election, scenario, sKey, votesTable, VOTES, type ConsumerData } from './helpers.ts';

const DLQ = 'arn:aws:sqs:us-east-1:123456789012:votes-dlq';

function counter(id: string, mapping: Omit<Extract<ConsumerData, { kind: 'lambda' }>['mapping'], 'StartingPosition'>): ConsumerData {
  return {
    id,
    kind: 'lambda',
    handler: { kind: 'vote-counter', idempotency: 'event-id', sourceTable: VOTES, targetTable: `VoteCounts-${id}` },
    mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, MaximumBatchingWindowInSeconds: 3, ...mapping },
  };
}

const IDS = ['stuck', 'bisect', 'partial'] as const;

export const poisonRecord: Scenario = scenario({
  id: 'poison-record',
  title: 'A poison record blocks its shard',
  summary: 'One vote makes the function fail every time. With default settings the shard stops behind it and retries until the record expires. Bisect-on-error or a partial batch response isolates the record, and an on-failure destination reports it, so the votes after it get through.',
  seed: 9,
  durationMs: 300_000,
  // A long run: watched at 20× unless a link or the user says otherwise.
  view: { speed: 20 },
  // Retention shortened from 24 h to 3 min so the blocked shard's wait ends within the run.
  simulation: { retentionMs: 180_000 },
  setup: [votesTable()],
  writes: election(),
  consumers: [
    counter('stuck', {}),
    counter('bisect', { BisectBatchOnFunctionError: true, MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: DLQ } } }),
    counter('partial', { FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: DLQ } } }),
  ],
  // Barbara's vote (in the five-vote batch at 20 s) is one the function cannot process.
  interventions: IDS.map((id) => ({ at: 1_000, kind: 'poison-record' as const, target: id, params: { keyString: sKey('barbara') } })),
  narration: [
    {
      until: { fact: 'fault-injected', match: { kind: 'poison-record', target: 'stuck' } },
      text: 'Three Lambda mappings count the same votes. stuck uses the defaults: retry a failed batch forever. bisect splits a failing batch in two and gives up after 2 retries, sending the failed batch\'s details to an SQS on-failure destination. partial has the function report the sequence number of the record that failed (ReportBatchItemFailures). All three counters deduplicate by eventID. Barbara\'s vote will make all three functions fail every time. (Three mappings on one stream are three readers of each shard; AWS plans for at most two, and more are throttled with LimitExceededException. The throttle marks show it here too: two mappings read while the third is refused for a second and backs off, so each one sees the votes a little late. In production, keep to two readers per shard or fan out from one function through SNS or EventBridge.)',
      claims: (['stuck', 'bisect'] as const).map((id) => ({ kind: 'seen' as const, of: { fact: 'read-throttled', match: { consumer: id, readers: 3 } }, atLeast: 1, within: 'run' as const })),
    },
    {
      until: { fact: 'batch-failed', match: { consumer: 'stuck' } },
      text: 'The five-vote batch fails in all three functions at Barbara\'s record.',
      predict: {
        question: 'With the default settings, what happens to Hedy\'s vote, which arrives at 0:40 on the same shard?',
        choices: ['It is counted at once', 'It waits behind the failing batch', 'It is discarded with the batch'],
        answer: 1,
      },
      claims: [
        { kind: 'ahead', of: { fact: 'record-processed', match: { consumer: 'stuck', keyString: sKey('hedy') } } },
        { kind: 'order', first: { fact: 'batch-discarded', match: { consumer: 'stuck' } }, then: { fact: 'record-processed', match: { consumer: 'stuck', keyString: sKey('hedy') } }, within: 'after' },
      ],
    },
    {
      until: { fact: 'batch-discarded', match: { consumer: 'partial' } },
      text: 'partial: the first response named Barbara\'s record, so Margaret and Alan were checkpointed and not retried. The retried batch begins at Barbara and fails at once each time. When its retries ran out, Lambda discarded the whole retried batch, so Edsger and Dennis were lost along with Barbara.',
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'partial', keyString: sKey('margaret'), deliveryCount: 2 } }, equals: 0, within: 'run' },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'partial', keyString: sKey('edsger') } }, equals: 0, within: 'run' },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'partial', keyString: sKey('dennis') } }, equals: 0, within: 'run' },
      ],
    },
    {
      until: { fact: 'batch-discarded', match: { consumer: 'bisect' } },
      text: 'bisect halved the batch until Barbara\'s record was alone, retried it twice, then discarded it and reported it to the destination. The records in the healthy halves were delivered again, and the eventID check skipped the ones already counted.',
    },
    {
      until: { fact: 'batch-discarded', match: { consumer: 'stuck', condition: 'MaximumRecordAgeExceeded' } },
      text: 'stuck retried again and again, and the shard made no progress. (AWS does not document the interval between retries; the simulation backs off to one attempt a minute.) Hedy\'s vote waited more than two minutes. The wait ended only when the batch left the stream. (Retention is shortened to 3 minutes here; on AWS it is 24 hours, so a real shard can be blocked for a day.) The batch is then dropped without a trace, because stuck has no destination.',
      claims: [{ kind: 'counter', consumer: 'stuck', field: 'iteratorAgeMaxMs', atLeast: 120_000 }],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'stuck', check: 'target-matches-source' } },
      text: 'Summary: one bad record blocks its whole shard when retries are unlimited. Bisect isolates it at the cost of redelivering healthy records, so the handler must be idempotent. A partial batch response avoids those redeliveries, but when retries run out the records behind the poison record are discarded with it; combine it with bisect, or handle bad records in your code. Always set an on-failure destination: it records which sequence numbers were dropped, though not the records themselves, so read them from the stream before they expire.',
    },
  ],
  lesson: {
    checks: [
      { consumer: 'stuck', check: 'at-least-once', expect: 'broken' },
      { consumer: 'bisect', check: 'at-least-once', expect: 'broken' },
      { consumer: 'partial', check: 'at-least-once', expect: 'broken' },
      { consumer: 'stuck', check: 'exactly-once', expect: 'holds' },
      { consumer: 'bisect', check: 'exactly-once', expect: 'holds' },
    ],
    counters: [
      // Everything but Barbara's vote is counted where the poison record is isolated.
      { consumer: 'bisect', field: 'recordsProcessed', equals: 9 },
      { consumer: 'bisect', field: 'effects.skipped-duplicate', atLeast: 1 },
      { consumer: 'partial', field: 'recordsProcessed', equals: 7 },
      { consumer: 'stuck', field: 'iteratorAgeMaxMs', atLeast: 120_000 },
      { consumer: 'stuck', field: 'retries', atLeast: 5 },
    ],
  },
});
