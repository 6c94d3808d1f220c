/**
 * A table's items: a Map by key string, as every reader takes it, that counts the changes made
 * through its own methods (issue #16). A PutItem of a key written before finds the stored item on
 * the key's memo (`itemKey.ts`) instead of looking it up by its key string, and writes the new one
 * there only: the memo names the map (by its `identity`) and the count it saw, and holds only while
 * no change came from anywhere else (an update, a delete, TTL, a consumer's own bookkeeping: each
 * one counts, so every memo of the map is stale after it and the next put of each key looks it up).
 *
 * The map's own entry of a remembered key is brought up to date when anyone reads or changes the
 * map (`settle`): a put touched the map's hash table for its key on every write, a cache miss on a
 * table of thousands of keys (6 % of a scripted put), and a scripted run reads none of it. The
 * memos waiting are listed in `pending`, each once; a memo holds its map only while it waits.
 *
 * A snapshot copies a Map subclass as that subclass (`snapshot.ts`), through its iterator (which
 * settles it first): the copy is a new map with its own identity, so no memo of the original holds
 * for it.
 *
 * May import: types, ../kernel/valueList.ts. May not import: anything with state.
 */
import type { Item } from './attributeValue.ts';
import { valueList } from '../kernel/valueList.ts';

/** What a key's memo remembers of its item (`itemKey.ts`'s `KeyMemo`). */
export interface RememberedItem {
  readonly keyString: string;
  item: Item | undefined;
  /** The `identity` of the map it was written to (undefined: nothing remembered). */
  itemOwner: object | undefined;
  /** That map's `changes` then. */
  itemChanges: number;
  /** The map whose entry for this key still waits for `item` (undefined: none waits). */
  pendingIn: ItemMap | undefined;
}

const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;

export class ItemMap extends Map<string, Item> {
  /** What a key memo names this map by (not the map: the memos outlive the worlds they serve). */
  readonly identity: object = {};
  /** Changes made through `set`, `delete` and `clear`. */
  changes = 0;
  /** Memos whose item this map's entry does not have yet (a memo that moved to another map is skipped). */
  readonly pending: RememberedItem[] = valueList();

  constructor(entries?: Iterable<readonly [string, Item]>) {
    // Not through `super(entries)`: Map's constructor calls `set`, before this class's fields exist.
    super();
    if (entries !== undefined) for (const [key, item] of entries) mapSet.call(this, key, item);
  }

  /** Writes every waiting memo's item into the map. */
  settle(): void {
    const pending = this.pending;
    for (let i = 0; i < pending.length; i++) {
      const memo = pending[i]!;
      if (memo.pendingIn !== this) continue;
      mapSet.call(this, memo.keyString, memo.item!);
      memo.pendingIn = undefined;
    }
    pending.length = 0;
  }

  override get(key: string): Item | undefined {
    if (this.pending.length > 0) this.settle();
    return mapGet.call(this, key) as Item | undefined;
  }

  override has(key: string): boolean {
    if (this.pending.length > 0) this.settle();
    return super.has(key);
  }

  override get size(): number {
    if (this.pending.length > 0) this.settle();
    return super.size;
  }

  override set(key: string, item: Item): this {
    if (this.pending.length > 0) this.settle();
    this.changes++;
    return super.set(key, item);
  }

  override delete(key: string): boolean {
    if (this.pending.length > 0) this.settle();
    this.changes++;
    return super.delete(key);
  }

  override clear(): void {
    if (this.pending.length > 0) this.settle();
    this.changes++;
    super.clear();
  }

  override forEach(f: (item: Item, key: string, map: Map<string, Item>) => void, thisArg?: unknown): void {
    if (this.pending.length > 0) this.settle();
    super.forEach(f, thisArg);
  }

  override keys(): MapIterator<string> {
    if (this.pending.length > 0) this.settle();
    return super.keys();
  }

  override values(): MapIterator<Item> {
    if (this.pending.length > 0) this.settle();
    return super.values();
  }

  override entries(): MapIterator<[string, Item]> {
    if (this.pending.length > 0) this.settle();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, Item]> {
    return this.entries();
  }
}

/** The item `memo` remembers for key `keyString` of `items`, or `items.get(keyString)` when it remembers none that holds. */
export function rememberedItem(items: Map<string, Item>, keyString: string, memo: RememberedItem): Item | undefined {
  const owner = memo.itemOwner;
  if (owner !== undefined && items instanceof ItemMap && owner === items.identity && memo.itemChanges === items.changes) return memo.item;
  return items.get(keyString);
}

/**
 * Stores `item` under the memo's key in `items` by way of the memo (the map's entry waits until
 * someone reads the map). `item` must be what the map holds for that key once settled: the commit
 * of a put whose old item came from the map or from this memo.
 */
export function remember(items: ItemMap, memo: RememberedItem, item: Item): void {
  const waiting = memo.pendingIn;
  if (waiting !== items) {
    // Another map still waits for this memo's item (another world or table with this key): it gets it now.
    if (waiting !== undefined) mapSet.call(waiting, memo.keyString, memo.item!);
    memo.pendingIn = items;
    items.pending.push(memo);
  }
  memo.item = item;
  memo.itemOwner = items.identity;
  memo.itemChanges = items.changes;
}
