/**
 * xoroshiro128+ exactly as pure-rand draws it (its `xoroshiro128plus`: the same 32-bit halves, the
 * same outputs, the same `getState()`, the same jump), with its four state words in an Int32Array
 * instead of four object fields, and a `skip` that makes n draws in local variables.
 *
 * Why not pure-rand's generator itself: a stream record's eventID is six draws made only to move
 * the ids stream on (`Rng.skipId`: the id is drawn again from a saved state when a record is read),
 * and pure-rand's `next()` loads and stores four fields a draw (in a browser an int32 outside the
 * 31-bit small integers is a boxed number there). And the worker's bundle has a size target: the
 * generator is the only part of pure-rand the core used. pure-rand stays the oracle
 * (`xoroshiro.test.ts`).
 *
 * Owing the draws and making them by a jump (a draw is linear over GF(2): n draws are a power of
 * one map, kept as each state bit's image) saved 242 instructions a put, but its code was 190 bytes
 * of the worker's gzipped bundle, which had 43 to spare (session 29): not kept.
 *
 * May import: nothing.
 */

/** pure-rand's jump polynomial (its `jumps`): 2^64 draws. */
const JUMP: readonly number[] = [0xd8f554a5, 0xdf900294, 0x4b3201fc, 0x170865df];

/** One draw's change of the state, in place (pure-rand's order: s01, s00, s11, s10). */
function step(s: Int32Array): void {
  const s01 = s[0]!;
  const s00 = s[1]!;
  const s11 = s[2]!;
  const s10 = s[3]!;
  const a0 = s10 ^ s00;
  const a1 = s11 ^ s01;
  s[0] = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
  s[1] = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
  s[2] = (a0 << 5) ^ (a1 >>> 27);
  s[3] = (a1 << 5) ^ (a0 >>> 27);
}

export class Xoroshiro128Plus {
  /** pure-rand's state order: s01, s00, s11, s10 (each an int32). */
  private readonly s: Int32Array;

  constructor(state: readonly number[]) {
    if (state.length !== 4) throw new RangeError('not a xoroshiro128+ state');
    this.s = Int32Array.from(state);
  }

  /** The next draw, an int32 (pure-rand's `next()`). */
  next(): number {
    const s = this.s;
    const out = (s[1]! + s[3]!) | 0;
    step(s);
    return out;
  }

  /** Makes `n` draws and keeps none: the state is read and written once. */
  skip(n: number): void {
    const s = this.s;
    let s01 = s[0]!;
    let s00 = s[1]!;
    let s11 = s[2]!;
    let s10 = s[3]!;
    for (let k = 0; k < n; k++) {
      const a0 = s10 ^ s00;
      const a1 = s11 ^ s01;
      const n01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
      s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
      s01 = n01;
      s11 = (a0 << 5) ^ (a1 >>> 27);
      s10 = (a1 << 5) ^ (a0 >>> 27);
    }
    s[0] = s01;
    s[1] = s00;
    s[2] = s11;
    s[3] = s10;
  }

  /** The generator 2^64 draws on (pure-rand's `jump()`, its polynomial and its loop): how the independent streams are made. */
  jump(): void {
    const s = this.s;
    const x = Int32Array.from(s);
    s.fill(0);
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if (((word >>> b) & 1) === 1) for (let k = 0; k < 4; k++) s[k] = s[k]! ^ x[k]!;
        step(x);
      }
    }
  }

  getState(): number[] {
    const s = this.s;
    return [s[0]!, s[1]!, s[2]!, s[3]!];
  }
}
