import { describe, expect, it } from 'vitest';
import { formatMegabytes } from './memoryBudget.ts';

describe('formatMegabytes', () => {
  it('writes whole MB under a GB and tenths of a GB above', () => {
    expect(formatMegabytes(0)).toBe('1 MB');
    expect(formatMegabytes(350 * 1024 * 1024)).toBe('350 MB');
    expect(formatMegabytes(1023.4 * 1024 * 1024)).toBe('1,023 MB');
    expect(formatMegabytes(1.25 * 1024 ** 3)).toBe('1.3 GB');
    expect(formatMegabytes(2 * 1024 ** 3)).toBe('2 GB');
  });
});
