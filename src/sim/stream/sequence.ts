/**
 * Sequence numbers without BigInt on the hot path.
 *
 * A stream's sequence numbers are 27-digit decimals (reference §4), too wide for one double. They
 * are held as two exact integer limbs: `hi · 10^14 + lo`, with 0 ≤ lo < 10^14 and hi < 2^53, so
 * adding a gap (< 10^10) is two additions and a carry, comparing is two comparisons, and the
 * decimal text is the two limbs side by side. BigInt stays at the edges, where a caller hands in a
 * sequence number as text (GetShardIterator's AT/AFTER_SEQUENCE_NUMBER, a consumer's checkpoint).
 */

/** The base of the low limb: 10^14 keeps both limbs exact doubles for every 27-digit number. */
export const SEQUENCE_LIMB = 100_000_000_000_000;
const SEQUENCE_LIMB_BIG = 100_000_000_000_000n;
const LO_DIGITS = 14;

/** A sequence number as two limbs; mutable only while it is the world's counter. */
export interface SequenceLimbs {
  hi: number;
  lo: number;
}

/** The first sequence number of a world: 10^26 + k · 10^12 (k from the seeded sequence stream). */
export function firstSequence(k: number): SequenceLimbs {
  // 10^26 = 10^12 · 10^14; k · 10^12 = ⌊k / 100⌋ · 10^14 + (k mod 100) · 10^12.
  return { hi: 1_000_000_000_000 + Math.floor(k / 100), lo: (k % 100) * 1_000_000_000_000 };
}

/** Adds `gap` (a whole number below 10^14) to `s` in place. */
export function addToSequence(s: SequenceLimbs, gap: number): void {
  let lo = s.lo + gap;
  if (lo >= SEQUENCE_LIMB) {
    lo -= SEQUENCE_LIMB;
    s.hi += 1;
  }
  s.lo = lo;
}

/** The decimal text AWS shows: the high limb, then the low limb padded to 14 digits. */
export function sequenceText(hi: number, lo: number): string {
  if (hi === 0) return String(lo);
  return String(hi) + String(lo).padStart(LO_DIGITS, '0');
}

/** The limbs of a non-negative BigInt (a high limb beyond 2^53 rounds, which keeps the order). */
export function sequenceLimbsOf(seq: bigint): SequenceLimbs {
  return { hi: Number(seq / SEQUENCE_LIMB_BIG), lo: Number(seq % SEQUENCE_LIMB_BIG) };
}

/** The BigInt of two limbs (for the shard's range, kept as BigInt off the hot path). */
export function sequenceBigInt(hi: number, lo: number): bigint {
  return BigInt(hi) * SEQUENCE_LIMB_BIG + BigInt(lo);
}

/** −1, 0 or 1 as (aHi, aLo) is below, equal to or above (bHi, bLo). */
export function compareSequence(aHi: number, aLo: number, bHi: number, bLo: number): number {
  if (aHi !== bHi) return aHi < bHi ? -1 : 1;
  return aLo === bLo ? 0 : aLo < bLo ? -1 : 1;
}
