/**
 * Every item version the trace and the streams point to, stored once per world and named by index:
 * a write fact's new item, the record's NewImage and the next record's OldImage are one entry.
 * Items are immutable once written (a write replaces the item, never edits it), so an index
 * names the same attributes for the rest of the run.
 *
 * Stored as columns (issue #16), not as the item objects: a version is a row of slots in a pool of
 * typed arrays — its shape (the attribute names in order, stored once per distinct list) and one
 * value reference per attribute. Strings are kept once per world while they recur (a bounded
 * cache finds them again), non-negative integers below 2^31 − 1 inside the reference, other
 * integers of up to 15 digits as doubles (their canonical text is `String(x)`), every other value
 * (other numbers' text aside) as the validated object itself. The
 * item is built again when read (`itemAt`): a new object each time, equal field for field, in the
 * same key order, so byte for byte the same JSON.
 *
 * Append-only: rows, strings, shapes and objects are never changed once added (a version's size is
 * filled in when first asked for; filling it again anywhere gives the same number). A world
 * snapshot shares the full chunks and the lists by length, and starts with empty caches
 * (`snapshot.ts`, `sealedChunks`, `appendOnlyLists`, `caches`).
 */
import type { AttributeValue, Item } from '../table/attributeValue.ts';
import { itemSize, setOwn } from '../table/attributes.ts';
import { DeltaColumn } from './deltaColumn.ts';
import { columnSlab } from './columnSlab.ts';
import { setSize, sizeOf, type VersionChunk } from './versionChunk.ts';
import { hasOwn } from '../kernel/own.ts';
import { TextTable } from '../kernel/textTable.ts';
import { KIND_INTEGER, KIND_S, LAST_WALK, kindAt } from '../table/itemWalk.ts';
import { NUMBER_CHUNK, NUMBER_MASK, NUMBER_SHIFT, SLOT_CHUNK, SLOT_MASK, SLOT_SHIFT, TAG_INTEGER, TAG_N_TEXT, TAG_OBJECT, TAG_S, VERSION_CHUNK, VERSION_MASK, VERSION_SHIFT } from './versionLayout.ts';
import { rowSize } from './versionRowSize.ts';
import { valueList } from '../kernel/valueList.ts';

export { SLOT_CHUNK, VERSION_CHUNK } from './versionLayout.ts';
/** References stay int32: index × 4 + 3 below 2^31. */
const MAX_VALUE_INDEX = 0x1fffffff;
/** Strings the cache remembers before it starts again (it only saves memory; forgetting costs a copy). */
const STRING_CACHE_LIMIT = 1 << 16;
/** Attribute places, and strings per place, that `placedString` remembers. */
const RECENT_PLACES = 8;
const RECENT_WAYS = 4;
/** Integers up to 15 digits are exact doubles whose `String` is the text itself. */
const MAX_INTEGER_DIGITS = 15;
/** The largest integer kept inside its reference (−1 − x stays an int32). */
const MAX_INLINE_INTEGER = 0x7ffffffe;

/** Whether `s` is a canonical integer (no sign on zero, no leading zeros) of at most 15 digits. */
function smallInteger(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const digits = n - i;
  if (digits < 1 || digits > MAX_INTEGER_DIGITS) return false;
  if (s.charCodeAt(i) === 48 /* 0 */) return n === 1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Where one attribute's string value was found last (`ItemVersions.intern`'s hint): the key memo of
 * a hash key (`table/itemKey.ts`), the same text on every write of that key. −1 when not yet known.
 */
export interface StringHint {
  textRef: number;
}

/** Reused while interning (single-threaded, never re-entered): the item's names and values in order. */
const NAMES: string[] = [];
const VALUES: AttributeValue[] = [];
const NO_VALUE: AttributeValue = Object.freeze({ NULL: true });

