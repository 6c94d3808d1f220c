// A narration stop shows its moment landed (settledAtStop.ts), and the overlay draws the records the
// veil would cut at the playhead (drawAtPlayhead.ts).
import { describe, expect, it } from 'vitest';
import { drawAtPlayhead } from './drawAtPlayhead.ts';
import { LABEL_ROOM_PX, type MarksFrame } from './glyphs.ts';
import { layoutTimeline } from './lanes.ts';
import { linearOf } from './lod.ts';
import { timeScale } from './scales.ts';
import { restingStop, settledWithin } from './settledAtStop.ts';
import { SvgRecorder } from './svgRecorder.ts';

describe('a narration stop', () => {
  const run = { runId: 3, narrationStops: [4_000, null, 53_010] };
  it('is rested on when paused at the chosen step\'s stop, not while playing or elsewhere', () => {
    expect(restingStop({ run, narrationChosen: 2, playheadMs: 53_010 }, false)).toEqual({ runId: 3, atMs: 53_010 });
    expect(restingStop({ run, narrationChosen: 2, playheadMs: 53_010 }, true)).toBeUndefined();
    expect(restingStop({ run, narrationChosen: 2, playheadMs: 53_200 }, false)).toBeUndefined();
    expect(restingStop({ run, narrationChosen: 1, playheadMs: 53_010 }, false)).toBeUndefined();
    expect(restingStop({ run, narrationChosen: undefined, playheadMs: 4_000 }, false)).toBeUndefined();
  });

  it('keeps its moment landed for one travel time after it, in its own run only', () => {
    const stop = { runId: 3, atMs: 53_010 };
    expect(settledWithin(stop, { runId: 3, atMs: 53_010 }, 3_000)).toBe(true);
    expect(settledWithin(stop, { runId: 3, atMs: 56_009 }, 3_000)).toBe(true);
    expect(settledWithin(stop, { runId: 3, atMs: 56_010 }, 3_000)).toBe(false);
    expect(settledWithin(stop, { runId: 3, atMs: 53_000 }, 3_000)).toBe(false);
    expect(settledWithin(stop, { runId: 4, atMs: 53_010 }, 3_000)).toBe(false);
    expect(settledWithin(undefined, { runId: 3, atMs: 53_010 }, 3_000)).toBe(false);
  });
});

describe('records at the playhead', () => {
  const lane = { shardId: 'shardId-a', streamArn: 'arn:aws:dynamodb:us-east-1:1:table/T/stream/x', partition: 0, openedAtMs: 0, status: 'open' as const };
  const layout = layoutTimeline([lane], [], 1200);
  const lin = linearOf(timeScale({ fromMs: 0, toMs: 60_000 }, layout.x0, layout.x1));
  const X = (t: number) => t * lin.k + lin.b;
  const frame = (t: number[], atMs: number): MarksFrame =>
    ({
      atMs,
      lanes: [lane],
      records: { t: Float64Array.from(t), lane: new Uint16Array(t.length), event: new Uint8Array(t.length), key: Uint32Array.from(t.map((_, i) => i)), trimmed: new Uint8Array(t.length), deliveries: Uint16Array.from(t.map(() => 1)), harm: new Uint8Array(t.length), ordinal: Uint32Array.from(t.map((_, i) => i + 1)), byService: new Uint8Array(t.length) },
    }) as unknown as MarksFrame;
  const draw = (f: MarksFrame, travelMs: number) => {
    const svg = new SvgRecorder();
    const n = drawAtPlayhead({ ctx: svg, frame: f, X, laneRow: (l) => (l === 0 ? layout.shards[0] : undefined), at: f.atMs, travelMs, labels: true, labelRoomPx: LABEL_ROOM_PX });
    return { n, svg: svg.toSvg() };
  };

  it('draws the landed record the veil would cut, with its label, and none further back', () => {
    const { n, svg } = draw(frame([10_000, 53_000], 53_010), 0);
    expect(n).toBe(1);
    expect(svg).toContain('>#2<');
    expect(svg).not.toContain('>#1<');
  });

  it('leaves a record still travelling to the overlay\'s travel, and a record past the playhead out', () => {
    expect(draw(frame([53_000], 53_010), 3_000).n).toBe(0);
    // Landed, and 3 s (about 50 px) behind the playhead: the veil does not reach it.
    expect(draw(frame([53_000], 56_100), 3_000).n).toBe(0);
    expect(draw(frame([53_020], 53_010), 0).n).toBe(0);
  });
});
