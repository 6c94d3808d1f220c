/**
 * A table's items: a Map by key string, as every reader takes it, that counts the changes made
 * through its own methods (issue #16). A PutItem of a key written before finds the stored item on
 * the key's memo (`itemKey.ts`) instead of looking it up by its key string: the memo names the map
 * (by its `identity`) and the count it saw when the commit wrote it there, and holds only while no
 * change came from anywhere else (an update, a delete, TTL, a consumer's own bookkeeping: each one
 * counts, so every memo of the map is stale after it and the next put of each key looks it up).
 * The commit writes a put through `setRemembered`, which does not count: it writes the memo beside.
 *
 * A snapshot copies a Map subclass as that subclass (`snapshot.ts`): the copy is a new map with its
 * own identity, so no memo written for the original holds for it.
 *
 * May import: types. May not import: anything with state.
 */
import type { Item } from './attributeValue.ts';

export class ItemMap extends Map<string, Item> {
  /** What a key memo names this map by (not the map: the memos outlive the worlds they serve). */
  readonly identity: object = {};
  /** Changes made through `set`, `delete` and `clear` (not `setRemembered`). */
  changes = 0;

  override set(key: string, item: Item): this {
    this.changes++;
    return super.set(key, item);
  }

  override delete(key: string): boolean {
    this.changes++;
    return super.delete(key);
  }

  override clear(): void {
    this.changes++;
    super.clear();
  }
}

const mapSet = Map.prototype.set;

/** `map.set(key, item)` without counting a change: for the commit, which writes the key's memo beside it. */
export function setRemembered(map: ItemMap, key: string, item: Item): void {
  mapSet.call(map, key, item);
}

/** What a key's memo remembers of its item (`itemKey.ts`'s `KeyMemo`). */
export interface RememberedItem {
  item: Item | undefined;
  /** The `identity` of the map it was written to (undefined: nothing remembered). */
  itemOwner: object | undefined;
  /** That map's `changes` then. */
  itemChanges: number;
}

/** The item `memo` remembers for key `keyString` of `items`, or `items.get(keyString)` when it remembers none that holds. */
export function rememberedItem(items: Map<string, Item>, keyString: string, memo: RememberedItem): Item | undefined {
  const owner = memo.itemOwner;
  if (owner !== undefined && items instanceof ItemMap && owner === items.identity && memo.itemChanges === items.changes) return memo.item;
  return items.get(keyString);
}

/** Remembers on `memo` that `items` holds `item` (undefined: none) under its key, as of now. */
export function remember(items: ItemMap, memo: RememberedItem, item: Item | undefined): void {
  memo.item = item;
  memo.itemOwner = items.identity;
  memo.itemChanges = items.changes;
}
