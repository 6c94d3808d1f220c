/**
 * What the last validation of a scripted write's item learnt while walking it (issue #16): its
 * attribute names and values in order, and which values are a lone S or a lone canonical integer N.
 * A PutItem's new item is validated (`attributeValidation.ts`) and then interned as an item
 * version (`trace/itemVersions.ts`) in the same commit; interning walked the item again and asked
 * each value its type again (a for…in over the item, one over each value, the integer's digits),
 * a tenth of a put. With this record it reads the answers instead.
 *
 * Sound because the record names the very item object it describes, stored items are never edited
 * (so the answers stay true for that object), and only a walk that kept the item whole (the adopted
 * request, every value kept as it was) leaves a record: `item` is cleared when a walk starts and
 * set when it ends, so a walk that throws leaves none.
 *
 * May import: types.
 */
import type { AttributeValue, Item } from './attributeValue.ts';

/** A value's kind as validation found it: a lone S string, a lone canonical integer N, or anything else. */
export const KIND_S = 0;
export const KIND_INTEGER = 1;
export const KIND_OTHER = 2;

/** Items with more attributes than this leave no record (interning walks them itself). */
export const WALK_LIMIT = 64;

export interface ItemWalk {
  /** The item the record describes; undefined: no record. */
  item: Item | undefined;
  /** How many attributes (the first `n` entries of the lists below are its). */
  n: number;
  readonly names: string[];
  readonly values: AttributeValue[];
  readonly kinds: Uint8Array;
}

/** A placeholder for released value slots (the record outlives the world whose item it held). */
export const NO_VALUE: AttributeValue = Object.freeze({ NULL: true });

/** The one record (single-threaded: a validation and the interning that follows never interleave with another). */
export const LAST_WALK: ItemWalk = {
  item: undefined,
  n: 0,
  names: new Array<string>(WALK_LIMIT).fill(''),
  values: new Array<AttributeValue>(WALK_LIMIT).fill(NO_VALUE),
  kinds: new Uint8Array(WALK_LIMIT),
};

/** Forgets the record and lets go of its values. */
export function releaseWalk(walk: ItemWalk): void {
  const values = walk.values;
  for (let k = 0; k < walk.n; k++) values[k] = NO_VALUE;
  walk.item = undefined;
  walk.n = 0;
}
