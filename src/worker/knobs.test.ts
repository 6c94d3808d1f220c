// Knobs (issue #14): each kind of edit → scenario → run, with the effect a learner should see in the
// trace; run-time setting changes as interventions; AWS's messages for values out of range.
import { describe, expect, it } from 'vitest';
import { findScenario } from '../scenarios/catalogue.ts';
import { applyEdits, type ScenarioEdit } from '../scenarios/edits.ts';
import { parseScenario } from '../scenarios/schema.ts';
import { consumerCounters } from '../sim/consumers/counters.ts';
import type { TraceEvent } from '../sim/index.ts';
import type { Intervention } from './protocol.ts';
import { createHost } from './host.ts';
import { buildRun } from './runScenario.ts';

async function traceOf(id: string, edits: ScenarioEdit[], interventions: Intervention[] = []): Promise<readonly TraceEvent[]> {
  const applied = applyEdits(findScenario(id)!, edits);
  if (!applied.ok) throw new Error(applied.message);
  const parsed = parseScenario(applied.scenario);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return (await buildRun(parsed.scenario, { interventions })).trace;
}

type Batch = Extract<TraceEvent, { type: 'batch-delivered' }>;
const batches = (trace: readonly TraceEvent[], consumer: string): Batch[] => trace.filter((f): f is Batch => f.type === 'batch-delivered' && f.consumer === consumer);
const broken = (trace: readonly TraceEvent[], consumer: string) => trace.filter((f) => f.type === 'invariant-broken' && (f as { consumer?: string }).consumer === consumer);

describe('scenario edits change the run', () => {
  it('BatchSize 1 makes one-record batches', async () => {
    const before = batches(await traceOf('voting-naive-crash', []), 'counter');
    const after = batches(await traceOf('voting-naive-crash', [{ p: 'consumers/counter/mapping/BatchSize', v: 1 }]), 'counter');
    expect(before.some((b) => b.eventIDs.length > 1)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.every((b) => b.eventIDs.length === 1)).toBe(true);
  });

  it('eventID idempotency fixes the naive counter’s broken check', async () => {
    expect(broken(await traceOf('voting-naive-crash', []), 'counter').length).toBeGreaterThan(0);
    const fixed = await traceOf('voting-naive-crash', [{ p: 'consumers/counter/handler/idempotency', v: 'event-id' }]);
    expect(broken(fixed, 'counter')).toEqual([]);
    expect(consumerCounters(fixed, 'counter').harmfulDuplicates).toBe(0);
  });

  it('bisect isolates the poison record in a batch of its own, and the rest of the shard goes on', async () => {
    const stuck = await traceOf('poison-record', []);
    const bisect = await traceOf('poison-record', [
      { p: 'consumers/stuck/mapping/BisectBatchOnFunctionError', v: true },
      { p: 'consumers/stuck/mapping/MaximumRetryAttempts', v: 2 },
    ]);
    expect(stuck.some((f) => f.type === 'batch-bisected' && (f as { consumer?: string }).consumer === 'stuck')).toBe(false);
    expect(bisect.some((f) => f.type === 'batch-bisected' && (f as { consumer?: string }).consumer === 'stuck')).toBe(true);
    const poisonFailed = bisect.filter((f) => f.type === 'record-processed' && f.consumer === 'stuck' && f.effect === 'failed').map((f) => (f as { eventID: string }).eventID);
    const alone = batches(bisect, 'stuck').filter((b) => b.trigger === 'bisect' && b.eventIDs.length === 1);
    expect(alone.some((b) => poisonFailed.includes(b.eventIDs[0]!))).toBe(true);
    expect(consumerCounters(bisect, 'stuck').recordsProcessed).toBeGreaterThan(consumerCounters(stuck, 'stuck').recordsProcessed);
  });

  it('every-batch checkpoints re-process less after a crash than every 10 batches', async () => {
    // Batches of 4 records; every-10 checkpoints every 40 records (10 batches); both crash 2 records into a batch.
    const edits: ScenarioEdit[] = [
      { p: 'consumers/every-batch/config/maxRecords', v: 4 },
      { p: 'consumers/every-10/config/maxRecords', v: 4 },
      { p: 'consumers/every-10/checkpoint/n', v: 40 },
      ...[1, 2].flatMap((i) => [{ p: `interventions/${i}/at`, v: 9_400 }, { p: `interventions/${i}/params/afterRecords`, v: 2 }]),
    ];
    const trace = await traceOf('checkpoint-frequency', edits);
    const everyBatch = consumerCounters(trace, 'every-batch');
    const everyTen = consumerCounters(trace, 'every-10');
    expect(everyBatch.crashes).toBe(1);
    expect(everyTen.crashes).toBe(1);
    expect(everyBatch.reprocessed).toBeLessThan(everyTen.reprocessed);
    expect(everyBatch.checkpointWrites).toBeGreaterThan(everyTen.checkpointWrites);
  });

  it('workload knobs: generated traffic at a rate, over keys with a hot share, makes records on the hot key', async () => {
    const appended = (t: readonly TraceEvent[]) => t.filter((f): f is Extract<TraceEvent, { type: 'record-appended' }> => f.type === 'record-appended');
    const traffic = (ratePerSecond: number, share: number) => ({
      table: 'Votes', fromMs: 5_000, toMs: 25_000, ratePerSecond,
      keys: { attribute: 'voterId', prefix: 'v', count: 50, hot: { count: 1, share } },
      mix: { put: 1, update: 1 }, attributes: { candidate: ['Otter', 'Heron'] },
    });
    const base = appended(await traceOf('voting-naive-crash', []));
    const slow = appended(await traceOf('voting-naive-crash', [{ p: 'traffic', v: [traffic(1, 0)] }]));
    const fast = appended(await traceOf('voting-naive-crash', [{ p: 'traffic', v: [traffic(5, 0.8)] }]));
    expect(slow.length).toBeGreaterThan(base.length);
    expect(fast.length).toBeGreaterThan(slow.length + 40);
    const hot = fast.filter((f) => f.keyString.includes('v1"') || f.keyString.endsWith('v1')).length;
    expect(hot / (fast.length - base.length)).toBeGreaterThan(0.5);
  });
});

