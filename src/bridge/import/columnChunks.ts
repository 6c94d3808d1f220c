/**
 * Growable columns for imported records (./recordColumns.ts), in fixed chunks: a column of 10
 * million values grows by one chunk at a time, never copies what it holds, and has at most one
 * chunk of slack (a doubling array holds up to half its bytes unused, and copies all of them each
 * time it grows: at 10 million records that was the peak, not the average).
 *
 * - `NumberColumn`: numbers in a typed array kind (Int32, Float64, …), one per position.
 * - `IntColumn`: 32-bit integers, with the rare other number kept aside; `RunColumn`: runs of one value.
 * - `TextColumn`: short strings as their bytes (one byte per character: ASCII, the eventIDs and
 *   sequence numbers AWS writes), a start and a length each, 1 B per character instead of a V8
 *   string's 16-byte header and field; a string of other characters, or a long one, is kept as
 *   itself beside the chunks (the rare case: still exact).
 *
 * Pure. May import: nothing.
 */

/** Values per chunk of a number column: 64 KB of Int32. */
const CHUNK_VALUES = 16_384;
const CHUNK_SHIFT = 14;
const CHUNK_MASK = CHUNK_VALUES - 1;

type TypedArray = Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array;
type TypedArrayKind<T extends TypedArray> = new (length: number) => T;

export class NumberColumn<T extends TypedArray = Int32Array> {
  private readonly chunks: T[] = [];
  private count = 0;

  constructor(private readonly Kind: TypedArrayKind<T>) {}

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    const c = this.count >>> CHUNK_SHIFT;
    if (c === this.chunks.length) this.chunks.push(new this.Kind(CHUNK_VALUES));
    this.chunks[c]![this.count & CHUNK_MASK] = value;
    this.count++;
  }

  get(i: number): number {
    return this.chunks[i >>> CHUNK_SHIFT]![i & CHUNK_MASK]!;
  }

  set(i: number, value: number): void {
    this.chunks[i >>> CHUNK_SHIFT]![i & CHUNK_MASK] = value;
  }

  /** Bytes held (chunks in full). */
  get bytes(): number {
    let n = 0;
    for (const c of this.chunks) n += c.byteLength;
    return n;
  }
}

/** Marks a value an `IntColumn` keeps beside its chunks. */
const ELSEWHERE = -0x80000000;

/**
 * Numbers that are nearly always 32-bit integers (creation seconds, sizes), 4 B each; any other
 * (a fraction, a number past 2^31, the marker itself) is kept beside the chunks, exactly.
 */
export class IntColumn {
  private readonly ints = new NumberColumn(Int32Array);
  private readonly others = new Map<number, number>();

  get length(): number {
    return this.ints.length;
  }

  push(value: number): void {
    if ((value | 0) === value && value !== ELSEWHERE && !Object.is(value, -0)) this.ints.push(value);
    else {
      this.others.set(this.ints.length, value);
      this.ints.push(ELSEWHERE);
    }
  }

  get(i: number): number {
    const v = this.ints.get(i);
    return v === ELSEWHERE ? this.others.get(i)! : v;
  }
}

/**
 * Numbers that come in runs (the read each record came in: thousands in a row), as the runs: a
 * read is a binary search over the runs' starts.
 */
export class RunColumn {
  private readonly starts: number[] = [];
  private readonly values: number[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.values.length === 0 || this.values[this.values.length - 1] !== value) {
      this.starts.push(this.count);
      this.values.push(value);
    }
    this.count++;
  }

  get(i: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.values[lo]!;
  }
}

/** Bytes per chunk of a text column. */
const TEXT_CHUNK_BYTES = 1 << 20;
/** Chunks a text column may have: their starts fit 32 bits. */
const MAX_TEXT_CHUNKS = 2 ** 32 / TEXT_CHUNK_BYTES;

