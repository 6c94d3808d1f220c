import { describe, expect, it } from 'vitest';
import { checkpointFrequency } from '../../scenarios/checkpointFrequency.ts';
import { votingBooth } from '../../scenarios/votingBooth.ts';
import { tradeoffPoints } from './tradeoff.ts';

const counters = (writes: number, reprocessed: number) => ({
  recordsProcessed: 0, deliveries: 0, reprocessed, checkpointWrites: writes, batches: 0, retries: 0, failures: 0, failedRecords: 0, harmfulDuplicates: 0, crashes: 0, iteratorAgeMaxMs: 0,
});

describe('tradeoffPoints', () => {
  it('gives one point per KCL consumer when their checkpoint strategies differ', () => {
    const points = tradeoffPoints(checkpointFrequency.consumers ?? [], { 'every-record': counters(43, 1), 'every-10': counters(7, 4), 'every-batch': counters(3, 34) });
    expect(points).toEqual([
      { id: 'every-record', strategy: 'after every record', checkpointWrites: 43, reprocessed: 1 },
      { id: 'every-10', strategy: 'every 10 records', checkpointWrites: 7, reprocessed: 4 },
      { id: 'every-batch', strategy: 'after every batch', checkpointWrites: 3, reprocessed: 34 },
    ]);
  });

  it('reads zero for a consumer without counters yet', () => {
    expect(tradeoffPoints(checkpointFrequency.consumers ?? [], undefined).map((p) => [p.checkpointWrites, p.reprocessed])).toEqual([[0, 0], [0, 0], [0, 0]]);
  });

  it('gives nothing for a scenario with a single KCL consumer', () => {
    expect(tradeoffPoints(votingBooth.consumers ?? [], undefined)).toEqual([]);
  });
});
