/**
 * Tick positions for an axis of simulated milliseconds at steps a clock reader expects: 1, 2, 5,
 * 10, 15 and 30 seconds, then 1, 2, 5, 10, 15 and 30 minutes, then hours. d3's linear ticks step by
 * 1, 2 and 5 × 10ⁿ ms, which on a 15-minute axis gives 50 s and 100 s ticks (0:50, 1:40, 2:30…).
 * Below a second the decimal steps are the natural ones and are kept.
 *
 * Pure. May import: nothing. May not import: React, d3, DOM globals.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Allowed steps, ascending. */
export const TICK_STEPS_MS: readonly number[] = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR,
];

/** How many ticks an axis `widthPx` wide may carry: one per 90 px, at least two (the live axis and the build-time picture agree). */
export function tickCountFor(widthPx: number): number {
  return Math.max(2, Math.floor(widthPx / 90));
}

/** The smallest allowed step that puts at most `maxCount` ticks on [fromMs, toMs]. */
export function tickStepMs(fromMs: number, toMs: number, maxCount: number): number {
  const span = Math.abs(toMs - fromMs);
  const want = span / Math.max(1, maxCount);
  for (const step of TICK_STEPS_MS) if (step >= want) return step;
  return Math.ceil(want / (24 * HOUR)) * 24 * HOUR;
}

/** Tick values on [fromMs, toMs]: whole multiples of the step, in order. */
export function timeTicks(fromMs: number, toMs: number, maxCount: number): number[] {
  const a = Math.min(fromMs, toMs);
  const b = Math.max(fromMs, toMs);
  if (!(b > a) || !Number.isFinite(a) || !Number.isFinite(b)) return Number.isFinite(a) ? [a] : [];
  const step = tickStepMs(a, b, maxCount);
  const out: number[] = [];
  // Integer multiples (k × step), so no float drift accumulates along a long axis.
  for (let k = Math.ceil(a / step); k * step <= b; k++) out.push(k * step);
  return out;
}
