import { describe, expect, it } from 'vitest';
import type { LaneView } from '../../worker/protocol.ts';
import { drawMarks, type MarksFrame } from './drawMarks.ts';
import { layoutTimeline, lineageOrder, SHARD_ROW_HEIGHT, subRowLabel } from './lanes.ts';
import { bucketRecords, chooseMode, hitRecord, linearOf } from './lod.ts';
import { clampViewport, fitViewport, followPlayhead, MIN_SPAN_MS, momentViewport, panViewport, timeScale, zoomAroundPlayhead, zoomViewport } from './scales.ts';
import { SvgRecorder } from './svgRecorder.ts';

const lane = (shardId: string, parentShardId?: string, closedAtMs?: number): LaneView => ({
  shardId,
  streamArn: 'arn',
  partition: 0,
  openedAtMs: parentShardId ? 50 : 0,
  status: closedAtMs === undefined ? 'open' : 'closed',
  ...(parentShardId ? { parentShardId } : {}),
  ...(closedAtMs !== undefined ? { closedAtMs } : {}),
});

describe('scales', () => {
  it('maps the viewport onto the plot', () => {
    const s = timeScale({ fromMs: 0, toMs: 1000 }, 100, 1100);
    expect(s(500)).toBe(600);
    expect(linearOf(s)).toEqual({ k: 1, b: 100 });
  });
  it('zooms around a point, never below the minimum span nor outside the run', () => {
    const v = zoomViewport(fitViewport(10_000), 2, 2_500, 10_000);
    expect(v).toEqual({ fromMs: 1_250, toMs: 6_250 });
    expect(zoomViewport(v, 1e6, 3_000, 10_000).toMs - zoomViewport(v, 1e6, 3_000, 10_000).fromMs).toBe(MIN_SPAN_MS);
    expect(zoomViewport(v, 0.001, 3_000, 10_000)).toEqual({ fromMs: 0, toMs: 10_000 });
    expect(panViewport({ fromMs: 0, toMs: 1000 }, -500, 10_000)).toEqual({ fromMs: 0, toMs: 1000 });
    expect(panViewport({ fromMs: 0, toMs: 1000 }, 9_500, 10_000)).toEqual({ fromMs: 9_000, toMs: 10_000 });
    expect(clampViewport({ fromMs: 5, toMs: 5 }, 10_000).toMs).toBe(5 + MIN_SPAN_MS);
  });
  it('follows the playhead when it leaves the window', () => {
    const v = { fromMs: 0, toMs: 1000 };
    expect(followPlayhead(v, 500, 10_000)).toBe(v);
    expect(followPlayhead(v, 1_500, 10_000)).toEqual({ fromMs: 1_400, toMs: 2_400 });
  });
});

describe('lanes', () => {
  it('orders shards by lineage: children right under their parent, indented', () => {
    const lanes = [lane('a', undefined, 50), lane('b'), lane('a1', 'a'), lane('a2', 'a')];
    expect(lineageOrder(lanes)).toEqual([
      { lane: 0, depth: 0 },
      { lane: 2, depth: 1 },
      { lane: 3, depth: 1 },
      { lane: 1, depth: 0 },
    ]);
    const layout = layoutTimeline(lanes, ['counter'], 1000);
    expect(layout.shards.map((s) => s.shardId)).toEqual(['a', 'a1', 'a2', 'b']);
    expect(layout.rowOfLane[1]).toBe(3);
    expect(layout.brackets).toEqual([{ atMs: 50, parentY: layout.shards[0]!.y + SHARD_ROW_HEIGHT / 2, childYs: [layout.shards[1]!.y + SHARD_ROW_HEIGHT / 2, layout.shards[2]!.y + SHARD_ROW_HEIGHT / 2] }]);
    expect(layout.consumers[0]!.y).toBeGreaterThan(layout.shards[3]!.y);
    expect(layoutTimeline(lanes, ['counter'], 1000)).toBe(layout);
  });
  it('groups shards by Region when a global table has replicas, and names the Region of each', () => {
    const arn = (region: string) => `arn:aws:dynamodb:${region}:123456789012:table/Votes/stream/x`;
    const lanes = [
      { ...lane('us-a', undefined, 50), streamArn: arn('us-east-1') },
      { ...lane('eu-a', undefined, 50), streamArn: arn('eu-west-1') },
      { ...lane('us-a1', 'us-a'), streamArn: arn('us-east-1') },
      { ...lane('eu-a1', 'eu-a'), streamArn: arn('eu-west-1') },
    ];
    const layout = layoutTimeline(lanes, ['counter'], 1000);
    expect(layout.shards.map((s) => [s.shardId, s.region])).toEqual([
      ['us-a', 'us-east-1'],
      ['us-a1', 'us-east-1'],
      ['eu-a', 'eu-west-1'],
      ['eu-a1', 'eu-west-1'],
    ]);
    expect(layoutTimeline([lane('a')], [], 1000).shards[0]).not.toHaveProperty('region');
  });
});

