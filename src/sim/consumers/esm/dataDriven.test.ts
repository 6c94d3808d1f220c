import { describe, expect, it } from 'vitest';
import type { DownstreamHandler, HandlerSpec } from '../../handlers/types.ts';
import type { LambdaConsumerSpec } from '../spec.ts';
import { addLambdaConsumer } from './dataDriven.ts';
import { esmWorld, facts, putItem } from './testkit.ts';

/** A tiny downstream handler: remembers which eventIDs it applied; a repeat is a harmful duplicate. */
function countingHandler(): DownstreamHandler & { applied: string[] } {
  const spec: HandlerSpec = { kind: 'vote-counter', idempotency: 'none', sourceTable: 'tbl' };
  const applied: string[] = [];
  return {
    spec,
    targetTable: 'votes',
    applied,
    process(_world, record) {
      const harm = applied.includes(record.eventID);
      applied.push(record.eventID);
      return { effect: 'applied', ...(harm ? { harm } : {}) };
    },
  };
}

function consumer(mapping: Partial<LambdaConsumerSpec['mapping']> = {}): LambdaConsumerSpec {
  return {
    id: 'voter',
    kind: 'lambda',
    handler: { kind: 'vote-counter', idempotency: 'none', sourceTable: 'tbl' },
    mapping: { StartingPosition: 'TRIM_HORIZON', ...mapping },
    invocationMs: { base: 100, perRecord: 10 },
  };
}

