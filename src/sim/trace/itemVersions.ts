/**
 * Every item version the trace and the streams point to, stored once per world and named by index:
 * a write fact's new item, the record's NewImage and the next record's OldImage are one entry.
 * Items are immutable once written (a write replaces the item, never edits it), so an index
 * names the same attributes for the rest of the run. Append-only: a snapshot shares the arrays
 * by length (`snapshot.ts`).
 */
import type { Item } from '../table/attributeValue.ts';
import { itemSize } from '../table/attributes.ts';

export interface ItemVersions {
  readonly items: Item[];
  /** Each version's size (`itemSize`), or −1 until someone asks. */
  readonly sizes: number[];
}

export function createItemVersions(): ItemVersions {
  return { items: [], sizes: [] };
}

/** The index of `item`: the last version again when it is the very same object (a write and its record), else a new one. */
export function internItem(v: ItemVersions, item: Item): number {
  const last = v.items.length - 1;
  if (last >= 0 && v.items[last] === item) return last;
  v.items.push(item);
  v.sizes.push(-1);
  return last + 1;
}

export function itemVersionSize(v: ItemVersions, index: number): number {
  let size = v.sizes[index]!;
  if (size < 0) {
    size = itemSize(v.items[index]!);
    v.sizes[index] = size;
  }
  return size;
}