export class TextColumn {
  private readonly chunks: Uint8Array[] = [];
  /** Where the last chunk's free bytes start. */
  private used = TEXT_CHUNK_BYTES;
  /** Per string: its chunk × chunk size + offset, in 32 bits (4 GiB of text; past that, strings are kept as themselves). */
  private readonly starts = new NumberColumn(Uint32Array);
  private readonly lengths: NumberColumn<Uint8Array | Uint16Array>;
  /** Strings of other characters than one-byte ones, or longer than `keptMark - 1`, by position. */
  private readonly kept = new Map<number, string>();
  /** The length that marks a string kept as itself; longer ones are kept so too. */
  private readonly keptMark: number;

  /**
   * `maxLength`: 0xff (lengths in a byte: ids) or 0xffff (two bytes: item versions). `hex`: a string
   * of lowercase hex digits (AWS's eventIDs: 32 of them) is kept as two digits a byte, its length
   * byte's high bit set; other strings then take up to 127 characters.
   */
  constructor(
    maxLength: 0xff | 0xffff = 0xff,
    private readonly hex = false,
  ) {
    this.keptMark = maxLength;
    this.lengths = maxLength === 0xff ? new NumberColumn(Uint8Array) : new NumberColumn(Uint16Array);
  }

  get length(): number {
    return this.lengths.length;
  }

  push(s: string): void {
    const n = s.length;
    const packed = this.hex && n < HEX_FLAG && lowerHex(s);
    const size = packed ? (n + 1) >> 1 : n;
    const i = this.lengths.length;
    const full = this.used + size > TEXT_CHUNK_BYTES;
    if (n >= (this.hex ? HEX_FLAG : this.keptMark) || n > TEXT_CHUNK_BYTES || !oneByte(s) || (full && this.chunks.length === MAX_TEXT_CHUNKS)) {
      this.kept.set(i, s);
      this.starts.push(0);
      this.lengths.push(this.keptMark);
      return;
    }
    if (full) {
      this.chunks.push(new Uint8Array(TEXT_CHUNK_BYTES));
      this.used = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1]!;
    const at = this.used;
    if (packed) for (let k = 0; k < n; k += 2) chunk[at + (k >> 1)] = (nibble(s.charCodeAt(k)) << 4) | (k + 1 < n ? nibble(s.charCodeAt(k + 1)) : 0);
    else for (let k = 0; k < n; k++) chunk[at + k] = s.charCodeAt(k);
    this.used += size;
    this.starts.push((this.chunks.length - 1) * TEXT_CHUNK_BYTES + at);
    this.lengths.push(packed ? HEX_FLAG | n : n);
  }

  /**
   * Appends the string of the `n` one-byte characters `bytes` holds from `from` (`push` of that
   * string, without making it: an image the scanner spelt straight into bytes, ./itemTexts.ts).
   */
  pushBytes(bytes: Uint8Array, from: number, n: number): void {
    const full = this.used + n > TEXT_CHUNK_BYTES;
    if (this.hex || n >= this.keptMark || n > TEXT_CHUNK_BYTES || (full && this.chunks.length === MAX_TEXT_CHUNKS)) {
      // What `push` keeps as itself (or packs as hex digits): it decides.
      this.push(latin1(bytes, from, n));
      return;
    }
    if (full) {
      this.chunks.push(new Uint8Array(TEXT_CHUNK_BYTES));
      this.used = 0;
    }
    const at = this.used;
    const chunk = this.chunks[this.chunks.length - 1]!;
    // An item version is a few dozen bytes: a loop copies them sooner than a `subarray` and `set`
    // (35 bytes: 28 against 45 ns in Chromium's worker).
    if (n <= 256) for (let k = 0; k < n; k++) chunk[at + k] = bytes[from + k]!;
    else chunk.set(bytes.subarray(from, from + n), at);
    this.used += n;
    this.starts.push((this.chunks.length - 1) * TEXT_CHUNK_BYTES + at);
    this.lengths.push(n);
  }

  get(i: number): string {
    const n = this.lengths.get(i);
    if (n === this.keptMark) return this.kept.get(i)!;
    const start = this.starts.get(i);
    const chunk = this.chunks[Math.floor(start / TEXT_CHUNK_BYTES)]!;
    const at = start % TEXT_CHUNK_BYTES;
    return this.hex && n & HEX_FLAG ? hexText(chunk, at, n & ~HEX_FLAG) : latin1(chunk, at, n);
  }

