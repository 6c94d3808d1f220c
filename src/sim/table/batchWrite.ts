/**
 * BatchWriteItem: up to 25 puts and deletes, over one or more tables, each applied as its own
 * write (no condition, no transaction), after all are checked. Part of the transactions part
 * (`../parts.ts`) with the transactions and batch reads: runs that call none never load it.
 */
import { validationError } from '../api/errors.ts';
import { optionalObject } from '../api/input.ts';
import type { World } from '../world.ts';
import { apply, prepareDelete, preparePut, type PreparedWrite } from './items.ts';
import { MAX_BATCH_WRITE } from './limits.ts';

export function batchWriteItem(world: World, input: Record<string, unknown>, owned = false): unknown {
  const requestItems = optionalObject(input, 'RequestItems');
  if (!requestItems) throw validationError("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  // Counted before any table is looked up: too many writes is a ValidationException even for missing tables.
  const total = Object.values(requestItems).reduce((n: number, r) => n + (Array.isArray(r) ? r.length : 0), 0);
  if (total > MAX_BATCH_WRITE) {
    throw validationError(`1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to ${MAX_BATCH_WRITE}, Member must have length greater than or equal to 1]`);
  }
  const writes: PreparedWrite[] = [];
  const seen = new Set<string>();
  for (const [tableName, requests] of Object.entries(requestItems)) {
    if (!Array.isArray(requests) || requests.length === 0) throw validationError(`RequestItems.${tableName} must be a non-empty list`);
    for (const req of requests as Record<string, Record<string, unknown> | undefined>[]) {
      const w = req.PutRequest
        ? preparePut(world, { TableName: tableName, Item: req.PutRequest.Item }, 'BatchWriteItem', owned)
        : req.DeleteRequest
          ? prepareDelete(world, { TableName: tableName, Key: req.DeleteRequest.Key }, 'BatchWriteItem')
          : undefined;
      if (!w) throw validationError('Each write request must contain exactly one of PutRequest or DeleteRequest');
      if (seen.has(`${tableName}\u0000${w.keyString}`)) throw validationError('Provided list of item keys contains duplicates');
      seen.add(`${tableName}\u0000${w.keyString}`);
      writes.push(w);
    }
  }
  for (const w of writes) apply(world, w);
  return { UnprocessedItems: {} };
}
