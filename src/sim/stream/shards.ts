/**
 * Streams and their shards: lineage, sequence numbers, rollover, splits and retention.
 *
 * Each table partition has one open shard. A shard closes when its lifetime ends (rollover: one
 * child), when its partition splits (two children) or when the stream is disabled (no child).
 * Sequence numbers come from one counter per world that grows by random gaps, so they increase
 * within a shard, never by one, and a child's numbers exceed its parent's (reference §4).
 * Records older than the retention period are trimmed; a closed shard whose records are all past
 * retention disappears from DescribeStream while its children still name it as their parent.
 *
 * Here: what every stream does (enable, open and close shards, append records, queue trims).
 * Rollover, splits and the trims are `shardLifecycle.ts`, a part of the core that a run shorter
 * than a shard's lifetime and the retention, with no split, never loads; disabling a stream is
 * `table/tableSettings.ts` (UpdateTable, DeleteTable).
 */
import type { World } from '../world.ts';
import { epochAt, record, schedule } from '../world.ts';
import type { Item } from '../table/attributeValue.ts';
import type { Partition, TableState } from '../table/table.ts';
import { partitionFor, partitionOfHash } from '../table/table.ts';
import type { EventName, StreamViewType } from './record.ts';
import type { ShardCloseReason } from '../trace/events.ts';
import { createDictionary, ShardRecords, type RecordRow, type StreamKeyHint, type StreamRecordDictionary } from './recordStore.ts';
import { appendedFactOf } from './appendedFact.ts';
import { addToSequence, sequenceBigInt, sequenceText } from './sequence.ts';

export interface ShardState {
  shardId: string;
  parentShardId?: string;
  partitionId: number;
  openedAtMs: number;
  closedAtMs?: number;
  startingSequenceNumber: bigint;
  endingSequenceNumber?: bigint;
  /** Every record ever appended, as columns; those below `trimmedCount` are trimmed and unreadable. */
  records: ShardRecords;
  trimmedCount: number;
  /** Past retention after closing: gone from DescribeStream, unknown to GetShardIterator. */
  expired: boolean;
}

export interface StreamState {
  arn: string;
  label: string;
  tableName: string;
  viewType: StreamViewType;
  status: 'ENABLED' | 'DISABLED';
  createdAtMs: number;
  disabledAtMs?: number;
  keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  /** Shards in creation order. */
  shards: ShardState[];
  shardById: Map<string, ShardState>;
  openShardByPartition: Map<number, string>;
  /**
   * Each partition's open shard by partition id (`openShardByPartition`'s shards, kept beside it):
   * a record finds its shard in one array read instead of two Map lookups (issue #16). Kept by
   * `openShard` and `closeShard` only, so it is always the Map's answer.
   */
  openShards: (ShardState | undefined)[];
  /** A global table's replica in another Region: the table this stream belongs to (not in `world.tables`). */
  replicaOf?: TableState;
  /** The keys, item versions and Regions its shards' records point to. */
  dictionary: StreamRecordDictionary;
}

/** Moves the world's counter on by a random gap (gap × 1000 + 7 < 10^10, exact as a double). */
function allocateSequenceNumber(world: World): void {
  addToSequence(world.nextSequence, world.rng.sequence.int(1_000, 9_999_999) * 1_000 + 7);
}

/** ISO-8601 UTC with milliseconds and no zone letter, as AWS writes stream labels. */
export function streamLabelAt(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, -1);
}

function newShardId(world: World): string {
  return `shardId-${String(epochAt(world)).padStart(20, '0')}-${world.rng.ids.hex(8)}`;
}

export function openShard(world: World, stream: StreamState, partition: Partition, parent?: ShardState): ShardState {
  const shardId = newShardId(world);
  allocateSequenceNumber(world);
  const shard: ShardState = {
    shardId,
    ...(parent ? { parentShardId: parent.shardId } : {}),
    partitionId: partition.id,
    openedAtMs: world.nowMs,
    startingSequenceNumber: sequenceBigInt(world.nextSequence.hi, world.nextSequence.lo),
    records: new ShardRecords(shardId, stream.dictionary),
    trimmedCount: 0,
    expired: false,
  };
  stream.shards.push(shard);
  stream.shardById.set(shard.shardId, shard);
  stream.openShardByPartition.set(partition.id, shard.shardId);
  stream.openShards[partition.id] = shard;
  record(world, {
    t: world.nowMs,
    type: 'shard-opened',
    streamArn: stream.arn,
    shardId: shard.shardId,
    ...(parent ? { parentShardId: parent.shardId } : {}),
    partition: partition.id,
    startingSequenceNumber: sequenceText(world.nextSequence.hi, world.nextSequence.lo),
  });
  const { shardLifetimeMs, shardLifetimeJitterMs } = world.options;
  const jitter = shardLifetimeJitterMs > 0 ? world.rng.jitter.int(0, shardLifetimeJitterMs) : 0;
  schedule(world, world.nowMs + shardLifetimeMs + jitter, { kind: 'shard-rollover', streamArn: stream.arn, shardId: shard.shardId });
  return shard;
}

