/**
 * Time to live (reference §1.3): an item whose TTL attribute (a Number of epoch seconds) is in the
 * past, but not more than five years in the past, is deleted by the service some time later. The
 * deletion is a REMOVE record stamped with the service's identity. An expired item stays readable
 * and updatable until then, and an update that moves or removes its expiry cancels the deletion.
 *
 * Part of the table settings part (`../parts.ts`): a table's TTL is switched on only by
 * UpdateTimeToLive, that part's, so the core asks it of a write (`commit.ts`) only for a table with
 * TTL on, and a `ttl-check` event is queued only here.
 *
 * May import: the world, table types, `commit.ts`, `table.ts`.
 */
import type { World } from '../world.ts';
import { schedule } from '../world.ts';
import type { Item } from './attributeValue.ts';
import { keyAttributeNames, type TableState } from './table.ts';
import { commitChange } from './commit.ts';

const FIVE_YEARS_MS = 5 * 365 * 24 * 3_600_000;

/** The simulated time at which the item's TTL passes, or undefined when it has none that counts. */
export function expiryTimeMs(world: World, table: TableState, item: Item): number | undefined {
  if (!table.ttl?.enabled) return undefined;
  const v = item[table.ttl.attributeName];
  if (!v || !('N' in v)) return undefined;
  // Epoch seconds; fractional seconds are allowed and rounded down to the millisecond without floats.
  const [whole, frac = ''] = v.N.split('.');
  if (!whole || whole.startsWith('-')) return undefined;
  const epochMs = Number(whole) * 1000 + Number((frac + '000').slice(0, 3));
  if (!Number.isSafeInteger(epochMs)) return undefined;
  return epochMs - world.options.epochMs;
}

/** Whether the TTL process may delete this item now. */
export function isDeletableNow(world: World, table: TableState, item: Item): boolean {
  const expiry = expiryTimeMs(world, table, item);
  if (expiry === undefined) return false;
  if (expiry < world.nowMs - FIVE_YEARS_MS) return false; // too old: the scanner ignores it
  return world.nowMs >= expiry + world.options.ttlDeletionDelayMs;
}

export function scheduleTtlCheck(world: World, table: TableState, keyString: string, item: Item): void {
  const expiry = expiryTimeMs(world, table, item);
  if (expiry === undefined || expiry < world.nowMs - FIVE_YEARS_MS) return;
  schedule(world, Math.max(expiry, world.nowMs) + world.options.ttlDeletionDelayMs, { kind: 'ttl-check', table: table.name, keyString });
}

/** When TTL is switched on, every existing item with an expiry gets its check queued. */
export function scheduleAllTtlChecks(world: World, table: TableState): void {
  for (const [keyString, item] of table.items) scheduleTtlCheck(world, table, keyString, item);
}

/** A queued check: the TTL process deletes the item if it is still there and still expired (a REMOVE by the service). */
export function ttlCheck(world: World, tableName: string, keyString: string): void {
  const table = world.tables.get(tableName);
  const item = table?.items.get(keyString);
  if (!table || !item || !isDeletableNow(world, table, item)) return;
  const key: Item = {};
  for (const n of keyAttributeNames(table.keySchema)) key[n] = item[n]!;
  commitChange(world, { table, op: 'TTL', key, keyString, oldItem: item, newItem: undefined, byService: true });
}
