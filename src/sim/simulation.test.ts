/**
 * The public handle's own guarantees: determinism by seed, whole-millisecond time, validated
 * options, and responses that are copies (so no caller can rewrite the world's past).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from './simulation.ts';
import { createTable, getItem, put, s } from './testing/harness.ts';

describe('Simulation', () => {
  it('the same seed and calls give the same traceHash; another seed other ids', () => {
    const runWith = (seed: number) => {
      const sim = createSimulation({ seed });
      createTable(sim);
      put(sim, { pk: s('a') });
      void sim.advanceBy(5 * 3_600_000);
      return sim;
    };
    expect(runWith(11).traceHash()).toBe(runWith(11).traceHash());
    expect(runWith(11).traceHash()).not.toBe(runWith(12).traceHash());
    // Seeds are any safe integer: ones that differ only above bit 31 used to build the same world.
    expect(runWith(5).traceHash()).not.toBe(runWith(2 ** 32 + 5).traceHash());
    expect(runWith(-3).traceHash()).not.toBe(runWith(2 ** 32 - 3).traceHash());
  });

  it('time is whole milliseconds: fractional or negative times are refused instead of corrupting shard ids and iterators', () => {
    const sim = createSimulation({ seed: 1 });
    expect(() => sim.advanceBy(0.5)).toThrow(RangeError);
    expect(() => sim.advanceTo(1.25)).toThrow(RangeError);
    expect(() => sim.advanceBy(-1)).toThrow(RangeError);
    expect(() => sim.schedule(10.5, 'DynamoDB_20120810.ListTables', {})).toThrow(RangeError);
    expect(sim.now()).toBe(0);
  });

  it('options are validated: whole, non-negative durations and at least one partition', () => {
    expect(() => createSimulation({ seed: 1, epochMs: 1_700_000_000_000.5 })).toThrow(/epochMs/);
    expect(() => createSimulation({ seed: 1, retentionMs: 0 })).toThrow(/retentionMs/);
    expect(() => createSimulation({ seed: 1, shardLifetimeMs: Number.NaN })).toThrow(/shardLifetimeMs/);
    expect(() => createSimulation({ seed: 1, partitions: { t: 0 } })).toThrow(/partitions\.t/);
    expect(() => createSimulation({ seed: 1.5 })).toThrow(/seed/);
    expect(() => createSimulation({ seed: 1, epochMs: 0, shardLifetimeJitterMs: 0, ttlDeletionDelayMs: 0 })).not.toThrow();
  });

  it('responses are copies: mutating a GetItem result does not change the stored item', () => {
    const sim = createSimulation({ seed: 1 });
    createTable(sim);
    put(sim, { pk: s('a'), v: s('x') });
    const item = getItem(sim, { pk: s('a') })!;
    item.v = s('mutated');
    expect(getItem(sim, { pk: s('a') })).toEqual({ pk: s('a'), v: s('x') });
  });
});
