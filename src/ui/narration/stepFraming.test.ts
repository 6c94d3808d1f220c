// Each narration step frames its moment (#20.6): zoom in only as far as the records near the stop
// need to stand apart; a moment already legible changes nothing.
import { describe, expect, it } from 'vitest';
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
});
