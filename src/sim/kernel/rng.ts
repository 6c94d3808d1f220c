/**
 * Seeded pseudo-random streams (xoroshiro128+ as pure-rand draws it: `xoroshiro.ts`), one per concern.
 *
 * Each concern (ids, sequence-number gaps, jitter, workload) draws from its own stream, made by
 * jumping the generator, so adding a draw in one concern never shifts the values of another. The
 * state of every stream is plain numbers: it can be saved in a snapshot and restored exactly.
 * Only integer operations are used, so every JavaScript engine draws the same values.
 */
import { Xoroshiro128Plus } from './xoroshiro.ts';

/** Character codes of '0'–'9', 'a'–'f'. */
const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Reused by `hex` (single-threaded, never re-entered), so drawing an id allocates only the string. */
const HEX_SCRATCH: number[] = [];

/** Four 32-bit words (`drawIdWords`) as 32 lowercase hexadecimal digits: the eventID's text. */
function hexOfWords(words: Uint32Array, at: number): string {
  const codes = HEX_SCRATCH;
  codes.length = 32;
  for (let w = 0; w < 4; w++) {
    const v = words[at + w]!;
    for (let k = 0; k < 8; k++) codes[w * 8 + k] = HEX_CODES[(v >>> (28 - 4 * k)) & 0xf]!;
  }
  return String.fromCharCode.apply(null, codes);
}

/** The six draws of an eventID as four 32-bit words, most significant first, written to `out[at..at+3]`. */
function drawIdWords(gen: Xoroshiro128Plus, out: Uint32Array, at: number): void {
  const d0 = gen.next() & 0xffffff;
  const d1 = gen.next() & 0xffffff;
  const d2 = gen.next() & 0xffffff;
  const d3 = gen.next() & 0xffffff;
  const d4 = gen.next() & 0xffffff;
  const d5 = gen.next() & 0xffffff;
  out[at] = (d0 << 8) | (d1 >>> 16);
  out[at + 1] = ((d1 & 0xffff) << 16) | (d2 >>> 8);
  out[at + 2] = ((d2 & 0xff) << 24) | d3;
  out[at + 3] = (d4 << 8) | (d5 >>> 16);
}

/** Draws an eventID takes. */
export const ID_DRAWS = 6;

/** The range `Rng.int` drew from last, and its rejection bound (pure-rand's `MaxAllowed`). */
let lastRange = 0;
let lastBound = 0;

export class Rng {
  private gen: Xoroshiro128Plus;
  /**
   * Draws made through `hex` and `skipId` (the ids stream draws only through them; `int`'s
   * are not counted). A record keeps where its eventID was drawn instead of its 128 bits (`IdCursor`).
   */
  draws = 0;

  /** `gen`: a xoroshiro128+ generator (pure-rand's, or this module's own), drawn on from its state now. */
  constructor(gen: { getState(): readonly number[] }) {
    this.gen = gen instanceof Xoroshiro128Plus ? gen : new Xoroshiro128Plus(gen.getState());
  }

  /**
   * An integer uniform in [from, to], both included: pure-rand's `uniformInt`, the same draws and
   * the same answer (a property test holds the two equal). A range of up to 2^32 integers is drawn
   * here: pure-rand's remainder of a draw (up to 2^32, a double) is a floating-point remainder,
   * which V8 makes a call into C; the quotient floored and multiplied back gives the same integer
   * exactly (both below 2^53, and a quotient below 2^32 rounds to no integer it does not reach), and
   * the rejection bound is kept for the last range asked (the sequence numbers' gaps: one draw per
   * stream record, issue #16). Wider ranges (no caller in the core asks one) take `wideInt`.
   * Throws a RangeError unless `from` and `to` are safe integers, `from` ≤ `to`.
   */
  int(from: number, to: number): number {
    const range = to - from + 1;
    if (!(range >= 1 && range <= 4294967296 && Math.floor(range) === range)) return this.wideInt(from, to);
    if (range !== lastRange) {
      lastRange = range;
      lastBound = range > 2 ? ~~(4294967296 / range) * range : 4294967296;
    }
    const bound = lastBound;
    const gen = this.gen;
    let v = gen.next() + 2147483648;
    while (v >= bound) v = gen.next() + 2147483648;
    return v - Math.floor(v / range) * range + from;
  }

