/**
 * The one place an item changes. Every write (user or service) ends here: the item map is updated,
 * a `write` fact is recorded, the stream gets its record (reference §1: none for a no-op), and a TTL
 * check is queued when the new item carries an expiry (`ttl.ts`, the table settings part's: a table
 * has TTL on only through it).
 */
import type { World } from '../world.ts';
import { writeFactOf } from '../trace/writeFact.ts';
import { record } from '../world.ts';
import type { Item } from './attributeValue.ts';
import type { TableState } from './table.ts';
import { itemsEqualBesideKey } from './attributeEquality.ts';
import { appendRecord, type ItemChange } from '../stream/shards.ts';
import type { WriteRow } from '../trace/writeColumns.ts';
import type { EventName } from '../stream/record.ts';
import type { KeyMemo } from './itemKey.ts';
import { ItemMap, remember } from './itemMap.ts';
import { part } from '../parts.ts';

export interface Change {
  table: TableState;
  op: string;
  key: Item;
  keyString: string;
  oldItem: Item | undefined;
  /** undefined deletes the item. */
  newItem: Item | undefined;
  /** `itemSize(newItem)` when the caller already computed it (sized once per write). */
  newItemSize?: number;
  /** `partitionHash(table, key)` when the caller already computed it (`itemKey.ts`). */
  hash?: number;
  /** Where this key sits in the write columns, as its last write there left it (`itemKey.ts`). */
  keyMemo?: KeyMemo;
  byService?: boolean;
  /** Set when the service applies a write replicated from this Region's replica (global tables): it is not replicated again. */
  replicatedFrom?: string;
}

const NO_KEY: Item = Object.freeze({});
/**
 * The write row and the item change each commit fills, one object each for all commits
 * (single-threaded; `WriteColumns.append` and `appendRecord` read them and keep none of them, and
 * neither commits again while it reads), instead of two new objects per write.
 */
const WRITE: WriteRow = { t: 0, table: '', op: '', key: NO_KEY, keyString: '', outcome: 'no-op', newItem: undefined, newItemSize: undefined, byService: false, region: undefined, keyRef: -1, hashName: undefined, keyHint: undefined };
const CHANGE: ItemChange = { eventName: 'INSERT', keys: NO_KEY, keyString: '', keyRef: -1, keyHint: undefined, hash: -1, oldItem: undefined, newItem: undefined, byService: false };

/** Applies a change; returns the event it produced, or 'no-op' when the item is unchanged. */
export function commitChange(world: World, c: Change): EventName | 'no-op' {
  // Both versions were found by one key string, so their key attributes are equal already.
  const { hash, range } = c.table.keySchema;
  const eventName: EventName | 'no-op' =
    itemsEqualBesideKey(c.oldItem, c.newItem, hash.name, range?.name) ? 'no-op' : c.oldItem === undefined ? 'INSERT' : c.newItem === undefined ? 'REMOVE' : 'MODIFY';
  const items = c.table.items;
  const memo = c.keyMemo;
  if (memo !== undefined && c.newItem !== undefined && items instanceof ItemMap) {
    // A put of a found key (`itemKey.ts`): the key's memo remembers the item the map now holds
    // (`oldItem` is the map's, found there or remembered, and a no-op leaves it).
    remember(items, memo, eventName !== 'no-op' ? c.newItem : c.oldItem!);
  } else if (eventName !== 'no-op') {
    if (c.newItem) items.set(c.keyString, c.newItem);
    else items.delete(c.keyString);
  }
  // A row of the world's write columns; the fact reads its fields from there (trace/writeFact.ts).
  const w = WRITE;
  w.t = world.nowMs;
  w.table = c.table.name;
  w.op = c.op;
  w.key = c.key;
  w.keyString = c.keyString;
  w.outcome = eventName;
  w.newItem = c.newItem && eventName !== 'no-op' ? c.newItem : undefined;
  w.newItemSize = c.newItemSize;
  w.byService = c.byService === true;
  w.region = c.table.replica?.region;
  const writes = world.writes;
  const here = memo !== undefined && memo.refColumns === writes.identity && memo.refTable === c.table.name;
  w.keyRef = here ? memo.ref : -1;
  w.hashName = memo === undefined ? undefined : hash.name;
  w.keyHint = memo;
  const row = writes.append(w);
  const keyIndex = writes.lastKey;
  if (memo !== undefined) {
    memo.ref = keyIndex;
    if (!here) {
      memo.refColumns = writes.identity;
      memo.refTable = c.table.name;
    }
  }
  w.key = NO_KEY;
  w.newItem = undefined;
  w.keyHint = undefined;
  world.trace.pushRow(writeFactOf, writes, row);
  if (eventName === 'no-op') return eventName;
  const change = CHANGE;
  change.eventName = eventName;
  // The key object the write columns keep (the same attributes, spelled the same way): the
  // record store then finds it by identity instead of comparing attributes.
  change.keys = writes.keys[keyIndex]!;
  change.keyRef = keyIndex;
  change.keyString = c.keyString;
  change.keyHint = memo;
  change.hash = c.hash ?? -1;
  change.oldItem = c.oldItem;
  change.newItem = c.newItem;
  change.byService = c.byService === true;
  appendRecord(world, c.table, change);
  change.keys = NO_KEY;
  change.keyHint = undefined;
  change.oldItem = undefined;
  change.newItem = undefined;
  if (c.table.ttl?.enabled === true && c.newItem !== undefined) part('tableSettings').scheduleTtlCheck(world, c.table, c.keyString, c.newItem);
  if (c.table.replica && c.replicatedFrom === undefined) part('globalTables').replicateCommitted(world, c.table, c.key, c.keyString, c.newItem, eventName);
  return eventName;
}

/** Records a write refused by its condition: nothing changed, so no record is emitted. */
export function recordRejected(world: World, table: TableState, op: string, key: Item, keyString: string, reason: string): void {
  record(world, { t: world.nowMs, type: 'write-rejected', table: table.name, op, key, keyString, reason, ...(table.replica ? { region: table.replica.region } : {}) });
}
