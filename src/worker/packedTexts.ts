/**
 * The run index's records' eventIDs and sequence numbers (issue #16): an append-only list of texts
 * that are almost always digits or lowercase hex (32 hex digits, 21 to 40 decimal ones), kept four
 * bits a character in fixed slots of typed arrays instead of a string each. A million-record run's
 * index held two strings per record (about 100 bytes with the list's slots); packed, they take 48.
 * Any other text (an imported eventID in capitals, a longer one) is kept as it is, beside the slots.
 * Reading builds the string again, the same characters.
 *
 * A forked run's index shares it (issue 19): the fork takes the parent's full chunks below its cut
 * by reference and copies only the one partial chunk, so forking costs a few thousand entries
 * however long the list. Neither side writes into a chunk the other can see: a chunk below the cut
 * is full, and the parent only ever appends past it.
 *
 * May import: nothing. May not import: sim runtime, ui.
 */
const SHIFT = 12;
const SIZE = 1 << SHIFT;
const MASK = SIZE - 1;
/** Words per slot: the length, then up to 40 characters at eight a word. */
const SLOT = 6;
const MAX_PACKED = (SLOT - 1) * 8;
/** The length word of a text kept whole in `others`. */
const OTHER = 0xffffffff;
const ALPHABET = '0123456789abcdef';
/** Character code → nibble + 1 (0: not packable). */
const NIBBLE = new Uint8Array(128);
for (let k = 0; k < ALPHABET.length; k++) NIBBLE[ALPHABET.charCodeAt(k)] = k + 1;
const CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));
/** Reused by `get` (single-threaded, never re-entered). */
const SCRATCH: number[] = [];

export class PackedTexts {
  private constructor(
    private readonly chunks: Uint32Array[],
    private readonly others: Map<number, string>,
    private n: number,
  ) {}

  static empty(): PackedTexts {
    return new PackedTexts([], new Map(), 0);
  }

  get length(): number {
    return this.n;
  }

  push(text: string): void {
    const i = this.n;
    const c = i >>> SHIFT;
    if (c === this.chunks.length) this.chunks.push(new Uint32Array(SIZE * SLOT));
    const words = this.chunks[c]!;
    const at = (i & MASK) * SLOT;
    this.n = i + 1;
    const len = text.length;
    if (len <= MAX_PACKED) {
      let word = 0;
      let k = 0;
      for (; k < len; k++) {
        const code = text.charCodeAt(k);
        const nibble = code < 128 ? NIBBLE[code]! : 0;
        if (nibble === 0) break;
        word = (word << 4) | (nibble - 1);
        if ((k & 7) === 7) {
          words[at + 1 + (k >>> 3)] = word;
          word = 0;
        }
      }
      if (k === len) {
        if (len & 7) words[at + 1 + (len >>> 3)] = word;
        words[at] = len;
        return;
      }
    }
    words[at] = OTHER;
    this.others.set(i, text);
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.n)) return undefined;
    const words = this.chunks[i >>> SHIFT]!;
    const at = (i & MASK) * SLOT;
    const len = words[at]!;
    if (len === OTHER) return this.others.get(i);
    const codes = SCRATCH;
    codes.length = len;
    const lastWord = len >>> 3;
    const inLast = len & 7;
    for (let k = 0; k < len; k++) {
      // Character k is in word k / 8, first characters highest; the last word holds `inLast` of them.
      const w = k >>> 3;
      const held = w === lastWord ? inLast : 8;
      codes[k] = CODES[(words[at + 1 + w]! >>> ((held - 1 - (k & 7)) * 4)) & 0xf]!;
    }
    return String.fromCharCode.apply(null, codes);
  }

  /** Entries [from, to), as an array. */
  slice(from = 0, to = this.n): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.n); i++) out.push(this.get(i)!);
    return out;
  }

  /** A list holding this one's first `n` entries: full chunks shared, the partial one copied. */
  cut(n: number): PackedTexts {
    const end = Math.min(n, this.n);
    const full = end >>> SHIFT;
    const chunks = this.chunks.slice(0, full);
    if (end & MASK) chunks.push(this.chunks[full]!.slice());
    const others = new Map<number, string>();
    for (const [i, text] of this.others) if (i < end) others.set(i, text);
    return new PackedTexts(chunks, others, end);
  }
}
