/**
 * xoroshiro128+ exactly as pure-rand draws it (its `xoroshiro128plus`: the same 32-bit halves, the
 * same outputs, the same `getState()`), with its four state words in an Int32Array instead of four
 * object fields, and a `skip` of n draws that costs nothing until the generator is next read.
 *
 * Why not pure-rand's generator itself: a stream record's eventID is six draws made only to move
 * the ids stream on (`Rng.skipId`: the id is drawn again from a saved state when a record is
 * read), about 360 instructions of a put's 8,500 (issue #16, session 29, counted). Its generator
 * keeps its state in four fields (in a browser an int32 outside the 31-bit small integers is a
 * boxed number there), and stepping costs about 50 instructions a draw however it is kept. Here
 * the draws are owed and made in one jump (`xoroshiroJump.ts`). pure-rand stays the oracle
 * (`xoroshiro.test.ts`) and makes the streams' 2^64 jumps.
 *
 * May import: pure-rand (the 2^64 jump only), ./xoroshiroJump.ts.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { advanceState, stepState } from './xoroshiroJump.ts';

export class Xoroshiro128Plus {
  /** pure-rand's state order: s01, s00, s11, s10 (each an int32). */
  private readonly s: Int32Array;
  /** Draws skipped and not yet made (`skip`). */
  private owed = 0;

  constructor(state: readonly number[]) {
    if (state.length !== 4) throw new RangeError('a xoroshiro128+ state is four 32-bit words');
    this.s = Int32Array.from(state);
  }

  /** The next draw, an int32 (pure-rand's `next()`). */
  next(): number {
    if (this.owed !== 0) this.settle();
    const s = this.s;
    const out = (s[1]! + s[3]!) | 0;
    stepState(s);
    return out;
  }

  /**
   * Makes `n` draws and keeps none. They are owed, and made when the generator is next read (a
   * draw, its state, a jump or a copy) by a jump of that many draws (`xoroshiroJump.ts`): a run's
   * eventIDs are only ever drawn again from a chunk's saved state (`IdCursor`).
   */
  skip(n: number): void {
    this.owed += n;
  }

  private settle(): void {
    const n = this.owed;
    this.owed = 0;
    advanceState(this.s, n);
  }

  /** The generator 2^64 draws on (pure-rand's `jump()`): how the independent streams are made. */
  jump(): void {
    if (this.owed !== 0) this.settle();
    const g = xoroshiro128plusFromState(this.getState());
    g.jump();
    this.s.set(g.getState());
  }

  clone(): Xoroshiro128Plus {
    return new Xoroshiro128Plus(this.getState());
  }

  getState(): number[] {
    if (this.owed !== 0) this.settle();
    const s = this.s;
    return [s[0]!, s[1]!, s[2]!, s[3]!];
  }
}
