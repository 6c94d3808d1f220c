/**
 * xoroshiro128+ exactly as pure-rand draws it (its `xoroshiro128plus`: the same 32-bit halves, the
 * same outputs, the same `getState()`), with its four state words in an Int32Array instead of four
 * object fields, and a `skip` that makes n draws in local variables.
 *
 * Why not pure-rand's generator itself: a stream record's eventID is six draws made only to move
 * the ids stream on (`Rng.skipId`), and each of pure-rand's `next()` loaded and stored four fields:
 * about 60 instructions a draw, 360 a record, 4 % of a put (issue #16, session 29, counted). In a
 * browser a field holding an int32 outside the 31-bit small integers is a boxed number, so there
 * it cost more. pure-rand stays the oracle (`xoroshiro.test.ts`) and makes the streams' jumps.
 *
 * May import: pure-rand (jumps only).
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

export class Xoroshiro128Plus {
  /** pure-rand's state order: s01, s00, s11, s10 (each an int32). */
  private readonly s: Int32Array;

  constructor(state: readonly number[]) {
    if (state.length !== 4) throw new RangeError('a xoroshiro128+ state is four 32-bit words');
    this.s = Int32Array.from(state);
  }

  /** The next draw, an int32 (pure-rand's `next()`). */
  next(): number {
    const s = this.s;
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
    return (s00 + s10) | 0;
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

  /** The generator 2^64 draws on (pure-rand's `jump()`): how the independent streams are made. */
  jump(): void {
    const g = xoroshiro128plusFromState(this.getState());
    g.jump();
    this.s.set(g.getState());
  }

  clone(): Xoroshiro128Plus {
    return new Xoroshiro128Plus(this.getState());
  }

  getState(): number[] {
    const s = this.s;
    return [s[0]!, s[1]!, s[2]!, s[3]!];
  }
}
