// Motion that explains (#13.2) and the layers' redraw rule (#13.4): positions are functions of
// simulated time; the marks layer's signature ignores a playhead that only moved.
import { describe, expect, it } from 'vitest';
import { BATCH_OUTCOMES, BATCH_TRIGGERS } from './codes.ts';
import { caretPlace, drawOverlay, outcomeWord } from './drawOverlay.ts';
import type { MarksFrame } from './glyphs.ts';
import { layoutTimeline } from './lanes.ts';
import { marksSignature } from './layers.ts';
import { linearOf } from './lod.ts';
import { timeScale } from './scales.ts';
import { SvgRecorder } from './svgRecorder.ts';

const lane = { shardId: 'shardId-a', streamArn: 'arn:aws:dynamodb:us-east-1:1:table/T/stream/x', partition: 0, openedAtMs: 0, status: 'open' as const };
const REDELIVERY = BATCH_TRIGGERS.indexOf('redelivery');
const OK = BATCH_OUTCOMES.indexOf('succeeded');

/**
 * Records at 1, 2, 3, 4 s on one shard; worker 0 reads [1,2] then [3,4]; a crash, worker 1 takes
 * the lease at 6 s and re-delivers from the checkpoint (2 s): records 3 and 4 again, 4 harmful.
 */
function story(atMs: number): MarksFrame {
  const batches = [
    { t0: 1_500, t1: 1_600, worker: 0, trigger: 0, count: 2, last: 2_000 },
    { t0: 4_500, t1: 4_600, worker: 0, trigger: 0, count: 2, last: 4_000 },
    { t0: 7_000, t1: 7_100, worker: 1, trigger: REDELIVERY, count: 2, last: 4_000 },
  ].filter((b) => b.t0 <= atMs);
  return {
    atMs,
    lanes: [lane],
    sequenceNumbers: [],
    records: { t: Float64Array.from([1_000, 2_000, 3_000, 4_000]), lane: new Uint16Array(4), event: new Uint8Array(4), key: Uint32Array.from([0, 1, 2, 3]), trimmed: new Uint8Array(4), deliveries: Uint16Array.from(atMs >= 7_000 ? [1, 1, 2, 2] : [1, 1, 1, 1]), harm: Uint8Array.from([0, 0, 0, atMs >= 7_000 ? 1 : 0]), ordinal: Uint32Array.from([1, 2, 3, 4]), byService: new Uint8Array(4) },
    marks: { t: Float64Array.from([1_600]), kind: Uint8Array.from([1]), consumer: new Uint16Array(1), lane: new Int16Array(1) },
    batches: {
      t0: Float64Array.from(batches.map((b) => b.t0)),
      t1: Float64Array.from(batches.map((b) => (b.t1 <= atMs ? b.t1 : NaN))),
      consumer: new Uint16Array(batches.length),
      lane: new Int16Array(batches.length),
      worker: Uint16Array.from(batches.map((b) => b.worker)),
      outcome: Uint8Array.from(batches.map((b) => (b.t1 <= atMs ? OK : 0))),
      trigger: Uint8Array.from(batches.map((b) => b.trigger)),
      count: Uint16Array.from(batches.map((b) => b.count)),
      lastRecT: Float64Array.from(batches.map((b) => b.last)),
    },
    leases: atMs >= 6_000
      ? { t0: Float64Array.from([0, 6_000]), t1: Float64Array.from([5_000, NaN]), consumer: new Uint16Array(2), lane: new Int16Array(2), worker: Uint16Array.from([0, 1]) }
      : { t0: Float64Array.from([0]), t1: Float64Array.from([NaN]), consumer: new Uint16Array(1), lane: new Int16Array(1), worker: Uint16Array.from([0]) },
    consumerLanes: [{ consumer: 0, lane: 0, iteratorMs: atMs >= 4_500 ? 4_000 : 2_000, checkpointMs: 2_000, checkpoint: '2' }],
  };
}

