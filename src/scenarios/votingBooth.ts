/**
 * The default scenario: a voting booth writing to a `Votes` table with a stream.
 *
 * What it shows: each successful write becomes exactly one stream record (INSERT, MODIFY or REMOVE),
 * a write refused by its condition leaves no record at all, and records for one voter always land
 * on the same shard, in order. A naive KCL vote counter shows why delivery is at-least-once: a
 * worker crashes between processing and checkpointing, and its successor replays that record.
 *
 * Data only. May import: sim types (none needed), ./types.ts and ./keyStrings.ts (the key strings its
 * narration matches on). May not import anything else at runtime: the default run's chunk.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { sKey } from './keyStrings.ts';

const TABLE = 'Votes';
const CRASH_AT_MS = 50_000;
const PUT = 'DynamoDB_20120810.PutItem';
const UPDATE = 'DynamoDB_20120810.UpdateItem';
const DELETE = 'DynamoDB_20120810.DeleteItem';

/** Simulated time 0 as epoch ms; pinned here so `votedAt` agrees with the records' creation time. */
const EPOCH_MS = 1_700_000_000_000;

/** `votedAt` is epoch seconds, as an app would stamp it; derived from `at` so the data stays consistent. */
function votedAt(atMs: number): { N: string } {
  return { N: String(Math.floor((EPOCH_MS + atMs) / 1000)) };
}

/** A first vote: the condition makes the booth refuse a second ballot from the same voter. */
function castVote(at: number, voterId: string, candidate: string): ScriptedCall {
  return {
    at,
    target: PUT,
    input: {
      TableName: TABLE,
      Item: { voterId: { S: voterId }, candidate: { S: candidate }, votedAt: votedAt(at) },
      ConditionExpression: 'attribute_not_exists(voterId)',
    },
  };
}

