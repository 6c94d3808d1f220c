import { describe, expect, it } from 'vitest';
import { leaseCell } from './TablePanel.tsx';

describe('lease table cells', () => {
  const seq = '000000000000000000017035';
  it('names a checkpoint by the record’s place on its shard, the full number in the tooltip (issue 20: “…017035”)', () => {
    const cell = leaseCell('checkpoint', { S: seq }, 7);
    expect(cell.text).toBe('#7');
    expect(cell.title).toContain(seq);
  });
  it('keeps SHARD_END and TRIM_HORIZON as stored, and shortens a number the run never wrote', () => {
    expect(leaseCell('checkpoint', { S: 'SHARD_END' }).text).toBe('SHARD_END');
    expect(leaseCell('checkpoint', { S: 'TRIM_HORIZON' }).text).toBe('TRIM_HORIZON');
    expect(leaseCell('checkpoint', { S: seq }).text).toBe('…017035');
  });
});