export class ItemVersions {
  readonly versions: VersionChunk[] = valueList();
  length = 0;
  readonly slots: Int32Array[] = valueList();
  /** The next free slot (global index). */
  private slotEnd = 0;
  readonly numbers: Float64Array[] = valueList();
  private numberCount = 0;
  /** Append-only lists, shared by length by a snapshot. */
  readonly strings: string[] = valueList();
  readonly shapes: (readonly string[])[] = valueList();
  readonly objects: (AttributeValue | Item)[] = valueList();
  /**
   * Caches (string → index, shape key → index): a snapshot starts them empty. Strings by a text
   * table: they are request values, which Chromium hashes slowly (`kernel/textTable.ts`); a shape's
   * key is made here, and a Map hashes a new string fast.
   */
  readonly stringIndex = new TextTable<number>(STRING_CACHE_LIMIT);
  readonly shapeIndex = new Map<string, number>();
  /** Per attribute place below `RECENT_PLACES`, the indexes of the last `RECENT_WAYS` strings found there (−1: none): `placedString`. */
  private readonly recent = new Int32Array(RECENT_PLACES * RECENT_WAYS).fill(-1);
  /** The last item interned, and its index: a write and its record are the same object. */
  private lastItem: Item | undefined = undefined;
  private lastShape = -1;

  /**
   * The index of `item`: the last version again when it is the very same object, else a new row.
   * `size`, when given, is its `itemSize` (already computed by the 400 KB check). `hint`, with
   * `hintName`, remembers where that attribute's string was found, so the next item with the same
   * text there skips the string lookup (a Map lookup of a fresh string, a sixth of interning).
   */
  intern(item: Item, size?: number, hintName?: string, hint?: StringHint): number {
    if (item === this.lastItem) return this.length - 1;
    const v = this.length;
    const vj = v & VERSION_MASK;
    if (vj === 0) {
      // A version's start and size, 2 bytes each in one buffer (`columnSlab.ts`).
      const take = columnSlab(VERSION_CHUNK, 4);
      this.versions.push({ start: new DeltaColumn(VERSION_CHUNK, take(Int16Array)), size: take(Uint16Array) });
    }
    const chunk = this.versions[v >>> VERSION_SHIFT]!;
    if (size !== undefined) setSize(chunk, vj, size);
    // The item its validation just walked (a put's new item): its values' kinds are known already
    // (`table/itemWalk.ts`), and its count, so its row is written in the one walk over it (no lists
    // of its names and values to fill and clear: about 5 % of a put's instructions, session 18).
    const walk = LAST_WALK;
    if (walk.item === item) {
      walk.item = undefined; // used once: the record then lets go of the item
      if (walk.n + 1 <= SLOT_CHUNK && this.internWalked(item, walk.n, walk.kinds, chunk, vj, hintName, hint)) {
        this.length = v + 1;
        this.lastItem = item;
        return v;
      }
    }
    const names = NAMES;
    const values = VALUES;
    let n = 0;
    // Each value read in the for…in over the item itself: V8 reads it by the walk's own field index.
    // Read later by a name from the array, it was a megamorphic keyed lookup per attribute.
    for (const name in item) {
      names[n] = name;
      values[n++] = item[name]!;
    }
    if (n + 1 > SLOT_CHUNK) {
      chunk.start.set(vj, -1 - this.objects.length);
      this.objects.push(item);
    } else {
      const at = this.rowStart(n);
      const pool = this.slots[at >>> SLOT_SHIFT]!;
      let j = at & SLOT_MASK;
      pool[j++] = this.shape(names, n);
      for (let k = 0; k < n; k++) pool[j++] = names[k] === hintName ? this.hinted(values[k]!, hint!) : this.value(values[k]!);
      chunk.start.set(vj, at);
      this.slotEnd = at + n + 1;
    }
    // Let go of the values: the scratch list outlives the call (and the world).
    for (let k = 0; k < n; k++) values[k] = NO_VALUE;
    this.length = v + 1;
    this.lastItem = item;
    return v;
  }

  /** The first pool slot of a new row of `n` values (rows never straddle pool chunks). */
  private rowStart(n: number): number {
    let at = this.slotEnd;
    if ((at & SLOT_MASK) + n + 1 > SLOT_CHUNK || at >>> SLOT_SHIFT >= this.slots.length) {
      // A new pool chunk (the rest of the last one stays unused).
      at = this.slots.length << SLOT_SHIFT;
      this.slots.push(new Int32Array(SLOT_CHUNK));
    }
    return at;
  }

