// The settings forms' model: run-time vs from-the-start changes, table knobs → partitions, consumers added and removed.
import { describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/catalogue.ts';
import { parseScenario } from '../../scenarios/schema.ts';
import { asCopy, blankScenario, newConsumer, onlyRuntimeChanges, partitionsOf, runtimeMappingChange, tableKnobs, withoutConsumer, withTableKnobs } from './model.ts';
import { describeEdits } from './describe.ts';

const naive = findScenario('voting-naive-crash')!;
const kcl = findScenario('voting-booth')!;

describe('knobs model', () => {
  it('tells run-time mapping changes (UpdateEventSourceMapping) from changes made at creation', () => {
    const from = { StartingPosition: 'TRIM_HORIZON' as const, BatchSize: 10 };
    expect(runtimeMappingChange(from, { ...from, BatchSize: 1, BisectBatchOnFunctionError: true })).toEqual({ BatchSize: 1, BisectBatchOnFunctionError: true });
    // A removed setting goes back to Lambda's default.
    expect(runtimeMappingChange(from, { StartingPosition: 'TRIM_HORIZON' })).toEqual({ BatchSize: 100 });
    expect(runtimeMappingChange(from, { ...from, FunctionResponseTypes: ['ReportBatchItemFailures'] })).toEqual({ FunctionResponseTypes: 'ReportBatchItemFailures' });
    expect(runtimeMappingChange(from, from)).toBeNull();
    expect(onlyRuntimeChanges(from, { ...from, BatchSize: 1 })).toBe(true);
    expect(onlyRuntimeChanges(from, { ...from, StartingPosition: 'LATEST' })).toBe(false);
  });

  it('table knobs: billing and capacity decide the partitions (hence shards); stream and TTL round-trip', () => {
    expect(partitionsOf(naive, 'Votes')).toBe(1);
    const k = tableKnobs(naive, 'Votes');
    const big = withTableKnobs(naive, 'Votes', { ...k, readCapacity: 3_000, writeCapacity: 2_000 });
    expect(partitionsOf(big, 'Votes')).toBe(3);
    const onDemand = withTableKnobs(naive, 'Votes', { ...k, billing: 'PAY_PER_REQUEST' });
    expect(partitionsOf(onDemand, 'Votes')).toBe(4);
    expect(onDemand.setup[0]!.input.ProvisionedThroughput).toBeUndefined();
    const ttl = withTableKnobs(naive, 'Votes', { ...k, streamViewType: 'KEYS_ONLY', ttlAttribute: 'expiresAt' });
    expect(tableKnobs(ttl, 'Votes')).toMatchObject({ streamViewType: 'KEYS_ONLY', ttlAttribute: 'expiresAt' });
    expect(parseScenario(ttl).ok).toBe(true);
    expect(tableKnobs(withTableKnobs(ttl, 'Votes', { ...k }), 'Votes').ttlAttribute).toBeUndefined();
  });

  it('adds consumers with fresh ids and removes one with the interventions aimed at it', () => {
    const added = { ...kcl, consumers: [...kcl.consumers!, newConsumer(kcl, 'kcl'), newConsumer({ ...kcl, consumers: [...kcl.consumers!, newConsumer(kcl, 'kcl')] }, 'kcl')] };
    expect(added.consumers.map((c) => c.id)).toEqual(['counter', 'kcl-app', 'kcl-app-2']);
    expect(parseScenario(added).ok).toBe(true);
    const removed = withoutConsumer(kcl, 'counter');
    expect(removed.consumers).toEqual([]);
    expect(removed.interventions).toEqual([]);
  });

  it('New scenario and a saved copy are valid scenarios that never pass for a built-in one', () => {
    expect(parseScenario(blankScenario()).ok).toBe(true);
    const copy = asCopy(naive);
    expect(copy.id).toBe('voting-naive-crash-copy');
    expect(copy.title).toMatch(/\(my copy\)$/);
    expect(copy.lesson).toBeUndefined();
    expect(parseScenario(copy).ok).toBe(true);
  });

  it('says a change set in words', () => {
    expect(describeEdits([{ p: 'consumers/counter/mapping/BatchSize', v: 1 }, { p: 'durationMs', v: 90_000 }])).toBe('counter BatchSize → 1; durationMs → 90000');
    expect(describeEdits([{ p: 'consumers/+', v: { id: 'kcl-app' } }, { p: 'consumers/counter', v: null }])).toBe('added consumer kcl-app; removed consumer counter');
  });
});
