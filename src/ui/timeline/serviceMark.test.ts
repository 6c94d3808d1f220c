import { describe, expect, it } from 'vitest';
import { drawMarks, type MarksFrame } from './drawMarks.ts';
import { layoutTimeline } from './lanes.ts';
import { linearOf } from './lod.ts';
import { timeScale } from './scales.ts';
import { SERVICE_COLOUR } from './serviceMark.ts';
import { SvgRecorder } from './svgRecorder.ts';

/** Two deletes of the same item on one shard: a user's at 100 ms, the TTL service's at 600 ms. */
function frame(byService: number[]): MarksFrame {
  return {
    atMs: 1000,
    lanes: [{ shardId: 'a', streamArn: 'arn', partition: 0, openedAtMs: 0, status: 'open' }],
    records: { t: Float64Array.from([100, 600]), lane: new Uint16Array(2), event: Uint8Array.from([2, 2]), key: new Uint32Array(2), trimmed: new Uint8Array(2), deliveries: new Uint16Array(2), harm: new Uint8Array(2), ordinal: Uint32Array.from([1, 2]), byService: Uint8Array.from(byService) },
    sequenceNumbers: ['100000000000000000001007', '100000000000000000002014'],
    marks: { t: new Float64Array(0), kind: new Uint8Array(0), consumer: new Uint16Array(0), lane: new Int16Array(0) },
    batches: { t0: new Float64Array(0), t1: new Float64Array(0), consumer: new Uint16Array(0), lane: new Int16Array(0), worker: new Uint16Array(0), outcome: new Uint8Array(0), trigger: new Uint8Array(0), count: new Uint16Array(0) },
    leases: { t0: new Float64Array(0), t1: new Float64Array(0), consumer: new Uint16Array(0), lane: new Int16Array(0), worker: new Uint16Array(0) },
    consumerLanes: [],
  };
}

describe('TTL deletes on the timeline', () => {
  it('a delete by the service is framed; a user delete is not', () => {
    const f = frame([0, 1]);
    const layout = layoutTimeline(f.lanes, [], 1200);
    const scales = { lin: linearOf(timeScale({ fromMs: 0, toMs: 1000 }, layout.x0, layout.x1)), layout };
    const draw = (fr: MarksFrame) => {
      const rec = new SvgRecorder();
      drawMarks(rec, fr, scales, { travelMs: 0, labels: true });
      return rec.toSvg();
    };
    expect(draw(f)).toContain(SERVICE_COLOUR);
    expect(draw(frame([0, 0]))).not.toContain(SERVICE_COLOUR);
  });
});
