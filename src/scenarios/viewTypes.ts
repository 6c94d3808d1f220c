/**
 * Stream view types side by side: the same four writes to four tables whose streams carry
 * KEYS_ONLY, NEW_IMAGE, OLD_IMAGE and NEW_AND_OLD_IMAGES, each read by the same naive vote
 * counter, and a fifth counter that reads the NEW_IMAGE stream but remembers what each item
 * contributed. What a consumer can compute from a record alone depends on the images it carries.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { createTable, epochSeconds, put, remove, scenario, sKey, update, type ConsumerData, type TableOptions } from './helpers.ts';

const VIEWS = [
  ['keys', 'KEYS_ONLY'],
  ['new', 'NEW_IMAGE'],
  ['old', 'OLD_IMAGE'],
  ['both', 'NEW_AND_OLD_IMAGES'],
] as const satisfies readonly (readonly [string, NonNullable<TableOptions['viewType']>])[];

const table = (suffix: string) => `Votes-${suffix}`;

/** The election, written to every table: two votes, a change of mind, a withdrawal. Heron 1 at the end. */
function writes(): ScriptedCall[] {
  const all = VIEWS.flatMap(([suffix], i) => {
    const t = table(suffix);
    const at = (ms: number) => ms + i * 100;
    return [
      put(at(2_000), t, { voterId: { S: 'ada' }, candidate: { S: 'Otter' }, votedAt: epochSeconds(2_000) }),
      put(at(6_000), t, { voterId: { S: 'grace' }, candidate: { S: 'Heron' }, votedAt: epochSeconds(6_000) }),
      update(at(12_000), t, { voterId: { S: 'ada' } }, 'SET candidate = :c', { ':c': { S: 'Heron' } }),
      remove(at(18_000), t, { voterId: { S: 'grace' } }),
    ];
  });
  return all.sort((a, b) => a.at - b.at);
}

function counter(id: string, suffix: string, idempotency: 'none' | 'item-version'): ConsumerData {
  return {
    id,
    kind: 'lambda',
    handler: { kind: 'vote-counter', idempotency, sourceTable: table(suffix), targetTable: `VoteCounts-${id}` },
    mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10 },
  };
}

const processed = (consumer: string, id: string, effect: string) => ({ fact: 'record-processed', match: { consumer, keyString: sKey(id), effect } });

export const viewTypes: Scenario = scenario({
  id: 'view-types',
  title: 'Stream view types side by side',
  summary: 'The same votes go to four tables whose streams carry KEYS_ONLY, NEW_IMAGE, OLD_IMAGE and NEW_AND_OLD_IMAGES. A counter that computes each change from the record alone is right only with both images. With NEW_IMAGE it must remember what each item contributed; with KEYS_ONLY it must read the table, which may have moved on.',
  seed: 47,
  durationMs: 30_000,
  setup: VIEWS.map(([suffix, viewType]) => createTable(table(suffix), { name: 'voterId', type: 'S' }, { viewType })),
  writes: writes(),
  consumers: [
    counter('keys', 'keys', 'none'),
    counter('new', 'new', 'none'),
    counter('old', 'old', 'none'),
    counter('both', 'both', 'none'),
    counter('ledger', 'new', 'item-version'),
  ],
  narration: [
    {
      until: { fact: 'record-processed', match: { consumer: 'both', keyString: sKey('ada') } },
      text: 'Four tables take the same votes; only their StreamViewType differs, and it is fixed per stream (changing it means disabling the stream and enabling a new one). Each stream is read by the same counter, which computes a vote change from the record alone: subtract what the old image voted for, add what the new image votes for. ledger reads the NEW_IMAGE stream too, but stores what each voter\'s item last contributed. Ada\'s INSERT: keys gets only { voterId: ada }, old gets no image at all for an INSERT, new and both get her vote.',
      predict: {
        question: 'Next, Ada changes her vote to Heron and Grace withdraws hers: the right count is Heron 1. Which counters will end with it?',
        choices: ['All five', 'both and ledger', 'Only both', 'Only ledger'],
        answer: 1,
      },
      claims: [
        { kind: 'seen', of: processed('new', 'ada', 'applied') },
        { kind: 'seen', of: processed('keys', 'ada', 'ignored') },
        { kind: 'seen', of: processed('old', 'ada', 'ignored') },
        { kind: 'ahead', of: { fact: 'invariant-broken', match: { consumer: 'new', check: 'target-matches-records' } } },
        { kind: 'seen', of: { fact: 'invariant-broken', match: { consumer: 'both' } }, equals: 0, within: 'run' },
        { kind: 'seen', of: { fact: 'invariant-broken', match: { consumer: 'ledger' } }, equals: 0, within: 'run' },
      ],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'new', check: 'target-matches-records' } },
      text: 'Ada changes her vote to Heron: a MODIFY. new\'s record carries only the new image: it can see Heron, but not that the vote came from Otter, so it cannot move the vote and leaves the count as it was. old sees Otter but not Heron. both subtracts Otter and adds Heron. ledger finds in its own table that Ada\'s item contributed one Otter vote, and moves it.',
      claims: [
        { kind: 'seen', of: processed('new', 'ada', 'ignored') },
        { kind: 'seen', of: processed('old', 'ada', 'ignored'), equals: 2, within: 'run' },
        { kind: 'seen', of: processed('ledger', 'ada', 'applied'), equals: 2, within: 'run' },
      ],
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'both', keyString: sKey('grace') } },
      text: 'Grace withdraws: a REMOVE. Its old image holds her Heron vote, so old and both subtract it; new\'s record has no image at all and changes nothing, and ledger takes back what it stored for Grace. keys never had more than { voterId }: a KEYS_ONLY consumer has to read the item from the table (here it is already gone), and a read returns the item as it is now, not as it was at that record.',
      claims: [
        { kind: 'seen', of: processed('old', 'grace', 'applied') },
        { kind: 'seen', of: processed('new', 'grace', 'ignored') },
        { kind: 'seen', of: processed('ledger', 'grace', 'applied'), equals: 2 },
      ],
    },
    {
      until: { fact: 'end-of-run' },
      text: 'Summary: the view type decides what a consumer can know without asking anyone. NEW_AND_OLD_IMAGES lets it compute every change from the record alone. NEW_IMAGE suits consumers that replace state (a replica, a cache, a search document) or that keep what each item contributed, as ledger does. OLD_IMAGE suits archiving what was deleted or overwritten. KEYS_ONLY tells a consumer what changed, not how; it must read the table, and may read a later state. Records with more images are larger and cost more to read.',
      claims: [
        { kind: 'seen', of: { fact: 'invariant-broken', match: { consumer: 'both' } }, equals: 0 },
        { kind: 'seen', of: { fact: 'invariant-broken', match: { consumer: 'ledger' } }, equals: 0 },
      ],
    },
  ],
  lesson: {
    checks: [
      { consumer: 'both', expect: 'holds' },
      { consumer: 'ledger', expect: 'holds' },
      { consumer: 'keys', check: 'target-matches-source', expect: 'broken' },
      { consumer: 'new', check: 'target-matches-source', expect: 'broken' },
      { consumer: 'old', check: 'target-matches-source', expect: 'broken' },
    ],
  },
});
