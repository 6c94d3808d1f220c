/**
 * The key-addressed read GetItem, with ProjectionExpression / AttributesToGet and ConsumedCapacity,
 * and what the many-key reads (./multiGet.ts: BatchGetItem, TransactGetItems) share with it: a
 * read's projection (the projections part's, `../../parts.ts`) and a key's lookup. Pure.
 */
import { validationError } from '../../api/errors.ts';
import { optionalBoolean, optionalObject, requireString } from '../../api/input.ts';
import type { World } from '../../world.ts';
import type { Item } from '../attributeValue.ts';
import { validateItem } from '../attributes.ts';
import { itemSize } from '../itemSize.ts';
import type { ResolvedPath } from '../expressions/paths.ts';
import { checkKey, tableKeyString, type TableState } from '../table.ts';
import { findTable } from '../tableApi.ts';
import { capacityMode, readUnits, withCapacity } from '../capacity.ts';
import { part } from '../../parts.ts';

/**
 * One table's (or one Get's) projection, with its ExpressionAttributeNames checked: a request that
 * asks for one is the projections part's (`../../parts.ts`); one that does not is checked here.
 */
export function readProjection(body: Record<string, unknown>): ResolvedPath[] | undefined {
  if (body.ProjectionExpression !== undefined || body.AttributesToGet !== undefined) return part('projections').readProjection(body);
  const names = optionalObject(body, 'ExpressionAttributeNames');
  if (body.ExpressionAttributeValues !== undefined) throw validationError('ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null');
  if (names) throw validationError('ExpressionAttributeNames can only be specified when using expressions');
  return undefined;
}

/** A key checked against the table's schema, its key string and the item there. */
export function lookup(table: TableState, rawKey: Item): { key: Item; keyString: string; item: Item | undefined } {
  const key = checkKey(table, rawKey);
  const keyString = tableKeyString(table, key);
  return { key, keyString, item: table.items.get(keyString) };
}

export function getItem(world: World, input: Record<string, unknown>): unknown {
  const tableName = requireString(input, 'TableName');
  const rawKey = validateItem(input.Key, 'Key');
  const consistent = optionalBoolean(input, 'ConsistentRead') ?? false;
  const mode = capacityMode(input);
  const paths = readProjection(input);
  const table = findTable(world, tableName);
  const { item } = lookup(table, rawKey);
  const units = readUnits(item ? itemSize(item) : 0, consistent ? 'strong' : 'eventual');
  return withCapacity(item ? { Item: paths === undefined ? item : part('projections').projectItem(item, paths) } : {}, mode, { tableName: table.name, table: units });
}
