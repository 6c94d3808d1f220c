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
 * Hash-only keys by their value's text, one table per type (a validated N is canonical already).
 * A null-prototype object in dictionary mode, not a Map: a key's text is an internalized string
 * (JSON.parse, which copies every scheduled request, internalizes short strings), and V8 finds
 * it in the object's open-addressed dictionary with its entry in one place, where a Map's ordered
 * table reads a bucket and then the entry elsewhere: one cache miss fewer on a table of thousands of keys
 * (the lookup was 7 % of a scripted put in a perf profile, issue #16). Only `get`, `set` and a
 * count are needed; the table starts again when full.
 */
class KeyTable {
  private entries = Object.create(null) as Record<string, CachedKey | undefined>;
  private count = 0;

  get(text: string): CachedKey | undefined {
    return this.entries[text];
  }

  set(text: string, key: CachedKey): void {
    if (this.count >= CACHE_LIMIT) this.clear();
    if (this.entries[text] === undefined) this.count++;
    this.entries[text] = key;
  }

  clear(): void {
    this.entries = Object.create(null) as Record<string, CachedKey | undefined>;
    this.count = 0;
  }
}

const S_KEYS = new KeyTable();
const N_KEYS = new KeyTable();

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
