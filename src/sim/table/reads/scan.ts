/**
 * Scan: every item of the table or of an index, one page at a time, optionally one segment of a
 * parallel scan (Developer Guide, "Parallel scan":
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan).
 *
 * Order: DynamoDB returns items partition by partition, in an order that follows the partition-key
 * hash; here items are ordered by the same hash the table's partitions use (then by sort key), so
 * the order looks arbitrary but is stable, and a segment is a contiguous slice of the hash space,
 * so the segments of a parallel scan are disjoint and together hold every item. Pure.
 */
import { validationError } from '../../api/errors.ts';
import { optionalBoolean, optionalInteger, requireString } from '../../api/input.ts';
import type { World } from '../../world.ts';
import type { Item } from '../attributeValue.ts';
import { compareValues, keyString } from '../attributes.ts';
import { valueHash } from '../table.ts';
import { findTable } from '../tableApi.ts';
import { capacityMode, readUnits, withCapacity } from '../capacity.ts';
import { pageBody, paths, readExpressions, readPage, readTarget, selectOf, startKeyOf, tieBreak, viewOf, type ReadTarget } from './page.ts';

const MAX_SEGMENTS = 1_000_000;

function segmentsOf(input: Record<string, unknown>): { segment: number; total: number } | undefined {
  const segment = optionalInteger(input, 'Segment', 0, MAX_SEGMENTS - 1);
  const total = optionalInteger(input, 'TotalSegments', 1, MAX_SEGMENTS);
  if (segment === undefined && total === undefined) return undefined;
  if (total === undefined) throw validationError('The TotalSegments parameter is required but was not present in the request when parameter Segment is present');
  if (segment === undefined) throw validationError('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
  if (segment >= total) {
    throw validationError(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${total}`);
  }
  return { segment, total };
}

/** The scan position of an entry: its partition-key hash, the partition key, then the sort key. */
interface Position {
  hash: number;
  hashKey: string;
  item: Item;
}

function positionOf(target: ReadTarget, item: Item): Position {
  const h = item[target.schema.hash.name]!;
  return { hash: valueHash(h), hashKey: keyString(item, [target.schema.hash.name]), item };
}

function compare(target: ReadTarget, a: Position, b: Position): number {
  if (a.hash !== b.hash) return a.hash - b.hash;
  if (a.hashKey !== b.hashKey) return a.hashKey < b.hashKey ? -1 : 1;
  const r = target.schema.range?.name;
  const c = r === undefined ? 0 : (compareValues(a.item[r]!, b.item[r]!) ?? 0);
  return c !== 0 ? c : tieBreak(target, a.item, b.item);
}

export function scan(world: World, input: Record<string, unknown>): unknown {
  const tableName = requireString(input, 'TableName');
  const limit = optionalInteger(input, 'Limit', 1, Number.MAX_SAFE_INTEGER);
  const consistent = optionalBoolean(input, 'ConsistentRead') ?? false;
  const segments = segmentsOf(input);
  const mode = capacityMode(input);
  const exprs = readExpressions(input, false);
  const select = selectOf(input, exprs.projection !== undefined);
  const table = findTable(world, tableName);
  const target = readTarget(table, input, select, exprs.projection !== undefined, consistent);
  const esk = startKeyOf(input, target);
  const start = esk ? positionOf(target, esk) : undefined;
  const positions: Position[] = [];
  for (const item of table.items.values()) {
    const view = viewOf(target, item);
    if (view === undefined) continue;
    const p = positionOf(target, view);
    // The hash space split into `total` equal slices (exact: both factors stay below 2^53).
    if (segments && Math.floor((p.hash * segments.total) / 0x100000000) !== segments.segment) continue;
    if (start && compare(target, p, start) <= 0) continue;
    positions.push(p);
  }
  positions.sort((a, b) => compare(target, a, b));
  const page = readPage(target, positions.map((p) => p.item), { limit, filter: exprs.filter, ctx: exprs.ctx, paths: paths(exprs) });
  const units = readUnits(page.bytesRead, consistent ? 'strong' : 'eventual');
  const index = target.index;
  return withCapacity(pageBody(target, page), mode, {
    tableName: table.name,
    table: index ? 0 : units,
    ...(index ? { [index.global ? 'global' : 'local']: { [index.name]: units } } : {}),
  });
}
