/**
 * What one JSON document of the input is: the parts it holds (GetRecords pages, Lambda events,
 * DescribeStream output, bare records), or, when it is recognisably something else, what it is in
 * words ("this looks like a DynamoDB Scan output") rather than a list of missing fields.
 *
 * Pure. May import: nothing at runtime. May not import: DOM, sim runtime, worker, ui.
 */

export const HOW_TO_GET =
  'Stream records come from "aws dynamodbstreams get-records --shard-iterator …" (GetRecords output), from a Lambda function that logged JSON.stringify(event), or with shards from "aws dynamodbstreams describe-stream".';

export type Part =
  | { kind: 'get-records'; path: string; value: unknown }
  | { kind: 'lambda-event'; path: string; value: unknown }
  | { kind: 'describe-stream'; path: string; value: unknown }
  /** A bare list of records (or one record): read as one GetRecords page without an iterator. */
  | { kind: 'records'; path: string; value: unknown[] };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function looksLikeRecord(v: unknown): boolean {
  return isObject(v) && ('dynamodb' in v || ('eventID' in v && 'eventName' in v));
}


/** When the input is recognisably something else, says what it is. */
function somethingElse(v: unknown): string | undefined {
  if (Array.isArray(v)) return undefined;
  if (!isObject(v)) return `This is ${v === null ? 'null' : `a JSON ${typeof v}`}, not stream records.`;
  if (Array.isArray(v.Items) && ('Count' in v || 'ScannedCount' in v)) return 'This looks like a DynamoDB Scan or Query output (Items, Count), not stream records: it lists items as they are now, not the changes that made them.';
  if (isObject(v.Item) && !('Records' in v)) return 'This looks like a DynamoDB GetItem output (Item), not stream records: it is one item as it is now, not its changes.';
  if (isObject(v.Responses) && !('Records' in v)) return 'This looks like a DynamoDB BatchGetItem output (Responses), not stream records.';
  if (isObject(v.Table) && 'TableName' in v.Table) return 'This looks like a DynamoDB DescribeTable output: it names the stream (LatestStreamArn) but holds no records. Run describe-stream and get-records on that stream.';
  if (isObject(v.TableDescription)) return 'This looks like a CreateTable or UpdateTable output, not stream records.';
  if (Array.isArray(v.Streams)) return 'This looks like a ListStreams output: it lists streams, not their records. Run describe-stream and get-records on one of them.';
  if (typeof v.ShardIterator === 'string') return 'This looks like a GetShardIterator output: pass that iterator to get-records and paste what it returns.';
  if (isObject(v.DDBStreamBatchInfo)) return 'This looks like a Lambda on-failure record: it names the failed batch by position (DDBStreamBatchInfo) but holds no records (only S3 destinations add a payload).';
  if (typeof v.__type === 'string' || (typeof v.message === 'string' && Object.keys(v).length <= 3)) return `This looks like an AWS error response${typeof v.__type === 'string' ? ` (${v.__type})` : ''}, not stream records.`;
  if (Array.isArray(v.Records) && v.Records.length > 0) {
    const first = v.Records[0];
    if (isObject(first)) {
      const source = typeof first.eventSource === 'string' ? first.eventSource : typeof first.EventSource === 'string' ? first.EventSource : undefined;
      if (source && source !== 'aws:dynamodb') return `This looks like a Lambda event from ${source}, not from DynamoDB Streams (records say eventSource "aws:dynamodb").`;
      if ('kinesis' in first) return 'This looks like a Kinesis Data Streams event, not a DynamoDB Streams one.';
    }
  }
  return undefined;
}

/** Splits one JSON document into the parts it holds. */
export function partsOf(v: unknown, path: string, out: Part[], errors: string[]): void {
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every(looksLikeRecord)) {
      out.push({ kind: 'records', path, value: v });
      return;
    }
    v.forEach((x, i) => partsOf(x, `${path}[${i}]`, out, errors));
    return;
  }
  if (isObject(v) && isObject(v.payload) && isObject(v.DDBStreamBatchInfo)) {
    // An on-failure record sent to S3 carries the failed batch as a Lambda event.
    partsOf(v.payload, `${path}.payload`, out, errors);
    return;
  }
  const other = somethingElse(v);
  if (other) {
    errors.push(path ? `${path}: ${other}` : other);
    return;
  }
  const o = v as Record<string, unknown>;
  if ('StreamDescription' in o) out.push({ kind: 'describe-stream', path, value: o });
  else if ('Records' in o) {
    const records = Array.isArray(o.Records) ? o.Records : [];
    const lambda = records.some((r) => isObject(r) && 'eventSourceARN' in r) || 'shardId' in o;
    out.push({ kind: lambda && !('NextShardIterator' in o) ? 'lambda-event' : 'get-records', path, value: o });
  } else if (looksLikeRecord(o)) out.push({ kind: 'records', path, value: [o] });
  else errors.push(`${path || '(top level)'}: an object with ${Object.keys(o).slice(0, 6).join(', ') || 'no fields'} is not stream records. ${HOW_TO_GET}`);
}

