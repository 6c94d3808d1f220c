// A run answered before its end (issue 13.5's first paint, issue 19's intervention at the playhead):
// the host answers as soon as the run is computed past the playhead, with `computedMs`; frames up
// to there are the complete run's; the rest is computed after, and `settled()` gives the whole run
// (same runId, the recompute's hash). A newer request still replaces it cleanly.
import { describe, expect, it } from 'vitest';
import { defaultScenarioId } from '../scenarios/galleryIndex.ts';
import { createHost } from './host.ts';
import type { Frame, FrameRequest, SimApi } from './protocol.ts';

/** Slices wait for `release()`: the test decides when the rest of a run is computed. */
function gatedYield() {
  const waiting: Array<() => void> = [];
  return {
    yieldSlice: () => new Promise<void>((resolve) => waiting.push(resolve)),
    release(): void {
      for (const resolve of waiting.splice(0)) resolve();
    },
    /** Lets every slice through until `promise` settles. */
    async drain<T>(promise: Promise<T>): Promise<T> {
      let done = false;
      const out = promise.finally(() => (done = true));
      while (!done) {
        this.release();
        await new Promise((r) => setTimeout(r, 0));
      }
      return out;
    },
  };
}

const comparable = (f: Frame) => ({ ...f, runId: 0 });

async function frameOf(host: SimApi, request: FrameRequest): Promise<Frame> {
  return comparable(await host.frame(request));
}

describe('a run answered before its end', () => {
  it('answers the first slice of a load, then the whole run under the same id', { timeout: 60_000 }, async () => {
    const gate = gatedYield();
    const host = createHost({ yieldSlice: gate.yieldSlice });
    const early = await host.load(defaultScenarioId, { answerAtMs: 0 });
    expect(early.computedMs).toBeGreaterThanOrEqual(0);
    expect(early.computedMs!).toBeLessThan(early.durationMs);
    expect(early.traceHash).toBe('');

    const whole = await createHost({ yieldSlice: async () => undefined }).load(defaultScenarioId);
    expect(whole.computedMs).toBeUndefined();
    // Up to where it is computed, the early run is the whole run (but for the hints of the next
    // record and the next change, which may not be computed yet: an early run's next change is at
    // most its edge); past it, the frame waits at its edge.
    const request = { atMs: early.computedMs!, fromMs: 0, toMs: early.computedMs! };
    const wholeHost = createHost({ yieldSlice: async () => undefined });
    await wholeHost.load(defaultScenarioId);
    const { nextRecord: _next, nextChangeMs: wholeNext, ...expected } = await frameOf(wholeHost, request);
    const { nextChangeMs: earlyNext, ...answered } = await frameOf(host, request);
    expect(answered).toEqual(expected);
    expect(earlyNext).toBe(Math.min(wholeNext ?? Infinity, early.computedMs!));
    expect((await host.frame({ atMs: early.durationMs })).atMs).toBe(early.computedMs);

    const settled = await gate.drain(host.settled());
    expect(settled.runId).toBe(early.runId);
    expect(settled.computedMs).toBeUndefined();
    expect(settled.traceHash).toBe(whole.traceHash);
    expect(settled.eventCount).toBe(whole.eventCount);
    expect(settled.narrationStops).toEqual(whole.narrationStops);
    for (const atMs of [whole.durationMs, 53_110, 80_400, 20_000]) {
      const at = { atMs, fromMs: Math.max(0, atMs - 30_000), toMs: atMs };
      expect(await frameOf(host, at), `at ${atMs} ms`).toEqual(await frameOf(wholeHost, at));
    }
  });

  it('answers an intervention once the run is past it; a second one replaces the first cleanly', { timeout: 60_000 }, async () => {
    const gate = gatedYield();
    const host = createHost({ yieldSlice: gate.yieldSlice });
    await gate.drain(host.load(defaultScenarioId));
    const crash = { at: 20_000, kind: 'split-shard' as const, target: 'Votes' };
    const early = await gate.drain(host.intervene(crash));
    if (early.computedMs !== undefined) expect(early.computedMs).toBeGreaterThanOrEqual(crash.at);
    // Another intervention before the first run is complete: the host forks from what it has.
    const later = { at: 40_000, kind: 'split-shard' as const, target: 'Votes' };
    await gate.drain(host.intervene(later));
    const settled = await gate.drain(host.settled());
    const recomputed = await createHost({ yieldSlice: async () => undefined, forks: false }).load(defaultScenarioId, { interventions: [crash, later] });
    expect(settled.traceHash).toBe(recomputed.traceHash);
    expect(settled.interventions).toEqual([crash, later]);
    expect(await gate.drain(host.traceHash())).toBe(recomputed.traceHash);
    // Undo lands on the first intervention's whole run.
    const undone = await gate.drain(host.undo());
    const once = await createHost({ yieldSlice: async () => undefined, forks: false }).load(defaultScenarioId, { interventions: [crash] });
    expect((await gate.drain(host.settled())).traceHash).toBe(once.traceHash);
    expect(undone.interventions).toEqual([crash]);
  });
});
