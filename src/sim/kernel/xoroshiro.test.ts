import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { Xoroshiro128Plus } from './xoroshiro.ts';

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const op = fc.oneof(
  fc.constant({ kind: 'next' as const, n: 1 }),
  fc.record({ kind: fc.constant('skip' as const), n: fc.nat({ max: 40 }) }),
  fc.constant({ kind: 'jump' as const, n: 0 }),
  fc.constant({ kind: 'clone' as const, n: 0 }),
);

describe('Xoroshiro128Plus', () => {
  it("draws what pure-rand's xoroshiro128plus draws, from any state, through draws, skips, jumps and clones", () => {
    fc.assert(
      fc.property(fc.tuple(int32, int32, int32, int32), fc.array(op, { minLength: 1, maxLength: 60 }), (state, ops) => {
        let ours = new Xoroshiro128Plus(state);
        let ref = xoroshiro128plusFromState(state);
        for (const o of ops) {
          if (o.kind === 'next') expect(ours.next()).toBe(ref.next());
          else if (o.kind === 'skip') {
            ours.skip(o.n);
            for (let k = 0; k < o.n; k++) ref.next();
          } else if (o.kind === 'jump') {
            ours.jump();
            ref.jump();
          } else {
            // A copy draws on alone: the original is left where it was.
            const copy = new Xoroshiro128Plus(ours.getState());
            copy.next();
            ours = copy;
            ref = ref.clone();
            ref.next();
          }
          expect(ours.getState()).toEqual(ref.getState());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('starts where pure-rand starts from a seed, and draws its first values', () => {
    for (const seed of [0, 1, 7, -5, 2 ** 31 - 1, -(2 ** 31)]) {
      const ref = xoroshiro128plus(seed);
      const ours = new Xoroshiro128Plus(ref.getState());
      for (let k = 0; k < 1000; k++) expect(ours.next()).toBe(ref.next());
    }
  });

  it('refuses a state that is not four words', () => {
    expect(() => new Xoroshiro128Plus([1, 2, 3])).toThrow(RangeError);
  });
});

describe('Xoroshiro128Plus.skip', () => {
  it('makes the same draws as stepping them, for any number', () => {
    fc.assert(
      fc.property(fc.tuple(int32, int32, int32, int32), fc.array(fc.nat({ max: 5000 }), { minLength: 1, maxLength: 6 }), (state, skips) => {
        const ours = new Xoroshiro128Plus(state);
        const ref = xoroshiro128plusFromState(state);
        for (const n of skips) {
          ours.skip(n);
          for (let k = 0; k < n; k++) ref.next();
          expect(ours.next()).toBe(ref.next());
        }
        expect(ours.getState()).toEqual(ref.getState());
      }),
      { numRuns: 60 },
    );
  });
});