  /**
   * Writes the row of a walked item (`n` own attributes of the kinds `kinds`) in one for…in over
   * it, the shape compared with the last one as the names come. False, with nothing kept, when the
   * walk meets a name validation did not (an inherited enumerable one): the general path then
   * writes the row (what this one interned meanwhile only answers the same lookups again).
   */
  private internWalked(item: Item, n: number, kinds: number, chunk: VersionChunk, vj: number, hintName: string | undefined, hint: StringHint | undefined): boolean {
    const at = this.rowStart(n);
    const pool = this.slots[at >>> SLOT_SHIFT]!;
    const first = at & SLOT_MASK;
    let j = first + 1;
    const last = this.lastShape;
    const known = last >= 0 ? this.shapes[last]! : undefined;
    let same = known !== undefined && known.length === n;
    const names = NAMES;
    let k = 0;
    for (const name in item) {
      if (k === n) return false;
      if (same && known![k] !== name) {
        same = false;
        for (let i = 0; i < k; i++) names[i] = known![i]!;
      }
      if (!same) names[k] = name;
      pool[j++] = this.known(item[name]!, kindAt(kinds, k), name === hintName ? hint : undefined, k);
      k++;
    }
    if (k !== n) return false;
    pool[first] = same ? last : this.shape(names, n);
    chunk.start.set(vj, at);
    this.slotEnd = at + n + 1;
    return true;
  }

  private shape(names: string[], n: number): number {
    const last = this.lastShape;
    if (last >= 0) {
      const known = this.shapes[last]!;
      if (known.length === n) {
        let same = true;
        for (let k = 0; k < n && same; k++) same = known[k] === names[k];
        if (same) return last;
      }
    }
    const list = names.slice(0, n);
    const key = JSON.stringify(list);
    let index = this.shapeIndex.get(key);
    if (index === undefined) {
      index = this.shapes.length;
      this.shapes.push(list);
      this.shapeIndex.set(key, index);
    }
    this.lastShape = index;
    return index;
  }

  private value(v: AttributeValue): number {
    // Anything but a lone S or N (an unvalidated value with extra keys too) is kept as it is.
    const single = oneKey(v);
    const s = (v as { S?: unknown }).S;
    if (single && typeof s === 'string') return this.string(s) * 4 + TAG_S;
    const text = (v as { N?: unknown }).N;
    if (single && typeof text === 'string') return smallInteger(text) ? this.integer(text) : this.string(text) * 4 + TAG_N_TEXT;
    this.objects.push(v);
    return checked(this.objects.length - 1) * 4 + TAG_OBJECT;
  }

  /** The reference of a number whose text passed `smallInteger`. */
  private integer(text: string): number {
    const x = Number(text);
    if (x >= 0 && x <= MAX_INLINE_INTEGER) return -1 - x;
    const i = this.numberCount++;
    if ((i & NUMBER_MASK) === 0) this.numbers.push(new Float64Array(NUMBER_CHUNK));
    this.numbers[i >>> NUMBER_SHIFT]![i & NUMBER_MASK] = x;
    return checked(i) * 4 + TAG_INTEGER;
  }

  /**
   * `value(v)` (by way of `hint` as `hinted` does) for a value whose kind its validation found: a
   * lone S, or a lone canonical integer N (canonical: a `smallInteger` when it has at most 15 digits).
   * `place`: the attribute's place in its item (`placedString`).
   */
  private known(v: AttributeValue, kind: number, hint: StringHint | undefined, place: number): number {
    if (kind === KIND_S) {
      const s = (v as { S: string }).S;
      if (hint === undefined) return this.placedString(s, place) * 4 + TAG_S;
      const r = hint.textRef;
      if (r >= 0 && r < this.strings.length && this.strings[r] === s) return r * 4 + TAG_S;
      const index = this.string(s);
      hint.textRef = index;
      return index * 4 + TAG_S;
    }
    if (kind === KIND_INTEGER) {
      const text = (v as { N: string }).N;
      const digits = text.charCodeAt(0) === 45 /* - */ ? text.length - 1 : text.length;
      return digits <= MAX_INTEGER_DIGITS ? this.integer(text) : this.string(text) * 4 + TAG_N_TEXT;
    }
    return hint === undefined ? this.value(v) : this.hinted(v, hint);
  }

  /**
   * `value(v)` by way of `hint`: the index it names is used when that string has `v`'s text (then
   * `value` would give the same reference, or one to another copy of the same text: the item built
   * again is the same either way).
   */
  private hinted(v: AttributeValue, hint: StringHint): number {
    const r = hint.textRef;
    const s = (v as { S?: unknown }).S;
    if (r >= 0 && r < this.strings.length && this.strings[r] === s && oneKey(v)) return r * 4 + TAG_S;
    const ref = this.value(v);
    if (ref >= 0 && (ref & 3) === TAG_S) hint.textRef = ref >>> 2;
    return ref;
  }

