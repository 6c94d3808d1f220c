/**
 * Lambda filter criteria on DynamoDB's typed JSON. A filter pattern is matched against the record
 * as the function would receive it, where every attribute value is typed (`{"N": "150"}`) and a
 * number is a string. So a pattern must name the type (`coupon.S`), `exists` works on the typed
 * value, and a `numeric` filter on an `N` value never matches. Records a filter drops are consumed:
 * the mapping moves past them and never delivers them.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { createTable, MINUTE, put, scenario, sKey, update, type ConsumerData } from './helpers.ts';

const ORDERS = 'Orders';

function order(at: number, id: string, amount: number, extra: Record<string, { S: string }> = {}): ScriptedCall {
  return put(at, ORDERS, { orderId: { S: id }, amount: { N: String(amount) }, ...extra });
}

/** Typed patterns: a coupon of type S exists, or the tier is exactly the string "vip". */
const TYPED = [
  { Pattern: JSON.stringify({ dynamodb: { NewImage: { coupon: { S: [{ exists: true }] } } } }) },
  { Pattern: JSON.stringify({ dynamodb: { NewImage: { tier: { S: ['vip'] } } } }) },
];

/** "Orders over 100" as a numeric filter on the N value: N values are strings, so it never matches. */
const NUMERIC = [{ Pattern: JSON.stringify({ dynamodb: { NewImage: { amount: { N: [{ numeric: ['>', 100] }] } } } }) }];

function mirror(id: string, filters: { Pattern: string }[]): ConsumerData {
  return {
    id,
    kind: 'lambda',
    handler: { kind: 'replicator', idempotency: 'item-version', sourceTable: ORDERS, targetTable: `Orders-${id}` },
    mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, FilterCriteria: { Filters: filters } },
  };
}

const processed = (consumer: string, id: string) => ({ fact: 'record-processed', match: { consumer, keyString: sKey(id) } });

export const filterCriteria: Scenario = scenario({
  id: 'filter-criteria',
  title: 'Lambda filters on typed JSON: what matches, what is consumed',
  summary: 'Two functions mirror orders through filter criteria. Patterns that name the attribute type (coupon.S exists, tier.S is "vip") select the orders they mean. A numeric filter on amount.N selects nothing, because DynamoDB numbers are strings in the record. Every record a filter drops is consumed without an invocation.',
  seed: 29,
  durationMs: MINUTE,
  setup: [createTable(ORDERS, { name: 'orderId', type: 'S' }, { viewType: 'NEW_IMAGE' })],
  writes: [
    order(2_000, 'o1', 40),
    order(6_000, 'o2', 150, { coupon: { S: 'SPRING' } }),
    order(10_000, 'o3', 250, { tier: { S: 'vip' } }),
    order(14_000, 'o4', 120),
    // o1 gets a coupon later: a MODIFY whose new image now passes the coupon filter.
    update(20_000, ORDERS, { orderId: { S: 'o1' } }, 'SET coupon = :c', { ':c': { S: 'WELCOME' } }),
    order(26_000, 'o5', 300, { tier: { S: 'VIP' } }),
  ],
  consumers: [mirror('typed', TYPED), mirror('numeric', NUMERIC)],
  narration: [
    {
      until: { fact: 'records-filtered', match: { consumer: 'typed' } },
      text: 'A stream record carries DynamoDB JSON: order o1 arrives as NewImage { orderId: { S: "o1" }, amount: { N: "40" } }. typed has two filters (a record passing either is sent): coupon.S exists, or tier.S equals "vip". o1 passes neither, so Lambda drops it before any invocation. A dropped record is consumed: the mapping moves past it and never delivers it.',
      predict: {
        question: 'The second function, numeric, filters on amount.N with numeric > 100. Which of o2 (150), o3 (250) and o4 (120) will it deliver?',
        choices: ['All three: each amount is over 100', 'None: amount.N is the string "150", and numeric matches only numbers', 'Only o3: numbers are compared as text'],
        answer: 1,
      },
      claims: [
        { kind: 'seen', of: processed('typed', 'o1'), equals: 0 },
        { kind: 'seen', of: { fact: 'invocation-started', match: { consumer: 'typed' } }, equals: 0 },
        { kind: 'ahead', of: processed('typed', 'o2') },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'numeric' } }, equals: 0, within: 'run' },
        { kind: 'seen', of: { fact: 'invocation-started', match: { consumer: 'numeric' } }, equals: 0, within: 'run' },
      ],
    },
    {
      until: processed('typed', 'o2'),
      text: 'o2 has coupon { S: "SPRING" }, so the exists filter on coupon.S passes and typed mirrors it. The type is part of the path: a pattern on coupon without the S would look for a plain value and find an object.',
    },
    {
      until: processed('typed', 'o3'),
      text: 'o3\'s tier is { S: "vip" }: the exact-value filter passes. numeric drops o3 like every other order, though 250 > 100: in the record its amount is the string "250". To select by amount, filter on exact strings or a prefix, write a flag attribute the filter can test, or check the amount in the function.',
      claims: [{ kind: 'seen', of: processed('numeric', 'o3'), equals: 0, within: 'run' }],
    },
    {
      until: processed('typed', 'o1'),
      text: 'o1 gets a coupon. The MODIFY record\'s new image has coupon.S, so this time o1 passes and typed mirrors it. Filters see each record on its own: the INSERT was dropped, this change is sent.',
      claims: [{ kind: 'stops-at', atMs: 20_000 }],
    },
    {
      until: { fact: 'end-of-run' },
      text: 'Summary: o5\'s tier is "VIP", and matching is exact, so the "vip" filter dropped it. Filters match DynamoDB JSON as it is: name the type (S, N, BOOL), compare strings exactly, and expect numeric to match nothing on an N value. Dropped records are consumed, not retried: typed holds o1, o2 and o3; numeric holds nothing, and no check complains, because filtering them out was what the mapping was told to do.',
      claims: [
        { kind: 'seen', of: processed('typed', 'o5'), equals: 0 },
        { kind: 'seen', of: processed('typed', 'o4'), equals: 0 },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'typed', effect: 'applied' } }, equals: 3 },
      ],
    },
  ],
  lesson: {
    checks: [
      { consumer: 'typed', expect: 'holds' },
      { consumer: 'numeric', expect: 'holds' },
    ],
    counters: [
      { consumer: 'typed', field: 'recordsProcessed', equals: 3 },
      { consumer: 'numeric', field: 'recordsProcessed', equals: 0 },
    ],
  },
});
