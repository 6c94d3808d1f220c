/**
 * The many-key reads: BatchGetItem (up to 100 keys; what would make the response larger than 16 MB
 * comes back in UnprocessedKeys) and TransactGetItems (up to 100 Gets, all answered from one
 * instant), with ProjectionExpression / AttributesToGet and ConsumedCapacity (API Reference:
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html). Part of
 * the transactions part (`../../parts.ts`), with TransactWriteItems. Pure.
 */
import { validationError } from '../../api/errors.ts';
import { optionalBoolean, optionalObject, requireString } from '../../api/input.ts';
import type { World } from '../../world.ts';
import { part } from '../../parts.ts';
import type { Item } from '../attributeValue.ts';
import { validateItem } from '../attributes.ts';
import { itemSize } from '../itemSize.ts';
import type { ResolvedPath } from '../expressions/paths.ts';
import { findTable } from '../tableApi.ts';
import { capacityMode, consumedCapacity, readUnits, type CapacityMode, type ReadKind } from '../capacity.ts';
import { MAX_BATCH_GET, MAX_TRANSACTION_ITEMS } from '../limits.ts';
import { lookup, readProjection } from './getItem.ts';

/** The most a BatchGetItem response carries; the rest is UnprocessedKeys. */
export const BATCH_GET_BYTES = 16 * 1024 * 1024;

interface TableKeys {
  name: string;
  body: Record<string, unknown>;
  keys: Item[];
  paths: ResolvedPath[] | undefined;
  kind: ReadKind;
}

function parseBatchRequest(input: Record<string, unknown>): TableKeys[] {
  const requestItems = optionalObject(input, 'RequestItems');
  if (!requestItems || Object.keys(requestItems).length === 0) {
    throw validationError("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  }
  let total = 0;
  const out: TableKeys[] = [];
  for (const [name, raw] of Object.entries(requestItems)) {
    const body = (raw ?? {}) as Record<string, unknown>;
    const keys = body.Keys;
    if (!Array.isArray(keys) || keys.length === 0) {
      throw validationError(`1 validation error detected: Value at 'requestItems.${name}.member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1`);
    }
    total += keys.length;
    const kind: ReadKind = optionalBoolean(body, 'ConsistentRead') ? 'strong' : 'eventual';
    out.push({ name, body, keys: keys.map((k, i) => validateItem(k, `RequestItems.${name}.Keys[${i}]`)), paths: readProjection(body), kind });
  }
  if (total > MAX_BATCH_GET) throw validationError('Too many items requested for the BatchGetItem call');
  return out;
}

export function batchGetItem(world: World, input: Record<string, unknown>): unknown {
  const mode = capacityMode(input);
  const requests = parseBatchRequest(input);
  const tables = requests.map((r) => findTable(world, r.name));
  const responses: Record<string, Item[]> = {};
  const unprocessed: Record<string, Record<string, unknown>> = {};
  const capacity: Record<string, unknown>[] = [];
  let bytes = 0;
  requests.forEach((r, i) => {
    const table = tables[i]!;
    const seen = new Set<string>();
    const found: Item[] = [];
    let units = 0;
    for (const rawKey of r.keys) {
      const { key, keyString, item } = lookup(table, rawKey);
      if (seen.has(keyString)) throw validationError('Provided list of item keys contains duplicates');
      seen.add(keyString);
      const size = item ? itemSize(item) : 0;
      if (bytes + size > BATCH_GET_BYTES) {
        const rest = (unprocessed[r.name] ??= { ...r.body, Keys: [] });
        (rest.Keys as Item[]).push(key);
        continue;
      }
      bytes += size;
      units += readUnits(size, r.kind);
      if (item) found.push(r.paths === undefined ? item : part('projections').projectItem(item, r.paths));
    }
    responses[r.name] = found;
    const cc = consumedCapacity(mode, { tableName: table.name, table: units });
    if (cc) capacity.push(cc);
  });
  return { Responses: responses, UnprocessedKeys: unprocessed, ...(capacity.length > 0 ? { ConsumedCapacity: capacity } : {}) };
}

export function transactGetItems(world: World, input: Record<string, unknown>): unknown {
  const mode: CapacityMode = capacityMode(input);
  const items = input.TransactItems;
  if (!Array.isArray(items) || items.length < 1 || items.length > MAX_TRANSACTION_ITEMS) {
    throw validationError(`1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TRANSACTION_ITEMS}, Member must have length greater than or equal to 1`);
  }
  const gets = items.map((raw: unknown) => {
    const get = (raw as { Get?: unknown } | null)?.Get;
    if (get === null || typeof get !== 'object') throw validationError("1 validation error detected: Value null at 'transactItems.1.member.get' failed to satisfy constraint: Member must not be null");
    const body = get as Record<string, unknown>;
    return { name: requireString(body, 'TableName'), rawKey: validateItem(body.Key, 'Key'), paths: readProjection(body) };
  });
  const seen = new Set<string>();
  const perTable = new Map<string, number>();
  const responses = gets.map((g) => {
    const table = findTable(world, g.name);
    const { keyString, item } = lookup(table, g.rawKey);
    if (seen.has(`${table.name}\u0000${keyString}`)) throw validationError('Transaction request cannot include multiple operations on one item');
    seen.add(`${table.name}\u0000${keyString}`);
    perTable.set(table.name, (perTable.get(table.name) ?? 0) + readUnits(item ? itemSize(item) : 0, 'transactional'));
    return item ? { Item: g.paths === undefined ? item : part('projections').projectItem(item, g.paths) } : {};
  });
  const capacity = [...perTable].map(([tableName, units]) => consumedCapacity(mode, { tableName, table: units })).filter((c) => c !== undefined);
  return { Responses: responses, ...(capacity.length > 0 ? { ConsumedCapacity: capacity } : {}) };
}