  /**
   * `string(s)` for the string of the attribute at `place` of its item, looked for first among the
   * last few strings found at that place (a table's items spell the same few values there: a
   * candidate, a status, a type), each checked against the text: one comparison of interned
   * strings, where the string cache's lookup hashed into a table of thousands.
   */
  private placedString(s: string, place: number): number {
    if (place >= RECENT_PLACES) return this.string(s);
    const recent = this.recent;
    const at = place * RECENT_WAYS;
    const strings = this.strings;
    for (let w = at; w < at + RECENT_WAYS; w++) {
      const r = recent[w]!;
      if (r >= 0 && r < strings.length && strings[r] === s) return r;
    }
    const index = this.string(s);
    // The most recent first: the others move down one, the last is forgotten.
    for (let w = at + RECENT_WAYS - 1; w > at; w--) recent[w] = recent[w - 1]!;
    recent[at] = index;
    return index;
  }

  private string(s: string): number {
    const known = this.stringIndex.get(s);
    if (known !== undefined) return known;
    const index = checked(this.strings.length);
    this.strings.push(s);
    this.stringIndex.set(s, index);
    return index;
  }

  /** Version `index` as the item it was, built now. */
  itemAt(index: number): Item {
    const start = this.versions[index >>> VERSION_SHIFT]!.start.get(index & VERSION_MASK);
    if (start < 0) return this.objects[-1 - start] as Item;
    const pool = this.slots[start >>> SLOT_SHIFT]!;
    let j = start & SLOT_MASK;
    const shape = this.shapes[pool[j++]!]!;
    const out: Item = {};
    for (let k = 0; k < shape.length; k++) {
      const ref = pool[j++]!;
      const x = ref >>> 2;
      const tag = ref & 3;
      const value: AttributeValue =
        ref < 0 ? { N: String(-1 - ref) }
        : tag === TAG_S ? { S: this.strings[x]! }
        : tag === TAG_INTEGER ? { N: String(this.numbers[x >>> NUMBER_SHIFT]![x & NUMBER_MASK]!) }
        : tag === TAG_N_TEXT ? { N: this.strings[x]! }
        : (this.objects[x] as AttributeValue);
      setOwn(out, shape[k]!, value);
    }
    return out;
  }

  /**
   * Version `index`'s `itemSize`; `item`, when given, is that version's object. A put's item is
   * sized here, when first asked (its validation only bounds its size: `attributeValidation.ts`),
   * from its row without building the item.
   */
  sizeAt(index: number, item?: Item): number {
    const chunk = this.versions[index >>> VERSION_SHIFT]!;
    const j = index & VERSION_MASK;
    if (chunk.size[j] !== 0) return sizeOf(chunk, j);
    const start = chunk.start.get(j);
    const size = item !== undefined ? itemSize(item) : start < 0 ? itemSize(this.objects[-1 - start] as Item) : rowSize(this, start);
    setSize(chunk, j, size);
    return size;
  }

  /** Typed arrays no row will be written to again (but for a size filled in): a snapshot shares them. */
  sealedChunks(): object[] {
    return [
      ...this.versions.slice(0, this.length >>> VERSION_SHIFT).flatMap((c) => [c, c.start, c.size]),
      ...this.slots.slice(0, this.slots.length - 1),
      ...this.numbers.slice(0, this.numberCount >>> NUMBER_SHIFT),
    ];
  }

  /** The lists that only grow: a snapshot keeps them by length. */
  appendOnlyLists(): unknown[][] {
    return [this.strings, this.shapes, this.objects];
  }

  /** What a snapshot may start empty: lookups that only save memory. */
  caches(): (Map<string, number> | TextTable<number>)[] {
    return [this.stringIndex, this.shapeIndex];
  }
}

function oneKey(v: object): boolean {
  let n = 0;
  for (const k in v) if (hasOwn(v, k) && ++n > 1) return false;
  return n === 1;
}

function checked(index: number): number {
  if (index > MAX_VALUE_INDEX) throw new RangeError('more than 2^29 distinct values in one run');
  return index;
}

export function createItemVersions(): ItemVersions {
  return new ItemVersions();
}

/** The index of `item` (see `ItemVersions.intern`). */
export function internItem(v: ItemVersions, item: Item, size?: number, hintName?: string, hint?: StringHint): number {
  return v.intern(item, size, hintName, hint);
}

export function itemVersionSize(v: ItemVersions, index: number, item?: Item): number {
  return v.sizeAt(index, item);
}
