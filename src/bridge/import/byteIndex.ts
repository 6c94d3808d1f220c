/**
 * An `IndexByText` (./indexByText.ts) also looked up by bytes: a text held as its bytes' characters
 * (one a byte: `byteText` of ./utf8.ts) is found by the bytes themselves, with no string made of
 * them. The record scanner finds a record's Keys by their spelling so (./recordScanner.ts). Apart
 * from the index, so that the worker's core, which uses the index, does not carry it.
 *
 * Pure. May import: ./indexByText.ts. May not import: DOM, sim runtime, worker, ui.
 */
import { EMPTY, IndexByText } from './indexByText.ts';

export class ByteIndex extends IndexByText {
  /** The position set for the text whose characters are `bytes` `from` to `to`, or undefined. */
  getIn(bytes: Uint8Array, from: number, to: number): number | undefined {
    // `textHash` of those characters.
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    h |= 0;
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const p = this.slots[s]!;
      if (p === EMPTY) return undefined;
      if (this.hashes[s] === h && sameChars(this.textOf(p), bytes, from, to)) return p;
    }
  }
}

/** Whether `text`'s characters are the bytes `from` to `to`. */
function sameChars(text: string, bytes: Uint8Array, from: number, to: number): boolean {
  if (text.length !== to - from) return false;
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) !== bytes[from + k]) return false;
  return true;
}