const layout = layoutTimeline([lane], ['counter'], 1200);
const scales = { lin: linearOf(timeScale({ fromMs: 0, toMs: 10_000 }, layout.x0, layout.x1)), layout };
const caretAt = (atMs: number, travelMs = 600) => caretPlace({ frame: story(atMs), at: atMs, travelMs }, story(atMs).consumerLanes[0]!)!;

describe('the iterator caret', () => {
  it('moves along its shard from where the last batch left it, eased over the travel time', () => {
    expect(caretAt(4_400).atMs).toBe(2_000);
    const mid = caretAt(4_800).atMs;
    expect(mid).toBeGreaterThan(2_000);
    expect(mid).toBeLessThan(4_000);
    expect(caretAt(5_200).atMs).toBe(4_000);
  });

  it('jumps back to the checkpoint when a new owner takes the lease, and says so', () => {
    const during = caretAt(6_300);
    expect(during.rewind).toEqual({ fromMs: 4_000, toMs: 2_000, sinceMs: 6_000 });
    expect(during.atMs).toBeLessThan(4_000);
    expect(during.atMs).toBeGreaterThan(2_000);
    expect(caretAt(6_700).atMs).toBe(2_000);
    // The new owner's first batch, at the same instant as its lease in the voting booth: back, then on.
    const back = caretAt(7_300);
    expect(back.atMs).toBeLessThan(4_000);
    expect(back.rewind?.toMs).toBe(2_000);
    expect(caretAt(7_700).atMs).toBeGreaterThan(2_000);
    expect(caretAt(8_300).atMs).toBe(4_000);
    const svg = new SvgRecorder();
    drawOverlay(svg, story(6_300), scales, { travelMs: 600, holdMs: 1_200, labels: true }, 'chips');
    expect(svg.toSvg()).toContain('back to the checkpoint');
    expect(svg.toSvg()).toContain('lease → worker 1');
  });

  it('under reduced motion stands where it ends, with the same words', () => {
    expect(caretAt(6_300, 0).atMs).toBe(2_000);
    const svg = new SvgRecorder();
    const stats = drawOverlay(svg, story(6_300), scales, { travelMs: 0, holdMs: 1_200, labels: true }, 'chips');
    expect(stats.moving).toBe(0);
    expect(svg.toSvg()).toContain('back to the checkpoint');
  });
});

describe('re-delivered records', () => {
  it('travel again along arcs, the harmful one in the harm colour; the batch then says how it landed', () => {
    const svg = new SvgRecorder();
    const stats = drawOverlay(svg, story(7_200), scales, { travelMs: 600, holdMs: 1_200, labels: true }, 'chips');
    expect(stats.moving).toBeGreaterThanOrEqual(2);
    expect(svg.toSvg()).toContain('#C00000');
    const landed = new SvgRecorder();
    drawOverlay(landed, story(7_900), scales, { travelMs: 600, holdMs: 1_200, labels: true }, 'chips');
    expect(landed.toSvg()).toContain('re-delivered');
    expect(outcomeWord(OK, 0)).toBe('applied');
    expect(outcomeWord(BATCH_OUTCOMES.indexOf('failed'), 0)).toBe('failed');
    expect(outcomeWord(OK, BATCH_TRIGGERS.indexOf('bisect'))).toBe('bisected');
  });
});

describe('the marks layer signature', () => {
  it('stays the same while only the playhead moves, and changes with the data', () => {
    const a = story(5_300);
    const b = { ...story(5_300), atMs: 5_900 };
    expect(marksSignature(a, 600)).toBe(marksSignature(b, 600));
    expect(marksSignature(story(7_200), 600)).not.toBe(marksSignature(a, 600));
    // A record settling after its travel redraws the marks layer.
    expect(marksSignature({ ...a, atMs: 4_100 }, 600)).not.toBe(marksSignature({ ...a, atMs: 4_700 }, 600));
  });
});
