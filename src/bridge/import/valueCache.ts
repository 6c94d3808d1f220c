/**
 * One object for each scalar attribute value that repeats across imported items (./recordScanner.ts).
 *
 * Pure. May import: sim types. May not import: DOM, sim runtime, worker, ui.
 */
import type { Item } from '../../sim/table/attributeValue.ts';

/** Slots of the value cache: a power of two. */
const VALUE_SLOTS = 4_096;
/** Longer strings are rarely spelt twice (notes, ids): not cached. */
const MAX_CACHED_CHARS = 32;

/**
 * Scalar attribute values spelt alike share one object (issue #16: an item version's values were
 * about half of an imported record's memory). A status, a count, a flag repeats across items and
 * versions; each was an object and a string per item version. The cache is direct-mapped (a value
 * takes the slot its hash names, replacing what was there): its memory is fixed, and the values that
 * repeat are the ones found. Nothing edits an imported item, and the JSON is the same.
 */
export class ValueCache {
  private readonly slots: (Record<string, unknown> | undefined)[] = new Array<undefined>(VALUE_SLOTS);

  /** `item` with its top-level S, N and BOOL values replaced by the cached ones spelt alike (in place). */
  share(item: Item): Item {
    for (const name in item) {
      const v = item[name] as Record<string, unknown>;
      // Validated items (`itemProblem`): a value holding an S, N or BOOL holds nothing else.
      const type = typeof v.S === 'string' ? 'S' : typeof v.N === 'string' ? 'N' : typeof v.BOOL === 'boolean' ? 'BOOL' : undefined;
      if (type === undefined) continue;
      const payload = v[type] as string | boolean;
      if (typeof payload === 'string' && payload.length > MAX_CACHED_CHARS) continue;
      const slot = slotOf(type, payload);
      const cached = this.slots[slot];
      if (cached !== undefined && cached[type] === payload) item[name] = cached as Item[string];
      else this.slots[slot] = v;
    }
    return item;
  }
}

function slotOf(type: string, payload: string | boolean): number {
  let h = Math.imul(0x811c9dc5 ^ type.charCodeAt(0), 0x01000193);
  if (typeof payload === 'boolean') h = Math.imul(h ^ (payload ? 1 : 2), 0x01000193);
  else for (let i = 0; i < payload.length; i++) h = Math.imul(h ^ payload.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 16)) & (VALUE_SLOTS - 1);
}
