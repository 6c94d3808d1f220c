import { describe, expect, it } from 'vitest';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import fc from 'fast-check';
import { createRngStreams, IdCursor, RNG_STREAMS, Rng } from './rng.ts';

/** `hex` as it was first written, on pure-rand's general uniformInt: the fast path must match it digit for digit. */
function referenceHex(gen: ReturnType<typeof xoroshiro128plus>, digits: number): string {
  let out = '';
  while (out.length < digits) out += uniformInt(gen, 0, 0xffffff).toString(16).padStart(6, '0');
  return out.slice(0, digits);
}

describe('Rng.hex', () => {
  it('draws the same digits as uniformInt(0, 0xffffff), padded, concatenated and cut', () => {
    for (const seed of [0, 1, 7, 42, -5, 2 ** 31 - 1]) {
      const rng = new Rng(xoroshiro128plus(seed));
      const ref = xoroshiro128plus(seed);
      for (const digits of [8, 32, 1, 6, 7, 12, 32, 8]) expect(rng.hex(digits)).toBe(referenceHex(ref, digits));
      // Both generators advanced alike: the next integer draw agrees too.
      expect(rng.int(0, 1000)).toBe(uniformInt(ref, 0, 1000));
    }
  });
});

describe('Rng.int', () => {
  it("draws what pure-rand's uniformInt draws, for any range and seed, its general path included", () => {
    const bound = fc.oneof(fc.integer({ min: -(2 ** 33), max: 2 ** 33 }), fc.constantFrom(0, 1, 2, 3, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, -(2 ** 31)));
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.tuple(bound, fc.oneof(fc.nat({ max: 2 ** 33 }), fc.constantFrom(2 ** 32 - 2, 2 ** 32 - 1, 2 ** 32, 2 ** 33 - 1, 2 ** 52 + 3))), { minLength: 1, maxLength: 40 }), (seed, ranges) => {
        const rng = new Rng(xoroshiro128plus(seed));
        const ref = xoroshiro128plus(seed);
        for (const [from, width] of ranges) {
          // Each range twice: the second draw reuses the remembered bound.
          for (let k = 0; k < 2; k++) expect(rng.int(from, from + width)).toBe(uniformInt(ref, from, from + width));
        }
        expect(rng.getState()).toEqual(ref.getState());
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what is not a range of safe integers (pure-rand would give a fraction or NaN)', () => {
    const rng = new Rng(xoroshiro128plus(1));
    for (const [from, to] of [[0, 1.5], [0.5, 3], [5, 4], [-(2 ** 53), 2 ** 53], [0, Infinity], [NaN, 1]] as const) expect(() => rng.int(from, to), `${from}..${to}`).toThrow(RangeError);
  });

  it('draws the sequence gaps as pure-rand does (the range a run asks on every record)', () => {
    const rng = new Rng(xoroshiro128plus(7));
    const ref = xoroshiro128plus(7);
    for (let i = 0; i < 10_000; i++) expect(rng.int(1_000, 9_999_999)).toBe(uniformInt(ref, 1_000, 9_999_999));
  });
});

describe('IdCursor', () => {
  it('draws again every eventID of a stream whose draws interleave ids, shard ids and table ids, read in any order', () => {
    const draw = fc.oneof(fc.constant('id' as const), fc.constant('shard' as const), fc.constant('table' as const));
    fc.assert(
      fc.property(fc.integer(), fc.array(draw, { minLength: 1, maxLength: 120 }), fc.array(fc.nat(), { maxLength: 200 }), (seed, draws, reads) => {
        const ids = new Rng(xoroshiro128plus(seed));
        const state = ids.getState();
        const from = ids.draws;
        const drawn: Array<{ at: number; hex: string }> = [];
        // The same stream drawing the ids as hex(32) did, beside a skipped copy as the record store does.
        const skipping = new Rng(xoroshiro128plus(seed));
        for (const d of draws) {
          if (d === 'id') {
            drawn.push({ at: skipping.draws, hex: ids.hex(32) });
            skipping.skipId();
          } else {
            const digits = d === 'shard' ? 8 : 32;
            ids.hex(digits);
            skipping.hex(digits);
          }
          expect(skipping.draws).toBe(ids.draws);
        }
        const cursor = new IdCursor(state, from);
        for (const d of drawn) expect(cursor.hexAt(d.at)).toBe(d.hex);
        for (const r of reads) if (drawn.length > 0) expect(cursor.hexAt(drawn[r % drawn.length]!.at)).toBe(drawn[r % drawn.length]!.hex);
      }),
      { numRuns: 200 },
    );
  });
});

describe('createRngStreams', () => {
  it("makes each stream as pure-rand would: the seed's generator, jumped once more for each stream", () => {
    for (const seed of [0, 1, 7, -5, 2 ** 31 - 1, -(2 ** 31), 2 ** 40 + 3, -(2 ** 45) - 1]) {
      const lo = seed | 0;
      const hi = (seed - lo) / 2 ** 32;
      const ref = hi === 0 ? xoroshiro128plus(seed) : xoroshiro128plusFromState([~hi, ~lo, lo, hi]);
      const streams = createRngStreams(seed);
      for (const name of RNG_STREAMS) {
        expect(streams[name].getState(), `${seed} ${name}`).toEqual(ref.getState());
        ref.jump();
      }
    }
  });
});
