// Each record's deliveries as a chain (recordDeliveries.ts): "how often by time t" must be what a
// plain list of the record's deliveries says, in a whole run and in one cut at any fact.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RecordDeliveries } from './recordDeliveries.ts';

/** A run's facts: a record appended, or record `r` (mod the records so far) delivered the `count`-th time; one fact per ms step. */
const factsArb = fc.array(fc.oneof(fc.constant({ kind: 'record' as const }), fc.record({ kind: fc.constant('delivery' as const), r: fc.nat(), count: fc.integer({ min: 1, max: 5 }), dt: fc.nat(3) })), { maxLength: 80, size: 'max' });

describe('record deliveries', () => {
  it('counts what a list of each record\'s deliveries counts, whole and cut at any fact', () => {
    fc.assert(
      fc.property(factsArb, fc.nat(), (facts, cutAt) => {
        const chain = new RecordDeliveries();
        const lists: Array<Array<{ t: number; count: number; fact: number }>> = [];
        let t = 0;
        facts.forEach((f, fact) => {
          if (f.kind === 'record') {
            chain.addRecord();
            lists.push([]);
          } else if (lists.length > 0) {
            t += f.dt;
            const r = f.r % lists.length;
            chain.add(r, t, f.count, fact);
            lists[r]!.push({ t, count: f.count, fact });
          }
        });
        const cut = facts.length === 0 ? 0 : cutAt % (facts.length + 1);
        const records = facts.slice(0, cut).filter((f) => f.kind === 'record').length;
        const forked = chain.cut(cut, records);
        const model = (r: number, atMs: number, beforeFact = Infinity) => Math.max(0, ...lists[r]!.filter((d) => d.t <= atMs && d.fact < beforeFact).map((d) => d.count));
        for (let r = 0; r < lists.length; r++) {
          for (let at = -1; at <= t + 1; at++) {
            expect(chain.countAt(r, at)).toBe(model(r, at));
            if (r < records) expect(forked.countAt(r, at)).toBe(model(r, at, cut));
          }
        }
        // The cut is independent: the parent's chain is unchanged when the fork goes on.
        if (records > 0) forked.add(0, t + 10, 9, facts.length);
        for (let r = 0; r < lists.length; r++) expect(chain.countAt(r, t + 10)).toBe(model(r, t + 10));
      }),
    );
  });
});