export function closeShard(world: World, stream: StreamState, shard: ShardState, reason: ShardCloseReason): void {
  if (shard.closedAtMs !== undefined) return;
  shard.closedAtMs = world.nowMs;
  const n = shard.records.length;
  const last = n > 0 ? shard.records.sequenceLimbsAt(n - 1) : undefined;
  shard.endingSequenceNumber = last ? sequenceBigInt(last.hi, last.lo) : shard.startingSequenceNumber;
  if (stream.openShardByPartition.get(shard.partitionId) === shard.shardId) {
    stream.openShardByPartition.delete(shard.partitionId);
    stream.openShards[shard.partitionId] = undefined;
  }
  record(world, {
    t: world.nowMs,
    type: 'shard-closed',
    streamArn: stream.arn,
    shardId: shard.shardId,
    reason,
    endingSequenceNumber: shard.endingSequenceNumber.toString(),
  });
  scheduleTrim(world, world.nowMs + world.options.retentionMs);
}

/** Enables a new stream on a table: a new ARN and label every time (reference §3). */
export function enableStream(world: World, table: TableState, viewType: StreamViewType): StreamState {
  // Labels have millisecond precision; two enables within one ms still get distinct streams.
  let labelMs = epochAt(world);
  while (world.streams.has(`${table.arn}/stream/${streamLabelAt(labelMs)}`)) labelMs++;
  const label = streamLabelAt(labelMs);
  const arn = `${table.arn}/stream/${label}`;
  const stream: StreamState = {
    arn,
    label,
    tableName: table.name,
    viewType,
    status: 'ENABLED',
    createdAtMs: world.nowMs,
    keySchema: [
      { AttributeName: table.keySchema.hash.name, KeyType: 'HASH' },
      ...(table.keySchema.range ? [{ AttributeName: table.keySchema.range.name, KeyType: 'RANGE' as const }] : []),
    ],
    shards: [],
    shardById: new Map(),
    openShardByPartition: new Map(),
    openShards: [],
    dictionary: createDictionary(arn, viewType, world.options.epochMs, world.itemVersions),
  };
  if (table.replica && table.replica.region !== world.options.region) stream.replicaOf = table;
  world.streams.set(arn, stream);
  table.stream = { arn, viewType };
  table.latestStream = { arn, label };
  record(world, { t: world.nowMs, type: 'stream-enabled', table: table.name, streamArn: arn, viewType });
  for (const p of table.partitions) openShard(world, stream, p);
  return stream;
}

export interface ItemChange {
  eventName: EventName;
  keys: Item;
  keyString: string;
  /** The world's index of `keys` (`WriteColumns.keyIndexAt`), when the commit knows it. */
  keyRef?: number;
  /** The key's memo, when the commit found the key through one (`recordStore.ts`'s `StreamKeyHint`). */
  keyHint?: StreamKeyHint | undefined;
  /**
   * `partitionHash(table, keys)` when the write found it already (`table/itemKey.ts`), else −1. A
   * number always: a field that is sometimes undefined keeps a hash past 2^31 as a new boxed
   * number on each write, which the old scratch object then remembers for the collector.
   */
  hash: number;
  oldItem: Item | undefined;
  newItem: Item | undefined;
  byService: boolean;
}

const NO_KEYS: Item = Object.freeze({});
/**
 * The row `appendRecord` fills for each record, one object for all (single-threaded, never
 * re-entered: `ShardRecords.append` reads it and keeps none of it), instead of a new one per record.
 */
const ROW: RecordRow = { t: 0, seqHi: 0, seqLo: 0, eventName: 'INSERT', byService: false, region: '', keys: NO_KEYS, keyString: '', keyRef: -1, keyHint: undefined, oldItem: undefined, newItem: undefined };

/**
 * Appends the record of one item change to the open shard of the item's partition, as a row of
 * the shard's columns (the AWS-shaped record is built when read). Returns the row's index, or
 * undefined when the table has no stream.
 */
export function appendRecord(world: World, table: TableState, change: ItemChange): number | undefined {
  if (!table.stream) return undefined;
  const arn = table.stream.arn;
  let stream = world.lastStream;
  if (stream === undefined || stream.arn !== arn) {
    stream = world.streams.get(arn)!;
    world.lastStream = stream;
  }
  const partition = change.hash < 0 ? partitionFor(table, change.keys) : partitionOfHash(table, change.hash);
  const shard = stream.openShards[partition.id]!;
  allocateSequenceNumber(world);
  const row = ROW;
  row.t = world.nowMs;
  row.seqHi = world.nextSequence.hi;
  row.seqLo = world.nextSequence.lo;
  row.eventName = change.eventName;
  row.byService = change.byService;
  // A replica's records name its own Region, whichever Region the write came from.
  row.region = table.replica?.region ?? world.options.region;
  row.keys = change.keys;
  row.keyString = change.keyString;
  row.keyRef = change.keyRef ?? -1;
  row.keyHint = change.keyHint;
  row.oldItem = change.oldItem;
  row.newItem = change.newItem;
  const index = shard.records.append(row, world.rng.ids);
  // Let go of the items: the scratch row outlives the call.
  row.keys = NO_KEYS;
  row.keyHint = undefined;
  row.oldItem = undefined;
  row.newItem = undefined;
  world.trace.pushRow(appendedFactOf, shard.records, index);
  scheduleTrim(world, world.nowMs + world.options.retentionMs);
  return index;
}

/**
 * Queues a trim at `dueMs` unless one is queued no later. The trims themselves, rollover and splits
 * are the shard lifecycle part's (`shardLifecycle.ts`).
 */
export function scheduleTrim(world: World, dueMs: number): void {
  if (world.trimDueMs !== undefined && world.trimDueMs <= dueMs) return;
  world.trimDueMs = dueMs;
  schedule(world, dueMs, { kind: 'trim' });
}