  /**
   * Where string `i`'s bytes are, to read them in place (a column without `hex`): its chunk, and its offset in it (its length
   * is `lengthOf`); undefined for a string kept as itself (`get` gives it).
   */
  chunkOf(i: number): Uint8Array | undefined {
    if (this.lengths.get(i) === this.keptMark) return undefined;
    return this.chunks[Math.floor(this.starts.get(i) / TEXT_CHUNK_BYTES)]!;
  }

  offsetOf(i: number): number {
    return this.starts.get(i) % TEXT_CHUNK_BYTES;
  }

  lengthOf(i: number): number {
    return this.lengths.get(i);
  }

  /** Whether string `i` is `s`, without making string `i`. */
  equals(i: number, s: string): boolean {
    const n = this.lengths.get(i);
    if (n === this.keptMark) return this.kept.get(i) === s;
    if (n !== s.length) return false;
    const start = this.starts.get(i);
    const chunk = this.chunks[Math.floor(start / TEXT_CHUNK_BYTES)]!;
    const at = start % TEXT_CHUNK_BYTES;
    for (let k = 0; k < n; k++) if (chunk[at + k] !== s.charCodeAt(k)) return false;
    return true;
  }

  /** Whether string `i` is the `n` one-byte characters `bytes` holds from `from`. */
  equalsBytes(i: number, bytes: Uint8Array, from: number, n: number): boolean {
    const length = this.lengths.get(i);
    if (length === this.keptMark || (this.hex && length & HEX_FLAG)) return this.get(i) === latin1(bytes, from, n);
    if (length !== n) return false;
    const start = this.starts.get(i);
    const chunk = this.chunks[Math.floor(start / TEXT_CHUNK_BYTES)]!;
    const at = start % TEXT_CHUNK_BYTES;
    for (let k = 0; k < n; k++) if (chunk[at + k] !== bytes[from + k]) return false;
    return true;
  }

  /** Bytes held: the chunks, the starts and lengths (the kept strings are not counted). */
  get bytes(): number {
    return this.chunks.length * TEXT_CHUNK_BYTES + this.starts.bytes + this.lengths.bytes;
  }
}

/** A text column's length byte's flag for a string kept as hex digits. */
const HEX_FLAG = 0x80;
const HEX_DIGITS = '0123456789abcdef';

function lowerHex(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function nibble(c: number): number {
  return c <= 57 ? c - 48 : c - 87;
}

/** A hex digit's character code by its value. */
const HEX_CODES = Array.from(HEX_DIGITS, (d) => d.charCodeAt(0));
/** Arrays of character codes by length, reused (an eventID a record is read back for the import's hash). */
const hexCodes: number[][] = [];

/**
 * The `n` hex digits kept two a byte at `at`, made by one `String.fromCharCode` over an array
 * kept at that length: a flat string (a join of pairs made a chain of strings, flattened when the
 * hash read it: about a third slower).
 */
function hexText(chunk: Uint8Array, at: number, n: number): string {
  // n is under HEX_FLAG (128: `push` keeps a longer string as itself), so at most 127 arrays are kept.
  const codes = (hexCodes[n] ??= new Array<number>(n).fill(0));
  for (let k = 0; k < n; k++) codes[k] = HEX_CODES[(k & 1 ? chunk[at + (k >> 1)]! : chunk[at + (k >> 1)]! >> 4) & 15]!;
  return String.fromCharCode.apply(null, codes);
}

/** The string of `n` one-byte characters at `at` (in slices: `apply` takes as many arguments as the stack allows). */
function latin1(chunk: Uint8Array, at: number, n: number): string {
  if (n <= 4_096) return String.fromCharCode.apply(null, chunk.subarray(at, at + n) as unknown as number[]);
  let s = '';
  for (let k = 0; k < n; k += 4_096) s += String.fromCharCode.apply(null, chunk.subarray(at + k, at + Math.min(n, k + 4_096)) as unknown as number[]);
  return s;
}

function oneByte(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 0xff) return false;
  return true;
}
