/**
 * Records' sequence numbers, kept by the run index (worker/indexBuilder.ts) and by an import's
 * columns (./import/recordColumns.ts) (issue 16: 10M imported records in 2 GiB), 5 bytes a record
 * mostly instead of `PackedTexts`' 24 or a text column's 26. A sequence number is 21 to 40 digits whose high digits
 * one shard's records share: each is kept as its last (up to) 15 digits (the tail, a number a double
 * holds exactly) and a byte naming its head — the digits before them and how many digits the tail is
 * written with — in a table of up to 255 heads per chunk of `SIZE` records. A text that is not
 * digits, or a chunk's 256th head (records of very many shards at once), is kept as it is beside
 * them. Reading builds the same characters again.
 *
 * A shard's sequence numbers grow, mostly by small steps: a chunk keeps each tail as a 32-bit step
 * from its head's first tail in the chunk (4 B instead of a double's 8). The first tail that is not
 * within 2^32 above it (a fall, a jump of AWS's, shards sharing a head far apart) turns the chunk's
 * tails into doubles, so any text still reads back.
 *
 * A forked run's index shares the full chunks below its cut and copies the one partial chunk
 * (`cut`), as `packedTexts.ts` does: a chunk below the cut is full, and the parent only appends.
 *
 * May import: ./sequenceOrder.ts. May not import: sim runtime, worker, ui.
 */
import { compareSequence } from './sequenceOrder.ts';

const SHIFT = 12;
const SIZE = 1 << SHIFT;
const MASK = SIZE - 1;
/** Digits in a tail: 10^15 - 1 is below 2^53. */
const TAIL_DIGITS = 15;
/** The head byte of a text kept whole in `others`. */
const OTHER = 255;

interface Chunk {
  /** Each tail as its step up from `base[head]`, while every tail so far is one; else undefined and `tails`. */
  steps: Uint32Array | undefined;
  tails: Float64Array | undefined;
  heads: Uint8Array;
  /** Head k's digits, and the tail's width: the text is `prefix[k]` then the tail padded to `width[k]`. */
  prefix: string[];
  width: number[];
  /** Head k's first tail in the chunk. */
  base: number[];
  /** `${width}|${prefix}` → k, while the chunk is being filled (dropped when it is full). */
  lookup: Map<string, number> | undefined;
  /** The head of the entry placed last (-1 before the first). */
  lastHead: number;
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The chunk's tails as doubles from here on: the first `n` of them (steps so far) made absolute. */
function widen(chunk: Chunk, n: number): Float64Array {
  const tails = new Float64Array(SIZE);
  const { steps, heads, base } = chunk;
  for (let j = 0; j < n; j++) if (heads[j] !== OTHER) tails[j] = base[heads[j]!]! + steps![j]!;
  chunk.steps = undefined;
  chunk.tails = tails;
  return tails;
}

/** Entry `j` of `chunk`'s tail, of head `k`. */
function tailOf(chunk: Chunk, j: number, k: number): number {
  return chunk.steps ? chunk.base[k]! + chunk.steps[j]! : chunk.tails![j]!;
}

export class SeqTexts {
  private constructor(
    private readonly chunks: Chunk[],
    private readonly others: Map<number, string>,
    private n: number,
  ) {}

  static empty(): SeqTexts {
    return new SeqTexts([], new Map(), 0);
  }

  get length(): number {
    return this.n;
  }

  push(text: string): void {
    const i = this.n;
    const chunk = this.chunkFor(i);
    const j = i & MASK;
    this.n = i + 1;
    this.place(chunk, j, text, i);
    // A full chunk takes no more heads (and a fork shares it as it is).
    if (j === MASK) chunk.lookup = undefined;
  }

  /**
   * Appends entry `i` of `source` (`push(source.get(i))`, without making its text or reading it back:
   * an imported run's index takes its records' sequence numbers from the import's columns).
   */
  pushFrom(source: SeqTexts, i: number): void {
    const from = source.chunks[i >>> SHIFT]!;
    const jf = i & MASK;
    const kf = from.heads[jf]!;
    if (kf === OTHER) {
      this.push(source.others.get(i)!);
      return;
    }
    const at = this.n;
    const c = this.chunkFor(at);
    const j = at & MASK;
    this.n = at + 1;
    if (!this.placeParts(c, j, from.prefix[kf]!, from.width[kf]!, tailOf(from, jf, kf))) {
      c.heads[j] = OTHER;
      this.others.set(at, source.get(i)!);
    }
    if (j === MASK) c.lookup = undefined;
  }

