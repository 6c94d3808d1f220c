/**
 * The learner's own consumer: starter templates for the "Your consumer" editor, and the scenario
 * variant that runs a learner's code in place of a scenario's built-in consumer (same id, so the
 * scenario's faults still reach it; same handler kind, so the checks still know what the target
 * should hold). The variant drops the scenario's narration and lesson: they tell the built-in
 * consumer's story.
 *
 * Data only. May import: ./types.ts. May not import sim, worker or ui at runtime.
 */
import type { Scenario } from './types.ts';

export interface CodeTemplate {
  id: 'naive-counter' | 'idempotent-counter' | 'gsi-recount';
  title: string;
  code: string;
}

const NAIVE = `// A vote counter: adds each vote to VoteCounts as its record arrives.
// \`dynamodb\` speaks DynamoDB's API (on AWS: client.send(new UpdateItemCommand(input))).
export async function handler(event, context) {
  for (const record of event.Records) {
    const before = record.dynamodb.OldImage?.candidate?.S;
    const after = record.dynamodb.NewImage?.candidate?.S;
    if (before === after) continue;
    if (before) await addVotes(before, -1);
    if (after) await addVotes(after, 1);
  }
}

async function addVotes(candidate, n) {
  await dynamodb.updateItem({
    TableName: process.env.TARGET_TABLE,
    Key: { candidate: { S: candidate } },
    UpdateExpression: 'ADD votes :n',
    ExpressionAttributeValues: { ':n': { N: String(n) } },
  });
}
`;

const IDEMPOTENT = `// An idempotent vote counter: each record's eventID is written to a ledger table in the
// same transaction as the count, on condition that it is not there yet. A redelivered
// record cancels its transaction, so it is never counted twice.
export async function handler(event, context) {
  for (const record of event.Records) {
    const before = record.dynamodb.OldImage?.candidate?.S;
    const after = record.dynamodb.NewImage?.candidate?.S;
    if (before === after) continue;
    const counts = [];
    if (before) counts.push(addVotes(before, -1));
    if (after) counts.push(addVotes(after, 1));
    try {
      await dynamodb.transactWriteItems({
        TransactItems: [
          {
            Put: {
              TableName: process.env.LEDGER_TABLE,
              Item: { pk: { S: 'event#' + record.eventID } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...counts,
        ],
      });
    } catch (err) {
      // Only the ledger's failed condition (the first item) means "counted before". A cancellation
      // for any other reason (TransactionConflict, throttling, another condition) must fail the
      // batch so Lambda retries it; skipping it would lose the vote.
      const reasons = err.CancellationReasons ?? [];
      if (err.name === 'TransactionCanceledException' && reasons[0]?.Code === 'ConditionalCheckFailed') continue;
      throw err;
    }
  }
}

function addVotes(candidate, n) {
  return {
    Update: {
      TableName: process.env.TARGET_TABLE,
      Key: { candidate: { S: candidate } },
      UpdateExpression: 'ADD votes :n',
      ExpressionAttributeValues: { ':n': { N: String(n) } },
    },
  };
}
`;

const GSI_RECOUNT = `// An aggregator that recounts instead of adding: for each candidate a batch touches, it asks the
// Votes table's global secondary index ByCandidate how many voters chose that candidate
// (Select COUNT, page by page) and writes the total to VoteCounts. Writing a total is
// idempotent: a redelivered record writes the same number again.
// On AWS a GSI is eventually consistent (ConsistentRead is refused on it), so a Query made just
// after a write can miss it; the next change to that candidate corrects the total. Streamscope
// updates its indexes at once, so here the count is always current.
export async function handler(event, context) {
  const touched = new Set();
  for (const record of event.Records) {
    const before = record.dynamodb.OldImage?.candidate?.S;
    const after = record.dynamodb.NewImage?.candidate?.S;
    if (before) touched.add(before);
    if (after) touched.add(after);
  }
  for (const candidate of touched) {
    const votes = await countVotes(candidate);
    await dynamodb.putItem({
      TableName: process.env.TARGET_TABLE,
      Item: { candidate: { S: candidate }, votes: { N: String(votes) } },
    });
  }
}

async function countVotes(candidate) {
  let votes = 0;
  let start;
  do {
    const page = await dynamodb.query({
      TableName: process.env.SOURCE_TABLE,
      IndexName: 'ByCandidate',
      KeyConditionExpression: 'candidate = :c',
      ExpressionAttributeValues: { ':c': { S: candidate } },
      Select: 'COUNT',
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    votes += page.Count;
    start = page.LastEvaluatedKey;
  } while (start);
  return votes;
}
`;

export const CODE_TEMPLATES: readonly CodeTemplate[] = [
  { id: 'naive-counter', title: 'Naive counter', code: NAIVE },
  { id: 'idempotent-counter', title: 'Idempotent counter', code: IDEMPOTENT },
  { id: 'gsi-recount', title: 'Recount from a GSI', code: GSI_RECOUNT },
];

/** The default mapping of a learner's Lambda consumer that replaces a KCL one. */
const DEFAULT_MAPPING = { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, MaximumBatchingWindowInSeconds: 2 } as const;

/** The id of the consumer a learner's code replaces: the first consumer, if any. */
export function userConsumerTarget(scenario: Scenario): string | undefined {
  return scenario.consumers?.[0]?.id;
}

/**
 * `scenario` with its first consumer running `code` as a Lambda handler, or undefined when the
 * scenario has no consumer to replace.
 */
export function withUserConsumer(scenario: Scenario, code: string): Scenario | undefined {
  const [first, ...rest] = scenario.consumers ?? [];
  if (!first) return undefined;
  const { code: _old, ...handler } = first.handler;
  const replaced = {
    id: first.id,
    kind: 'lambda' as const,
    handler: { ...handler, idempotency: 'user' as const, code },
    mapping: first.kind === 'lambda' ? first.mapping : DEFAULT_MAPPING,
    ...(first.kind === 'lambda' && first.invocationMs ? { invocationMs: first.invocationMs } : {}),
  };
  const { narration: _n, lesson: _l, ...base } = scenario;
  return { ...base, title: scenario.title.endsWith(' — your consumer') ? scenario.title : `${scenario.title} — your consumer`, consumers: [replaced, ...rest] };
}
