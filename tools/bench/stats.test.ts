import { describe, expect, it } from 'vitest';
import { fmt, formatTable, kb, median, ms, percentile, shortfall, verdict, type Target } from './stats.ts';

describe('percentile', () => {
  it('is nearest-rank on unsorted samples', () => {
    const xs = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(xs, 0.5)).toBe(5);
    expect(percentile(xs, 0.95)).toBe(10);
    expect(percentile(xs, 0.9)).toBe(9);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 1)).toBe(10);
    expect(median([3, 1, 2])).toBe(2);
    expect(xs[0]).toBe(5); // the input is not sorted in place
  });
  it('is NaN without samples and the sample itself for one', () => {
    expect(percentile([], 0.5)).toBeNaN();
    expect(percentile([7], 0.95)).toBe(7);
  });
});

describe('verdict and shortfall', () => {
  const atMost: Target = { op: '<=', value: 10, label: '≤ 10 ms' };
  const atLeast: Target = { op: '>=', value: 1_000_000, label: '≥ 1M events/s' };
  it('judges both directions, inclusive', () => {
    expect(verdict(10, atMost)).toBe('yes');
    expect(verdict(10.5, atMost)).toBe('no');
    expect(verdict(1_000_000, atLeast)).toBe('yes');
    expect(verdict(250_000, atLeast)).toBe('no');
    expect(verdict(undefined, atMost)).toBe('—');
    expect(verdict(5, undefined)).toBe('—');
    expect(verdict(NaN, atMost)).toBe('—');
  });
  it('says by how much a target is missed', () => {
    expect(shortfall(20, atMost)).toBe('2.00× off');
    expect(shortfall(250_000, atLeast)).toBe('4.00× off');
    expect(shortfall(5, atMost)).toBe('');
  });
});

describe('formatTable', () => {
  it('prints one Markdown row per figure with the verdict', () => {
    const lines = formatTable([
      { figure: 'seek p95', measured: '3 ms', baseline: 'straight run: 150 ms', ratio: '0.02', value: 3, target: { op: '<=', value: 16, label: '≤ 16 ms' } },
      { figure: 'a | b', measured: 'x', baseline: '', ratio: '' },
    ]);
    expect(lines[0]).toBe('| figure | measured | baseline in the same run | ratio | target | met? |');
    expect(lines[2]).toBe('| seek p95 | 3 ms | straight run: 150 ms | 0.02 | ≤ 16 ms | yes |');
    expect(lines[3]).toBe('| a \\| b | x | — | — | — | — |');
  });
});

describe('formatting', () => {
  it('formats counts, times and sizes', () => {
    expect(fmt(1234567)).toBe('1,234,567');
    expect(fmt(1.5, 2)).toBe('1.50');
    expect(ms(2.345)).toBe('2.35 ms');
    expect(ms(123.45)).toBe('123.5 ms');
    expect(kb(2048)).toBe('2.0 KB');
  });
});
