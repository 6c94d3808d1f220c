import { describe, expect, it } from 'vitest';
import { formatAttribute, formatSimTime, shortSequence, shortShardId } from './format.ts';

describe('format', () => {
  it('writes simulated time at a fixed width', () => {
    expect(formatSimTime(0)).toBe('+00:00:00.000');
    expect(formatSimTime(65_120)).toBe('+00:01:05.120');
    expect(formatSimTime(3_600_000 + 1)).toBe('+01:00:00.001');
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
