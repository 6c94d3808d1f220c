/**
 * Helpers for the KCL tests: a small world with one streamed table, a tiny downstream handler that
 * only remembers what it was handed, a recording programmatic processor, and trace queries. Pure (no
 * Node, no test framework) so it compiles with the core; it never reads the shared reference.
 */
import { createSimulation, type Simulation } from '../../simulation.ts';
import type { TraceEvent } from '../../trace/events.ts';
import type { StreamRecord } from '../../stream/record.ts';
import type { DownstreamHandler, HandlerSpec } from '../../handlers/types.ts';
import type { RecordProcessor, RecordProcessorCheckpointer } from './processor.ts';
import type { ShutdownReason } from './events.ts';
import type { CheckpointValue } from '../events.ts';

export const DDB = 'DynamoDB_20120810.';

/** A world with table `src` (string key pk, NEW_IMAGE stream) split into `partitions` shards. */
export function kclWorld(opts: { seed?: number; partitions?: number; retentionMs?: number; shardLifetimeMs?: number } = {}): { sim: Simulation; streamArn: string } {
  const sim = createSimulation({
    seed: opts.seed ?? 7,
    partitions: { src: opts.partitions ?? 1 },
    ...(opts.retentionMs !== undefined ? { retentionMs: opts.retentionMs } : {}),
    ...(opts.shardLifetimeMs !== undefined ? { shardLifetimeMs: opts.shardLifetimeMs } : {}),
  });
  const out = sim.call<{ TableDescription: { LatestStreamArn: string } }>(`${DDB}CreateTable`, {
    TableName: 'src',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  });
  return { sim, streamArn: out.TableDescription.LatestStreamArn };
}

/** Writes `count` items `${prefix}0..` now; `version` makes a rewrite of the same keys a change. */
export function writeItems(sim: Simulation, count: number, prefix = 'k', version = 0): void {
  for (let i = 0; i < count; i++) sim.call(`${DDB}PutItem`, { TableName: 'src', Item: { pk: { S: `${prefix}${i}` }, v: { N: String(i) }, version: { N: String(version) } } });
}

/** A handler that applies nothing anywhere: it remembers each record it was handed, in order. */
export function recordingHandler(): DownstreamHandler & { seen: { eventID: string; worker: string; deliveryCount: number }[] } {
  const spec: HandlerSpec = { kind: 'vote-counter', idempotency: 'none', sourceTable: 'src' };
  const seen: { eventID: string; worker: string; deliveryCount: number }[] = [];
  return {
    spec,
    targetTable: 'none',
    seen,
    process(_world, rec, ctx) {
      seen.push({ eventID: rec.eventID, worker: ctx.worker, deliveryCount: ctx.deliveryCount });
      return { effect: 'applied', ...(ctx.deliveryCount > 1 ? { harm: true } : {}) };
    },
  };
}

export interface ProcessorLog {
  initialized: { shardId: string; checkpoint: CheckpointValue }[];
  batches: { shardId: string; worker: string; records: StreamRecord[] }[];
  shutdowns: { shardId: string; reason: ShutdownReason; error?: string }[];
}

/**
 * A programmatic processor factory: logs every call; checkpoints after each batch unless `noCheckpoint`;
 * at TERMINATE checkpoints SHARD_END unless `skipShardEnd`; `onBatch` may do more (and throw).
 */
export function loggingFactory(opts: { skipShardEnd?: boolean; noCheckpoint?: boolean; onBatch?: (records: StreamRecord[], cp: RecordProcessorCheckpointer) => void } = {}) {
  const log: ProcessorLog = { initialized: [], batches: [], shutdowns: [] };
  const factory = ({ worker, shardId }: { worker: string; shardId: string }): RecordProcessor => ({
    initialize(id, checkpoint) {
      log.initialized.push({ shardId: id, checkpoint });
    },
    processRecords(records, cp, input) {
      log.batches.push({ shardId, worker, records });
      for (let i = 0; i < records.length; i++) input.recordDone();
      opts.onBatch?.(records, cp);
      if (!opts.noCheckpoint) cp.checkpoint();
    },
    shutdown(reason, cp) {
      let error: string | undefined;
      try {
        if (reason === 'TERMINATE' && !opts.skipShardEnd) cp.checkpoint();
        if (reason === 'ZOMBIE') cp.checkpoint();
      } catch (e) {
        error = (e as Error).name;
      }
      log.shutdowns.push({ shardId, reason, ...(error ? { error } : {}) });
    },
  });
  return { log, factory };
}

export function factsOf<T extends TraceEvent['type']>(trace: readonly TraceEvent[], type: T): Extract<TraceEvent, { type: T }>[] {
  return trace.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
}

/** Shard ids of the stream, oldest first. */
export function shardIds(sim: Simulation, streamArn: string): string[] {
  const d = sim.call<{ StreamDescription: { Shards: { ShardId: string }[] } }>('DynamoDBStreams_20120810.DescribeStream', { StreamArn: streamArn });
  return d.StreamDescription.Shards.map((s) => s.ShardId);
}
