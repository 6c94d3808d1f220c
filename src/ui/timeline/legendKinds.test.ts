// The legend lists only the kinds of marks a frame shows (#13.3).
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, MARK_KINDS } from '../../worker/client.ts';
import { BATCH_OUTCOMES, BATCH_TRIGGERS } from './codes.ts';
import type { MarksFrame } from './drawMarks.ts';
import { legendEntries } from './Legend.tsx';
import { legendKinds, legendSignature } from './legendKinds.ts';

function frame(over: Partial<MarksFrame> = {}): MarksFrame & { workers: string[] } {
  const none = { t0: new Float64Array(), t1: new Float64Array(), consumer: new Uint16Array(), lane: new Int16Array() };
  return {
    atMs: 10_000,
    lanes: [],
    sequenceNumbers: [],
    records: { t: new Float64Array(), lane: new Uint16Array(), key: new Uint32Array(), event: new Uint8Array(), deliveries: new Uint8Array(), harm: new Uint8Array(), trimmed: new Uint8Array(), ordinal: new Uint32Array(), byService: new Uint8Array() },
    marks: { t: new Float64Array(), kind: new Uint8Array(), consumer: new Uint16Array(), lane: new Int16Array() },
    batches: { ...none, outcome: new Uint8Array(), trigger: new Uint8Array(), worker: new Uint16Array(), size: new Uint16Array() },
    leases: { ...none, worker: new Uint16Array() },
    consumerLanes: [],
    workers: [],
    ...over,
  } as unknown as MarksFrame & { workers: string[] };
}

describe('legend kinds', () => {
  it('an empty window shows no entry at all', () => {
    const kinds = legendKinds(frame(), ['counter']);
    expect(kinds.size).toBe(0);
    expect(legendEntries([], ['counter'], 1200, kinds).entries).toEqual([]);
  });

  it('lists what is drawn: an INSERT delivered twice with harm, a crash, the counter caret and checkpoint, a replayed batch', () => {
    const f = frame({
      records: { t: new Float64Array([1_000, 2_000]), lane: new Uint16Array([0, 0]), key: new Uint32Array([0, 1]), event: new Uint8Array([EVENT_NAMES.indexOf('INSERT'), EVENT_NAMES.indexOf('INSERT')]), deliveries: new Uint8Array([1, 2]), harm: new Uint8Array([0, 1]), trimmed: new Uint8Array([0, 0]), ordinal: new Uint32Array([1, 2]), byService: new Uint8Array([0, 0]) } as unknown as MarksFrame['records'],
      marks: { t: new Float64Array([5_000]), kind: new Uint8Array([MARK_KINDS.indexOf('crash')]), consumer: new Uint16Array([0]), lane: new Int16Array([0]) } as unknown as MarksFrame['marks'],
      consumerLanes: [{ consumer: 0, lane: 0, iteratorMs: 2_000, checkpointMs: 1_000 }],
      batches: { t0: new Float64Array([6_000]), t1: new Float64Array([6_100]), consumer: new Uint16Array([0]), lane: new Int16Array([0]), outcome: new Uint8Array([BATCH_OUTCOMES.indexOf('succeeded')]), trigger: new Uint8Array([BATCH_TRIGGERS.indexOf('redelivery')]), worker: new Uint16Array([0]), size: new Uint16Array([1]) } as unknown as MarksFrame['batches'],
    });
    const kinds = legendKinds(f, ['counter']);
    expect(legendSignature(kinds)).toBe(['INSERT', 'batch-ok', 'checkpoint:counter', 'crash', 'harm', 'in-flight', 'iterator:counter', 'keys', 'retry'].sort().join('|'));
    const labels = legendEntries([], ['counter'], 1200, kinds).entries.map((e) => e.label);
    expect(labels).toEqual(['INSERT', 'colour = item key', 'harmful duplicate', 'worker crash', 'counter checkpoint', 'counter iterator', 'batch on its way to the consumer', 'batch ok', 'retry / replay']);
    expect(labels).not.toContain('MODIFY');
    expect(labels).not.toContain('trimmed');
    expect(labels).not.toContain('REMOVE by TTL (the service, not a user)');
  });

  it('tells a TTL delete (the service’s) apart from a user’s REMOVE only when one is in view', () => {
    const remove = EVENT_NAMES.indexOf('REMOVE');
    const f = frame({
      records: { t: new Float64Array([1_000]), lane: new Uint16Array([0]), key: new Uint32Array([0]), event: new Uint8Array([remove]), deliveries: new Uint8Array([1]), harm: new Uint8Array([0]), trimmed: new Uint8Array([0]), ordinal: new Uint32Array([1]), byService: new Uint8Array([1]) } as unknown as MarksFrame['records'],
    });
    const labels = legendEntries([], [], 1200, legendKinds(f, [])).entries.map((e) => e.label);
    expect(labels).toEqual(['REMOVE', 'REMOVE by TTL (the service, not a user)']);
  });

  it('explains the throttle mark when a reader was refused in view (more than two readers on a shard, #17)', () => {
    const f = frame({ marks: { t: new Float64Array([2_000]), kind: new Uint8Array([MARK_KINDS.indexOf('throttled')]), consumer: new Uint16Array([0]), lane: new Int16Array([0]) } as unknown as MarksFrame['marks'] });
    const labels = legendEntries([], ['naive'], 1200, legendKinds(f, ['naive'])).entries.map((e) => e.label);
    expect(labels).toEqual(['read throttled (over 2 readers per shard)']);
  });
});
