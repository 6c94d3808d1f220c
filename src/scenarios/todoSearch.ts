/**
 * Search index and task counts, the todo-list example: one Todos table (listId + taskId), two
 * Lambda functions on its stream. One keeps a search index (a row per word of each task's title),
 * the other keeps open/done counts per list. Creating, renaming, completing and deleting tasks each
 * become one record, and both views follow from the same records.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { createTable, put, remove, scenario, sKey2, update } from './helpers.ts';

const TODOS = 'Todos';

function addTask(at: number, listId: string, taskId: string, title: string): ScriptedCall {
  return put(at, TODOS, { listId: { S: listId }, taskId: { S: taskId }, title: { S: title }, done: { BOOL: false } }, { expression: 'attribute_not_exists(taskId)' });
}

function complete(at: number, listId: string, taskId: string): ScriptedCall {
  return update(at, TODOS, { listId: { S: listId }, taskId: { S: taskId } }, 'SET done = :t', { ':t': { BOOL: true } }, 'attribute_exists(taskId)');
}

function rename(at: number, listId: string, taskId: string, title: string): ScriptedCall {
  return update(at, TODOS, { listId: { S: listId }, taskId: { S: taskId } }, 'SET title = :t', { ':t': { S: title } }, 'attribute_exists(taskId)');
}

export const todoSearch: Scenario = scenario({
  id: 'todo-search',
  title: 'Todo lists: a search index and task counts from one stream',
  summary: 'Tasks are created, renamed, completed and deleted. One function indexes the words of each title, another counts open and done tasks per list. Each reads the same records, and both views stay equal to what the table holds.',
  seed: 37,
  durationMs: 60_000,
  setup: [createTable(TODOS, { name: 'listId', type: 'S' }, { range: { name: 'taskId', type: 'S' } })],
  writes: [
    addTask(2_000, 'home', 't1', 'Buy oat milk'),
    addTask(4_000, 'home', 't2', 'Call the plumber'),
    addTask(6_000, 'work', 't3', 'Write the stream report'),
    addTask(8_000, 'work', 't4', 'Review pull request'),
    addTask(10_000, 'home', 't5', 'Water the plants'),
    complete(20_000, 'home', 't1'),
    // Completing it again changes nothing: no record, no count change.
    complete(22_000, 'home', 't1'),
    rename(30_000, 'work', 't3', 'Write the streams workshop'),
    complete(36_000, 'work', 't4'),
    remove(44_000, TODOS, { listId: { S: 'home' }, taskId: { S: 't2' } }),
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
      text: 'A task is added to the home list. indexer writes one SearchIndex row per word of the title (buy, oat, milk), each pointing at home / t1. counts adds 1 to home\'s open tasks.',
    },
    {
      until: { fact: 'record-appended', match: { keyString: sKey2('home', 't1') } },
      text: 'Buy oat milk is done. The MODIFY record carries the old image (done = false) and the new one (done = true), so counts moves one task of home from open to done. At 0:22 the app will mark the same task done a second time.',
      predict: {
        question: 'Will counts see a second "done" for this task?',
        choices: ['Yes, and home will show 2 done', 'No: a write that changes nothing emits no record'],
        answer: 1,
      },
      claims: [
        { kind: 'stops-at', atMs: 20_000 },
        { kind: 'ahead', of: { fact: 'write', match: { table: TODOS, keyString: sKey2('home', 't1'), outcome: 'no-op' } } },
        { kind: 'seen', of: { fact: 'record-appended', match: { keyString: sKey2('home', 't1') } }, equals: 2, within: 'run' },
      ],
    },
    {
      until: { fact: 'write', match: { table: TODOS, keyString: sKey2('home', 't1'), outcome: 'no-op' } },
      text: 'The app marks the same task done a second time. The item does not change, so there is no stream record, and the counts stay as they are.',
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'indexer', keyString: sKey2('work', 't3') } },
      text: 'A rename: the indexer compares the old title\'s words with the new title\'s. It deletes the rows for stream and report, adds streams and workshop, and keeps write and the.',
    },
    {
      until: { fact: 'end-of-run' },
      text: 'Summary: every change that succeeds is one record, with the images a consumer needs to compute its effect: the search index from the words in the titles, the counts from the done flags. A delete removes the task\'s index rows and its count. Both functions check item versions, so a retry could not count anything twice. SearchIndex and TaskCounts match what Todos holds.',
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'counts', keyString: sKey2('home', 't2') } }, equals: 2 },
        { kind: 'seen', of: { fact: 'invariant-broken' }, equals: 0 },
      ],
    },
  ],
  lesson: {
    checks: [
      { consumer: 'indexer', expect: 'holds' },
      { consumer: 'counts', expect: 'holds' },
    ],
    counters: [
      { consumer: 'indexer', field: 'recordsProcessed', equals: 9 },
      { consumer: 'counts', field: 'recordsProcessed', equals: 9 },
    ],
  },
});
