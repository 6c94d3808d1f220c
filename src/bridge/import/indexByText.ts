/**
 * Positions by a text the positions already hold (a record's eventID), for a million records without
 * a Map of a million strings (issue #16.3: the findings' eventID map was about a tenth of importing
 * a million records, and every one of its entries a few more objects for the collector to walk).
 * Open addressing over two typed arrays — each slot a position and its text's 32-bit hash — and the
 * text itself read back through `textOf(position)` only to compare when the hashes agree, so two
 * texts are never taken for one.
 *
 * Pure. May import: nothing.
 */

export const EMPTY = -1;
const FIRST_CAPACITY = 1024;

/** FNV-1a over the UTF-16 code units of `text` (or of its characters `from` to `to`). */
export function textHash(text: string, from = 0, to = text.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

export class IndexByText {
  protected slots = new Int32Array(FIRST_CAPACITY).fill(EMPTY);
  protected hashes = new Int32Array(FIRST_CAPACITY);
  private count = 0;

  /** @param textOf the text a position holds (what `set` was given for it) */
  constructor(protected readonly textOf: (position: number) => string) {}

  get size(): number {
    return this.count;
  }

  /** The position set for `text`, or undefined (`h`: its `textHash`, when the caller has it already). */
  get(text: string, h = textHash(text)): number | undefined {
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const p = this.slots[s]!;
      if (p === EMPTY) return undefined;
      if (this.hashes[s] === h && this.textOf(p) === text) return p;
    }
  }

  /** Sets `text`'s position (a text set again points at its new position). */
  set(text: string, position: number): void {
    this.place(text, position, true);
  }

  /** The position set for `text`; or, when there is none, sets `position` and returns undefined (one probe for both). */
  addIfAbsent(text: string, position: number): number | undefined {
    return this.place(text, position, false);
  }

  private place(text: string, position: number, replace: boolean): number | undefined {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const h = textHash(text);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const p = this.slots[s]!;
      if (p === EMPTY) {
        this.slots[s] = position;
        this.hashes[s] = h;
        this.count++;
        return undefined;
      }
      if (this.hashes[s] === h && this.textOf(p) === text) {
        if (!replace) return p;
        this.slots[s] = position;
        return undefined;
      }
    }
  }

  /** Calls `fn` with every position held (in no particular order). */
  forEach(fn: (position: number) => void): void {
    const { slots } = this;
    for (let i = 0; i < slots.length; i++) if (slots[i] !== EMPTY) fn(slots[i]!);
  }

  /** Twice the slots, each entry placed again by its stored hash (no text is read). */
  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2).fill(EMPTY);
    this.hashes = new Int32Array(slots.length * 2);
    const mask = this.slots.length - 1;
    for (let i = 0; i < slots.length; i++) {
      const p = slots[i]!;
      if (p === EMPTY) continue;
      let s = hashes[i]! & mask;
      while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
      this.slots[s] = p;
      this.hashes[s] = hashes[i]!;
    }
  }
}

