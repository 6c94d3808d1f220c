/**
 * Challenges on a Lambda mapping's error handling, from `poison-record` narrowed to one counter:
 * a poison record (one vote the function can never process) with bisect, a retry limit and an
 * on-failure destination; then partial batch responses. Settings only: the handler is the built-in
 * idempotent counter, and the learner changes the mapping.
 *
 * Data only. May import: ./schema.ts, scenarios (helpers). May not import sim, worker, ui, share.
 */
import { sKey } from '../scenarios/helpers.ts';
import type { AllowedSetting, Challenge, Goal } from './schema.ts';

const DLQ = 'arn:aws:sqs:us-east-1:123456789012:votes-dlq';
const MAPPING = 'consumers/counter/mapping';

/** One counter instead of the scenario's three, poisoned at barbara's vote. */
const ONE_COUNTER = [
  {
    p: 'consumers',
    v: [
      {
        id: 'counter',
        kind: 'lambda',
        handler: { kind: 'vote-counter', idempotency: 'event-id', sourceTable: 'Votes', targetTable: 'VoteCounts' },
        mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, MaximumBatchingWindowInSeconds: 2 },
      },
    ],
  },
  { p: 'interventions', v: [{ at: 1_000, kind: 'poison-record', target: 'counter', params: { keyString: sKey('barbara') } }] },
];

const bisect: AllowedSetting = { path: `${MAPPING}/BisectBatchOnFunctionError`, label: 'BisectBatchOnFunctionError', choices: [{ label: 'false', value: false }, { label: 'true', value: true }] };
const retries: AllowedSetting = {
  path: `${MAPPING}/MaximumRetryAttempts`,
  label: 'MaximumRetryAttempts',
  choices: [{ label: '-1 (until the record expires)', value: -1 }, { label: '0', value: 0 }, { label: '2', value: 2 }, { label: '10', value: 10 }],
};
const destination: AllowedSetting = {
  path: `${MAPPING}/DestinationConfig`,
  label: 'On-failure destination',
  choices: [{ label: 'none', value: {} }, { label: 'SQS queue votes-dlq', value: { OnFailure: { Destination: DLQ } } }],
};
const partial: AllowedSetting = {
  path: `${MAPPING}/FunctionResponseTypes`,
  label: 'FunctionResponseTypes',
  choices: [{ label: 'none', value: [] }, { label: 'ReportBatchItemFailures', value: ['ReportBatchItemFailures'] }],
};

const notStuck: Goal = { kind: 'counter', says: 'The shard never waits more than 2 minutes behind the poison record', consumer: 'counter', field: 'iteratorAgeMaxMs', atMost: 120_000 };
const kept: Goal = { kind: 'seen', says: 'The poison record is kept in the on-failure destination', of: { fact: 'destination-received', match: { consumer: 'counter' } } };
const aloneGivenUp: Goal = { kind: 'seen', says: 'Only the poison record is given up: no good vote goes with it', of: { fact: 'destination-received', match: { consumer: 'counter', batchSize: 1 } }, atLeast: 1 };
const oneDiscard: Goal = { kind: 'seen', says: 'Lambda gives up on one batch at most', of: { fact: 'batch-discarded', match: { consumer: 'counter' } }, atMost: 1 };

/** Hidden variants: another record is the poison, busier traffic, another seed. */
const variants: Challenge['variants'] = [
  { id: 'visible', label: 'The run you see: barbara\'s vote is the poison' },
  { id: 'first-of-batch', label: 'The poison is the first vote of its batch (margaret\'s)', seed: 77, edits: [{ p: 'interventions/0/params/keyString', v: sKey('margaret') }] },
  { id: 'last-of-batch', label: 'The poison is the last vote of its batch (dennis\'s)', seed: 78, edits: [{ p: 'interventions/0/params/keyString', v: sKey('dennis') }] },
];

