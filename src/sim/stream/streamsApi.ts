/**
 * The DynamoDB Streams API (reference §5): ListStreams, DescribeStream, GetShardIterator and
 * GetRecords, with AWS's request and response shapes and error names.
 *
 * Handlers take the world and the request body and return the response body; they throw
 * AwsErrors. They read the world and write only the trace (iterators issued, records read).
 */
import { AwsError, validationError } from '../api/errors.ts';
import type { World } from '../world.ts';
import { record } from '../world.ts';
import { decodeIterator, encodeIterator } from './iterators.ts';
import { checkReadLimit } from './readLimit.ts';
import type { ShardState, StreamState } from './shards.ts';
import type { StreamRecord } from './record.ts';
import { optionalInteger, optionalString, requireString } from '../api/input.ts';

const MAX_GET_RECORDS_BYTES = 1024 * 1024;

function streamNotFound(arn: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Requested resource not found: Stream: ${arn} not found`);
}

function findStream(world: World, arn: string): StreamState {
  const stream = world.streams.get(arn);
  if (!stream || streamExpired(world, stream)) throw streamNotFound(arn);
  return stream;
}

function streamExpired(world: World, stream: StreamState): boolean {
  return stream.disabledAtMs !== undefined && stream.disabledAtMs + world.options.retentionMs <= world.nowMs;
}

function findShard(stream: StreamState, shardId: string): ShardState {
  const shard = stream.shardById.get(shardId);
  if (!shard || shard.expired) {
    throw new AwsError('ResourceNotFoundException', `Requested resource not found: Shard does not exist`);
  }
  return shard;
}

export function listStreams(world: World, input: Record<string, unknown>): unknown {
  const tableName = optionalString(input, 'TableName');
  const limit = optionalInteger(input, 'Limit', 1, 100) ?? 100;
  const start = optionalString(input, 'ExclusiveStartStreamArn');
  // Each Region's endpoint lists its own streams: a global table's replica streams live in theirs.
  const region = world.requestRegion ?? world.options.region;
  let streams = [...world.streams.values()].filter(
    (s) => !streamExpired(world, s) && (!tableName || s.tableName === tableName) && (s.replicaOf?.replica?.region ?? world.options.region) === region,
  );
  if (start !== undefined) {
    const i = streams.findIndex((s) => s.arn === start);
    streams = i >= 0 ? streams.slice(i + 1) : streams;
  }
  const page = streams.slice(0, limit);
  return {
    Streams: page.map((s) => ({ StreamArn: s.arn, TableName: s.tableName, StreamLabel: s.label })),
    ...(streams.length > limit ? { LastEvaluatedStreamArn: page[page.length - 1]!.arn } : {}),
  };
}

function describeShard(shard: ShardState): Record<string, unknown> {
  return {
    ShardId: shard.shardId,
    SequenceNumberRange: {
      StartingSequenceNumber: shard.startingSequenceNumber.toString(),
      ...(shard.endingSequenceNumber !== undefined ? { EndingSequenceNumber: shard.endingSequenceNumber.toString() } : {}),
    },
    ...(shard.parentShardId ? { ParentShardId: shard.parentShardId } : {}),
  };
}

export function describeStream(world: World, input: Record<string, unknown>): unknown {
  const stream = findStream(world, requireString(input, 'StreamArn'));
  const limit = optionalInteger(input, 'Limit', 1, 100) ?? 100;
  const start = optionalString(input, 'ExclusiveStartShardId');
  const filter = input.ShardFilter as { Type?: unknown; ShardId?: unknown } | undefined;
  // Shard ids begin with their creation time, so their string order is their age order.
  let shards = stream.shards.filter((s) => !s.expired).sort((a, b) => (a.shardId < b.shardId ? -1 : 1));
  if (filter !== undefined) {
    if (filter.Type !== 'CHILD_SHARDS' || typeof filter.ShardId !== 'string') {
      throw validationError('ShardFilter must have Type CHILD_SHARDS and a ShardId');
    }
    shards = shards.filter((s) => s.parentShardId === filter.ShardId);
  }
  if (start !== undefined) shards = shards.filter((s) => s.shardId > start);
  const page = shards.slice(0, limit);
  return {
    StreamDescription: {
      StreamArn: stream.arn,
      StreamLabel: stream.label,
      StreamStatus: stream.status,
      StreamViewType: stream.viewType,
      CreationRequestDateTime: (world.options.epochMs + stream.createdAtMs) / 1000,
      TableName: stream.tableName,
      KeySchema: stream.keySchema,
      Shards: page.map(describeShard),
      ...(shards.length > limit ? { LastEvaluatedShardId: page[page.length - 1]!.shardId } : {}),
    },
  };
}

function parseSequenceNumber(input: Record<string, unknown>): bigint {
  const s = input.SequenceNumber;
  if (typeof s !== 'string' || !/^\d{21,40}$/.test(s)) {
    throw validationError(`Invalid SequenceNumber: ${typeof s === 'string' ? s : 'missing'}`);
  }
  return BigInt(s);
}

function trimmedError(shard: ShardState): AwsError {
  return new AwsError(
    'TrimmedDataAccessException',
    `Attempted to access data past the trim horizon of shard ${shard.shardId}: the records were older than the stream's retention period and have been trimmed`,
  );
}

