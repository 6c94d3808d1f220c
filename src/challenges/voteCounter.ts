/**
 * Challenge: an idempotent vote counter. The learner's Lambda handler replaces the naive counter of
 * `voting-naive-crash`; a crash makes Lambda retry a whole batch, and hidden variants move the crash,
 * add a busy day of generated votes, and redeliver a batch.
 *
 * Data only. May import: ./schema.ts, scenarios (templates, helpers' constants). May not import sim, worker, ui, share.
 */
import { CODE_TEMPLATES } from '../scenarios/userCode.ts';
import type { Challenge } from './schema.ts';

const template = (id: string) => CODE_TEMPLATES.find((t) => t.id === id)!.code;

/** A busy day: 40 more voters over the run's second half, some changing their vote. */
const busyDay = {
  table: 'Votes',
  fromMs: 25_000,
  toMs: 55_000,
  ratePerSecond: 2,
  keys: { attribute: 'voterId', prefix: 'voter-', count: 40 },
  mix: { put: 3, update: 1 },
  attributes: { candidate: ['Otter', 'Heron', 'Badger'] },
};

export const voteCounterChallenge: Challenge = {
  id: 'idempotent-vote-counter',
  title: 'Count every vote once, through a crash',
  teaches: 'Lambda delivers stream records at least once, so a handler must make a retried record change nothing.',
  brief:
    'The voting booth streams every ballot to your Lambda function, which keeps VoteCounts. The function crashes in the middle of a batch and Lambda retries the whole batch. Write a handler whose counts stay right however often a record arrives. Your code runs in a sandbox; `dynamodb` is the DynamoDB API and `process.env.TARGET_TABLE` / `LEDGER_TABLE` name the tables.',
  scenario: 'voting-naive-crash',
  goals: [
    { kind: 'check', says: 'VoteCounts always equals the votes the records carry, each counted once', consumer: 'counter', check: 'target-matches-records' },
    { kind: 'check', says: 'At the end, VoteCounts equals what the Votes table holds', consumer: 'counter', check: 'target-matches-source' },
    { kind: 'check', says: 'No vote is skipped', consumer: 'counter', check: 'at-least-once' },
  ],
  allow: { code: { consumer: 'counter' } },
  start: { code: template('naive-counter') },
  hints: [
    'Find the retried batch on the timeline: the records delivered twice are marked as repeats. What did your code do the second time?',
    'Lambda gives no "already done" flag. Each record has an eventID that stays the same on every delivery.',
    'Remember the eventIDs you counted in a table, and count a record only if its eventID is not there yet — in one transaction with the count, so a crash cannot separate the two.',
    'dynamodb.transactWriteItems with a Put to LEDGER_TABLE on condition attribute_not_exists(pk) and the count Update: a TransactionCanceledException whose first reason is ConditionalCheckFailed means "counted before".',
  ],
  variants: [
    { id: 'visible', label: 'The run you see: the function crashes after 3 votes of a 5-vote batch' },
    { id: 'crash-first', label: 'The crash comes after the first vote of the batch', edits: [{ p: 'interventions/0/params/afterRecords', v: 1 }] },
    {
      id: 'busy-day',
      label: 'A busy day: 60 more ballots from 40 other voters, and a second crash at 0:40',
      seed: 101,
      edits: [
        { p: 'traffic', v: [busyDay] },
        { p: 'interventions/+', v: { at: 40_000, kind: 'crash', target: 'counter', params: { when: 'mid-batch', afterRecords: 2 } } },
      ],
    },
    {
      id: 'redelivery',
      label: 'Another seed, and Lambda delivers a finished batch again',
      seed: 2024,
      edits: [{ p: 'interventions/+', v: { at: 30_000, kind: 'redeliver-batch', target: 'counter' } }],
    },
  ],
  solution: { code: template('idempotent-counter') },
  explanation:
    'The idempotent template writes the record\'s eventID to a ledger and the count in one TransactWriteItems, conditional on the eventID being new. A retried or redelivered record fails the condition and changes nothing; any other cancellation is thrown, so Lambda retries instead of losing the vote.',
  wrong: { attempt: { code: template('naive-counter') }, breaks: 0 },
};
