/**
 * Small builders for scenario data: AWS JSON 1.0 calls (CreateTable, PutItem, UpdateItem,
 * DeleteItem), epoch-second stamps, and the key strings narration steps match on. They return plain
 * data, so a scenario file stays a literal object with a few readable calls in it.
 *
 * Data only. May import: ./types.ts (types), ./keyStrings.ts. May not import sim, worker, share or ui at runtime.
 */
import type { Scenario, ScenarioCall, ScriptedCall } from './types.ts';

export const CREATE_TABLE = 'DynamoDB_20120810.CreateTable';
export const UPDATE_TTL = 'DynamoDB_20120810.UpdateTimeToLive';
export const PUT = 'DynamoDB_20120810.PutItem';
export const UPDATE = 'DynamoDB_20120810.UpdateItem';
export const DELETE = 'DynamoDB_20120810.DeleteItem';

/** Simulated time 0 as epoch ms, shared by the built-in scenarios so stamps read alike. */
export const EPOCH_MS = 1_700_000_000_000;

export const SECOND = 1_000;
export const MINUTE = 60_000;

type AttrType = 'S' | 'N';
type Attr = { S: string } | { N: string } | { BOOL: boolean };
export type Item = Record<string, Attr>;

export interface TableOptions {
  /** Sort key, if any. */
  range?: { name: string; type: AttrType };
  viewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
  /**
   * Provisioned tables with 5 RCU/WCU start with one partition (one open shard), which keeps a
   * lesson's records on one lane; on-demand tables start with four (reference §4, recording 08).
   */
  billing?: 'small-provisioned' | 'on-demand';
}

/** A CreateTable call with a stream enabled. */
export function createTable(name: string, hash: { name: string; type: AttrType }, options: TableOptions = {}): ScenarioCall {
  const keys = [hash, ...(options.range ? [options.range] : [])];
  return {
    target: CREATE_TABLE,
    input: {
      TableName: name,
      AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
      KeySchema: [{ AttributeName: hash.name, KeyType: 'HASH' }, ...(options.range ? [{ AttributeName: options.range.name, KeyType: 'RANGE' }] : [])],
      ...((options.billing ?? 'small-provisioned') === 'small-provisioned'
        ? { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }
        : { BillingMode: 'PAY_PER_REQUEST' }),
      StreamSpecification: { StreamEnabled: true, StreamViewType: options.viewType ?? 'NEW_AND_OLD_IMAGES' },
    },
  };
}

/** An epoch-seconds Number attribute for simulated time `atMs` (what an app stamps with a correct clock). */
export function epochSeconds(atMs: number): { N: string } {
  return { N: String(Math.floor((EPOCH_MS + atMs) / 1000)) };
}

/** A PutItem at `at`, optionally conditional. */
export function put(at: number, table: string, item: Item, condition?: { expression: string; values?: Record<string, Attr> }): ScriptedCall {
  return {
    at,
    target: PUT,
    input: {
      TableName: table,
      Item: item,
      ...(condition ? { ConditionExpression: condition.expression } : {}),
      ...(condition?.values ? { ExpressionAttributeValues: condition.values } : {}),
    },
  };
}

/** An UpdateItem at `at`; `names` maps `#placeholders` (for reserved words such as `server`). */
export function update(at: number, table: string, key: Item, expression: string, values: Record<string, Attr>, condition?: string, names?: Record<string, string>): ScriptedCall {
  return {
    at,
    target: UPDATE,
    input: {
      TableName: table,
      Key: key,
      UpdateExpression: expression,
      ExpressionAttributeValues: values,
      ...(condition ? { ConditionExpression: condition } : {}),
      ...(names ? { ExpressionAttributeNames: names } : {}),
    },
  };
}

/** A DeleteItem at `at`, optionally conditional. */
export function remove(at: number, table: string, key: Item, condition?: string): ScriptedCall {
  return { at, target: DELETE, input: { TableName: table, Key: key, ...(condition ? { ConditionExpression: condition } : {}) } };
}

// The key strings narration steps match on are `keyStrings.ts`'s (the default scenario needs only
// them, and this module is a chunk of its own in the worker: see lazyCatalogue.ts).
export { sKey, sKey2 } from './keyStrings.ts';

// ---- the voting app: the flagship's data model, shared by its variants ----

export const VOTES = 'Votes';

export function votesTable(): ScenarioCall {
  const call = createTable(VOTES, { name: 'voterId', type: 'S' });
  const input = call.input as Record<string, unknown>;
  return {
    ...call,
    input: {
      ...input,
      AttributeDefinitions: [...(input.AttributeDefinitions as unknown[]), { AttributeName: 'candidate', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'ByCandidate', KeySchema: [{ AttributeName: 'candidate', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' }, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }],
    },
  };
}

/** A first vote: `attribute_not_exists` makes the booth refuse a second ballot (no record). */
export function castVote(at: number, voterId: string, candidate: string): ScriptedCall {
  return put(at, VOTES, { voterId: { S: voterId }, candidate: { S: candidate }, votedAt: epochSeconds(at) }, { expression: 'attribute_not_exists(voterId)' });
}

/** A vote change: only for a voter who voted, and only to a different candidate (a MODIFY with both images). */
export function changeVote(at: number, voterId: string, candidate: string): ScriptedCall {
  return update(
    at,
    VOTES,
    { voterId: { S: voterId } },
    'SET candidate = :c, votedAt = :t',
    { ':c': { S: candidate }, ':t': epochSeconds(at) },
    'attribute_exists(voterId) AND candidate <> :c',
  );
}

/**
 * The election the voting variants share: a first burst of votes, a refused second ballot, a vote
 * change, then a burst of five votes at 20 s (the batch the variants' crash lands on), and a late
 * vote. 9 ballots succeed, 1 is refused, 1 changes: the correct count is Otter 4, Heron 2, Badger 3.
 */
export function election(): ScriptedCall[] {
  return [
    castVote(2_000, 'ada', 'Otter'),
    castVote(2_300, 'grace', 'Heron'),
    castVote(2_600, 'linus', 'Otter'),
    castVote(8_000, 'ada', 'Heron'),
    changeVote(12_000, 'grace', 'Badger'),
    castVote(20_000, 'margaret', 'Badger'),
    castVote(20_200, 'alan', 'Heron'),
    castVote(20_400, 'barbara', 'Otter'),
    castVote(20_600, 'edsger', 'Badger'),
    castVote(20_800, 'dennis', 'Heron'),
    castVote(40_000, 'hedy', 'Otter'),
  ];
}

/** Fills in what every built-in scenario shares (the epoch), leaving the rest to the scenario. */
export function scenario(s: Omit<Scenario, 'simulation'> & { simulation?: Scenario['simulation'] }): Scenario {
  return { ...s, simulation: { epochMs: EPOCH_MS, ...s.simulation } };
}

/** One consumer as scenario data. */
export type ConsumerData = NonNullable<Scenario['consumers']>[number];
export type KclCheckpoint = Extract<ConsumerData, { kind: 'kcl' }>['checkpoint'];

/** A naive KCL vote counter with two workers (w1, w2) reading from TRIM_HORIZON, checkpointing as told. */
export function kclVoteCounter(id: string, checkpoint: KclCheckpoint): ConsumerData {
  return {
    id,
    kind: 'kcl',
    handler: { kind: 'vote-counter', idempotency: 'none', sourceTable: VOTES, targetTable: `VoteCounts-${id}` },
    workers: ['w1', 'w2'],
    checkpoint,
    config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON' },
  };
}
