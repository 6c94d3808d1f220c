/**
 * The `itemSize` of an item version read from its row, without building the item (issue #16,
 * session 20): a put's validation only bounds its item's size (`table/attributeValidation.ts`),
 * so the version is sized when first asked (`ItemVersions.sizeAt`), from its shape's names and the
 * values its references name.
 *
 * May import: ./versionLayout.ts, ../table (sizes), types. May not import: anything with state.
 */
import type { AttributeValue, Item } from '../table/attributeValue.ts';
import { attributeValueSize } from '../table/attributes.ts';
import { numberSize } from '../table/itemSize.ts';
import { utf8ByteLength } from '../table/binary.ts';
import { NUMBER_MASK, NUMBER_SHIFT, SLOT_MASK, SLOT_SHIFT, TAG_INTEGER, TAG_N_TEXT, TAG_S } from './versionLayout.ts';

/** What a row's references point into (`ItemVersions`' pools). */
export interface VersionRows {
  readonly slots: readonly Int32Array[];
  readonly shapes: readonly (readonly string[])[];
  readonly strings: readonly string[];
  readonly numbers: readonly Float64Array[];
  readonly objects: readonly (AttributeValue | Item)[];
}

/** `itemSize` of the item whose row starts at slot `start` (what `ItemVersions.itemAt` would build). */
export function rowSize(rows: VersionRows, start: number): number {
  const pool = rows.slots[start >>> SLOT_SHIFT]!;
  let j = start & SLOT_MASK;
  const shape = rows.shapes[pool[j++]!]!;
  let size = 0;
  for (let k = 0; k < shape.length; k++) {
    const ref = pool[j++]!;
    const x = ref >>> 2;
    const tag = ref & 3;
    size += utf8ByteLength(shape[k]!);
    size +=
      ref < 0 ? integerSize(-1 - ref)
      : tag === TAG_S ? utf8ByteLength(rows.strings[x]!)
      : tag === TAG_INTEGER ? integerSize(rows.numbers[x >>> NUMBER_SHIFT]![x & NUMBER_MASK]!)
      : tag === TAG_N_TEXT ? numberSize(rows.strings[x]!)
      : attributeValueSize(rows.objects[x] as AttributeValue);
  }
  return size;
}

/**
 * `numberSize(String(x))` of a safe integer, without its text: ceil(significant digits / 2) + 1,
 * the significant digits being all but the sign and the trailing zeros (zero has one).
 */
function integerSize(x: number): number {
  let v = x < 0 ? -x : x;
  if (v === 0) return 2;
  while (v % 10 === 0) v /= 10;
  let digits = 0;
  for (; v >= 1; digits++) v = Math.floor(v / 10);
  return ((digits + 1) >> 1) + 1;
}
