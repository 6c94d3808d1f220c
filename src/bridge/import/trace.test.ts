// The imported trace's order (./trace.ts): by time, then phase (tables, lanes and records before
// findings), equals keeping the order facts were made in — whether the placed facts came in order
// (merged with the findings) or not (sorted whole).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TraceEvent } from '../../sim/trace/events.ts';
import { inOrder } from './trace.ts';

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