  /** The chunk entry `i` goes in, made when `i` starts it. */
  private chunkFor(i: number): Chunk {
    const c = i >>> SHIFT;
    if (c === this.chunks.length) {
      this.chunks.push({ steps: new Uint32Array(SIZE), tails: undefined, heads: new Uint8Array(SIZE), prefix: [], width: [], base: [], lookup: new Map(), lastHead: -1 });
    }
    return this.chunks[c]!;
  }

  private place(chunk: Chunk, j: number, text: string, i: number): void {
    if (isDigits(text)) {
      const split = Math.max(0, text.length - TAIL_DIGITS);
      const width = text.length - split;
      const tail = Number(text.slice(split));
      // Most often the head of the number before (numbers of one shard grow in their last digits).
      const last = chunk.lastHead;
      const same = last >= 0 && chunk.width[last] === width && chunk.prefix[last]!.length === split && text.startsWith(chunk.prefix[last]!);
      if (this.placeParts(chunk, j, same ? chunk.prefix[last]! : text.slice(0, split), width, tail)) return;
    }
    chunk.heads[j] = OTHER;
    this.others.set(i, text);
  }

  /** Entry `j` of `chunk` as head digits `prefix`, a tail of `width` digits and its value; false when the chunk takes no more heads. */
  private placeParts(chunk: Chunk, j: number, prefix: string, width: number, tail: number): boolean {
    const last = chunk.lastHead;
    let k = last >= 0 && chunk.width[last] === width && chunk.prefix[last] === prefix ? last : undefined;
    const key = k === undefined ? `${width}|${prefix}` : '';
    if (k === undefined) k = chunk.lookup!.get(key);
    if (k === undefined) {
      if (chunk.prefix.length >= OTHER) return false;
      k = chunk.prefix.length;
      chunk.prefix.push(prefix);
      chunk.width.push(width);
      chunk.base.push(tail);
      chunk.lookup!.set(key, k);
    }
    chunk.lastHead = k;
    chunk.heads[j] = k;
    const step = tail - chunk.base[k]!;
    if (chunk.steps && step >= 0 && step <= 0xffffffff) chunk.steps[j] = step;
    else (chunk.tails ?? widen(chunk, j))[j] = tail;
    return true;
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.n)) return undefined;
    const chunk = this.chunks[i >>> SHIFT]!;
    const j = i & MASK;
    const k = chunk.heads[j]!;
    if (k === OTHER) return this.others.get(i);
    const tail = String(tailOf(chunk, j, k));
    const width = chunk.width[k]!;
    return chunk.prefix[k]! + (tail.length < width ? tail.padStart(width, '0') : tail);
  }

  /**
   * `compareSequence` of entries `i` and `j` (digits without leading zeros, as an import keeps them):
   * two of one head compare by their tails, without making either text.
   */
  compare(i: number, j: number): number {
    const a = this.chunks[i >>> SHIFT]!;
    const b = this.chunks[j >>> SHIFT]!;
    const ka = a.heads[i & MASK]!;
    const kb = b.heads[j & MASK]!;
    if (ka !== OTHER && kb !== OTHER && a.width[ka] === b.width[kb] && a.prefix[ka] === b.prefix[kb]) {
      const x = tailOf(a, i & MASK, ka);
      const y = tailOf(b, j & MASK, kb);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return compareSequence(this.get(i)!, this.get(j)!);
  }

  /** Entries [from, to), as an array. */
  slice(from = 0, to = this.n): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.n); i++) out.push(this.get(i)!);
    return out;
  }

  /** A list holding this one's first `n` entries: full chunks shared, the partial one copied. */
  cut(n: number): SeqTexts {
    const end = Math.min(n, this.n);
    const full = end >>> SHIFT;
    const chunks = this.chunks.slice(0, full);
    if (end & MASK) {
      const c = this.chunks[full]!;
      const lookup = new Map<string, number>();
      c.prefix.forEach((p, k) => lookup.set(`${c.width[k]}|${p}`, k));
      chunks.push({ steps: c.steps?.slice(), tails: c.tails?.slice(), heads: c.heads.slice(), prefix: c.prefix.slice(), width: c.width.slice(), base: c.base.slice(), lookup, lastHead: c.lastHead });
    }
    const others = new Map<number, string>();
    for (const [i, text] of this.others) if (i < end) others.set(i, text);
    return new SeqTexts(chunks, others, end);
  }
}
