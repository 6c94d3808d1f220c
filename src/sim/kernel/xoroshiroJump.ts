/**
 * xoroshiro128+ moved on by any number of draws in a few table reads (issue #16, session 29).
 *
 * A draw changes the 128-bit state by xors and shifts only: a linear map over GF(2). So n draws are
 * that map's n-th power, applied as the powers of two n is made of. Power 2^i is kept as 32 tables,
 * one per 4 bits of the state, of the 16 images those 4 bits can contribute: applying it is 32
 * reads and xors of four words (about 450 instructions), where stepping costs about 50 a draw. A
 * stream record's eventID draws are owed this way (`Xoroshiro128Plus.skip`) and made when the ids
 * stream is next read, at most once per shard chunk of 1,024 records.
 *
 * The tables are built when first needed (one power from the one below it: 8 KB each), the same
 * in every run: a function of the generator only.
 *
 * May import: nothing.
 */

const NIBBLES = 32;
/** Int32s of one power's tables: 32 nibbles × 16 values × 4 words. */
const TABLE_SIZE = NIBBLES * 16 * 4;
/** Below this many draws, stepping is cheaper than the tables. */
const STEP_BELOW = 32;
/** The most draws jumped at once, 2^30 (more are jumped in parts): each part an int32's bits. */
const TOP_BIT = 30;
const MAX_PART = 1 << TOP_BIT;

/** One draw's change of the state, in place (pure-rand's order: s01, s00, s11, s10). */
export function stepState(s: Int32Array): void {
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

/** `powers[i]`: the tables of 2^i draws. */
const powers: Int32Array[] = [];

/** Applies the map whose tables are `t` to the state `s`, in place. */
function applyTables(t: Int32Array, s: Int32Array): void {
  let r0 = 0;
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  for (let w = 0; w < NIBBLES; w++) {
    const at = (w * 16 + ((s[w >>> 3]! >>> ((w & 7) * 4)) & 15)) * 4;
    r0 ^= t[at]!;
    r1 ^= t[at + 1]!;
    r2 ^= t[at + 2]!;
    r3 ^= t[at + 3]!;
  }
  s[0] = r0;
  s[1] = r1;
  s[2] = r2;
  s[3] = r3;
}

/** The tables of 2^i draws: each state bit's image (by stepping for 2^0, else by the power below twice), combined by nibble. */
function power(i: number): Int32Array {
  let t = powers[i];
  if (t !== undefined) return t;
  const below = i > 0 ? power(i - 1) : undefined;
  const columns = new Int32Array(128 * 4);
  const x = new Int32Array(4);
  for (let j = 0; j < 128; j++) {
    x.fill(0);
    x[j >>> 5] = 1 << (j & 31);
    if (below === undefined) stepState(x);
    else {
      applyTables(below, x);
      applyTables(below, x);
    }
    columns.set(x, j * 4);
  }
  t = new Int32Array(TABLE_SIZE);
  for (let w = 0; w < NIBBLES; w++) {
    for (let v = 1; v < 16; v++) {
      const low = v & -v;
      const from = (w * 16 + (v ^ low)) * 4;
      const column = (w * 4 + 31 - Math.clz32(low)) * 4;
      const at = (w * 16 + v) * 4;
      for (let k = 0; k < 4; k++) t[at + k] = t[from + k]! ^ columns[column + k]!;
    }
  }
  powers[i] = t;
  return t;
}

/** Moves the state `s` on by `n` draws (a non-negative integer), in place. */
export function advanceState(s: Int32Array, n: number): void {
  if (n < STEP_BELOW) {
    for (let k = 0; k < n; k++) stepState(s);
    return;
  }
  let left = n;
  while (left > 0) {
    const part = left > MAX_PART ? MAX_PART : left;
    for (let i = 0; i <= TOP_BIT; i++) if (((part >>> i) & 1) === 1) applyTables(power(i), s);
    left -= part;
  }
}
