/**
 * A secondary index, and an index built from the stream: what each one can hold. The Todos table
 * (listId + taskId) has a global secondary index ByOwner (owner + taskId) that DynamoDB maintains
 * itself, and two Lambda functions on its stream build what no GSI can: a word index of the titles
 * (one row per word, not one per item) and open/done counts per list (an aggregate). The learner
 * queries the GSI with the Table form's Query and compares.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScenarioCall, ScriptedCall } from './types.ts';
import { createTable, put, remove, scenario, sKey2, update } from './helpers.ts';

const TODOS = 'Todos';

/** Todos with the ByOwner GSI, provisioned like the table (one partition keeps the records on one lane). */
function createTodos(): ScenarioCall {
  const call = createTable(TODOS, { name: 'listId', type: 'S' }, { range: { name: 'taskId', type: 'S' }, billing: 'small-provisioned' });
  const input = call.input as Record<string, unknown>;
  return {
    ...call,
    input: {
      ...input,
      AttributeDefinitions: [...(input.AttributeDefinitions as unknown[]), { AttributeName: 'owner', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{
        IndexName: 'ByOwner',
        KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }, { AttributeName: 'taskId', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['title'] },
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      }],
    },
  };
}

function addTask(at: number, listId: string, taskId: string, title: string, owner: string): ScriptedCall {
  return put(at, TODOS, { listId: { S: listId }, taskId: { S: taskId }, title: { S: title }, owner: { S: owner }, done: { BOOL: false } }, { expression: 'attribute_not_exists(taskId)' });
}

const key = (listId: string, taskId: string) => ({ listId: { S: listId }, taskId: { S: taskId } });

export const indexFromStream: Scenario = scenario({
  id: 'index-from-stream',
  title: 'A GSI, and the indexes only a stream can build',
  summary: 'The Todos table has a global secondary index by owner, kept by DynamoDB with no stream record. Two functions on the stream keep what a GSI cannot: one row per word of a title, and counts per list.',
  seed: 41,
  durationMs: 60_000,
  setup: [createTodos()],
  writes: [
    addTask(2_000, 'home', 't1', 'Buy oat milk', 'ana'),
    addTask(4_000, 'home', 't2', 'Call the plumber', 'ben'),
    addTask(6_000, 'work', 't3', 'Write the stream report', 'ana'),
    addTask(8_000, 'work', 't4', 'Review pull request', 'ben'),
    update(20_000, TODOS, key('home', 't1'), 'SET done = :t', { ':t': { BOOL: true } }, 'attribute_exists(taskId)'),
    // Reassigned: the GSI entry moves from ana to ben; the word index does not change.
    update(30_000, TODOS, key('work', 't3'), 'SET #o = :o', { ':o': { S: 'ben' } }, 'attribute_exists(taskId)', { '#o': 'owner' }),
    update(36_000, TODOS, key('work', 't4'), 'SET title = :t', { ':t': { S: 'Review the stream pull request' } }, 'attribute_exists(taskId)'),
    remove(44_000, TODOS, key('home', 't2')),
  ],
  consumers: [
    {
      id: 'indexer',
      kind: 'lambda',
      handler: { kind: 'search-indexer', idempotency: 'item-version', sourceTable: TODOS, targetTable: 'SearchIndex' },
      mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 25 },
    },
    {
      id: 'counts',
      kind: 'lambda',
      handler: { kind: 'task-counter', idempotency: 'item-version', sourceTable: TODOS, targetTable: 'TaskCounts' },
      mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 25 },
    },
  ],
  narration: [
    {
      until: { fact: 'record-processed', match: { consumer: 'indexer', keyString: sKey2('home', 't1') } },
      text: 'Todos has a global secondary index, ByOwner: the same tasks keyed by owner, kept by DynamoDB itself. Updating it adds no stream record; the one record here is the task\'s INSERT. To read the index, open the Todos table\'s form, choose Query, index ByOwner, key condition owner = :o with values {":o": "ana"}.',
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'indexer', keyString: sKey2('work', 't3') } },
      text: 'A GSI holds one entry per item, keyed by whole attribute values. It cannot find a task by one word of its title. indexer reads each record and writes one SearchIndex row per word (write, the, stream, report), each pointing back at work / t3.',
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'counts', keyString: sKey2('home', 't1') } },
      text: 'Buy oat milk is done. A GSI cannot add things up either: counts reads the old and new images of the MODIFY and moves one home task from open to done in TaskCounts. Next, work / t3 is reassigned from ana to ben.',
      predict: {
        question: 'indexer keeps a row per word of the title and one for the owner. What does the reassignment change in SearchIndex?',
        choices: ['Every row of the task is rewritten', 'Only the owner row: ana\'s goes, ben\'s comes; the word rows stay', 'Nothing: the title did not change'],
        answer: 1,
      },
      claims: [
        { kind: 'ahead', of: { fact: 'write', match: { table: 'SearchIndex', keyString: sKey2('ben', 'work / t3') } } },
        { kind: 'seen', of: { fact: 'write', match: { table: 'SearchIndex', keyString: sKey2('ana', 'work / t3') } }, equals: 2, within: 'run' },
        { kind: 'seen', of: { fact: 'write', match: { table: 'SearchIndex', keyString: sKey2('stream', 'work / t3') } }, equals: 1, within: 'run' },
      ],
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'indexer', keyString: sKey2('work', 't3') } },
      text: 'The task is reassigned to ben. Its ByOwner entry moves from ana to ben; query the index again to see it. On AWS that move is asynchronous: a GSI query can briefly show the old owner, and a GSI read cannot be strongly consistent (here it sees every write at once, a simplification). In SearchIndex only the owner\'s row moves, from ana to ben; the rows for the title\'s words stay, because the title did not change.',
    },
    {
      until: { fact: 'end-of-run' },
      text: 'Summary: use a GSI when you need the same items under another key; DynamoDB maintains it on every write, at no stream cost. Build from the stream what a GSI cannot hold: many rows per item (words), aggregates (counts), or copies in another store. Both functions check item versions, so a retried batch changes nothing twice, and SearchIndex and TaskCounts match what Todos holds.',
    },
  ],
  lesson: {
    checks: [
      { consumer: 'indexer', expect: 'holds' },
      { consumer: 'counts', expect: 'holds' },
    ],
    counters: [
      { consumer: 'indexer', field: 'recordsProcessed', equals: 8 },
      { consumer: 'counts', field: 'recordsProcessed', equals: 8 },
    ],
  },
});
