/**
 * One chunk's column of indexes (a key's, an item version's; −1 for none) that lie near each other
 * within a chunk: a record's new image is the version made just before it, its old image the one its
 * key's last change made, its key one of the keys being written (issue #16). Kept as signed 16-bit
 * differences from the first index the chunk holds, 2 bytes a row instead of 4; the first index that
 * lies further away turns the chunk's column into 32-bit indexes for good. Rows are written once, in
 * order, as `StepColumn`'s are.
 */
/** The code of −1 (none): outside the differences a row may hold. */
const NONE = -0x8000;
const MAX_STEP = 0x7fff;

export class DeltaColumn {
  private base = 0;
  private readonly steps: Int16Array;
  /**
   * `steps` once the column has its base and while it is not wide, else undefined: the one test
   * the common `set` makes of the column's state (it made two, of a flag and of `wide`).
   */
  private narrow: Int16Array | undefined = undefined;
  private wide: Int32Array | undefined = undefined;

  /** `steps`: the column's 16-bit view, cut from its chunk's buffer (`columnSlab.ts`); else its own. */
  constructor(rows: number, steps = new Int16Array(rows)) {
    this.steps = steps;
  }

  /** Row `j`'s index `x`: an int32 (−1, none, has its own code). */
  set(j: number, x: number): void {
    // The common case in few bytecodes, the rest out of line (see `StepColumn.set`).
    const narrow = this.narrow;
    const step = x - this.base;
    if (narrow !== undefined && x !== -1 && step > NONE && step <= MAX_STEP) {
      narrow[j] = step;
      return;
    }
    this.setOther(j, x);
  }

  /** `set` for an absent value, the first value, a step that does not fit 16 bits, or a wide column. */
  private setOther(j: number, x: number): void {
    const wide = this.wide;
    if (wide !== undefined) {
      wide[j] = x;
      return;
    }
    if (x === -1) {
      this.steps[j] = NONE;
      return;
    }
    if (this.narrow === undefined) {
      this.base = x;
      this.narrow = this.steps;
    }
    const step = x - this.base;
    if (step > NONE && step <= MAX_STEP) {
      this.steps[j] = step;
      return;
    }
    const all = new Int32Array(this.steps.length);
    for (let k = 0; k < j; k++) all[k] = this.get(k);
    all[j] = x;
    this.wide = all;
    this.narrow = undefined;
  }

  get(j: number): number {
    const wide = this.wide;
    if (wide !== undefined) return wide[j]!;
    const step = this.steps[j]!;
    return step === NONE ? -1 : this.base + step;
  }
}
