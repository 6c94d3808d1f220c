/**
 * One chunk's column of doubles that mostly grow by whole steps (simulated times): kept as unsigned
 * 16-bit steps from the chunk's first value, 2 bytes a row instead of 8 (issue #16); the first step
 * past 16 bits turns the column into 32-bit steps, and the first value that does not come back
 * exactly from a step (a fraction, a jump past 2^32, a value below the first, as an import may
 * bring) into doubles, each for good. Rows are written once, in order.
 *
 * Each width has a field of its own, so every element load stays of one array type (a field holding
 * either width made the core's loads polymorphic: about 4 % slower, issue #16).
 */
const MAX_STEP_16 = 0xffff;
const MAX_STEP_32 = 0xffffffff;

export class StepColumn {
  private base = 0;
  private narrow: Uint16Array | undefined;
  private steps: Uint32Array | undefined = undefined;
  private wide: Float64Array | undefined = undefined;
  private readonly rows: number;

  /** `narrow`: the column's 16-bit view, cut from its chunk's buffer (`columnSlab.ts`); else its own. */
  constructor(rows: number, narrow = new Uint16Array(rows)) {
    this.rows = rows;
    this.narrow = narrow;
  }

  set(j: number, x: number): void {
    if (j === 0) this.base = x;
    // The common case, 16-bit steps, in few bytecodes: V8's optimizing compiler inlines callees
    // within a bytecode budget, and the rare widening out of line leaves room for more of the
    // write path (issue #16).
    const narrow = this.narrow;
    const step = x - this.base;
    // `base + step === x` also refuses a step the subtraction rounded.
    if (narrow !== undefined && step >= 0 && step <= MAX_STEP_16 && Number.isInteger(step) && this.base + step === x) {
      narrow[j] = step;
      return;
    }
    this.setWider(j, x, step);
  }

  /** `set` for a row whose step does not fit 16 bits, or once the column is wider. */
  private setWider(j: number, x: number, step: number): void {
    const wide = this.wide;
    if (wide !== undefined) {
      wide[j] = x;
      return;
    }
    const whole = step >= 0 && Number.isInteger(step) && this.base + step === x;
    const narrow = this.narrow;
    if (narrow !== undefined) {
      const steps = new Uint32Array(this.rows);
      steps.set(narrow.subarray(0, j));
      this.steps = steps;
      this.narrow = undefined;
    }
    const steps = this.steps!;
    if (whole && step <= MAX_STEP_32) {
      steps[j] = step;
      return;
    }
    const doubles = new Float64Array(this.rows);
    for (let k = 0; k < j; k++) doubles[k] = this.base + steps[k]!;
    doubles[j] = x;
    this.wide = doubles;
    this.steps = undefined;
  }

  get(j: number): number {
    const narrow = this.narrow;
    if (narrow !== undefined) return this.base + narrow[j]!;
    const steps = this.steps;
    return steps !== undefined ? this.base + steps[j]! : this.wide![j]!;
  }

  /** A copy of its own (a fork copies the chunk it goes on writing: the worker's `timeColumn.ts`). */
  copy(): StepColumn {
    const c = new StepColumn(this.rows);
    c.base = this.base;
    c.narrow = this.narrow?.slice();
    c.steps = this.steps?.slice();
    c.wide = this.wide?.slice();
    return c;
  }
}