export const votingBooth: Scenario = {
  id: 'voting-booth',
  title: 'Voting booth',
  summary:
    'Voters cast, change and withdraw votes in a Votes table. Every change that succeeds becomes one ' +
    'stream record on the shard that owns the voter; a vote refused by its condition leaves no record. ' +
    'A KCL application counts the votes; one of its workers crashes before a checkpoint, the other ' +
    'takes over and counts a vote twice.',
  seed: 42,
  durationMs: 120_000,
  simulation: { epochMs: EPOCH_MS },
  setup: [
    {
      target: 'DynamoDB_20120810.CreateTable',
      input: {
        TableName: TABLE,
        AttributeDefinitions: [{ AttributeName: 'voterId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'voterId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      },
    },
  ],
  writes: [
    castVote(4_000, 'ada', 'Otter'),
    castVote(11_500, 'grace', 'Heron'),
    castVote(19_000, 'linus', 'Otter'),
    castVote(27_250, 'margaret', 'Badger'),
    castVote(36_000, 'alan', 'Heron'),
    // Ada tries to vote again: attribute_not_exists fails, the item is untouched, no record.
    castVote(44_800, 'ada', 'Heron'),
    castVote(53_000, 'barbara', 'Otter'),
    // Grace changes her vote with an update; the condition refuses a "change" to the same candidate.
    {
      at: 62_400,
      target: UPDATE,
      input: {
        TableName: TABLE,
        Key: { voterId: { S: 'grace' } },
        UpdateExpression: 'SET candidate = :c, votedAt = :t',
        ConditionExpression: 'attribute_exists(voterId) AND candidate <> :c',
        ExpressionAttributeValues: { ':c': { S: 'Badger' }, ':t': votedAt(62_400) },
      },
    },
    castVote(71_000, 'edsger', 'Badger'),
    // Linus withdraws: the REMOVE record carries his old vote (NEW_AND_OLD_IMAGES).
    {
      at: 80_500,
      target: DELETE,
      input: { TableName: TABLE, Key: { voterId: { S: 'linus' } }, ConditionExpression: 'attribute_exists(voterId)' },
    },
    castVote(91_000, 'dennis', 'Heron'),
    // Margaret changes her vote by replacing the whole item, allowed only if the candidate differs.
    {
      at: 102_000,
      target: PUT,
      input: {
        TableName: TABLE,
        Item: { voterId: { S: 'margaret' }, candidate: { S: 'Otter' }, votedAt: votedAt(102_000) },
        ConditionExpression: 'candidate <> :c',
        ExpressionAttributeValues: { ':c': { S: 'Otter' } },
      },
    },
    castVote(110_000, 'hedy', 'Otter'),
  ],
  consumers: [
    {
      // A KCL application counting votes per candidate, naively: it adds one for every record it is
      // handed, so a record delivered twice is counted twice.
      id: 'counter',
      kind: 'kcl',
      workers: ['worker-1', 'worker-2'],
      checkpoint: { kind: 'every-batch' },
      handler: { kind: 'vote-counter', idempotency: 'none', sourceTable: TABLE },
      config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON' },
    },
  ],
  interventions: [
    // worker-1 dies after processing its next batch but before checkpointing it: when worker-2 takes
    // over its leases (after the 10 s failover time) it resumes after the last checkpoint and
    // counts that vote again.
    { at: CRASH_AT_MS, kind: 'crash', target: 'counter/worker-1', params: { when: 'before-checkpoint' } },
  ],
  narration: [
    {
      until: { fact: 'record-appended', match: { keyString: sKey('ada') } },
      text: 'Ada votes Otter. The put is conditional on attribute_not_exists(voterId), so it succeeds only for a new voter, and the write becomes one INSERT record on the shard that owns Ada. The counter is a KCL application with two workers sharing the four shards through leases; it counts each vote it is handed, then checkpoints: it writes the sequence number it reached into its lease table. (This is KCL 1.x, whose idle worker steals leases to even out the count, and which reached end of support on 30 January 2026; KCL 3.x, which AWS recommends now and the simulator defaults to, assigns leases through a leader by worker load: see the lesson on KCL 3.x handoff.)',
      claims: [{ kind: 'seen', of: { fact: 'lease-taken', match: { consumer: 'counter', reason: 'stolen' } } }],
    },
    {
      until: { fact: 'write-rejected', match: { keyString: sKey('ada') } },
      text: 'Ada tries to vote again. The condition fails, nothing changes, and no record is written: the counter never hears of it.',
      claims: [{ kind: 'seen', of: { fact: 'record-appended', match: { keyString: sKey('ada') } }, equals: 1, within: 'run' }],
    },
    {
      until: { fact: 'crash', match: { consumer: 'counter' } },
      text: 'worker-1 counted Barbara\'s vote and crashed before it could checkpoint.',
      predict: {
        question: 'worker-2 will take over worker-1\'s leases. Where does it start reading Barbara\'s shard?',
        choices: ['After Barbara\'s vote', 'At Barbara\'s vote, the record after the last checkpoint', 'At the start of the shard'],
        answer: 1,
      },
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'counter', keyString: sKey('barbara') } }, equals: 1 },
        { kind: 'ahead', of: { fact: 'record-processed', match: { consumer: 'counter', keyString: sKey('barbara'), deliveryCount: 2 } } },
        { kind: 'counter', consumer: 'counter', field: 'reprocessed', equals: 1, within: 'run' },
      ],
    },
    {
      until: { fact: 'lease-taken', match: { consumer: 'counter', reason: 'expired' } },
      text: 'worker-1 stopped renewing its leases. worker-2 saw their counters stand still for longer than the failover time (10 s) and took them over. It resumed after the last checkpoint, so Barbara\'s vote was delivered again, and the naive counter added it a second time: Otter is one vote too high.',
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'counter', keyString: sKey('barbara'), deliveryCount: 2, harm: true } }, within: 'after' },
        { kind: 'seen', of: { fact: 'invariant-broken', match: { consumer: 'counter', check: 'target-matches-records' } }, equals: 0 },
      ],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'counter', check: 'target-matches-source' } },
      text: 'What went wrong: the stream holds each vote exactly once, but a consumer that crashes between processing and checkpointing replays what it had processed. Delivery is at least once; exactly-once counting needs an idempotent counter (see the idempotent voting scenario).',
      claims: [{ kind: 'counter', consumer: 'counter', field: 'harmfulDuplicates', equals: 1 }],
    },
  ],
  lesson: {
    checks: [
      { consumer: 'counter', check: 'target-matches-records', expect: 'broken' },
      { consumer: 'counter', check: 'at-least-once', expect: 'holds' },
    ],
    counters: [
      { consumer: 'counter', field: 'harmfulDuplicates', equals: 1 },
      { consumer: 'counter', field: 'crashes', equals: 1 },
    ],
  },
};
