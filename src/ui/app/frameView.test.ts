/**
 * The stream panel's record views are reused per loaded run. The compare view shows two runs from
 * two worker hosts at once, whose run ids both start at 1: views must never cross from one run to
 * the other, however the two sides alternate.
 */
import { describe, expect, it } from 'vitest';
import { createHost } from '../../worker/host.ts';
import { createFrameStore } from '../../worker/frameStore.ts';
import { frameToView } from './frameView.ts';

async function side(id: string) {
  const host = createHost();
  const run = await host.load(id);
  const frame = createFrameStore().fill(await host.frame({ atMs: run.durationMs }));
  // What each of the run's records is, read from the columns themselves.
  const truth = new Set(Array.from(frame.records.t, (_, k) => `${frame.sequenceNumbers[k]} ${run.keys[frame.records.key[k]!]}`));
  return { run, frame, truth };
}

const keysOf = (view: ReturnType<typeof frameToView>) => view.streams.flatMap((s) => s.shards.flatMap((sh) => sh.records.map((r) => `${r.sequenceNumber} ${r.keySummary}`)));

describe('frameToView', () => {
  it('keeps each run its own record views when two runs with the same run id alternate', async () => {
    const left = await side('voting-booth');
    const right = await side('global-tables-lww');
    expect(left.frame.runId).toBe(right.frame.runId);
    for (let round = 0; round < 3; round++) {
      for (const s of [left, right]) {
        const keys = keysOf(frameToView(s.frame, s.run, null));
        expect(keys.length).toBeGreaterThan(0);
        for (const k of keys) expect(s.truth).toContain(k);
      }
    }
  });

  it('returns the same record view objects for the same run and frame, so memoised rows do not re-render', async () => {
    const { run, frame } = await side('voting-booth');
    const a = frameToView(frame, run, null).streams[0]!.shards.flatMap((s) => s.records);
    const b = frameToView(frame, run, null).streams[0]!.shards.flatMap((s) => s.records);
    expect(a.length).toBeGreaterThan(0);
    b.forEach((r, i) => expect(r).toBe(a[i]));
  });
});
