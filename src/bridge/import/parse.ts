/**
 * The importer: text in, an `ImportedStream` or a precise error out. It finds out what the input is
 * (GetRecords pages, Lambda DynamoDB events, DescribeStream output, or several of them together),
 * validates each with zod against the documented shapes (schema.ts), and normalises the records to
 * the GetRecords shape. Input that is not stream records is named ("this looks like a DynamoDB Scan
 * output") rather than reported as a list of missing fields; otherwise the first invalid fields are
 * listed with their paths.
 *
 * Shards: neither a GetRecords page nor a Lambda event names its shard. A page's shard is known when
 * its iterator is a Streamscope one, when exactly one DescribeStream shard's sequence range holds all
 * its records, or (Lambda) from a tumbling-window event's `shardId`; otherwise lanes.ts groups reads.
 *
 * Pure. May import: zod (via schema.ts), ../attributes.ts, ../iterator.ts, sim types.
 * May not import: DOM, sim runtime, worker, ui.
 */
import type { StreamRecord } from '../../sim/stream/record.ts';
import type { Item } from '../../sim/table/attributeValue.ts';
import { compareSequence } from '../attributes.ts';
import { iteratorShard, iteratorStreamArn } from '../iterator.ts';
import type { ImportedRead, ImportedRecord, ImportedShard, ImportedStream, ImportError, ImportResult, InputKind } from '../types.ts';
import { readJsonDocuments } from './json.ts';
import { DescribeStreamSchema, epochSeconds, GetRecordsPageSchema, issueText, LambdaEventSchema, StreamRecordSchema, type RawRecord } from './schema.ts';

import { MAX_IMPORT_CHARS } from './limits.ts';

export { MAX_IMPORT_CHARS };
/** More records than this are refused (the timeline draws a few thousand at once). */
export const MAX_IMPORT_RECORDS = 50_000;
/** At most this many problems are listed. */
const MAX_DETAILS = 8;

type Part =
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

