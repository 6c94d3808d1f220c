/**
 * The default scenario: a voting booth writing to a `Votes` table with a stream.
 *
 * What it shows: each successful write becomes exactly one stream record (INSERT, MODIFY or REMOVE),
 * a write refused by its condition leaves no record at all, and records for one voter always land
 * on the same shard, in order.
 *
 * Data only. May import: sim types (none needed) and ./types.ts. May not import anything at runtime.
 */
import type { Scenario, ScriptedCall } from './types.ts';

const TABLE = 'Votes';
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
    'stream record on the shard that owns the voter; a vote refused by its condition leaves no record.',
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
};