describe('run-time changes through the AWS API', () => {
  it('UpdateEventSourceMapping BatchSize 1 applies from the next batch; undo restores the run', async () => {
    const host = createHost({ yieldSlice: async () => {} });
    const original = await host.load('voting-naive-crash');
    const at = 30_000;
    const changed = await host.intervene({ at, kind: 'update-mapping', target: 'counter', params: { BatchSize: 1 } });
    expect(changed.traceHash).not.toBe(original.traceHash);
    const trace = (await buildRun(findScenario('voting-naive-crash')!, { interventions: [{ at, kind: 'update-mapping', target: 'counter', params: { BatchSize: 1 } }] })).trace;
    const applied = trace.find((f) => f.type === 'fault-injected' && f.kind === 'update-mapping');
    expect(applied).toMatchObject({ applied: true });
    const later = batches(trace, 'counter').filter((b) => b.t > at + 1_000 && b.trigger === 'poll');
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((b) => b.eventIDs.length === 1)).toBe(true);
    expect((await host.undo()).traceHash).toBe(original.traceHash);
  });

  it('disabling a mapping stops delivery until it is enabled again', async () => {
    const off: Intervention = { at: 20_000, kind: 'update-mapping', target: 'counter', params: { Enabled: false } };
    const trace = (await buildRun(findScenario('voting-naive-crash')!, { interventions: [off] })).trace;
    expect(trace.some((f) => f.type === 'mapping-state-changed' && (f as { state?: string }).state === 'Disabled')).toBe(true);
    expect(batches(trace, 'counter').filter((b) => b.t > 25_000)).toEqual([]);
    const on: Intervention = { at: 30_000, kind: 'update-mapping', target: 'counter', params: { Enabled: true } };
    const resumed = (await buildRun(findScenario('voting-naive-crash')!, { interventions: [off, on] })).trace;
    expect(batches(resumed, 'counter').some((b) => b.t > 30_000)).toBe(true);
  });

  it('a KCL application scales out at run time: the new worker starts and takes leases by stealing', async () => {
    const add: Intervention = { at: 20_000, kind: 'add-worker', target: 'counter', params: { worker: 'worker-3' } };
    const trace = (await buildRun(findScenario('voting-booth')!, { interventions: [add] })).trace;
    expect(trace.find((f) => f.type === 'fault-injected' && f.kind === 'add-worker')).toMatchObject({ applied: true });
    expect(trace.some((f) => f.type === 'worker-started' && (f as { worker?: string }).worker === 'worker-3' && f.t === 20_000)).toBe(true);
    expect(trace.some((f) => f.type === 'lease-taken' && (f as { worker?: string }).worker === 'worker-3')).toBe(true);
    // A worker id already in use, or a Lambda consumer, is recorded as not applied.
    const again = (await buildRun(findScenario('voting-booth')!, { interventions: [{ ...add, params: { worker: 'worker-1' } }] })).trace;
    expect(again.find((f) => f.type === 'fault-injected' && f.kind === 'add-worker')).toMatchObject({ applied: false });
  });

  it('UpdateTable with another stream view type starts a new stream', async () => {
    const change: Intervention = { at: 30_000, kind: 'update-table', target: 'Votes', params: { StreamViewType: 'KEYS_ONLY' } };
    const trace = (await buildRun(findScenario('voting-naive-crash')!, { interventions: [change] })).trace;
    const enabled = trace.filter((f) => f.type === 'stream-enabled');
    expect(enabled).toHaveLength(2);
    expect(enabled[1]).toMatchObject({ viewType: 'KEYS_ONLY' });
    expect(trace.some((f) => f.type === 'stream-disabled')).toBe(true);
    const arn = (enabled[1] as { streamArn: string }).streamArn;
    const record = trace.find((f) => f.type === 'record-appended' && f.streamArn === arn) as { record: { dynamodb: Record<string, unknown> } } | undefined;
    expect(record?.record.dynamodb.NewImage).toBeUndefined();
  });
});

