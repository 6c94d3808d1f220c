/**
 * Scan, BatchGetItem and TransactGetItems against AWS's documentation. Sources named in titles:
 * [SC] Developer Guide, "Scanning tables" and "Parallel scan" (Scan.html)
 * [BG] API Reference, BatchGetItem (API_BatchGetItem.html)
 * [TG] API Reference, TransactGetItems (API_TransactGetItems.html)
 * [PE] Developer Guide, "Projection expressions" (Expressions.ProjectionExpressions.html): the
 *      ProductCatalog item with nested RelatedItems and ProductReviews.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../simulation.ts';
import { awsErrorOf, createTable, DDB, newSim, put, s, n } from '../../testing/harness.ts';
import type { Item } from '../attributeValue.ts';

type Page = { Items?: Item[]; Count: number; ScannedCount: number; LastEvaluatedKey?: Item };

function filled(count: number): Simulation {
  const sim = newSim();
  createTable(sim, 'tbl', null);
  for (let i = 0; i < count; i++) put(sim, { pk: s(`item${String(i).padStart(3, '0')}`), i: n(i), even: { BOOL: i % 2 === 0 } });
  return sim;
}

const scan = (sim: Simulation, input: Record<string, unknown> = {}): Page => sim.call<Page>(`${DDB}Scan`, { TableName: 'tbl', ...input });

function scanAll(sim: Simulation, input: Record<string, unknown>): string[] {
  const keys: string[] = [];
  let start: Item | undefined;
  do {
    const out = scan(sim, { ...input, ...(start ? { ExclusiveStartKey: start } : {}) });
    keys.push(...(out.Items ?? []).map((i) => (i.pk as { S: string }).S));
    start = out.LastEvaluatedKey;
  } while (start);
  return keys;
}

describe('Scan', () => {
  it('[SC] paging with Limit visits every item exactly once', () => {
    const keys = scanAll(filled(50), { Limit: 7 });
    expect(keys).toHaveLength(50);
    expect(new Set(keys).size).toBe(50);
  });

  it('[SC] the segments of a parallel scan are disjoint and together hold every item', () => {
    const sim = filled(60);
    const segments = [0, 1, 2, 3].map((segment) => scanAll(sim, { Segment: segment, TotalSegments: 4, Limit: 5 }));
    const all = segments.flat();
    expect(all).toHaveLength(60);
    expect(new Set(all).size).toBe(60);
    expect(segments.every((seg) => seg.length > 0)).toBe(true);
  });

  it('[SC] Segment and TotalSegments are checked as DynamoDB checks them', () => {
    const sim = filled(1);
    expect(awsErrorOf(() => scan(sim, { Segment: 1 })).message).toBe('The TotalSegments parameter is required but was not present in the request when parameter Segment is present');
    expect(awsErrorOf(() => scan(sim, { Segment: 2, TotalSegments: 2 })).message).toBe('The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2');
  });

  it('[SC] a FilterExpression may use key attributes in a Scan; Count counts matches', () => {
    const out = scan(filled(10), { FilterExpression: 'even = :t AND begins_with(pk, :p)', ExpressionAttributeValues: { ':t': { BOOL: true }, ':p': s('item00') } });
    expect(out.Count).toBe(5);
    expect(out.ScannedCount).toBe(10);
  });

  it('[SC] KeyConditionExpression is refused', () => {
    expect(awsErrorOf(() => scan(filled(1), { KeyConditionExpression: 'pk = :a', ExpressionAttributeValues: { ':a': s('x') } })).message).toBe('KeyConditionExpression is not supported for Scan');
  });
});

describe('projections', () => {
  const product: Item = {
    pk: s('123'), Title: s('Bicycle 123'),
    RelatedItems: { L: [n(341), n(472), n(649)] },
    ProductReviews: { M: { FiveStar: { L: [s('Excellent! Can\'t recommend it highly enough!'), s('Do yourself a favor and buy this.')] }, OneStar: { L: [s('Terrible product! Do not buy this.')] } } },
  };

  it('[PE] nested paths return only what they name: list elements close up in index order', () => {
    const sim = newSim();
    createTable(sim, 'tbl', null);
    put(sim, product);
    const out = sim.call<{ Item: Item }>(`${DDB}GetItem`, { TableName: 'tbl', Key: { pk: s('123') }, ProjectionExpression: 'Title, RelatedItems[2], RelatedItems[0], ProductReviews.FiveStar[1], #o', ExpressionAttributeNames: { '#o': 'Nope' } });
    expect(out.Item).toEqual({
      Title: s('Bicycle 123'),
      RelatedItems: { L: [n(341), n(649)] },
      ProductReviews: { M: { FiveStar: { L: [s('Do yourself a favor and buy this.')] } } },
    });
  });

  it('[PE] overlapping paths and unused names are refused; AttributesToGet projects top-level names', () => {
    const sim = newSim();
    createTable(sim, 'tbl', null);
    put(sim, product);
    expect(awsErrorOf(() => sim.call(`${DDB}GetItem`, { TableName: 'tbl', Key: { pk: s('123') }, ProjectionExpression: 'ProductReviews, ProductReviews.OneStar' })).message)
      .toBe('Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [ProductReviews], path two: [ProductReviews, OneStar]');
    expect(awsErrorOf(() => sim.call(`${DDB}GetItem`, { TableName: 'tbl', Key: { pk: s('123') }, ProjectionExpression: 'Title', ExpressionAttributeNames: { '#x': 'x' } })).message)
      .toBe('Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}');
    expect(sim.call<{ Item: Item }>(`${DDB}GetItem`, { TableName: 'tbl', Key: { pk: s('123') }, AttributesToGet: ['Title', 'Missing'] }).Item).toEqual({ Title: s('Bicycle 123') });
  });
});

describe('BatchGetItem and TransactGetItems', () => {
  it('[BG] answers per table, leaves out missing keys, and refuses more than 100 keys or duplicates', () => {
    const sim = filled(5);
    const out = sim.call<{ Responses: Record<string, Item[]>; UnprocessedKeys: unknown }>(`${DDB}BatchGetItem`, {
      RequestItems: { tbl: { Keys: [{ pk: s('item001') }, { pk: s('nope') }, { pk: s('item003') }], ProjectionExpression: 'i' } },
    });
    expect(out).toEqual({ Responses: { tbl: [{ i: n(1) }, { i: n(3) }] }, UnprocessedKeys: {} });
    const keys = Array.from({ length: 101 }, (_, i) => ({ pk: s(`k${i}`) }));
    expect(awsErrorOf(() => sim.call(`${DDB}BatchGetItem`, { RequestItems: { tbl: { Keys: keys } } })).message).toBe('Too many items requested for the BatchGetItem call');
    expect(awsErrorOf(() => sim.call(`${DDB}BatchGetItem`, { RequestItems: { tbl: { Keys: [{ pk: s('a') }, { pk: s('a') }] } } })).message).toBe('Provided list of item keys contains duplicates');
  });

  it('[BG] what would make the response larger than 16 MB comes back in UnprocessedKeys', () => {
    const sim = newSim();
    createTable(sim, 'tbl', null);
    const big = 'x'.repeat(390 * 1024);
    const keys = Array.from({ length: 45 }, (_, i) => ({ pk: s(`big${i}`) }));
    for (const k of keys) put(sim, { ...k, body: s(big) });
    const out = sim.call<{ Responses: Record<string, Item[]>; UnprocessedKeys: Record<string, { Keys: Item[] }> }>(`${DDB}BatchGetItem`, { RequestItems: { tbl: { Keys: keys } } });
    const got = out.Responses.tbl!.length;
    expect(got).toBe(42); // 42 × 390 KB ≤ 16 MB < 43 × 390 KB
    expect(out.UnprocessedKeys.tbl!.Keys).toEqual(keys.slice(got));
  });

  it('[TG] answers every Get in order, costs 2 units per 4 KB, and refuses two Gets of one item', () => {
    const sim = filled(3);
    const out = sim.call<{ Responses: { Item?: Item }[]; ConsumedCapacity: unknown }>(`${DDB}TransactGetItems`, {
      TransactItems: [{ Get: { TableName: 'tbl', Key: { pk: s('item002') } } }, { Get: { TableName: 'tbl', Key: { pk: s('none') } } }],
      ReturnConsumedCapacity: 'TOTAL',
    });
    expect(out.Responses).toEqual([{ Item: { pk: s('item002'), i: n(2), even: { BOOL: true } } }, {}]);
    expect(out.ConsumedCapacity).toEqual([{ TableName: 'tbl', CapacityUnits: 4 }]);
    expect(awsErrorOf(() => sim.call(`${DDB}TransactGetItems`, { TransactItems: [{ Get: { TableName: 'tbl', Key: { pk: s('a') } } }, { Get: { TableName: 'tbl', Key: { pk: s('a') } } }] })).message)
      .toBe('Transaction request cannot include multiple operations on one item');
  });
});
