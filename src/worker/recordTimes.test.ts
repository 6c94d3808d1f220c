import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LaneTrims, SparseTimes } from './recordTimes.ts';

// Times with big jumps and repeats (trims and harm come at any time, several at one instant).
const time = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1e13, noNaN: true }));

describe('LaneTrims', () => {
  it('reads each record back as the dense per-record column it replaces, also after a cut', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ lane: fc.nat(3), append: fc.nat(20), trim: fc.nat(25), dt: time }), { maxLength: 40 }),
        time,
        (lanes, ops, cutAt) => {
          const trims = new LaneTrims();
          const len: number[] = [];
          const trimmed: number[] = [];
          const dense: number[][] = [];
          for (let l = 0; l < lanes; l++) {
            trims.addLane();
            len.push(0);
            trimmed.push(0);
            dense.push([]);
          }
          let t = 0;
          for (const op of ops) {
            const lane = op.lane % lanes;
            t += op.dt;
            for (let k = 0; k < op.append; k++) dense[lane]!.push(Infinity);
            len[lane]! += op.append;
            // As the index builder does: a trim of `count` takes the oldest untrimmed records.
            const upTo = Math.min(len[lane]!, trimmed[lane]! + op.trim);
            for (let p = trimmed[lane]!; p < upTo; p++) dense[lane]![p] = t;
            trims.trim(lane, upTo, t);
            trimmed[lane] = Math.max(trimmed[lane]!, upTo);
          }
          const cutMs = cutAt % (t + 1);
          const cut = trims.cut(lanes, cutMs);
          for (let l = 0; l < lanes; l++) {
            expect(trims.trimmed(l)).toBe(trimmed[l]);
            expect(dense[l]!.map((_, p) => trims.at(l, p))).toEqual(dense[l]);
            expect(dense[l]!.map((_, p) => cut.at(l, p))).toEqual(dense[l]!.map((x) => (x <= cutMs ? x : Infinity)));
          }
        },
      ),
    );
  });
});

describe('SparseTimes', () => {
  it('keeps the first time set per record and cuts by record and time', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(50), time), { maxLength: 60 }), fc.nat(60), time, (sets, n, cutMs) => {
        const sparse = new SparseTimes();
        const dense = Array.from({ length: 51 }, () => Infinity);
        for (const [r, t] of sets) {
          sparse.setFirst(r, t);
          if (dense[r] === Infinity) dense[r] = t;
        }
        expect(dense.map((_, r) => sparse.at(r))).toEqual(dense);
        const cut = sparse.cut(n, cutMs);
        expect(dense.map((_, r) => cut.at(r))).toEqual(dense.map((x, r) => (r < n && x <= cutMs ? x : Infinity)));
      }),
    );
  });
});
