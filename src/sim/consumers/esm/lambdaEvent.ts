/**
 * What crosses the function boundary: the event Lambda builds from stream records (reference §2.6,
 * recorded case 20), how it reads the function's ReportBatchItemFailures response (§6.5, cases
 * 29–31) and the on-failure invocation record (§6.6, cases 26–28). Pure functions of their inputs.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamRecord } from '../../stream/record.ts';
import type { OnFailureRecord } from '../../lambda/destinations.ts';
import type { DiscardCondition } from './events.ts';

// One record as the function receives it is a module of its own: the worker's Inspector shows it
// for the selected record, and this module's other functions belong with Lambda's part only.
import { toLambdaRecord } from './lambdaRecord.ts';
export { toLambdaRecord };

export function toLambdaEvent(records: readonly StreamRecord[], streamArn: string): DynamoDBStreamEvent {
  return { Records: records.map((r) => toLambdaRecord(r, streamArn)) };
}

export type BatchVerdict =
  | { kind: 'success' }
  /** Records from this index on are retried; the ones before it succeeded. */
  | { kind: 'partial'; fromIndex: number; sequenceNumber: string }
  | { kind: 'failure'; reason: string };

/**
 * Reads a returned response under ReportBatchItemFailures. Success: a null/undefined, empty-object
 * or list response, or a null or empty `batchItemFailures` (case 31). Whole-batch failure: an entry
 * whose `itemIdentifier` is missing, not a string, empty, or not a sequence number of the batch
 * (case 30). Otherwise the lowest listed sequence number wins (check 53). Anything else that is not
 * an object carries no failures and counts as success (our reading; the docs list no other case).
 */
export function readBatchResponse(response: unknown, batchSeqs: readonly string[]): BatchVerdict {
  if (response === null || response === undefined || typeof response !== 'object' || Array.isArray(response)) return { kind: 'success' };
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  let lowest = -1;
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '') return { kind: 'failure', reason: `invalid itemIdentifier ${JSON.stringify(id ?? null)}` };
    const i = batchSeqs.indexOf(id);
    if (i < 0) return { kind: 'failure', reason: `itemIdentifier ${id} is not a sequence number of the batch` };
    if (lowest < 0 || i < lowest) lowest = i;
  }
  return { kind: 'partial', fromIndex: lowest, sequenceNumber: batchSeqs[lowest]! };
}

/** ISO-8601 with milliseconds (`timestamp`). */
export function isoMillis(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** ISO-8601 to the second (`approximateArrivalOf...`), from a record's epoch-second creation time. */
export function isoSeconds(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19)}Z`;
}

export interface DiscardInfo {
  requestId: string;
  functionArn: string;
  condition: DiscardCondition;
  approximateInvokeCount: number;
  functionError: string | null;
  nowEpochMs: number;
  shardId: string;
  streamArn: string;
  records: readonly StreamRecord[];
}

/** The invocation record Lambda sends to an on-failure destination; S3 also gets the payload. */
export function onFailureRecord(d: DiscardInfo, withPayload: boolean): OnFailureRecord {
  const first = d.records[0]!;
  const last = d.records[d.records.length - 1]!;
  return {
    requestContext: { requestId: d.requestId, functionArn: d.functionArn, condition: d.condition, approximateInvokeCount: d.approximateInvokeCount },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: d.functionError },
    version: '1.0',
    timestamp: isoMillis(d.nowEpochMs),
    DDBStreamBatchInfo: {
      shardId: d.shardId,
      startSequenceNumber: first.dynamodb.SequenceNumber,
      endSequenceNumber: last.dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: isoSeconds(first.dynamodb.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: isoSeconds(last.dynamodb.ApproximateCreationDateTime),
      batchSize: d.records.length,
      streamArn: d.streamArn,
    },
    ...(withPayload ? { payload: toLambdaEvent(d.records, d.streamArn) } : {}),
  };
}

/** The S3 object key Lambda uses for a failure record (case 28's validated assertion). */
export function s3ObjectKey(uuid: string, shardId: string, nowEpochMs: number, suffix: string): string {
  const iso = new Date(nowEpochMs).toISOString();
  const [y, m, d] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  return `aws/lambda/${uuid}/${shardId}/${y}/${m}/${d}/${iso.slice(0, 19).replaceAll(':', '.')}-${suffix}`;
}
