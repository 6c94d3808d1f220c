/**
 * The order of sequence numbers: decimal strings of 21–40 digits, compared as big integers, never as
 * text (reference §4). Used by the import (through ./attributes.ts) and by the worker's run index
 * (./seqTexts.ts), which is in the worker's core: a module of its own keeps the import's other
 * helpers out of that chunk.
 *
 * May import: nothing.
 */

/** Compares two sequence numbers as integers (they differ in length, so text order is wrong). */
export function compareSequence(a: string, b: string): number {
  // Most have no leading zero (an import's are stripped when read): no regex for those.
  const x = a.charCodeAt(0) === 48 ? a.replace(/^0+(?=\d)/, '') : a;
  const y = b.charCodeAt(0) === 48 ? b.replace(/^0+(?=\d)/, '') : b;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