export const poisonChallenge: Challenge = {
  id: 'poison-record',
  title: 'Get past a poison record without losing good votes',
  teaches: 'Bisecting a failing batch, a retry limit and an on-failure destination set aside only the record that cannot be processed, and unblock the shard.',
  brief:
    'One vote makes the function fail every time. By default Lambda retries the batch until the record expires, and nothing behind it on the shard is processed. Change the mapping so the shard moves on, the poison record is kept for later, and no good vote is given up with it.',
  scenario: 'poison-record',
  edits: ONE_COUNTER,
  goals: [notStuck, kept, aloneGivenUp, oneDiscard],
  allow: { settings: [bisect, retries, destination] },
  start: { settings: [] },
  hints: [
    'Play to 0:20: the batch with barbara\'s vote fails, and the retries go on. How long can it wait?',
    'MaximumRetryAttempts bounds the retries; after them Lambda discards the batch, and an on-failure destination receives what was discarded.',
    'Discarding the whole batch loses the good votes in it. BisectBatchOnFunctionError splits a failing batch in two and retries each half.',
  ],
  variants,
  solution: { settings: [{ p: bisect.path, v: true }, { p: retries.path, v: 2 }, { p: destination.path, v: { OnFailure: { Destination: DLQ } } }] },
  explanation:
    'With bisect on, the failing batch is split until the poison record is alone; the retry limit then discards just that one-record batch, and the destination keeps its position and size. Without bisect the whole batch is discarded; without a limit the shard waits until the record expires; without a destination the poison record is gone.',
  wrong: { attempt: { settings: [{ p: retries.path, v: 2 }, { p: destination.path, v: { OnFailure: { Destination: DLQ } } }] }, breaks: 2 },
};

export const partialBatchChallenge: Challenge = {
  id: 'partial-batch-response',
  title: 'Retry only what failed: partial batch responses',
  teaches: 'With ReportBatchItemFailures the function names the record that failed, so Lambda retries from it and does not deliver the records before it again.',
  brief:
    'The same poison vote, and a stricter goal: a vote that was counted must not be delivered again. Bisecting retries halves that hold good votes already counted (the idempotent counter skips them, but each is one more invocation doing work twice). Make Lambda retry only from the failing record, and still unblock the shard and keep the poison record.',
  scenario: 'poison-record',
  edits: ONE_COUNTER,
  goals: [notStuck, kept, { kind: 'seen', says: 'No vote already counted is delivered again', of: { fact: 'record-processed', match: { consumer: 'counter', effect: 'skipped-duplicate' } }, atMost: 0 }],
  allow: { settings: [partial, bisect, retries, destination] },
  start: { settings: [{ p: bisect.path, v: true }, { p: retries.path, v: 2 }, { p: destination.path, v: { OnFailure: { Destination: DLQ } } }] },
  hints: [
    'Grade the starting settings: which vote is delivered twice, and why was it in the retried half?',
    'The built-in handler can say which record failed, if the mapping lets it: FunctionResponseTypes.',
    'A partial batch response checkpoints up to the failing record; a retry limit and a destination still decide what happens to the record that keeps failing.',
  ],
  variants,
  solution: { settings: [{ p: partial.path, v: ['ReportBatchItemFailures'] }, { p: retries.path, v: 2 }, { p: destination.path, v: { OnFailure: { Destination: DLQ } } }] },
  explanation:
    'ReportBatchItemFailures lets the function return the failing record\'s sequence number as its batchItemFailures; Lambda checkpoints before it and retries from that record, so the votes before it are never delivered again. After the retry limit the rest of the batch, from the failing record on, is discarded to the destination: the records after the poison go with it (here the simulation does not bisect a batch that reported a partial failure), so read them back from the destination.',
  wrong: { attempt: { settings: [{ p: bisect.path, v: true }, { p: retries.path, v: 2 }, { p: destination.path, v: { OnFailure: { Destination: DLQ } } }] }, breaks: 2 },
};
