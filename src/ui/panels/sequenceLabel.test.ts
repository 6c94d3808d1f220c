import { describe, expect, it } from 'vitest';
import { checkpointLabel, sequenceLabel, sequenceTitle } from './sequenceLabel.ts';

describe('sequence labels', () => {
  it('name a record by its place on the shard and keep the real number in the tooltip', () => {
    expect(sequenceLabel(3)).toBe('#3');
    expect(sequenceTitle('100000000000000000011042', 3)).toContain('SequenceNumber 100000000000000000011042');
  });
  it('checkpoints: #n for a record of the run, sentinels as stored', () => {
    expect(checkpointLabel('100000000000000000011042', 12)).toBe('#12');
    expect(checkpointLabel('SHARD_END', undefined)).toBe('SHARD_END');
    expect(checkpointLabel('TRIM_HORIZON', undefined)).toBe('TRIM_HORIZON');
    expect(checkpointLabel('100000000000000000011042', undefined)).toBe('…011042');
  });
});