describe('level of detail', () => {
  const lin = { k: 1, b: 0 };
  it('keeps at most one chip per pixel per lane, counting the rest', () => {
    const t = Float64Array.from([10, 10.2, 10.4, 50, 10.1]);
    const laneCol = Uint16Array.from([0, 0, 0, 0, 1]);
    const m = bucketRecords(t, laneCol, 5, lin, 0, 1000, 2, 'chips');
    expect(m.n).toBe(3);
    expect([...m.count.slice(0, 3)]).toEqual([3, 1, 1]);
    expect(m.last[0]).toBe(2);
  });
  it('switches to counts per bucket when chips would overlap', () => {
    const n = 1000;
    const t = Float64Array.from({ length: n }, (_, i) => i / 2);
    const laneCol = new Uint16Array(n);
    expect(chooseMode(t, laneCol, n, lin, 0, 1000, 1)).toBe('counts');
    const m = bucketRecords(t, laneCol, n, lin, 0, 1000, 1);
    expect(m.mode).toBe('counts');
    expect(m.n).toBe(125);
    expect(m.count.slice(0, m.n).reduce((a, b) => a + b, 0)).toBe(n);
    expect(chooseMode(Float64Array.from([1, 500]), Uint16Array.from([0, 0]), 2, lin, 0, 1000, 1)).toBe('chips');
  });
  it('hits the nearest record on the lane under the pointer', () => {
    const t = Float64Array.from([100, 105, 300]);
    const laneCol = Uint16Array.from([0, 1, 0]);
    const laneAtY = (y: number) => (y < 40 ? 0 : y < 80 ? 1 : -1);
    expect(hitRecord(t, laneCol, 3, lin, laneAtY, 103, 20)).toBe(0);
    expect(hitRecord(t, laneCol, 3, lin, laneAtY, 103, 60)).toBe(1);
    expect(hitRecord(t, laneCol, 3, lin, laneAtY, 200, 20)).toBe(-1);
    expect(hitRecord(t, laneCol, 3, lin, laneAtY, 100, 100)).toBe(-1);
  });
});

describe('drawMarks', () => {
  const frame: MarksFrame = {
    atMs: 1000,
    lanes: [lane('a')],
    records: { t: Float64Array.from([100, 990]), lane: new Uint16Array(2), event: Uint8Array.from([0, 1]), key: Uint32Array.from([0, 1]), trimmed: new Uint8Array(2), deliveries: Uint16Array.from([2, 1]), harm: Uint8Array.from([1, 0]), ordinal: Uint32Array.from([1, 2]), byService: new Uint8Array(2) },
    // Two increasing sequence numbers whose last four digits (7035, 1042) would read as out of order.
    sequenceNumbers: ['100000000000000000007035', '100000000000000000011042'],
    marks: { t: Float64Array.from([500]), kind: Uint8Array.from([2]), consumer: Uint16Array.from([0]), lane: Int16Array.from([-1]) },
    batches: { t0: Float64Array.from([200]), t1: Float64Array.from([300]), consumer: new Uint16Array(1), lane: new Int16Array(1), worker: new Uint16Array(1), outcome: Uint8Array.from([1]), trigger: new Uint8Array(1), count: Uint16Array.from([1]) },
    leases: { t0: Float64Array.from([0]), t1: Float64Array.from([NaN]), consumer: new Uint16Array(1), lane: new Int16Array(1), worker: new Uint16Array(1) },
    consumerLanes: [{ consumer: 0, lane: 0, iteratorMs: 100, checkpointMs: 100, checkpoint: '1001' }],
  };
  const layout = layoutTimeline(frame.lanes, ['counter'], 1200);
  const scales = { lin: linearOf(timeScale({ fromMs: 0, toMs: 1000 }, layout.x0, layout.x1)), layout };
  it('draws the badge, the harm ring and the crash; a fresh record is still travelling', () => {
    const rec = new SvgRecorder();
    const stats = drawMarks(rec, frame, scales, { travelMs: 100, labels: true });
    const svg = rec.toSvg();
    expect(stats).toEqual({ mode: 'chips', marks: 2, moving: 1 });
    expect(svg).toContain('×2 harm');
    expect(svg).toContain('✕ crash');
    expect(svg).toContain('>#1<');
    expect(svg).not.toContain('#7035');
  });
  it('draws nothing moving under reduced motion', () => {
    expect(drawMarks(new SvgRecorder(), frame, scales, { travelMs: 0, labels: true }).moving).toBe(0);
  });
});

describe('zoom around the playhead and framing a moment (#20.6)', () => {
  it('keeps the playhead at the same place on screen when zooming, and brings an unseen one to the middle', () => {
    const v = { fromMs: 0, toMs: 100_000 };
    const z = zoomAroundPlayhead(v, 2, 80_000, 100_000);
    expect(z.toMs - z.fromMs).toBe(50_000);
    expect((80_000 - z.fromMs) / (z.toMs - z.fromMs)).toBeCloseTo(0.8);
    const away = zoomAroundPlayhead({ fromMs: 0, toMs: 20_000 }, 2, 60_000, 100_000);
    expect(away).toEqual({ fromMs: 55_000, toMs: 65_000 });
  });

  it('frames a moment with a margin, inside the run', () => {
    expect(momentViewport(50_000, 60_000, 120_000)).toEqual({ fromMs: 48_500, toMs: 61_500 });
    const edge = momentViewport(0, 10_000, 120_000);
    expect(edge.fromMs).toBe(0);
    expect(edge.toMs - edge.fromMs).toBeCloseTo(13_000);
    expect(momentViewport(5_000, 5_000, 120_000).toMs - momentViewport(5_000, 5_000, 120_000).fromMs).toBeGreaterThanOrEqual(200);
  });
});

describe('subRowLabel', () => {
  it("names a shard by its id's last four characters, an imported lane of unknown shard by its reads, short", () => {
    expect(subRowLabel('shardId-00000001700000000000-9165649f')).toBe('649f');
    expect(subRowLabel('unknown · page 1')).toBe('p. 1');
    expect(subRowLabel('unknown · pages 1–3')).toBe('p. 1–3');
    expect(subRowLabel('unknown · Lambda event 4')).toBe('ev. 4');
    expect(subRowLabel('unknown · Lambda events 1–7')).toBe('ev. 1–7');
  });
});
