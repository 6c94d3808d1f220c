/**
 * Fan-out: the way out of the two-reader limit. The same votes go to two tables. On Votes, three
 * teams each give their function its own event source mapping: three readers of one shard, so the
 * reads are throttled in turns (LimitExceededException) and every team falls behind. On Ballots, ONE
 * function reads the shard and publishes each record to an SNS topic; the topic delivers it to the
 * three teams' subscribers. One reader, no throttling, and every subscriber gets every vote.
 * Simplified, and said in the narration: SNS delivers exactly once, in order, after a fixed delay.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { castVote, createTable, epochSeconds, put, scenario, VOTES, type ConsumerData } from './helpers.ts';

const BALLOTS = 'Ballots';
const CANDIDATES = ['Otter', 'Heron', 'Badger'] as const;
const TEAMS = ['tally', 'audit', 'notify'] as const;
const VOTERS = 60;

/** A vote every half second from 1 s, written to both tables at the same instant. */
function workload(): ScriptedCall[] {
  return Array.from({ length: VOTERS }, (_, i) => {
    const at = 1_000 + i * 500;
    const voter = `v${i + 1}`;
    const candidate = CANDIDATES[(i * 7) % 3]!;
    return [castVote(at, voter, candidate), put(at, BALLOTS, { voterId: { S: voter }, candidate: { S: candidate }, votedAt: epochSeconds(at) })];
  }).flat();
}

function direct(team: string): ConsumerData {
  return {
    id: team,
    kind: 'lambda',
    handler: { kind: 'vote-counter', idempotency: 'item-version', sourceTable: VOTES, targetTable: `VoteCounts-${team}` },
    mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10 },
  };
}

const forwarder: ConsumerData = {
  id: 'forwarder',
  kind: 'lambda',
  handler: { kind: 'vote-counter', idempotency: 'item-version', sourceTable: BALLOTS, targetTable: 'BallotCounts' },
  mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10 },
  fanOut: { via: 'sns', deliveryMs: 100, subscribers: TEAMS.map((t) => `sub-${t}`) },
};

export const fanOut: Scenario = scenario({
  id: 'fan-out',
  title: 'Fan-out: one reader, many subscribers',
  summary:
    'Three teams each read the Votes stream with their own function: three readers of one shard, so their reads are throttled in turns and they fall behind. On Ballots one function reads the shard and publishes every record to an SNS topic, which delivers it to the three teams: one reader, no throttling, every vote delivered.',
  seed: 41,
  durationMs: 45_000,
  setup: [createTable(VOTES, { name: 'voterId', type: 'S' }), createTable(BALLOTS, { name: 'voterId', type: 'S' })],
  writes: workload(),
  consumers: [...TEAMS.map(direct), forwarder],
  narration: [
    {
      until: { fact: 'read-throttled', match: { consumer: 'notify' } },
      text: 'Votes and Ballots receive the same 60 votes, one every half second; each table has one shard. On Votes, three teams (tally, audit, notify) each gave their function its own event source mapping: three readers of one shard. AWS: more than two processes reading the same shard at once can be throttled. notify\'s GetRecords has just been refused with LimitExceededException, and it backs off.',
      claims: [
        { kind: 'seen', of: { fact: 'read-throttled', match: { consumer: 'notify', readers: 3 } } },
        ...TEAMS.map((t) => ({ kind: 'seen' as const, of: { fact: 'read-throttled', match: { consumer: t } }, atLeast: 5, within: 'run' as const })),
      ],
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'sub-tally' } },
      text: 'On Ballots only one function reads the shard: forwarder. It counts nothing; it publishes each record to an SNS topic, and SNS delivers it to one subscriber per team (sub-tally, sub-audit, sub-notify), 0.1 s later here. A fourth team would add a subscriber, not a reader, so the forwarder is never throttled. (EventBridge works the same way: one rule per team on one bus.)',
      predict: {
        question: 'Voter v5 votes at 0:03.0. Which counts the vote first?',
        choices: ['tally, reading Votes itself', 'sub-tally, through the SNS topic', 'Both at the same moment'],
        answer: 1,
      },
      claims: [
        { kind: 'seen', of: { fact: 'read-throttled', match: { consumer: 'forwarder' } }, equals: 0, within: 'run' },
        { kind: 'order', first: { fact: 'record-processed', match: { consumer: 'sub-tally', keyString: 'S2:v5' } }, then: { fact: 'record-processed', match: { consumer: 'tally', keyString: 'S2:v5' } }, within: 'run' },
      ],
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'tally', keyString: 'S2:v5' } },
      text: 'tally counts v5 a full second after it was written: its read at 0:03.0 was refused, so it waited for its next poll. The three direct readers are refused in turn, about one read in three, so each keeps falling behind now and then. sub-tally counted v5 at 0:03.1.',
      claims: [
        { kind: 'stops-at', atMs: 4_000 },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'sub-tally', keyString: 'S2:v5' } } },
      ],
    },
    {
      until: { fact: 'end-of-run' },
      text: 'Summary: every team counted all 60 votes both ways, but the direct readers were throttled again and again, and a busier stream would leave them further behind. Keep to two readers per shard; for more, have one function read the stream and fan the records out through SNS or EventBridge. Simplified here: real SNS and EventBridge deliver at least once and may reorder or retry (make subscribers idempotent, or use an SNS FIFO topic for order), and the forwarder is still a Lambda function: if it fails, it blocks the shard for every subscriber.',
      claims: [
        ...[...TEAMS, ...TEAMS.map((t) => `sub-${t}`)].map((c) => ({ kind: 'counter' as const, consumer: c, field: 'recordsProcessed' as const, equals: VOTERS })),
        ...TEAMS.map((t) => ({ kind: 'counter' as const, consumer: `sub-${t}`, field: 'harmfulDuplicates' as const, equals: 0 })),
      ],
    },
  ],
  lesson: {
    checks: TEAMS.map((t) => ({ consumer: t, expect: 'holds' as const })),
    counters: [...TEAMS.map((t) => ({ consumer: t, field: 'recordsProcessed' as const, equals: VOTERS })), { consumer: 'forwarder', field: 'recordsProcessed' as const, equals: VOTERS }],
  },
});