describe('validation in AWS’s words, before anything is sent', () => {
  it('answers a ParallelizationFactor of 11 with Lambda’s message', async () => {
    const host = createHost({ yieldSlice: async () => {} });
    expect(await host.checkSetting('update-mapping', { ParallelizationFactor: 11 })).toBe(
      "1 validation error detected: Value '11' at 'parallelizationFactor' failed to satisfy constraint: Member must have value less than or equal to 10",
    );
    expect(await host.checkSetting('update-mapping', { BatchSize: 0 })).toMatch(/'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1/);
    expect(await host.checkSetting('update-mapping', { MaximumRecordAgeInSeconds: 30 })).toBe('MaximumRecordAgeInSeconds must be -1 (infinite) or between 60 and 604800 seconds.');
    expect(await host.checkSetting('update-mapping', { BatchSize: 1, BisectBatchOnFunctionError: true })).toBeNull();
    expect(await host.checkSetting('update-table', { StreamViewType: 'ALL' })).toMatch(/streamViewType/);
  });

  it('checks a whole edited scenario, naming the path', async () => {
    const host = createHost({ yieldSlice: async () => {} });
    expect(await host.checkEdits('voting-naive-crash', [{ p: 'consumers/counter/mapping/BatchSize', v: 5 }])).toBeNull();
    const problems = await host.checkEdits('voting-naive-crash', [{ p: 'durationMs', v: -1 }]);
    expect(problems?.join('\n')).toMatch(/durationMs/);
    // Setup calls run (nothing else), so DynamoDB's own message comes back before the run is asked for.
    const capacity = await host.checkEdits('voting-naive-crash', [{ p: 'setup/0/input/ProvisionedThroughput/ReadCapacityUnits', v: 0 }]);
    expect(capacity?.join('\n')).toMatch(/Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1/);
  });
});
