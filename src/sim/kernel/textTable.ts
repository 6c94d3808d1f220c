/**
 * A table from strings to values that hashes each string's text itself (FNV-1a over its UTF-16
 * units), for strings the engine has never hashed: a scheduled request's values, fresh from
 * JSON.parse, looked up once each.
 *
 * Why not a Map (or a null-prototype object): Chromium's V8 does not internalize the string values
 * JSON.parse makes, and the first time such a string is hashed, as a Map key or a property name,
 * cost 1–5 µs there (the more, the more requests a run had scheduled), against about 30 ns for the text
 * hashed here. A scripted put looks its key's text up once: that first hash was half of a
 * scripted run's time in the app's worker (docs/BENCHMARKS.md, session 22). Node 20's V8
 * internalizes those strings (their hash comes with them), so the Map was fast there and the
 * difference went unseen.
 *
 * Open addressing with linear probing, at most half full; `set` past `limit` entries starts the
 * table again (it is a cache). Pure data structure: no clock, no world.
 */

/** Units of a long text the hash reads: its first and last halves of this many (the comparison reads the rest). */
const HASHED_UNITS = 64;

/** FNV-1a over `text`'s UTF-16 units (the first and last HASHED_UNITS / 2 of a longer text), with its length. */
export function textHash(text: string): number {
  const n = text.length;
  let h = 0x811c9dc5 ^ n;
  // Two loops, not one asking each unit whether it is the first half's end: a key's text is
  // hashed on every put, and that test was a third of the loop's instructions.
  const head = n > HASHED_UNITS ? HASHED_UNITS >>> 1 : n;
  for (let i = 0; i < head; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  if (head < n) for (let i = n - (HASHED_UNITS >>> 1); i < n; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Slots a table starts with (it doubles as it fills, up to twice its limit). */
const FIRST_SLOTS = 1024;

export class TextTable<V> {
  /** Slot i's text at 2i and its value at 2i + 1: one cache line for both. Undefined: a free slot. */
  private slots: (string | V | undefined)[] = [];
  private mask = -1;
  private count = 0;

  /** `limit`: the entries kept before the table starts again (the table grows to twice as many slots). */
  constructor(private readonly limit: number) {}

  get size(): number {
    return this.count;
  }

  get(text: string): V | undefined {
    // An empty table (each new world's, until its first entry) is not probed: a read past the end
    // of its empty list threw away the optimized code of whoever called it, in every new world.
    if (this.count === 0) return undefined;
    const slots = this.slots;
    const mask = this.mask;
    for (let i = textHash(text) & mask; ; i = (i + 1) & mask) {
      const k = slots[2 * i];
      if (k === undefined) return undefined;
      if (k === text) return slots[2 * i + 1] as V;
    }
  }

  set(text: string, value: V): void {
    if (this.count >= this.limit) this.clear();
    // At most half full: a missing text's probe ends soon.
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    if (this.place(text, value)) this.count++;
  }

  /** Puts `value` in `text`'s slot (its own, else the first free one on its probe); true when the slot was free. */
  private place(text: string, value: V | undefined): boolean {
    const slots = this.slots;
    const mask = this.mask;
    let i = textHash(text) & mask;
    while (slots[2 * i] !== undefined && slots[2 * i] !== text) i = (i + 1) & mask;
    const free = slots[2 * i] === undefined;
    slots[2 * i] = text;
    slots[2 * i + 1] = value;
    return free;
  }

  /** A new empty table with this one's limit (a world snapshot's copy of a cache). */
  emptied(): TextTable<V> {
    return new TextTable<V>(this.limit);
  }

  clear(): void {
    this.slots = [];
    this.mask = -1;
    this.count = 0;
  }

  /** Twice the slots (FIRST_SLOTS the first time), every entry placed again. */
  private grow(): void {
    const old = this.slots;
    const n = Math.max(FIRST_SLOTS, old.length);
    this.slots = new Array<string | V | undefined>(2 * n).fill(undefined);
    this.mask = n - 1;
    for (let j = 0; j < old.length; j += 2) if (old[j] !== undefined) this.place(old[j] as string, old[j + 1] as V);
  }
}
