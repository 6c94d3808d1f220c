/**
 * A processing error, two ways: one vote makes the handler throw every time. The KCL record
 * processor's exception is caught and logged by KCL, the batch is skipped, and the worker reads on,
 * so the shard keeps moving and the failed batch is never counted. The Lambda mapping retries the
 * failing batch until it succeeds or expires, so nothing is skipped but the shard stops behind it.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario } from './types.ts';
import { election, MINUTE, scenario, sKey, votesTable, VOTES } from './helpers.ts';

const BARBARA = sKey('barbara');
const HEDY = sKey('hedy');
const processed = (consumer: string, keyString: string) => ({ fact: 'record-processed', match: { consumer, keyString } });

export const kclVsLambdaErrors: Scenario = scenario({
  id: 'kcl-vs-lambda-errors',
  title: 'A handler error: KCL skips the batch, Lambda blocks the shard',
  summary: 'Barbara\'s vote makes both handlers throw. KCL catches the exception from processRecords, skips the batch and reads on: later votes are counted, the failed batch never is. Lambda retries the failed batch, by default until it expires: nothing is skipped, but every vote behind it waits.',
  seed: 19,
  durationMs: 3 * MINUTE,
  view: { speed: 5 },
  setup: [votesTable()],
  writes: election(),
  consumers: [
    {
      id: 'kcl-app',
      kind: 'kcl',
      handler: { kind: 'vote-counter', idempotency: 'event-id', sourceTable: VOTES, targetTable: 'VoteCounts-kcl-app' },
      workers: ['w1'],
      checkpoint: { kind: 'every-batch' },
      config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON' },
    },
    {
      id: 'lambda-fn',
      kind: 'lambda',
      handler: { kind: 'vote-counter', idempotency: 'event-id', sourceTable: VOTES, targetTable: 'VoteCounts-lambda-fn' },
      mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, MaximumBatchingWindowInSeconds: 2 },
    },
  ],
  interventions: ['kcl-app', 'lambda-fn'].map((id) => ({ at: 1_000, kind: 'poison-record' as const, target: id, params: { keyString: BARBARA } })),
  narration: [
    {
      until: { fact: 'fault-injected', match: { kind: 'poison-record', target: 'lambda-fn' } },
      text: 'Two consumers count the same votes with the same handler, which deduplicates by eventID. kcl-app is a KCL application (one worker, checkpoint after each batch); lambda-fn is a Lambda function with the default settings: retry a failed batch until it succeeds or its records expire. Barbara\'s vote will make both handlers throw, every time. (Its KCL workers run KCL 1.x, which reached end of support on 30 January 2026; the simulator defaults to KCL 3.x: see the lesson on KCL 3.x handoff.)',
    },
    {
      until: { fact: 'processing-error-swallowed', match: { consumer: 'kcl-app' } },
      text: 'kcl-app\'s processRecords threw on Barbara\'s vote. KCL catches the exception, logs it and does not retry: the batch is skipped. The shard consumer goes on to its next GetRecords.',
      predict: {
        question: 'What happens to the votes in kcl-app\'s failed batch?',
        choices: ['KCL retries the batch until it succeeds', 'They are never counted: the next checkpoint moves past them', 'The worker stops reading the shard'],
        answer: 1,
      },
      claims: [
        { kind: 'ahead', of: { fact: 'invariant-broken', match: { consumer: 'kcl-app', check: 'at-least-once' } } },
        { kind: 'seen', of: processed('kcl-app', BARBARA), atMost: 1, within: 'run' },
        { kind: 'seen', of: { fact: 'batch-delivered', match: { consumer: 'kcl-app', trigger: 'retry' } }, equals: 0, within: 'run' },
      ],
    },
    {
      until: { fact: 'batch-failed', match: { consumer: 'lambda-fn' } },
      text: 'lambda-fn\'s invocation failed on the same vote. Lambda does not checkpoint a failed batch: it invokes the function again with the same records.',
      predict: {
        question: 'Hedy votes at 0:40, on the same shard. When does lambda-fn count her vote?',
        choices: ['At once, like kcl-app', 'Not while the failed batch is retried: the shard is blocked behind it', 'Never: Lambda drops the shard'],
        answer: 1,
      },
      claims: [
        { kind: 'shards', keys: [BARBARA, HEDY], same: true },
        { kind: 'ahead', of: processed('kcl-app', HEDY) },
        { kind: 'seen', of: processed('lambda-fn', HEDY), equals: 0, within: 'run' },
      ],
    },
    {
      until: processed('kcl-app', HEDY),
      text: 'kcl-app counts Hedy\'s vote as soon as it arrives, while lambda-fn is still retrying the batch with Barbara\'s vote in it. Its iterator age keeps growing: every vote behind the failed batch waits.',
      claims: [{ kind: 'seen', of: { fact: 'batch-delivered', match: { consumer: 'lambda-fn', trigger: 'retry' } }, atLeast: 2 }],
    },
    {
      until: { fact: 'end-of-run' },
      text: 'Summary: KCL treats an exception from processRecords as the application\'s business: it logs it and moves on, so the records of that batch are lost unless your processor catches the error and retries or parks the record itself. Lambda treats a function error as a failed batch: it retries, and by default the shard stays blocked until the records expire (24 hours on AWS). Bound the retries (MaximumRetryAttempts, MaximumRecordAgeInSeconds), bisect the batch or report item failures, and send what is dropped to an on-failure destination.',
      claims: [
        { kind: 'counter', consumer: 'lambda-fn', field: 'iteratorAgeMaxMs', atLeast: 120_000 },
        { kind: 'counter', consumer: 'lambda-fn', field: 'harmfulDuplicates', equals: 0 },
      ],
    },
  ],
  lesson: {
    checks: [
      { consumer: 'kcl-app', check: 'at-least-once', expect: 'broken' },
      { consumer: 'kcl-app', check: 'exactly-once', expect: 'holds' },
      { consumer: 'lambda-fn', check: 'at-least-once', expect: 'holds' },
      { consumer: 'lambda-fn', check: 'target-matches-source', expect: 'broken' },
    ],
    counters: [
      { consumer: 'lambda-fn', field: 'retries', atLeast: 3 },
      { consumer: 'lambda-fn', field: 'iteratorAgeMaxMs', atLeast: 120_000 },
    ],
  },
});