export function getShardIterator(world: World, input: Record<string, unknown>): unknown {
  const stream = findStream(world, requireString(input, 'StreamArn'));
  const shard = findShard(stream, requireString(input, 'ShardId'));
  const type = requireString(input, 'ShardIteratorType');
  let position: number;
  switch (type) {
    case 'TRIM_HORIZON':
      position = shard.trimmedCount;
      break;
    case 'LATEST':
      position = shard.records.length;
      break;
    case 'AT_SEQUENCE_NUMBER':
    case 'AFTER_SEQUENCE_NUMBER': {
      const seq = parseSequenceNumber(input);
      const last = shard.endingSequenceNumber;
      if (seq < shard.startingSequenceNumber || (last !== undefined && seq > last)) {
        throw validationError(`Invalid SequenceNumber ${seq} for shard ${shard.shardId}: outside the shard's sequence number range`);
      }
      position = shard.records.lowerBound(seq, type === 'AFTER_SEQUENCE_NUMBER');
      if (position < shard.trimmedCount) throw trimmedError(shard);
      break;
    }
    default:
      throw validationError(
        `1 validation error detected: Value '${type}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST]`,
      );
  }
  record(world, { t: world.nowMs, type: 'iterator-issued', streamArn: stream.arn, shardId: shard.shardId, iteratorType: type, position });
  return { ShardIterator: encodeIterator({ streamArn: stream.arn, shardId: shard.shardId, position, issuedAtMs: world.nowMs }) };
}

export function getRecords(world: World, input: Record<string, unknown>): unknown {
  const limit = optionalInteger(input, 'Limit', 1, 1000) ?? 1000;
  const it = decodeIterator(input.ShardIterator);
  const age = world.nowMs - it.issuedAtMs;
  if (age > world.options.iteratorExpiryMs) {
    throw new AwsError(
      'ExpiredIteratorException',
      `Iterator expired. The iterator was created at time ${it.issuedAtMs} ms while right now it is ${world.nowMs} ms, which is further in the future than the tolerated delay of ${world.options.iteratorExpiryMs} milliseconds.`,
    );
  }
  const stream = findStream(world, it.streamArn);
  const shard = findShard(stream, it.shardId);
  if (it.position < shard.trimmedCount) throw trimmedError(shard);
  checkReadLimit(world, stream.arn, shard.shardId, it.position < shard.records.length);
  const records: StreamRecord[] = [];
  let bytes = 0;
  let pos = it.position;
  while (pos < shard.records.length && records.length < limit) {
    const size = shard.records.sizeAt(pos);
    if (records.length > 0 && bytes + size > MAX_GET_RECORDS_BYTES) break;
    records.push(shard.records.recordAt(pos));
    bytes += size;
    pos++;
  }
  // A closed shard read to its end has no next iterator: that is how readers learn the shard ended.
  const shardEnd = shard.closedAtMs !== undefined && pos >= shard.records.length;
  // Empty reads at the head of an open shard are not facts: pollers make them several times a second.
  if (records.length > 0 || shardEnd) {
    record(world, { t: world.nowMs, type: 'records-read', streamArn: stream.arn, shardId: shard.shardId, from: it.position, count: records.length, shardEnd });
  }
  return {
    Records: records,
    ...(shardEnd ? {} : { NextShardIterator: encodeIterator({ streamArn: stream.arn, shardId: shard.shardId, position: pos, issuedAtMs: world.nowMs }) }),
  };
}
