/**
 * On-failure destinations: the SQS queues, SNS topics and S3 buckets an event source mapping
 * reports discarded batches to, named by ARN. They are not simulated services, only mailboxes: each
 * keeps, in order, the invocation records it received, in the shape Lambda sends (reference §6.6,
 * recorded cases 26–28). May touch: the world's module state. May not touch: clock, queue, trace.
 */
import type { World } from '../world.ts';
import { moduleState } from '../world.ts';
import type { DynamoDBStreamEvent } from 'aws-lambda';

export type DestinationKind = 'sqs' | 'sns' | 's3';

/** Lambda's invocation record for a discarded DynamoDB stream batch. */
export interface OnFailureRecord {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'RetryAttemptsExhausted' | 'MaximumRecordAgeExceeded';
    approximateInvokeCount: number;
  };
  responseContext: { statusCode: number; executedVersion: string; functionError: string | null };
  version: '1.0';
  /** ISO-8601 with milliseconds: `2022-07-13T13:48:01.000Z`. */
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    /** ISO-8601 without milliseconds: `2022-07-13T13:48:01Z`. */
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
  /** Only for S3 destinations: the event that failed (SQS and SNS get positions only). */
  payload?: DynamoDBStreamEvent;
}

export interface DestinationMessage {
  /** Simulated time it arrived. */
  t: number;
  kind: DestinationKind;
  /** For S3: the object key, `aws/lambda/<ESM UUID>/<shardId>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<suffix>`. */
  key?: string;
  record: OnFailureRecord;
}

const SQS = /^arn:aws[a-zA-Z-]*:sqs:[a-z0-9-]+:\d{12}:[a-zA-Z0-9_-]{1,80}(\.fifo)?$/;
const SNS = /^arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:\d{12}:[a-zA-Z0-9_-]{1,256}(\.fifo)?$/;
const S3 = /^arn:aws[a-zA-Z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Which kind of destination an ARN names; undefined when Lambda would refuse it. */
export function destinationKind(arn: string): DestinationKind | undefined {
  if (SQS.test(arn)) return 'sqs';
  if (SNS.test(arn)) return 'sns';
  if (S3.test(arn)) return 's3';
  return undefined;
}

function mailboxes(world: World): Map<string, DestinationMessage[]> {
  return moduleState(world, 'lambda-destinations', () => new Map<string, DestinationMessage[]>());
}

/** Delivers an invocation record; SQS and SNS drop the payload as Lambda does. */
export function deliver(world: World, arn: string, record: OnFailureRecord, s3Key: string): DestinationMessage {
  const kind = destinationKind(arn) ?? 'sqs';
  const { payload, ...withoutPayload } = record;
  const msg: DestinationMessage =
    kind === 's3' ? { t: world.nowMs, kind, key: s3Key, record: { ...withoutPayload, ...(payload ? { payload } : {}) } } : { t: world.nowMs, kind, record: withoutPayload };
  let box = mailboxes(world).get(arn);
  if (!box) {
    box = [];
    mailboxes(world).set(arn, box);
  }
  box.push(msg);
  return msg;
}

export function received(world: World, arn: string): DestinationMessage[] {
  return [...(mailboxes(world).get(arn) ?? [])];
}

export function destinationArns(world: World): string[] {
  return [...mailboxes(world).keys()];
}
