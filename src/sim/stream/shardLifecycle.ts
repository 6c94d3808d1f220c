/**
 * The ends of shards a run reaches only when it is long or split on purpose: rollover at the end of
 * a shard's lifetime (one child), a partition split (two children), and the trimming of records
 * past retention, with closed shards expiring once all their records are past it. The shard
 * lifecycle part (`../parts.ts`): a run shorter than both a shard's lifetime and the retention,
 * with no split, never needs it (`partsFor`), so the default run does without this code.
 *
 * Opening and closing a shard, and queueing the trims, stay in `shards.ts`: every stream opens
 * shards, and a disabled stream (the table settings part) closes them.
 *
 * May import: the world, `shards.ts`, table types, the intervention type.
 */
import type { World } from '../world.ts';
import { record } from '../world.ts';
import type { Partition, TableState } from '../table/table.ts';
import type { Intervention } from '../faults/intervention.ts';
import { closeShard, openShard, scheduleTrim } from './shards.ts';

/** The scheduled end of a shard's lifetime: it closes and one child takes over its partition. */
export function rollOver(world: World, streamArn: string, shardId: string): void {
  const stream = world.streams.get(streamArn);
  const shard = stream?.shardById.get(shardId);
  if (!stream || !shard || shard.closedAtMs !== undefined || stream.status !== 'ENABLED') return;
  const table = stream.replicaOf ?? world.tables.get(stream.tableName);
  const partition = table?.partitions.find((p) => p.id === shard.partitionId);
  closeShard(world, stream, shard, 'rollover');
  if (partition) openShard(world, stream, partition, shard);
}

/** Splits the partition behind an open shard into two halves, each with a new child shard. */
export function splitPartition(world: World, table: TableState, partitionId: number): void {
  const index = table.partitions.findIndex((p) => p.id === partitionId);
  const p = table.partitions[index];
  if (!p || p.hi - p.lo < 1) return;
  const mid = p.lo + Math.floor((p.hi - p.lo) / 2);
  const left: Partition = { id: table.nextPartitionId++, lo: p.lo, hi: mid };
  const right: Partition = { id: table.nextPartitionId++, lo: mid + 1, hi: p.hi };
  table.partitions.splice(index, 1, left, right);
  if (!table.stream) return;
  const stream = world.streams.get(table.stream.arn)!;
  const parent = stream.shardById.get(stream.openShardByPartition.get(p.id)!)!;
  closeShard(world, stream, parent, 'split');
  openShard(world, stream, left, parent);
  openShard(world, stream, right, parent);
}

/** A `split-shard` intervention: splits the shard it names (by id or partition, else the table's first); why it did nothing, or undefined. */
export function applySplit(world: World, i: Intervention): string | undefined {
  const table = world.tables.get(i.target);
  if (!table?.stream) return `no table named ${i.target} with an enabled stream`;
  const stream = world.streams.get(table.stream.arn)!;
  const shardId = typeof i.params?.shardId === 'string' ? i.params.shardId : undefined;
  const partitionId =
    shardId !== undefined
      ? stream.shardById.get(shardId)?.partitionId
      : typeof i.params?.partition === 'number'
        ? i.params.partition
        : table.partitions[0]?.id;
  if (partitionId === undefined || !stream.openShardByPartition.has(partitionId)) return 'no such open shard';
  splitPartition(world, table, partitionId);
  return undefined;
}

/** Trims records past retention and expires closed shards past retention; queues the next trim. */
export function trim(world: World): void {
  if (world.trimDueMs !== undefined && world.trimDueMs > world.nowMs) return; // a superseded trim event
  world.trimDueMs = undefined;
  const cutoff = world.nowMs - world.options.retentionMs;
  let nextDue = Infinity;
  for (const stream of world.streams.values()) {
    for (const shard of stream.shards) {
      if (shard.expired) continue;
      const before = shard.trimmedCount;
      while (shard.trimmedCount < shard.records.length && shard.records.timeAt(shard.trimmedCount) <= cutoff) shard.trimmedCount++;
      if (shard.trimmedCount > before) {
        record(world, {
          t: world.nowMs,
          type: 'records-trimmed',
          streamArn: stream.arn,
          shardId: shard.shardId,
          count: shard.trimmedCount - before,
          lastSequenceNumber: shard.records.sequenceNumberAt(shard.trimmedCount - 1),
        });
      }
      if (shard.closedAtMs !== undefined && shard.closedAtMs <= cutoff) {
        shard.expired = true;
        record(world, { t: world.nowMs, type: 'shard-expired', streamArn: stream.arn, shardId: shard.shardId });
        continue;
      }
      if (shard.trimmedCount < shard.records.length) nextDue = Math.min(nextDue, shard.records.timeAt(shard.trimmedCount) + world.options.retentionMs);
      if (shard.closedAtMs !== undefined) nextDue = Math.min(nextDue, shard.closedAtMs + world.options.retentionMs);
    }
  }
  if (nextDue !== Infinity) scheduleTrim(world, nextDue);
}