  /**
   * A range wider than 2^32 as pure-rand draws it (its `uniformArrayIntInternal`): the range as a
   * high and a low 32-bit word, a high word drawn from [0, high] and a low word from one draw,
   * again until the two are below the range. Kept short: the core's own ranges are all narrower.
   */
  private wideInt(from: number, to: number): number {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from || !Number.isSafeInteger(to - from)) throw new RangeError(`Rng.int: no integer range [${from}, ${to}]`);
    const range = to - from + 1;
    const high = Math.floor(range / 4294967296);
    const low = range - high * 4294967296;
    let h: number;
    let l: number;
    do {
      h = this.int(0, high);
      l = this.gen.next() + 2147483648;
    } while (h > high || (h === high && l >= low));
    return h * 4294967296 + l + from;
  }

  /** `digits` lowercase hexadecimal characters. */
  hex(digits: number): string {
    // 24 bits per draw, six hex digits each, most significant first; the last draw's extra digits
    // are dropped. `uniformInt(gen, 0, 0xffffff)` is `(gen.next() + 2^31) % 2^24` (pure-rand's
    // uniformIntInternal; 2^24 divides 2^32, so it never rejects a draw), which is `gen.next()`'s
    // low 24 bits: reading them directly gives the same digits without the general path, and the
    // digits go into one string instead of a chain of concatenations.
    const codes = HEX_SCRATCH;
    codes.length = digits;
    for (let i = 0; i < digits; i += 6) {
      const v = this.gen.next() & 0xffffff;
      this.draws++;
      for (let k = 0; k < 6 && i + k < digits; k++) codes[i + k] = HEX_CODES[(v >>> (20 - 4 * k)) & 0xf]!;
    }
    return String.fromCharCode.apply(null, codes);
  }

  /** Makes the draws of an eventID without spelling it (a record keeps where it was drawn: `IdCursor`). */
  skipId(): void {
    this.gen.skip(ID_DRAWS);
    this.draws += ID_DRAWS;
  }

  getState(): readonly number[] {
    return this.gen.getState();
  }

  static fromState(state: readonly number[]): Rng {
    return new Rng(new Xoroshiro128Plus(state));
  }
}

/** Reused by `IdCursor.hexAt` (single-threaded, never re-entered). */
const ID_SCRATCH = new Uint32Array(4);

/**
 * EventIDs drawn again from a saved point of the ids stream (issue #16): a shard's chunk of records
 * keeps the stream's state before its first record's id and, per record, the position of its draws
 * (2 bytes), not the id's 128 bits (16). Reading goes on from where the last read stopped, so the
 * records of a chunk read in order (GetRecords, an export, the trace hash) cost the draws between
 * them; a read before that starts again from the saved state.
 */
export class IdCursor {
  private gen: Xoroshiro128Plus;
  private at: number;

  constructor(
    private readonly state: readonly number[],
    private readonly from: number,
  ) {
    this.gen = new Xoroshiro128Plus(state);
    this.at = from;
  }

  /** The eventID drawn at position `at` of the stream (at or after the saved point), as 32 hex digits. */
  hexAt(at: number): string {
    if (at < this.at) {
      this.gen = new Xoroshiro128Plus(this.state);
      this.at = this.from;
    }
    const gen = this.gen;
    gen.skip(at - this.at);
    drawIdWords(gen, ID_SCRATCH, 0);
    this.at = at + ID_DRAWS;
    return hexOfWords(ID_SCRATCH, 0);
  }
}

/** The concerns that draw random numbers; one independent stream each. */
// New streams go at the end: each stream is the base generator jumped once more, so appending keeps
// every existing stream (and every existing run) unchanged.
export const RNG_STREAMS = ['ids', 'sequence', 'jitter', 'workload', 'faults', 'consumers', 'replication'] as const;
export type RngStreamName = (typeof RNG_STREAMS)[number];
export type RngStreams = Record<RngStreamName, Rng>;
export type RngStreamsState = Record<RngStreamName, readonly number[]>;

/**
 * The base generator for a seed. pure-rand's `xoroshiro128plus(seed)` keeps only `seed | 0`, so
 * seeds that differ above bit 31 (both accepted: any safe integer is a valid seed) used to build
 * identical worlds. Split the seed exactly into a low int32 and a high part and put the high part
 * in the state words that pure-rand fills with -1 and 0: for every int32 seed the high part is 0
 * and the state is the one `xoroshiro128plus(seed)` builds, so existing runs replay unchanged.
 */
function baseGenerator(seed: number): Xoroshiro128Plus {
  const lo = seed | 0;
  const hi = ((seed - lo) / 0x1_0000_0000) | 0; // exact: seed − lo is a multiple of 2^32, |hi| < 2^21
  // pure-rand's `xoroshiro128plus(lo)` is the state [-1, ~lo, lo, 0] (its test holds the two equal).
  return new Xoroshiro128Plus(hi === 0 ? [-1, ~lo, lo, 0] : [~hi, ~lo, lo, hi]);
}

export function createRngStreams(seed: number): RngStreams {
  const base = baseGenerator(seed);
  const streams = {} as RngStreams;
  for (const name of RNG_STREAMS) {
    streams[name] = new Rng(new Xoroshiro128Plus(base.getState()));
    base.jump();
  }
  return streams;
}

export function saveRngStreams(streams: RngStreams): RngStreamsState {
  const state = {} as RngStreamsState;
  for (const name of RNG_STREAMS) state[name] = streams[name].getState();
  return state;
}

export function restoreRngStreams(state: RngStreamsState): RngStreams {
  const streams = {} as RngStreams;
  for (const name of RNG_STREAMS) streams[name] = Rng.fromState(state[name]);
  return streams;
}
