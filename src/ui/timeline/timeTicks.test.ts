import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTick } from './Axis.tsx';
import { tickStepMs, timeTicks, TICK_STEPS_MS } from './timeTicks.ts';

describe('axis ticks at clock steps', () => {
  it('a 15-minute axis 1200 px wide ticks every minute or two, not every 50 s', () => {
    const ticks = timeTicks(0, 15 * 60_000, Math.floor(1200 / 90));
    expect(ticks[1]! - ticks[0]!).toBe(120_000);
    expect(ticks.map((t) => formatTick(t, 15 * 60_000)).slice(0, 4)).toEqual(['0 s', '2:00', '4:00', '6:00']);
  });
  it('past an hour a tick reads as the clock does (h:mm:ss), not as minutes over 60', () => {
    const span = 5.7 * 3_600_000;
    const ticks = timeTicks(0, span, Math.floor(600 / 90));
    expect(ticks.map((t) => formatTick(t, span))).toEqual(['0 s', '1:00:00', '2:00:00', '3:00:00', '4:00:00', '5:00:00']);
    expect(formatTick(3_600_000 + 30 * 60_000 + 5_000, 4 * 3_600_000)).toBe('1:30:05');
    expect(formatTick(59 * 60_000, 4 * 3_600_000)).toBe('59:00');
  });
  it('a 2-minute axis ticks every 10 or 15 s; a zoom below a second keeps decimal steps', () => {
    expect(tickStepMs(0, 120_000, 13)).toBe(10_000);
    expect(tickStepMs(0, 150_000, 13)).toBe(15_000);
    expect(tickStepMs(1000, 1800, 8)).toBe(100);
  });
  it('any window: ticks are allowed multiples, inside the window, at most the count asked for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 3_600_000 }), fc.integer({ min: 1, max: 10 * 3_600_000 }), fc.integer({ min: 2, max: 30 }), (from, span, count) => {
        const ticks = timeTicks(from, from + span, count);
        const step = tickStepMs(from, from + span, count);
        expect(TICK_STEPS_MS.includes(step) || step % 86_400_000 === 0).toBe(true);
        expect(ticks.length).toBeLessThanOrEqual(count + 1);
        for (const t of ticks) {
          expect(t % step).toBe(0);
          expect(t >= from && t <= from + span).toBe(true);
        }
      }),
    );
  });
});
