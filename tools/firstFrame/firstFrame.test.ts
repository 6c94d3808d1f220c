// The build-time first view (issue 13.5) against the worker: it must be what the app's first
// frame of the default scenario shows — the same lanes, lease holders, consumers and marks.
import { describe, expect, it } from 'vitest';
import { defaultScenarioId } from '../../src/scenarios/galleryIndex.ts';
import { createHost } from '../../src/worker/host.ts';
import { shortShardId } from '../../src/ui/panels/format.ts';
import { computeFirstFrame, FIRST_VIEW_AT_MS } from './firstFrameData.ts';
import { escapeHtml, firstFrameHtml } from './firstFrameHtml.ts';

describe('the first frame asset', async () => {
  const data = await computeFirstFrame();
  // The frame the app asks for when it opens the default scenario: the playhead at 0, the whole run in view.
  const host = createHost();
  const run = await host.load(defaultScenarioId);
  const frame = await host.frame({ atMs: FIRST_VIEW_AT_MS, fromMs: 0, toMs: run.durationMs });

  it('is the default scenario, titled as the run is', () => {
    expect(data.scenarioId).toBe(defaultScenarioId);
    expect(data.title).toBe(run.title);
    expect(data.durationMs).toBe(run.durationMs);
    expect(data.calloutText.startsWith(run.summary)).toBe(true);
  });

  it("has one lane per shard of the worker's frame, with its status and lease holder", () => {
    expect(data.shards.map((s) => s.label).sort()).toEqual(frame.lanes.map((l) => `Shard ${shortShardId(l.shardId)}`).sort());
    for (const lane of frame.lanes) {
      const row = data.shards.find((s) => s.label === `Shard ${shortShardId(lane.shardId)}`)!;
      expect(row.detail.startsWith(lane.status)).toBe(true);
      expect(row.holder).toBe(frame.consumerLanes.find((c) => c.lane === frame.lanes.indexOf(lane))?.leaseHolder ?? '');
    }
    // Lanes stack downwards without overlapping.
    data.shards.forEach((s, i) => i > 0 && expect(s.y).toBeGreaterThanOrEqual(data.shards[i - 1]!.y + data.shards[i - 1]!.h));
  });

  it("names the run's consumers and has the frame's marks (none have happened at time 0)", () => {
    expect(data.consumers.map((c) => c.id)).toEqual(run.consumers);
    expect(data.marks).toHaveLength(frame.marks.t.length);
    expect(data.veilFrac).toBe(0);
  });

  it('changes with the simulation: a frame later in the run has its marks', async () => {
    const { firstFrameFrom } = await import('./firstFrameData.ts');
    const later = firstFrameFrom(run, await host.frame({ atMs: run.durationMs, fromMs: 0, toMs: run.durationMs }));
    expect(later.marks.length).toBeGreaterThan(0);
    expect(later.marks.every(([f, row]) => f >= 0 && f <= 1 && row >= 0 && row < later.shards.length)).toBe(true);
  });

  it('is small, and HTML the Content-Security-Policy allows (no inline style or script)', () => {
    const html = firstFrameHtml(data);
    expect(html).not.toMatch(/<script|style=|on[a-z]+=/i);
    expect(html).toContain(escapeHtml(run.title));
    expect(new TextEncoder().encode(html).length).toBeLessThan(12_000);
  });

  it('escapes text', () => {
    expect(firstFrameHtml({ ...data, title: '<img src=x onerror=alert(1)>' })).not.toContain('<img');
  });
});
