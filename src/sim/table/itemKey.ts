/**
 * The primary key of a validated item, found once per write in a form the later steps reuse: the
 * key object, its key string and its partition hash (issue #16). Every write of one key asks the
 * same questions (which attributes, what types, how long, which string, which partition): a hash
 * key seen before answers them all from one lookup by its text, and the key object is the same
 * object every time, so the write columns and the stream's dictionary find it by identity instead
 * of comparing attributes.
 *
 * The answers depend only on the key attribute's name and value (never on the table's contents),
 * so the cache is shared by every table and world; key objects are never edited once made (like
 * stored items), so sharing them is safe. Forgetting only costs the slow path again: the caches
 * start again when full and never change an answer.
 */
import type { Item } from './attributeValue.ts';
import { keyOfItem, tableKeyString, valueHash, type TableState } from './table.ts';
import type { RememberedItem } from './itemMap.ts';
import type { StreamKeyHint } from '../stream/recordStore.ts';
import { hasOwn } from '../kernel/own.ts';
import { TextTable } from '../kernel/textTable.ts';

/** A table's key of one item, with what a write needs to know of it. Never edited once made. */
export interface ItemKey {
  readonly key: Item;
  readonly keyString: string;
  /**
   * `partitionHash(table, key)` as its high and low 16 bits (`keyHash` joins them): small integers
   * the engine keeps in the object itself, where a 32-bit hash (most are above 2^30) is a heap
   * number of its own, one more object each write of a cached key reads from memory (issue #16).
   */
  readonly hashHigh: number;
  readonly hashLow: number;
}

/** The key's partition hash (`partitionHash(table, key)`). */
export function keyHash(k: ItemKey): number {
  return k.hashHigh * 0x10000 + k.hashLow;
}

/**
 * Where the last write of this key, in one table of one world, put the key in the write columns:
 * the next write of it there hands the index down (`WriteRow.keyRef`) instead of looking the key
 * string up again. Only the commit writes it (`commit.ts`). Sound because a cached key is the
 * only spelling of its key string (a hash-only S or N key of one attribute name: validated
 * values are canonical), so the columns' own lookup would give the same index.
 */
export interface KeyMemo extends RememberedItem, StreamKeyHint {
  ref: number;
  /**
   * The columns' `identity`, not the columns: the cache outlives the worlds it serves, and a
   * world's write columns hold its item versions, so a reference to them kept every finished run's
   * columns alive (a million-record run's tens of megabytes) until another write of the same key.
   */
  refColumns: object | undefined;
  refTable: string;
  /** Where the key's text was last found among a world's item version strings (`StringHint`): checked against the text before use. */
  textRef: number;
}

export type FoundKey = ItemKey & KeyMemo;

interface CachedKey extends FoundKey {
  /** The hash key attribute's name this key was made for (the text alone is not the key). */
  readonly name: string;
}

const CACHE_LIMIT = 1 << 16;

/**
 * Hash-only keys by their value's text, one table per type (a validated N is canonical already),
 * started again when full. A `TextTable`, which hashes the text itself: the text is a scheduled
 * request's, fresh from JSON.parse, and hashing such a string the engine's way (as a Map key or a
 * property name) cost microseconds in Chromium (`kernel/textTable.ts`).
 */
const S_KEYS = new TextTable<CachedKey>(CACHE_LIMIT);
const N_KEYS = new TextTable<CachedKey>(CACHE_LIMIT);

/**
 * `keyOfItem`, `tableKeyString` and `partitionHash` of a validated item (`validateSizedItem`), with
 * the same answers and the same errors. Tables with a sort key, and binary hash keys, take the
 * slow path every time (one object per write, as before).
 */
export function itemKey(table: TableState, item: Item): FoundKey {
  const { hash, range } = table.keySchema;
  if (range === undefined && (hash.type === 'S' || hash.type === 'N')) {
    const v = hasOwn(item, hash.name) ? (item[hash.name] as { S?: unknown; N?: unknown }) : undefined;
    // A validated value has exactly one type: a string under the schema's type is that type.
    const text = v === undefined ? undefined : hash.type === 'S' ? v.S : v.N;
    if (typeof text === 'string') {
      const cache = hash.type === 'S' ? S_KEYS : N_KEYS;
      const known = cache.get(text);
      if (known !== undefined && known.name === hash.name) return known;
      // Checked (type, emptiness, size) by the slow path: only a key that passed is remembered.
      const made = slowItemKey(table, item);
      cache.set(text, made);
      return made;
    }
  }
  // Not remembered: its memo is filled once and never read (no later write gets this object).
  return slowItemKey(table, item);
}

/** One shape for every answer, cached or not (the readers stay monomorphic). */
function slowItemKey(table: TableState, item: Item): CachedKey {
  const key = keyOfItem(table, item);
  const { name } = table.keySchema.hash;
  const hash = valueHash(key[name]!);
  return { key, keyString: tableKeyString(table, key), hashHigh: hash >>> 16, hashLow: hash & 0xffff, name, ref: -1, refColumns: undefined, refTable: '', textRef: -1, streamOwner: undefined, streamKey: -1, item: undefined, itemOwner: undefined, itemChanges: 0, pendingIn: undefined };
}

/** Forgets every cached key (the memory bench measures a run from nothing, without another run's keys). */
export function forgetItemKeys(): void {
  S_KEYS.clear();
  N_KEYS.clear();
}
