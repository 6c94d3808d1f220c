/**
 * Test kit for handlers and checks: builds small worlds with a source table, reads the records the
 * stream got, and plays a consumer by hand (delivers records to a handler and records the consumer
 * facts a real ESM or KCL worker would: `batch-delivered`, `record-processed`, `checkpoint`,
 * `crash`). Pure, no test framework, so it compiles with the core; used only by tests.
 */
import { createSimulation, type Simulation } from '../simulation.ts';
import { moduleState, record } from '../world.ts';
import { keyString } from '../table/attributes.ts';
import { noteDelivery } from '../consumers/runtime.ts';
import type { StreamRecord, StreamViewType } from '../stream/record.ts';
import type { Item } from '../table/attributeValue.ts';
import type { CheckpointValue } from '../consumers/events.ts';
import type { DownstreamHandler, ProcessResult } from './types.ts';
import { processRecord, registeredHandler } from './index.ts';
import { compareTable, oracleFromSource, type RowMismatch } from '../checks/oracle.ts';

export const DDB = 'DynamoDB_20120810.';

export interface Appended {
  record: StreamRecord;
  shardId: string;
  keyString: string;
  t: number;
}

/** A world with `table` (hash key `hashKey`, optional range key) streaming `viewType`, one partition. */
export function worldWith(table: string, keys: [string] | [string, string], viewType: StreamViewType = 'NEW_AND_OLD_IMAGES', seed = 7): Simulation {
  const sim = createSimulation({ seed, partitions: { [table]: 1 } });
  sim.call(`${DDB}CreateTable`, {
    TableName: table,
    KeySchema: keys.map((k, i) => ({ AttributeName: k, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    AttributeDefinitions: keys.map((k) => ({ AttributeName: k, AttributeType: 'S' })),
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: viewType },
  });
  return sim;
}

export const S = (v: string): { S: string } => ({ S: v });

export function put(sim: Simulation, table: string, item: Item): void {
  sim.call(`${DDB}PutItem`, { TableName: table, Item: item });
}

export function remove(sim: Simulation, table: string, key: Item): void {
  sim.call(`${DDB}DeleteItem`, { TableName: table, Key: key });
}

/** Records appended to `table`'s stream, in trace order; `from` skips earlier ones. */
export function appended(sim: Simulation, table: string, from = 0): Appended[] {
  const arn = sim.world.tables.get(table)?.stream?.arn;
  const out: Appended[] = [];
  for (const f of sim.trace) {
    if (f.type === 'record-appended' && f.streamArn === arn) out.push({ record: f.record, shardId: f.shardId, keyString: f.keyString, t: f.t });
  }
  return out.slice(from);
}


/**
 * Delivers `recs` as one batch to `consumer`, in the given order, the way a consumer does: counts
 * the delivery, calls `processRecord`, records `record-processed`. Failed records are recorded as
 * `failed`. Returns each record's result.
 */
export function deliver(
  sim: Simulation,
  handler: DownstreamHandler,
  consumer: string,
  recs: readonly Appended[],
  opts: { worker?: string; attempt?: number; trigger?: 'poll' | 'retry' | 'redelivery' } = {},
): ProcessResult[] {
  const world = sim.world;
  const worker = opts.worker ?? 'worker-1';
  const batchId = ++moduleState(world, 'testkit', () => ({ batches: 0 })).batches;
  const first = recs[0];
  if (first) {
    record(world, {
      t: world.nowMs,
      type: 'batch-delivered',
      consumer,
      worker,
      streamArn: world.tables.get(handler.spec.sourceTable)?.stream?.arn ?? '',
      shardId: first.shardId,
      batchId,
      eventIDs: recs.map((r) => r.record.eventID),
      firstSequenceNumber: first.record.dynamodb.SequenceNumber,
      lastSequenceNumber: recs[recs.length - 1]!.record.dynamodb.SequenceNumber,
      attempt: opts.attempt ?? 1,
      trigger: opts.trigger ?? 'poll',
    });
  }
  return recs.map((r) => {
    const deliveryCount = noteDelivery(world, consumer, r.record.eventID);
    const ctx = { consumer, worker, shardId: r.shardId, batchId, deliveryCount };
    let result: ProcessResult;
    try {
      result = processRecord(world, handler, r.record, ctx, r.keyString);
    } catch {
      result = { effect: 'failed' };
    }
    record(world, {
      t: world.nowMs,
      type: 'record-processed',
      consumer,
      worker,
      shardId: r.shardId,
      batchId,
      eventID: r.record.eventID,
      sequenceNumber: r.record.dynamodb.SequenceNumber,
      keyString: r.keyString,
      deliveryCount,
      effect: result.effect,
      ...(result.harm ? { harm: true } : {}),
    });
    return result;
  });
}

export function checkpoint(sim: Simulation, consumer: string, worker: string, shardId: string, value: CheckpointValue): void {
  record(sim.world, { t: sim.world.nowMs, type: 'checkpoint', consumer, worker, shardId, value, strategy: 'test' });
}

export function crash(sim: Simulation, consumer: string, worker: string): void {
  record(sim.world, { t: sim.world.nowMs, type: 'crash', consumer, worker, reason: 'test' });
}

/** How the consumer's target differs from what its source table implies now (empty: it matches). */
export function targetVsSource(sim: Simulation, consumer: string): RowMismatch[] {
  const reg = registeredHandler(sim.world, consumer)!;
  const oracle = oracleFromSource(reg.parts, sim.world.tables.get(reg.handler.spec.sourceTable)!)!;
  return compareTable(reg.parts.logic, oracle, sim.world.tables.get(reg.handler.targetTable));
}

/** The target's items, for assertions. */
export function targetItems(sim: Simulation, handler: DownstreamHandler): Item[] {
  return [...(sim.world.tables.get(handler.targetTable)?.items.values() ?? [])];
}

/** A counter's value in a counts target (missing counts as 0). */
export function counter(sim: Simulation, handler: DownstreamHandler, hashValue: string, attr: string): number {
  const table = sim.world.tables.get(handler.targetTable);
  const item = table?.items.get(keyString({ [table.keySchema.hash.name]: { S: hashValue } }, [table.keySchema.hash.name]));
  const v = item?.[attr];
  return v && 'N' in v ? Number(v.N) : 0;
}
