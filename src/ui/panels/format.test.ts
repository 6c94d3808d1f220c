import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAttribute, formatSimTime, formatNumber, shortSequence, shortShardId } from './format.ts';
import { SPEEDS } from '../machines/speeds.ts';

describe('format', () => {
  it('writes simulated time at a fixed width', () => {
    expect(formatSimTime(0)).toBe('+00:00:00.000');
    expect(formatSimTime(65_120)).toBe('+00:01:05.120');
    expect(formatSimTime(3_600_000 + 1)).toBe('+01:00:00.001');
  });

  it('writes numbers as en-US Intl does, without Intl', () => {
    for (const n of [...SPEEDS, 0, 7, 999, 1_000, 12_345, 999_999, 1_234_567, 100_000_000, 0.5, 1234.5, -1_000, -0.25, 1 / 3, 2 / 3, 0.9995, 999.9996, 1e21, 1e-7])
      expect(formatNumber(n)).toBe(n.toLocaleString('en-US'));
    // Intl rounds the shortest decimal form (1.005, not the double's 1.00499…): toFixed would write 1.00.
    expect(formatNumber(1.005, 2)).toBe((1.005).toLocaleString('en-US', { maximumFractionDigits: 2 }));
    expect(formatNumber(9.95, 1)).toBe('10');
  });

  it('rounds and groups as Intl does for any number of digits kept', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.integer({ min: 0, max: 2_000_000 }).map((ms) => ms / 1000)), fc.integer({ min: 0, max: 3 }), (n, digits) => {
        expect(formatNumber(n, digits)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: digits }));
      }),
      { numRuns: 5_000 },
    );
  });

  it('shortens ids and sequence numbers', () => {
    expect(shortSequence('100000008014433025491617035')).toBe('…617035');
    expect(shortShardId('shardId-00000001700000000000-9165649f')).toBe('…9165649f');
  });

  it('shows attribute values', () => {
    expect(formatAttribute({ S: 'Otter' })).toBe('Otter');
    expect(formatAttribute({ N: '1700000004' })).toBe('1700000004');
    expect(formatAttribute({ L: [{ N: '1' }] })).toBe('{"L":[{"N":"1"}]}');
    expect(formatAttribute(undefined)).toBe('');
  });
});
