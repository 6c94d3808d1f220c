/**
 * The stream panel's record views are reused per loaded run. The compare view shows two runs from
 * two worker hosts at once, whose run ids both start at 1: views must never cross from one run to
 * the other, however the two sides alternate.
 */
import { describe, expect, it } from 'vitest';
import type { Frame, LoadResult } from '../../worker/protocol.ts';
import { frameToView } from './frameView.ts';

/** A frame of one open shard holding `keys.length` records (only the fields the view reads). */
function side(keys: string[], seqFrom: number) {
  const n = keys.length;
  const streamArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/Votes/stream/1';
  const frame = {
    runId: 1,
    atMs: 1_000,
    recordFrom: 0,
    lanes: [{ streamArn, shardId: 'shardId-1', status: 'open' }],
    records: {
      t: Float64Array.from(keys, (_, i) => i * 10),
      lane: new Uint16Array(n),
      event: new Uint8Array(n),
      key: Int32Array.from(keys, (_, i) => i),
      ordinal: Int32Array.from(keys, (_, i) => i + 1),
      byService: new Uint8Array(n),
      trimmed: new Uint8Array(n),
      deliveries: new Uint16Array(n).fill(1),
    },
    sequenceNumbers: keys.map((_, i) => String(seqFrom + i)),
    tables: [],
    streams: [{ streamArn, shards: [] }],
    writes: [],
    counts: {},
  } as unknown as Frame;
  const run = { keys, keyStrings: keys } as unknown as LoadResult;
  const truth = new Set(keys.map((k, i) => `${seqFrom + i} ${k}`));
  return { frame, run, truth };
}

const keysOf = (view: ReturnType<typeof frameToView>) => view.streams.flatMap((s) => s.shards.flatMap((sh) => sh.records.map((r) => `${r.sequenceNumber} ${r.keySummary}`)));

describe('frameToView', () => {
  it('keeps each run its own record views when two runs with the same run id alternate', () => {
    const left = side(['ada', 'grace', 'linus'], 100);
    const right = side(['voter-1', 'voter-2', 'voter-3'], 900);
    for (let round = 0; round < 3; round++) {
      for (const s of [left, right]) {
        const keys = keysOf(frameToView(s.frame, s.run, null));
        expect(keys).toHaveLength(3);
        for (const k of keys) expect(s.truth).toContain(k);
      }
    }
  });

  it('returns the same record view objects for the same run and frame, so memoised rows do not re-render', () => {
    const { run, frame } = side(['ada', 'grace'], 100);
    const a = frameToView(frame, run, null).streams[0]!.shards[0]!.records;
    const b = frameToView(frame, run, null).streams[0]!.shards[0]!.records;
    expect(a).toHaveLength(2);
    b.forEach((r, i) => expect(r).toBe(a[i]));
  });
});
