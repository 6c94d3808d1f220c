// Each narration step frames its moment (#20.6): zoom in only as far as the records near the stop
// need to stand apart; a moment already legible changes nothing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frameForMoment } from './stepFraming.ts';

const whole = { fromMs: 0, toMs: 120_000 };

describe('a narration step framing its moment', () => {
  it('leaves a sparse moment as it is', () => {
    const t = Float64Array.from([4_000, 12_000, 19_000, 28_000, 36_000, 53_000]);
    expect(frameForMoment(t, new Uint16Array(6), 53_010, whole, 900, 120_000)).toBeNull();
  });

  it('zooms a dense moment until its records stand apart, the stop in view', () => {
    // Forty records 100 ms apart on one shard, just before the stop at 30 s.
    const t = Float64Array.from({ length: 40 }, (_, i) => 26_000 + i * 100);
    const v = frameForMoment(t, new Uint16Array(40), 30_000, whole, 900, 120_000)!;
    expect(v).not.toBeNull();
    const pxPerMs = 900 / (v.toMs - v.fromMs);
    expect(100 * pxPerMs).toBeGreaterThanOrEqual(20);
    expect(v.fromMs).toBeLessThan(30_000);
    expect(v.toMs).toBeGreaterThan(30_000);
  });

  it('never frames narrower than two seconds', () => {
    const t = Float64Array.from([10_000, 10_001, 10_002]);
    const v = frameForMoment(t, new Uint16Array(3), 10_002, whole, 900, 120_000)!;
    expect(v.toMs - v.fromMs).toBeGreaterThanOrEqual(2_000);
  });

  it('frames a moment packed into a corner of the view: one record per shard in the first second of 45', () => {
    const t = Float64Array.from([1_000, 1_000]);
    const v = frameForMoment(t, Uint16Array.from([0, 1]), 1_350, { fromMs: 0, toMs: 45_000 }, 900, 45_000)!;
    expect(v).not.toBeNull();
    expect(v.fromMs).toBeLessThanOrEqual(1_000);
    expect(v.toMs).toBeGreaterThan(1_350);
    expect(v.toMs - v.fromMs).toBeGreaterThanOrEqual(3_000);
    expect(v.toMs - v.fromMs).toBeLessThan(45_000 * 0.2);
  });

  it('leaves a lone record where it is, even in a corner', () => {
    expect(frameForMoment(Float64Array.from([4_000]), Uint16Array.from([3]), 4_000, whole, 900, 120_000)).toBeNull();
  });

  it('leaves a moment that fills a tenth of the view or more', () => {
    const t = Float64Array.from([2_000, 8_000]);
    expect(frameForMoment(t, Uint16Array.from([0, 1]), 8_000, { fromMs: 0, toMs: 60_000 }, 900, 60_000)).toBeNull();
  });

  it('any window it frames holds the stop and the records just before it, inside the run', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 1_000, max: 600_000 }),
        (recs, stopAt, duration) => {
          recs.sort((a, b) => a[0] - b[0]);
          const durationMs = Math.max(duration, stopAt, recs.at(-1)![0]) + 1;
          const t = Float64Array.from(recs.map((r) => r[0]));
          const lane = Uint16Array.from(recs.map((r) => r[1]));
          const v = frameForMoment(t, lane, stopAt, { fromMs: 0, toMs: durationMs }, 900, durationMs);
          if (!v) return;
          expect(v.fromMs).toBeGreaterThanOrEqual(0);
          expect(v.toMs).toBeLessThanOrEqual(durationMs);
          expect(v.fromMs).toBeLessThanOrEqual(stopAt);
          expect(v.toMs).toBeGreaterThanOrEqual(stopAt);
          expect(v.toMs - v.fromMs).toBeLessThan(durationMs);
        },
      ),
    );
  });
});
