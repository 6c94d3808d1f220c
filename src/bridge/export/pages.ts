/**
 * A run's records in the shapes real tools produce, so they can be fed to code written for AWS (and
 * imported back):
 *
 * - GetRecords pages: first the stream's DescribeStream output (its shards and lineage, as
 *   `aws dynamodbstreams describe-stream` prints it), then per shard, in shard order, pages of at most
 *   `limit` records `{ Records, NextShardIterator }`. The iterator is a Streamscope one, so importing
 *   the file puts every page back on its shard; a closed shard's last page has `NextShardIterator:
 *   null`, as GetRecords says at the end of a closed shard.
 * - Lambda events: per shard, batches of at most `batchSize` records `{ Records: [...] }` as a function
 *   receives them (`eventSourceARN` added, identity in Lambda's lower-case spelling). Lambda events do
 *   not name their shard, on AWS or here.
 *
 * Pure. May import: sim types, ../iterator.ts, ./records.ts. May not import: sim runtime, worker, ui.
 */
import type { StreamRecord } from '../../sim/stream/record.ts';
import { streamscopeIterator } from '../iterator.ts';
import type { ExportStream } from './records.ts';

export const DEFAULT_PAGE_LIMIT = 100;
export const DEFAULT_BATCH_SIZE = 100;

export interface GetRecordsPage {
  Records: StreamRecord[];
  NextShardIterator: string | null;
}

/** DescribeStream's output for a stream (all shards in one page). */
export function describeStreamOutput(stream: ExportStream): Record<string, unknown> {
  const label = stream.streamArn.slice(stream.streamArn.lastIndexOf('/') + 1);
  return {
    StreamDescription: {
      StreamArn: stream.streamArn,
      StreamLabel: label,
      StreamStatus: 'ENABLED',
      StreamViewType: stream.viewType,
      TableName: stream.table,
      KeySchema: stream.keyAttributes.map((name, i) => ({ AttributeName: name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      Shards: stream.shards.map((s) => ({
        ShardId: s.shardId,
        ...(s.parentShardId ? { ParentShardId: s.parentShardId } : {}),
        SequenceNumberRange: { StartingSequenceNumber: s.startingSequenceNumber, ...(s.endingSequenceNumber ? { EndingSequenceNumber: s.endingSequenceNumber } : {}) },
      })),
    },
  };
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Per shard, its records as GetRecords pages. */
export function getRecordsPages(stream: ExportStream, limit = DEFAULT_PAGE_LIMIT): GetRecordsPage[] {
  const pages: GetRecordsPage[] = [];
  for (const shard of stream.shards) {
    const size = Math.max(1, Math.min(limit, 1000));
    const parts = chunks(shard.records, size);
    parts.forEach((records, i) => {
      pages.push({ Records: records, NextShardIterator: streamscopeIterator(stream.streamArn, shard.shardId, i * size + records.length, 0) });
    });
    // Reading on at the end of a closed shard gives no records and no next iterator: the shard is done.
    if (shard.closed && parts.length > 0) pages.push({ Records: [], NextShardIterator: null });
  }
  return pages;
}

/** The export file of GetRecords pages: DescribeStream output first, then the pages, as one JSON array. */
export function getRecordsExport(stream: ExportStream, limit = DEFAULT_PAGE_LIMIT): unknown[] {
  return [describeStreamOutput(stream), ...getRecordsPages(stream, limit)];
}

/** One record as a Lambda function receives it (the same rule as the simulation's Lambda event). */
export function lambdaRecord(record: StreamRecord, streamArn: string): Record<string, unknown> {
  const { userIdentity, ...rest } = record;
  return {
    ...(JSON.parse(JSON.stringify(rest)) as Record<string, unknown>),
    eventSourceARN: streamArn,
    ...(userIdentity ? { userIdentity: { type: userIdentity.Type, principalId: userIdentity.PrincipalId } } : {}),
  };
}

/** Per shard, its records as Lambda events of at most `batchSize` records. */
export function lambdaEvents(stream: ExportStream, batchSize = DEFAULT_BATCH_SIZE): Array<{ Records: Array<Record<string, unknown>> }> {
  const events: Array<{ Records: Array<Record<string, unknown>> }> = [];
  for (const shard of stream.shards) {
    for (const batch of chunks(shard.records, Math.max(1, batchSize))) events.push({ Records: batch.map((r) => lambdaRecord(r, stream.streamArn)) });
  }
  return events;
}
