/**
 * What the last validation of a scripted write's item learnt of its values (issue #16): which are
 * a lone S, a lone canonical integer N, or anything else. A PutItem's new item is validated
 * (`attributeValidation.ts`) and then interned as an item version (`trace/itemVersions.ts`) in
 * the same commit; interning asked each value its type again (a for…in over each value and the
 * integer's digits). With this record it reads the answers instead.
 *
 * Sound because the record names the very item object it describes, and stored items are never
 * edited, so the answers stay true for that object. Only a walk that kept the item whole (the
 * adopted request, every value kept as it was) leaves a record. Two bits per attribute in one
 * number, not lists: recording is then no store per attribute (lists of names and values cost
 * validation more than they spared the interning).
 *
 * May import: types.
 */
import type { Item } from './attributeValue.ts';

/** A value's kind as validation found it: a lone S string, a lone canonical integer N, or anything else. */
export const KIND_S = 0;
export const KIND_INTEGER = 1;
export const KIND_OTHER = 2;

/** Items with more attributes than this leave no record (two bits each in a small integer). */
export const WALK_LIMIT = 15;

export interface ItemWalk {
  /** The item the record describes; undefined: no record. */
  item: Item | undefined;
  /** How many attributes it has. */
  n: number;
  /** The kind of its attribute k (in for…in order) in bits 2k and 2k + 1. */
  kinds: number;
}

/** The one record (single-threaded: a validation and the interning that follows never interleave with another). */
export const LAST_WALK: ItemWalk = { item: undefined, n: 0, kinds: 0 };

/** The kind of attribute `k` in `kinds`. */
export function kindAt(kinds: number, k: number): number {
  return (kinds >>> (2 * k)) & 3;
}
