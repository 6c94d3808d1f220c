// The short form of an imported trace's order (./factOrder.ts) reads every fact as the sorted refs
// do, for records on several lanes, many of them at one time (ties: a group's writes, then its
// appends) and other facts among them; and it is short (no Int32 a fact) whenever it can be.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { factOrder } from './factOrder.ts';
import { inOrder } from './trace.ts';

const PHASE = { other0: 0, write: 3, append: 4, other5: 5 } as const;

/** Refs made as ./trace.ts makes them (lane by lane, other facts between), sorted by time and phase. */
function sortedRefs(lanes: number[][], others: Array<{ t: number; late: boolean }>) {
  const times: number[] = [];
  const refs: number[] = [];
  const otherT: number[] = [];
  const otherPhase: number[] = [];
  const add = (t: number, phase: number) => refs.push(~(otherT.push(t) - 1)) && otherPhase.push(phase);
  for (const lane of lanes) {
    add(0, PHASE.other0);
    for (const t of lane) {
      const i = times.push(t) - 1;
      refs.push(2 * i, 2 * i + 1);
    }
  }
  const placed = refs.length;
  for (const o of others) add(o.t, o.late ? PHASE.other5 : PHASE.other0);
  const tOf = (ref: number) => (ref < 0 ? otherT[~ref]! : times[ref >> 1]!);
  const phaseOf = (ref: number) => (ref < 0 ? otherPhase[~ref]! : ref & 1 ? PHASE.append : PHASE.write);
  const sorted = Int32Array.from(inOrder(refs, placed, (a, b) => tOf(a) - tOf(b) || phaseOf(a) - phaseOf(b)));
  return { sorted, times: Int32Array.from(times) };
}

const other = fc.record({ t: fc.integer({ min: 0, max: 6 }), late: fc.boolean() });
const orders = fc
  .record({ lanes: fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 30 }), { minLength: 1, maxLength: 4 }), others: fc.array(other, { maxLength: 6 }) })
  .map(({ lanes, others }) => sortedRefs(lanes, others));

describe('factOrder', () => {
  it('reads every fact as the sorted refs, without a number a fact', () => {
    fc.assert(
      fc.property(orders, ({ sorted, times }) => {
        const order = factOrder(sorted.slice(), times);
        expect(order.length).toBe(sorted.length);
        for (let f = 0; f < sorted.length; f++) expect(order.ref(f)).toBe(sorted[f]);
        expect(order.ref(sorted.length)).toBeUndefined();
        expect(order.ref(-1)).toBeUndefined();
        expect(order.constructor.name).toBe('GroupedOrder');
      }),
      { numRuns: 300 },
    );
  });

  it('keeps no record order for one lane read in time order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 60 }), fc.array(other, { maxLength: 4 }), (times, others) => {
        const { sorted, times: held } = sortedRefs([times.sort((a, b) => a - b)], others);
        const order = factOrder(sorted, held);
        for (let f = 0; f < sorted.length; f++) expect(order.ref(f)).toBe(sorted[f]);
        expect((order as unknown as { recs?: Int32Array }).recs).toBeUndefined();
        expect(order.constructor.name).toBe('GroupedOrder');
      }),
    );
  });

  it('keeps the refs as they are when they are not in that order', () => {
    // Record 1's write after its append: no grouping reads it back.
    const refs = Int32Array.from([~0, 0, 1, 3, 2]);
    const order = factOrder(refs, Int32Array.from([5, 5]));
    expect([...Array(refs.length).keys()].map((f) => order.ref(f))).toEqual([...refs]);
    expect(order.constructor.name).toBe('PlainOrder');
  });
});
