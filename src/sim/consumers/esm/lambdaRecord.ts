/**
 * One stream record as a Lambda function receives it (reference §2.6, recorded case 20). Used by
 * the event Lambda builds (./lambdaEvent.ts) and by the worker's Inspector for the selected record,
 * which is why it is apart: the rest of ./lambdaEvent.ts is loaded with Lambda's part only.
 *
 * Pure. May import: sim types.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamRecord } from '../../stream/record.ts';

/**
 * One record as the function receives it: a deep copy (the function may mutate its event) of the
 * GetRecords record plus `eventSourceARN`, with TTL deletions' identity in Lambda's lower-case
 * spelling `{type, principalId}` instead of the Streams API's `{Type, PrincipalId}`.
 */
export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const { userIdentity, ...rest } = record;
  const copy = JSON.parse(JSON.stringify(rest)) as DynamoDBRecord;
  return {
    ...copy,
    eventSourceARN: streamArn,
    ...(userIdentity ? { userIdentity: { type: userIdentity.Type, principalId: userIdentity.PrincipalId } } : {}),
  };
}