const HOW_TO_GET =
  'Stream records come from "aws dynamodbstreams get-records --shard-iterator …" (GetRecords output), from a Lambda function that logged JSON.stringify(event), or with shards from "aws dynamodbstreams describe-stream".';

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
function partsOf(v: unknown, path: string, out: Part[], errors: string[]): void {
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

function normalise(raw: RawRecord): StreamRecord {
  const d = raw.dynamodb;
  const id = raw.userIdentity;
  return {
    eventID: raw.eventID,
    eventName: raw.eventName,
    eventVersion: raw.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: raw.awsRegion,
    dynamodb: {
      ApproximateCreationDateTime: epochSeconds(d.ApproximateCreationDateTime)!,
      Keys: d.Keys as Item,
      ...(d.NewImage ? { NewImage: d.NewImage as Item } : {}),
      ...(d.OldImage ? { OldImage: d.OldImage as Item } : {}),
      SequenceNumber: d.SequenceNumber.replace(/^0+(?=\d)/, ''),
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
    ...(id ? { userIdentity: 'Type' in id ? { Type: id.Type, PrincipalId: id.PrincipalId } : { Type: id.type, PrincipalId: id.principalId } } : {}),
  };
}

function fail(reason: ImportError['reason'], message: string, details: string[] = []): ImportResult {
  return { ok: false, error: { reason, message, details: details.slice(0, MAX_DETAILS) } };
}

/** The single DescribeStream shard whose sequence range holds every one of these sequence numbers, if exactly one does. */
function shardByRange(shards: readonly ImportedShard[], seqs: readonly string[]): string | undefined {
  if (seqs.length === 0) return undefined;
  const holds = (s: ImportedShard, q: string) =>
    s.startingSequenceNumber !== undefined && compareSequence(q, s.startingSequenceNumber) >= 0 && (s.endingSequenceNumber === undefined || compareSequence(q, s.endingSequenceNumber) <= 0);
  const matches = shards.filter((s) => seqs.every((q) => holds(s, q)));
  return matches.length === 1 ? matches[0]!.shardId : undefined;
}

/** Parses pasted or dropped text into an imported stream, or says precisely why it cannot. */
export function parseStreamInput(text: string): ImportResult {
  if (text.length > MAX_IMPORT_CHARS) {
    return fail('too-big', `The input is ${text.length.toLocaleString('en-US')} characters; the importer reads at most ${MAX_IMPORT_CHARS.toLocaleString('en-US')} (about 5 MB). Import fewer pages at a time.`);
  }
  if (text.trim() === '') return fail('empty', `Nothing to import: paste or drop GetRecords output, a Lambda event or DescribeStream output. ${HOW_TO_GET}`);
  const json = readJsonDocuments(text);
  if (!json.ok) return fail('not-json', `The input is not valid JSON: ${json.message}.`, json.excerpt ? [`near: ${json.excerpt}`] : []);

  const parts: Part[] = [];
  const elsewhere: string[] = [];
  json.docs.forEach((doc, i) => partsOf(doc, json.docs.length > 1 ? `document ${i + 1}` : '', parts, elsewhere));
  if (parts.length === 0) {
    const [first, ...rest] = elsewhere;
    return fail('not-stream-records', first ?? `No stream records found. ${HOW_TO_GET}`, [...rest, ...(first && !first.includes('get-records') ? [HOW_TO_GET] : [])]);
  }
  if (elsewhere.length > 0) return fail('not-stream-records', 'Part of the input is not stream records; nothing was imported.', elsewhere);

  const kinds: InputKind[] = [];
  const addKind = (k: InputKind) => kinds.includes(k) || kinds.push(k);
  const shards: ImportedShard[] = [];
  const reads: ImportedRead[] = [];
  const records: ImportedRecord[] = [];
  const notes: string[] = [];
  const problems: string[] = [];
  let streamArn: string | undefined;
  let tableName: string | undefined;
  let viewType: ImportedStream['viewType'];
  let keyAttributes: string[] = [];
  let textTimes = false;

  const addRecords = (raws: RawRecord[], read: ImportedRead) => {
    for (const raw of raws) {
      if (typeof raw.dynamodb.ApproximateCreationDateTime === 'string') textTimes = true;
      const index = records.length;
      records.push({ index, read: read.index, record: normalise(raw) });
      read.records.push(index);
    }
  };

  for (const part of parts) {
    if (part.kind === 'describe-stream') {
      const r = DescribeStreamSchema.safeParse(part.value);
      if (!r.success) {
        problems.push(...r.error.issues.map((x) => issueText(part.path, x)));
        continue;
      }
      addKind('describe-stream');
      const d = r.data.StreamDescription;
      streamArn ??= d.StreamArn;
      tableName ??= d.TableName;
      viewType ??= d.StreamViewType;
      if (d.KeySchema) keyAttributes = [...d.KeySchema].sort((a, b) => (a.KeyType === b.KeyType ? 0 : a.KeyType === 'HASH' ? -1 : 1)).map((k) => k.AttributeName);
      for (const s of d.Shards) {
        if (shards.some((x) => x.shardId === s.ShardId)) continue;
        shards.push({
          shardId: s.ShardId,
          ...(s.ParentShardId ? { parentShardId: s.ParentShardId } : {}),
          ...(s.SequenceNumberRange?.StartingSequenceNumber ? { startingSequenceNumber: s.SequenceNumberRange.StartingSequenceNumber } : {}),
          ...(s.SequenceNumberRange?.EndingSequenceNumber ? { endingSequenceNumber: s.SequenceNumberRange.EndingSequenceNumber } : {}),
        });
      }
      if (d.LastEvaluatedShardId) notes.push(`DescribeStream said there are more shards after ${d.LastEvaluatedShardId} (LastEvaluatedShardId); only the listed ones are shown.`);
      continue;
    }
    if (part.kind === 'records' || part.kind === 'get-records') {
      const value = part.kind === 'records' ? { Records: part.value } : part.value;
      const r = GetRecordsPageSchema.safeParse(value);
      if (!r.success) {
        problems.push(...r.error.issues.map((x) => issueText(part.kind === 'records' ? part.path : part.path, part.kind === 'records' ? { ...x, path: x.path.slice(1) } : x)));
        continue;
      }
      addKind('get-records');
      const next = r.data.NextShardIterator;
      const read: ImportedRead = { index: reads.length, kind: 'get-records', records: [], ...(next !== undefined ? { nextShardIterator: next } : {}) };
      const fromIterator = next ? iteratorShard(next) : undefined;
      if (fromIterator) Object.assign(read, { shardId: fromIterator, shardFrom: 'iterator' as const });
      if (next) streamArn ??= iteratorStreamArn(next);
      reads.push(read);
      addRecords(r.data.Records, read);
      continue;
    }
    const r = LambdaEventSchema.safeParse(part.value);
    if (!r.success) {
      problems.push(...r.error.issues.map((x) => issueText(part.path, x)));
      continue;
    }
    addKind('lambda-event');
    const arn = r.data.Records[0]?.eventSourceARN ?? r.data.eventSourceARN;
    const read: ImportedRead = { index: reads.length, kind: 'lambda-event', records: [], ...(arn ? { eventSourceARN: arn } : {}) };
    if (r.data.shardId) Object.assign(read, { shardId: r.data.shardId, shardFrom: 'tumbling-window' as const });
    if (arn) streamArn ??= arn;
    reads.push(read);
    addRecords(r.data.Records, read);
  }

  if (problems.length > 0) {
    return fail('invalid', `This looks like ${parts.map((p) => PART_NAMES[p.kind]).filter((x, i, a) => a.indexOf(x) === i).join(' and ')}, but ${problems.length === 1 ? 'a field is' : `${problems.length} fields are`} not what AWS sends; nothing was imported.`, problems);
  }
  if (records.length > MAX_IMPORT_RECORDS) return fail('too-many-records', `The input holds ${records.length.toLocaleString('en-US')} records; the importer takes at most ${MAX_IMPORT_RECORDS.toLocaleString('en-US')}.`);
  if (records.length === 0 && shards.length === 0) return fail('not-stream-records', `The input has the right shape but holds no records and no shards. ${HOW_TO_GET}`);

  // A page read with the previous page's next iterator is on that iterator's shard (a paging loop's
  // output: the last, empty page of a closed shard names no iterator of its own).
  for (const read of reads) {
    const prev = reads[read.index - 1];
    if (read.shardId || read.kind !== 'get-records' || prev?.kind !== 'get-records' || !prev.nextShardIterator) continue;
    const shard = iteratorShard(prev.nextShardIterator);
    if (shard && shard === prev.shardId) Object.assign(read, { shardId: shard, shardFrom: 'iterator' as const });
  }
  // Pages whose shard is still unknown: DescribeStream's sequence ranges may place them.
  for (const read of reads) {
    if (read.shardId || shards.length === 0) continue;
    const id = shardByRange(
      shards,
      read.records.map((i) => records[i]!.record.dynamodb.SequenceNumber),
    );
    if (id) Object.assign(read, { shardId: id, shardFrom: 'describe-stream' as const });
  }

  const first = records[0]?.record;
  viewType ??= first?.dynamodb.StreamViewType;
  if (keyAttributes.length === 0 && first) keyAttributes = Object.keys(first.dynamodb.Keys);
  if (tableName === undefined && streamArn) tableName = /:table\/([^/]+)\/stream\//.exec(streamArn)?.[1];
  if (textTimes) notes.push('Some creation times were given as text (ISO-8601 or numeric strings); they were read as epoch seconds.');
  return {
    ok: true,
    stream: {
      kinds,
      ...(streamArn ? { streamArn } : {}),
      ...(tableName ? { tableName } : {}),
      ...(viewType ? { viewType } : {}),
      keyAttributes,
      shards,
      reads,
      records,
      notes,
    },
  };
}

const PART_NAMES: Record<Part['kind'], string> = {
  'get-records': 'GetRecords output',
  records: 'stream records',
  'lambda-event': 'a Lambda DynamoDB event',
  'describe-stream': 'DescribeStream output',
};

/** Validates one record on its own (for tests and tools). */
export function isStreamRecord(v: unknown): boolean {
  return StreamRecordSchema.safeParse(v).success;
}