describe('data-driven Lambda consumers', () => {
  it('§6.1: runs the downstream handler per record, in order, and records record-processed and lambda checkpoints', async () => {
    const { sim } = esmWorld();
    const h = countingHandler();
    const m = addLambdaConsumer(sim.world, consumer({ BatchSize: 2 }), h);
    expect(m.FunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:voter');
    for (const k of ['a', 'b', 'c']) putItem(sim, k);
    await sim.advanceBy(5_000);
    const ids = facts(sim, 'record-appended').map((f) => f.record.eventID);
    expect(h.applied).toEqual(ids);
    expect(facts(sim, 'record-processed').map((p) => [p.eventID, p.effect, p.deliveryCount, p.worker])).toEqual(ids.map((id) => [id, 'applied', 1, 'lane-0']));
    const cps = facts(sim, 'checkpoint');
    expect(cps.map((c) => [c.strategy, c.value])).toEqual([
      ['lambda', facts(sim, 'record-appended')[1]!.record.dynamodb.SequenceNumber],
      ['lambda', facts(sim, 'record-appended')[2]!.record.dynamodb.SequenceNumber],
    ]);
    const started = facts(sim, 'invocation-started')[0]!;
    expect(started.endsAt - started.t).toBe(120);
  });

  it('gotcha 6 / check 49: a poison-record fault fails the batch until retries run out; records before it are applied again', async () => {
    const { sim } = esmWorld();
    const h = countingHandler();
    addLambdaConsumer(sim.world, consumer({ BatchSize: 10, MaximumRetryAttempts: 2 }), h);
    sim.intervene({ at: 0, kind: 'poison-record', target: 'voter', params: { keyString: 'S1:b' } });
    for (const k of ['a', 'b', 'c']) putItem(sim, k);
    await sim.advanceBy(30_000);
    const [a, b, c] = facts(sim, 'record-appended').map((f) => f.record.eventID);
    const processed = facts(sim, 'record-processed').map((p) => [p.eventID === a ? 'a' : p.eventID === b ? 'b' : 'c', p.effect, p.deliveryCount]);
    expect(processed).toEqual([
      ['a', 'applied', 1], ['b', 'failed', 1],
      ['a', 'applied', 2], ['b', 'failed', 2],
      ['a', 'applied', 3], ['b', 'failed', 3],
    ]);
    expect(facts(sim, 'batch-discarded')[0]!.eventIDs).toEqual([a, b, c]);
    expect(facts(sim, 'record-processed').filter((p) => p.harm)).toHaveLength(2);
  });

  it('check 53 / case 29: with ReportBatchItemFailures the poison record is reported; records before it are not redelivered, the rest of its batch shares its fate', async () => {
    const { sim } = esmWorld();
    const h = countingHandler();
    addLambdaConsumer(sim.world, consumer({ BatchSize: 10, MaximumRetryAttempts: 1, FunctionResponseTypes: ['ReportBatchItemFailures'] }), h);
    sim.intervene({ at: 0, kind: 'poison-record', target: 'voter', params: { keyString: 'S1:b' } });
    for (const k of ['a', 'b', 'c']) putItem(sim, k);
    await sim.advanceBy(30_000);
    const [a, b, c] = facts(sim, 'record-appended').map((f) => f.record.eventID);
    expect(h.applied).toEqual([a]);
    expect(facts(sim, 'batch-delivered').map((d) => [d.eventIDs, d.trigger])).toEqual([
      [[a, b, c], 'poll'],
      [[b, c], 'partial-retry'],
      [[b, c], 'retry'],
    ]);
    // The remainder batch [b, c] had 1 + MaximumRetryAttempts invocations, then went as a whole.
    expect(facts(sim, 'batch-discarded').map((d) => [d.eventIDs, d.approximateInvokeCount])).toEqual([[[b, c], 2]]);
  });

  it('crash mid-batch: the next invocation applies k records and fails, so they are applied twice (at-least-once)', async () => {
    const { sim } = esmWorld();
    const h = countingHandler();
    addLambdaConsumer(sim.world, consumer({ BatchSize: 10 }), h);
    sim.intervene({ at: 0, kind: 'crash', target: 'voter', params: { when: 'mid-batch', afterRecords: 2 } });
    for (const k of ['a', 'b', 'c']) putItem(sim, k);
    await sim.advanceBy(10_000);
    const ids = facts(sim, 'record-appended').map((f) => f.record.eventID);
    expect(h.applied).toEqual([ids[0], ids[1], ...ids]);
    expect(facts(sim, 'record-processed').filter((p) => p.harm).map((p) => [p.eventID, p.deliveryCount])).toEqual([
      [ids[0], 2],
      [ids[1], 2],
    ]);
  });

  it('crash now: the in-flight invocation dies (a timeout) and its batch is retried', async () => {
    const { sim } = esmWorld();
    const h = countingHandler();
    addLambdaConsumer(sim.world, { ...consumer(), invocationMs: { base: 5_000, perRecord: 0 } }, h);
    putItem(sim, 'a');
    sim.intervene({ at: 3_000, kind: 'crash', target: 'voter', params: { when: 'now' } });
    await sim.advanceBy(20_000);
    expect(facts(sim, 'crash').map((c) => [c.t, c.worker])).toEqual([[3_000, 'lane-0']]);
    expect(facts(sim, 'invocation-finished').map((f) => [f.t, f.outcome])).toEqual([
      [3_000, 'timeout'],
      [expect.any(Number), 'success'],
    ]);
    expect(h.applied).toHaveLength(2);
  });

  it('check 59 / §8: redeliver-batch delivers the last successful batch again with the same eventIDs and sequence numbers', async () => {
    const { sim } = esmWorld();
    addLambdaConsumer(sim.world, consumer(), countingHandler());
    putItem(sim, 'a');
    putItem(sim, 'b');
    sim.intervene({ at: 5_000, kind: 'redeliver-batch', target: 'voter' });
    await sim.advanceBy(10_000);
    const [first, again] = facts(sim, 'batch-delivered');
    expect([again!.trigger, again!.eventIDs, again!.firstSequenceNumber, again!.lastSequenceNumber, again!.attempt]).toEqual(['redelivery', first!.eventIDs, first!.firstSequenceNumber, first!.lastSequenceNumber, 2]);
    expect(facts(sim, 'record-processed').filter((p) => p.harm)).toHaveLength(2);
  });

  it('slow-handler lengthens invocations; reorder parallel-batches raises ParallelizationFactor; lose-lease does not apply to Lambda', async () => {
    const { sim } = esmWorld();
    addLambdaConsumer(sim.world, consumer({ BatchSize: 1 }), countingHandler());
    sim.intervene({ at: 0, kind: 'slow-handler', target: 'voter', params: { extraMs: 1_000 } });
    sim.intervene({ at: 0, kind: 'reorder', target: 'voter', params: { mode: 'parallel-batches', factor: 3 } });
    sim.intervene({ at: 0, kind: 'lose-lease', target: 'voter', params: { shardId: 'x' } });
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f']) putItem(sim, k);
    await sim.advanceBy(20_000);
    const started = facts(sim, 'invocation-started');
    expect(started.every((s) => s.endsAt - s.t === 1_110)).toBe(true);
    expect(new Set(facts(sim, 'batch-delivered').map((b) => b.worker)).size).toBeGreaterThan(1);
    expect(facts(sim, 'fault-injected').map((f) => [f.kind, f.applied])).toEqual([
      ['slow-handler', true],
      ['reorder', true],
      ['lose-lease', false],
    ]);
  });
});
