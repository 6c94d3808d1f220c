/**
 * Only the tail (issue 16.2): after any sequence of frames — playing forward, seeking either way,
 * zooming and panning — the client's column store gives each frame the same records, marks and batches as a
 * frame asked for from scratch, while playing forward sends only what was appended.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { votingBooth } from '../scenarios/votingBooth.ts';
import type { ScenarioV1 } from '../scenarios/schema.ts';
import { createFrameStore } from './frameStore.ts';
import { createHost } from './host.ts';
import { MAX_FRAME_RECORDS } from './columns.ts';
import type { Frame, FrameRequest } from './protocol.ts';

type Host = ReturnType<typeof createHost>;

/** The voting booth with more records than a frame holds, so the window's start slides too. */
function busyBooth(): ScenarioV1 {
  const { narration: _n, lesson: _l, interventions: _i, ...rest } = votingBooth as ScenarioV1;
  return {
    ...rest,
    id: 'busy-booth',
    writes: [],
    durationMs: 40_000,
    traffic: [{ table: 'Votes', fromMs: 1_000, toMs: 31_000, ratePerSecond: 320, keys: { attribute: 'voterId', prefix: 'v-', count: 3_000 }, mix: { put: 3, update: 1, delete: 1 }, attributes: { candidate: ['Otter', 'Heron'] } }],
  };
}

const columnsOf = (f: Frame) => ({
  recordFrom: f.recordFrom,
  records: { ...f.records },
  marks: { ...f.marks },
  batches: { ...f.batches },
  // The older records' counts, held by the store while they stay the same (olderCounts.ts).
  older: f.olderCounts && { ...f.olderCounts, key: undefined },
  olderHeld: f.olderCountsHeld,
});

/** A step of the user's: play on a little, seek anywhere, or zoom/pan the window. */
const step = (durationMs: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('play' as const), ms: fc.integer({ min: 0, max: 700 }) }),
    fc.record({ kind: fc.constant('seek' as const), at: fc.integer({ min: 0, max: durationMs }) }),
    fc.record({ kind: fc.constant('zoom' as const), from: fc.integer({ min: 0, max: durationMs }), span: fc.integer({ min: 1, max: durationMs }) }),
    fc.record({ kind: fc.constant('whole' as const) }),
  );

type Step = { kind: string; ms?: number; at?: number; from?: number; span?: number };

async function check(host: Host, durationMs: number, steps: Step[]): Promise<void> {
  const store = createFrameStore();
  let request: FrameRequest = { atMs: 0 };
  for (const s of steps) {
    if (s.kind === 'play') request = { ...request, atMs: Math.min(durationMs, request.atMs + s.ms!) };
    else if (s.kind === 'seek') request = { ...request, atMs: s.at! };
    else if (s.kind === 'zoom') request = { ...request, fromMs: s.from!, toMs: s.from! + s.span! };
    else request = { atMs: request.atMs };
    const filled = store.fill(await host.frame({ ...request, ...store.known() }));
    const whole = await host.frame(request);
    expect(columnsOf(filled)).toEqual(columnsOf(whole));
  }
}

describe('frames send only the tail', () => {
  let host: Host;
  let durationMs: number;
  beforeAll(async () => {
    host = createHost();
    durationMs = (await host.load({ inline: busyBooth() })).durationMs;
  }, 60_000);

  it('gives every frame the whole window after any plays, seeks and zooms', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step(durationMs), { minLength: 1, maxLength: 12 }), (steps) => check(host, durationMs, steps)),
      { numRuns: 10 },
    );
  }, 120_000);

  it('holds on a scenario with redeliveries, crashes and trimming', async () => {
    for (const id of ['voting-naive-crash', 'trim-horizon', 'kcl-failover']) {
      const other = createHost();
      const d = (await other.load(id)).durationMs;
      await fc.assert(fc.asyncProperty(fc.array(step(d), { minLength: 1, maxLength: 10 }), (steps) => check(other, d, steps)), { numRuns: 10 });
    }
  }, 120_000);

  it('sends only the records appended since the last frame while playing forward', async () => {
    const store = createFrameStore();
    store.fill(await host.frame({ atMs: 10_000 }));
    const wire = await host.frame({ atMs: 10_500, ...store.known() });
    const whole = await host.frame({ atMs: 10_500 });
    expect(whole.records.t.length).toBeGreaterThan(1_000);
    // About 300 records a second of traffic: half a second's worth, not the window.
    expect(wire.records.t.length).toBeLessThan(300);
    expect(wire.recordTail).toMatchObject({ to: whole.recordFrom + whole.records.t.length });
    expect(store.fill(wire).records).toEqual(whole.records);
    // The same playhead again: nothing at all.
    const again = await host.frame({ atMs: 10_500, ...store.known() });
    expect(again.records.t.length).toBe(0);
    expect(again.marks.t.length).toBe(0);
    expect(again.recordTail?.changed.index.length).toBe(0);
    expect(again.batches.t0.length).toBe(0);
  });

  it('keeps the newest MAX_FRAME_RECORDS and the rest of their slice as the window slides, the older ones as counts', async () => {
    const store = createFrameStore();
    store.fill(await host.frame({ atMs: 30_000 }));
    const f = store.fill(await host.frame({ atMs: 31_000, ...store.known() }));
    const whole = await host.frame({ atMs: 31_000 });
    expect(f.records).toEqual(whole.records);
    // The cut is on one of 512 slices of the 40 s window: at 320 records a second, under 30 of them more.
    expect(f.records.t.length).toBeGreaterThanOrEqual(MAX_FRAME_RECORDS);
    expect(f.records.t.length).toBeLessThan(MAX_FRAME_RECORDS + 30);
    expect(f.olderCounts?.total).toBe(f.recordsOmitted);
    expect(f.recordsOmitted).toBeGreaterThan(0);
    // The same counts again: the wire says so instead of sending them; the store puts them back.
    const wire = await host.frame({ atMs: 31_000, ...store.known() });
    expect(wire.olderCountsHeld).toBe(true);
    expect(wire.olderCounts).toBeUndefined();
    expect(store.fill(wire).olderCounts?.counts).toEqual(whole.olderCounts?.counts);
  });
});
