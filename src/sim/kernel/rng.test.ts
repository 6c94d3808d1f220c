import { describe, expect, it } from 'vitest';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { Rng } from './rng.ts';

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
