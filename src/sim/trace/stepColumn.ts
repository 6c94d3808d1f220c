/**
 * One chunk's column of doubles that mostly grow by whole steps (simulated times, the low limb of
 * sequence numbers): kept as unsigned 32-bit steps from the chunk's first value, 4 bytes a row
 * instead of 8 (issue #16). The first value that does not come back exactly from a step (a
 * fraction, a jump past 2^32, a value below the first, as an import may bring) turns the chunk's
 * column into doubles for good. Rows are written once, in order.
 */
const MAX_STEP = 0xffffffff;

export class StepColumn {
  private base = 0;
  private readonly steps: Uint32Array;
  private wide: Float64Array | undefined = undefined;

  constructor(rows: number) {
    this.steps = new Uint32Array(rows);
  }

  set(j: number, x: number): void {
    if (j === 0) this.base = x;
    const wide = this.wide;
    if (wide !== undefined) {
      wide[j] = x;
      return;
    }
    const step = x - this.base;
    // `base + step === x` also refuses a step the subtraction rounded.
    if (step >= 0 && step <= MAX_STEP && Number.isInteger(step) && this.base + step === x) {
      this.steps[j] = step;
      return;
    }
    const doubles = new Float64Array(this.steps.length);
    for (let k = 0; k < j; k++) doubles[k] = this.base + this.steps[k]!;
    doubles[j] = x;
    this.wide = doubles;
  }

  get(j: number): number {
    const wide = this.wide;
    return wide === undefined ? this.base + this.steps[j]! : wide[j]!;
  }
}
