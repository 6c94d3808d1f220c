// The imported trace's order (./trace.ts): by time, then phase (tables, lanes and records before
// findings), equals keeping the order facts were made in — whether the placed facts came in order
// (merged with the findings) or not (sorted whole).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TraceEvent } from '../../sim/trace/events.ts';
import { importedTrace, inOrder } from './trace.ts';
import { objectTrace } from './objectTrace.testkit.ts';
import { parseStreamInput } from './parse.ts';
import { analyseStream } from './analyse.ts';
import { RecordColumns } from './recordColumns.ts';

const TYPES = ['shard-opened', 'write', 'record-appended', 'invariant-broken', 'shard-closed'] as const;
const PHASE: Record<string, number> = { 'shard-opened': 2, write: 3, 'record-appended': 4, 'invariant-broken': 5, 'shard-closed': 6 };

const facts = fc.array(fc.record({ t: fc.integer({ min: 0, max: 6 }), type: fc.constantFrom(...TYPES) }), { maxLength: 40 });

describe('inOrder', () => {
  it('orders by time and phase, keeping the order made among equals', () => {
    fc.assert(
      fc.property(facts, facts, fc.boolean(), (placedRaw, late, sortPlaced) => {
        const placed = sortPlaced ? [...placedRaw].sort((a, b) => a.t - b.t || PHASE[a.type]! - PHASE[b.type]!) : placedRaw;
        const all = [...placed, ...late].map((f, id) => ({ ...f, id }) as unknown as TraceEvent & { id: number });
        const expected = all
          .map((f, order) => ({ f, order }))
          .sort((a, b) => a.f.t - b.f.t || PHASE[a.f.type]! - PHASE[b.f.type]! || a.order - b.order)
          .map((x) => x.f.id);
        expect(inOrder([...all], placed.length).map((f) => (f as unknown as { id: number }).id)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

// The facts as numbers (`ImportedFacts`) read as the objects the trace kept before (the oracle,
// ./objectTrace.testkit.ts): same facts, same order, same JSON, for streams on one lane or several,
// in time order or not, with duplicates and removals (findings among the facts).
describe('importedTrace', () => {
  const recordOf = (i: number, k: number, name: string, second: number, v: number) => {
    const image = (x: number) => ({ pk: { S: `item-${k}` }, v: { N: String(x) } });
    return {
      eventID: `e${i}`,
      eventName: name,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/T/stream/2026-01-01T00:00:00.000',
      dynamodb: {
        ApproximateCreationDateTime: 1_700_000_000 + second,
        Keys: { pk: { S: `item-${k}` } },
        ...(name !== 'REMOVE' ? { NewImage: image(v) } : {}),
        ...(name !== 'INSERT' ? { OldImage: image(v - 1) } : {}),
        SequenceNumber: String(1_000_000 + i),
        SizeBytes: 40,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };
  };
  const write = fc.record({ k: fc.integer({ min: 0, max: 5 }), name: fc.constantFrom('INSERT', 'MODIFY', 'REMOVE'), second: fc.integer({ min: 0, max: 8 }), v: fc.integer({ min: 1, max: 4 }), dup: fc.boolean() });
  const documents = fc.array(fc.record({ shard: fc.constantFrom('', 'shardId-1', 'shardId-2'), writes: fc.array(write, { minLength: 1, maxLength: 6 }) }), { minLength: 1, maxLength: 6 });

  it('reads, fact for fact, as the trace of objects it replaced', () => {
    fc.assert(
      fc.property(documents, (docs) => {
        let i = 0;
        const text = docs
          .map(({ shard, writes }) => {
            const records = writes.flatMap((w) => {
              const r = recordOf(i++, w.k, w.name, w.second, w.v);
              return w.dup ? [r, r] : [r];
            });
            return JSON.stringify(shard ? { Records: records, shardId: shard } : { Records: records });
          })
          .join('\n');
        const parsed = parseStreamInput(text);
        if (!parsed.ok) throw new Error(parsed.error.message);
        const findings = analyseStream(parsed.stream);
        const built = importedTrace(parsed.stream, findings);
        const oracle = objectTrace(parsed.stream, findings);
        expect(built.trace.length).toBe(oracle.trace.length);
        expect(JSON.stringify([...built.trace])).toBe(JSON.stringify(oracle.trace));
        for (let f = 0; f < oracle.trace.length; f++) expect(JSON.stringify(built.trace.at(f))).toBe(JSON.stringify(oracle.trace[f]));
        expect(built.trace.at(oracle.trace.length)).toBeUndefined();
        expect({ ...built, trace: undefined, lanes: undefined }).toEqual({ ...oracle, trace: undefined });
        // The same records as columns (as a file's import holds them): keys read through the columns' key numbers.
        const columns = new RecordColumns();
        for (const r of parsed.stream.records) columns.push(r.record, r.read);
        const fromColumns = importedTrace({ ...parsed.stream, records: columns }, findings);
        expect(JSON.stringify([...fromColumns.trace])).toBe(JSON.stringify(oracle.trace));
      }),
      { numRuns: 150 },
    );
  });
});
