/**
 * The key strings of items as trace facts carry them (`record-appended`, `write`,
 * `record-processed`): what narration steps match on. Apart from `helpers.ts` because the default
 * scenario needs only these: they are in the worker's core, where the helpers are a chunk only the
 * other scenarios fetch (`lazyCatalogue.ts`).
 *
 * Data only. May import nothing.
 */

/** The key string of a one-attribute string key (`S3:ada`). */
export function sKey(value: string): string {
  return `S${value.length}:${value}`;
}

/** The key string of a string hash key plus string sort key (`S4:home` + `S2:t1`). */
export function sKey2(hash: string, range: string): string {
  return sKey(hash) + sKey(range);
}
