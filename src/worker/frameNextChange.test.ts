/**
 * `Frame.nextChangeMs`: the client stops asking for frames while the playhead moves between facts,
 * so a frame's data must be the same at every playhead in `[atMs, nextChangeMs)` — and change at
 * `nextChangeMs`, else the client would skip a frame that shows something new.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScenarioId } from '../scenarios/catalogue.ts';
import { createHost } from './host.ts';
import type { Frame } from './protocol.ts';

/** A frame without what names the playhead itself. */
function data(f: Frame): unknown {
  const { atMs: _at, window: _w, nextChangeMs: _n, ...rest } = f;
  return rest;
}

describe('frame.nextChangeMs', () => {
  it('is the first fact after the playhead: the same data up to it, and new data at it', async () => {
    const host = createHost();
    const run = await host.load(defaultScenarioId);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: run.durationMs }), fc.double({ min: 0, max: 0.999, noNaN: true }), async (atMs, part) => {
        const here = await host.frame({ atMs });
        const next = here.nextChangeMs!;
        expect(next).toBeGreaterThan(atMs);
        if (!Number.isFinite(next)) {
          expect(data(await host.frame({ atMs: run.durationMs }))).toEqual(data(here));
          return;
        }
        const between = atMs + (next - atMs) * part;
        const later = await host.frame({ atMs: between });
        expect(data(later)).toEqual(data(here));
        expect(later.nextChangeMs).toBe(next);
        const at = await host.frame({ atMs: next });
        expect(at.factCount).toBeGreaterThan(here.factCount);
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it('holds with a window and a selected record as well', async () => {
    const host = createHost();
    const run = await host.load(defaultScenarioId);
    const whole = await host.frame({ atMs: run.durationMs });
    const sel = { shardId: whole.lanes[0]!.shardId, sequenceNumber: whole.sequenceChunk.values[0]! };
    for (const atMs of [5_000, 20_000, 47_500, 80_000]) {
      const request = { fromMs: atMs - 10_000, toMs: atMs + 10_000, selected: sel };
      const here = await host.frame({ atMs, ...request });
      const next = here.nextChangeMs!;
      if (!Number.isFinite(next)) continue;
      expect(data(await host.frame({ atMs: (atMs + next) / 2, ...request }))).toEqual(data(here));
    }
  });
});
