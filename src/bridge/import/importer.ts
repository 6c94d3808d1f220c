/**
 * The importer, one JSON document at a time: each document is split into its parts (./parts.ts),
 * validated with zod against the documented shapes (./schema.ts), and its records normalised to the
 * GetRecords shape and appended; the first document that is not stream records, or holds a field AWS
 * would not send, stops the import with a precise message. `finish()` places reads on shards and
 * returns the `ImportedStream`. Used for pasted text (./parse.ts) and for files read as a stream in the
 * worker (./readStream.ts), so both say the same things.
 *
 * Shards: neither a GetRecords page nor a Lambda event names its shard. A page's shard is known when
 * its iterator is a Streamscope one, when exactly one DescribeStream shard's sequence range holds all
 * its records, or (Lambda) from a tumbling-window event's `shardId`; otherwise lanes.ts groups reads.
 * Bare records one per document (JSON Lines of records) are one read, as they would be in an array.
 *
 * Pure. May import: zod (via schema.ts), ../attributes.ts, ../iterator.ts, ./recordScanner.ts, sim types.
 * May not import: DOM, sim runtime, worker, ui.
 */
import type { StreamRecord } from '../../sim/stream/record.ts';
import type { Item } from '../../sim/table/attributeValue.ts';
import { compareSequence } from '../attributes.ts';
import { iteratorShard, iteratorStreamArn } from '../iterator.ts';
import type { ImportedRead, ImportedShard, ImportedStream, ImportError, ImportResult, InputKind } from '../types.ts';
import { HOW_TO_GET, partsOf, type Part } from './parts.ts';
import { plainRecords } from './fastRecord.ts';
import { ScannedPage, ScannedRecord } from './scanned.ts';
import { FindingsTracker } from './findings.ts';
import { RecordColumns } from './recordColumns.ts';
import { DescribeStreamSchema, epochSeconds, GetRecordsPageSchema, issueText, LambdaEventSchema, type RawRecord } from './schema.ts';

/** At most this many problems are listed. */
const MAX_DETAILS = 8;

const PART_NAMES: Record<Part['kind'], string> = {
  'get-records': 'GetRecords output',
  records: 'stream records',
  'lambda-event': 'a Lambda DynamoDB event',
  'describe-stream': 'DescribeStream output',
};

export function importError(reason: ImportError['reason'], message: string, details: string[] = []): ImportError {
  return { reason, message, details: details.slice(0, MAX_DETAILS) };
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

/** The single DescribeStream shard whose sequence range holds every one of these sequence numbers, if exactly one does. */
function shardByRange(shards: readonly ImportedShard[], seqs: readonly string[]): string | undefined {
  if (seqs.length === 0) return undefined;
  const holds = (s: ImportedShard, q: string) =>
    s.startingSequenceNumber !== undefined && compareSequence(q, s.startingSequenceNumber) >= 0 && (s.endingSequenceNumber === undefined || compareSequence(q, s.endingSequenceNumber) <= 0);
  const matches = shards.filter((s) => seqs.every((q) => holds(s, q)));
  return matches.length === 1 ? matches[0]!.shardId : undefined;
}

const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

/** A GetRecords page whose records all pass the fast check, as zod would give it; else undefined. */
function fastPage(value: unknown): { success: true; data: { Records: RawRecord[]; NextShardIterator?: string | null } } | undefined {
  const o = value as { Records?: unknown; NextShardIterator?: unknown };
  if (!(o.NextShardIterator === null || optionalString(o.NextShardIterator))) return undefined;
  const records = plainRecords(o.Records, false);
  const next = o.NextShardIterator as string | null | undefined;
  return records && { success: true, data: { Records: records, ...(next !== undefined ? { NextShardIterator: next } : {}) } };
}

/** A Lambda event whose records all pass the fast check, as zod would give it; else undefined. */
function fastEvent(value: unknown): { success: true; data: { Records: (RawRecord & { eventSourceARN: string })[]; shardId?: string; eventSourceARN?: string } } | undefined {
  const o = value as { Records?: unknown; shardId?: unknown; eventSourceARN?: unknown };
  if (!optionalString(o.shardId) || !optionalString(o.eventSourceARN)) return undefined;
  const records = plainRecords(o.Records, true) as (RawRecord & { eventSourceARN: string })[] | undefined;
  return records && { success: true, data: { Records: records, ...(o.shardId !== undefined ? { shardId: o.shardId as string } : {}), ...(o.eventSourceARN !== undefined ? { eventSourceARN: o.eventSourceARN as string } : {}) } };
}

export class StreamImporter {
  private readonly kinds: InputKind[] = [];
  private readonly shards: ImportedShard[] = [];
  private readonly reads: ImportedRead[] = [];
  /** The records read so far, as columns (./recordColumns.ts: a million objects were most of an import's memory). */
  readonly records = new RecordColumns();
  private readonly notes: string[] = [];
  private streamArn: string | undefined;
  private tableName: string | undefined;
  private viewType: ImportedStream['viewType'];
  private keyAttributes: string[] = [];
  private textTimes = false;
  private documents = 0;
  /** The first document waits for the second: a lone document's paths are not prefixed "document 1". */
  private first: { value: unknown } | undefined;
  /** The read that bare records of the previous document went to (the next document's bare records join it). */
  private bareRead: ImportedRead | undefined;
  private failure: ImportError | undefined;
  /** Findings judged as records arrive (only when asked for: pasted text is analysed after). */
  readonly findings: FindingsTracker | undefined;

  /**
   * @param maxRecords more records than this stop the import with a message
   * @param trackFindings judge findings as records arrive (`findings.finish(stream)` lists them)
   */
  constructor(
    private readonly maxRecords = Number.POSITIVE_INFINITY,
    trackFindings = false,
  ) {
    this.findings = trackFindings ? new FindingsTracker(this.records) : undefined;
  }

  /** The error that stopped the import, if one did. */
  get error(): ImportError | undefined {
    return this.failure;
  }

  /** Takes the next document; returns the error when it (or an earlier one) stopped the import. */
  addDocument(value: unknown): ImportError | undefined {
    if (this.failure) return this.failure;
    this.documents++;
    if (this.documents === 1) {
      this.first = { value };
      return undefined;
    }
    if (this.first) {
      const { value: firstValue } = this.first;
      this.first = undefined;
      if (this.take(firstValue, 'document 1')) return this.failure;
    }
    this.take(value, `document ${this.documents}`);
    return this.failure;
  }

  /** Whether a document read is not taken yet (the first waits for the second): what it refers to must stay. */
  get holding(): boolean {
    return this.first !== undefined;
  }

  /** Everything read, placed on shards; or the error that stopped it. */
  finish(): ImportResult {
    if (!this.failure && this.first) {
      this.take(this.first.value, '');
      this.first = undefined;
    }
    if (this.failure) return { ok: false, error: this.failure };
    if (this.documents === 0) return { ok: false, error: importError('empty', `Nothing to import: paste or drop GetRecords output, a Lambda event or DescribeStream output. ${HOW_TO_GET}`) };
    const { reads, records, shards } = this;
    if (records.length === 0 && shards.length === 0) return { ok: false, error: importError('not-stream-records', `The input has the right shape but holds no records and no shards. ${HOW_TO_GET}`) };
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
        read.records.map((i) => records.sequenceNumber(i)),
      );
      if (id) Object.assign(read, { shardId: id, shardFrom: 'describe-stream' as const });
    }
    const first = records.length > 0 ? records.record(0) : undefined;
    const viewType = this.viewType ?? first?.dynamodb.StreamViewType;
    const keyAttributes = this.keyAttributes.length === 0 && first ? Object.keys(first.dynamodb.Keys) : this.keyAttributes;
    const tableName = this.tableName === undefined && this.streamArn ? /:table\/([^/]+)\/stream\//.exec(this.streamArn)?.[1] : this.tableName;
    const notes = [...this.notes];
    if (this.textTimes) notes.push('Some creation times were given as text (ISO-8601 or numeric strings); they were read as epoch seconds.');
    return {
      ok: true,
      stream: {
        kinds: [...this.kinds],
        ...(this.streamArn ? { streamArn: this.streamArn } : {}),
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

  private stop(error: ImportError): true {
    this.failure = error;
    return true;
  }

  /** Reads one document; true when it stopped the import. */
  private take(value: unknown, path: string): boolean {
    if (value instanceof ScannedRecord) return this.takeScanned(value);
    if (value instanceof ScannedPage) return this.takePage(value);
    const parts: Part[] = [];
    const elsewhere: string[] = [];
    partsOf(value, path, parts, elsewhere);
    if (elsewhere.length > 0) {
      if (parts.length === 0 && this.records.length === 0 && this.shards.length === 0) {
        const [first, ...rest] = elsewhere;
        return this.stop(importError('not-stream-records', first!, [...rest, ...(!first!.includes('get-records') ? [HOW_TO_GET] : [])]));
      }
      return this.stop(importError('not-stream-records', 'Part of the input is not stream records; nothing was imported.', elsewhere));
    }
    if (parts.length === 0) return this.stop(importError('not-stream-records', `No stream records found. ${HOW_TO_GET}`));
    const problems: string[] = [];
    for (const part of parts) {
      this.takePart(part, problems);
      if (problems.length > 0) break;
    }
    if (problems.length > 0) {
      return this.stop(importError('invalid', `This looks like ${parts.map((p) => PART_NAMES[p.kind]).filter((x, i, a) => a.indexOf(x) === i).join(' and ')}, but ${problems.length === 1 ? 'a field is' : `${problems.length} fields are`} not what AWS sends; nothing was imported.`, problems));
    }
    return this.overBudget();
  }

  private overBudget(): boolean {
    if (this.records.length > this.maxRecords) {
      return this.stop(importError('too-many-records', `The input holds more than ${this.maxRecords.toLocaleString('en-US')} records, the most the memory budget allows.`));
    }
    return false;
  }

  /** A record the scanner read (./recordScanner.ts): what `take` does with a bare, valid record, without parts or zod. */
  private takeScanned(scanned: ScannedRecord): boolean {
    this.addKind('get-records');
    let read = this.bareRead;
    if (!read || read.index !== this.reads.length - 1) {
      read = { index: this.reads.length, kind: 'get-records', records: [] };
      this.reads.push(read);
      this.bareRead = read;
    }
    this.addScanned(scanned, read);
    return this.overBudget();
  }

  /** A page the scanner read (./scanned.ts): what `takePart` does with a Lambda event or a GetRecords page of valid records. */
  private takePage(page: ScannedPage): boolean {
    this.bareRead = undefined;
    this.addKind(page.kind);
    const read = page.kind === 'lambda-event' ? this.eventRead(page.eventSourceARN) : this.pageRead(page.nextShardIterator);
    for (const scanned of page.records) this.addScanned(scanned, read);
    return this.overBudget();
  }

  private addScanned(scanned: ScannedRecord, read: ImportedRead): void {
    const index = this.records.length;
    this.records.pushSpelt(scanned.record, read.index, scanned.newImage, scanned.oldImage, scanned.key);
    read.records.push(index);
    this.findings?.add(index, read, scanned.keyText, scanned.record.eventID);
  }

  private addRecords(raws: RawRecord[], read: ImportedRead): void {
    for (const raw of raws) {
      if (typeof raw.dynamodb.ApproximateCreationDateTime === 'string') this.textTimes = true;
      this.addRecord(normalise(raw), read);
    }
  }

  private addRecord(record: StreamRecord, read: ImportedRead): void {
    const index = this.records.length;
    this.records.push(record, read.index);
    read.records.push(index);
    this.findings?.add(index, read);
  }

  private addKind(k: InputKind): void {
    if (!this.kinds.includes(k)) this.kinds.push(k);
  }

  private takePart(part: Part, problems: string[]): void {
    if (part.kind === 'describe-stream') {
      this.bareRead = undefined;
      const r = DescribeStreamSchema.safeParse(part.value);
      if (!r.success) {
        for (const x of r.error.issues) problems.push(issueText(part.path, x));
        return;
      }
      this.addKind('describe-stream');
      const d = r.data.StreamDescription;
      this.streamArn ??= d.StreamArn;
      this.tableName ??= d.TableName;
      this.viewType ??= d.StreamViewType;
      if (d.KeySchema) this.keyAttributes = [...d.KeySchema].sort((a, b) => (a.KeyType === b.KeyType ? 0 : a.KeyType === 'HASH' ? -1 : 1)).map((k) => k.AttributeName);
      for (const s of d.Shards) {
        if (this.shards.some((x) => x.shardId === s.ShardId)) continue;
        this.shards.push({
          shardId: s.ShardId,
          ...(s.ParentShardId ? { parentShardId: s.ParentShardId } : {}),
          ...(s.SequenceNumberRange?.StartingSequenceNumber ? { startingSequenceNumber: s.SequenceNumberRange.StartingSequenceNumber } : {}),
          ...(s.SequenceNumberRange?.EndingSequenceNumber ? { endingSequenceNumber: s.SequenceNumberRange.EndingSequenceNumber } : {}),
        });
      }
      if (d.LastEvaluatedShardId) this.notes.push(`DescribeStream said there are more shards after ${d.LastEvaluatedShardId} (LastEvaluatedShardId); only the listed ones are shown.`);
      return;
    }
    if (part.kind === 'records' || part.kind === 'get-records') {
      const value = part.kind === 'records' ? { Records: part.value } : part.value;
      const r = fastPage(value) ?? GetRecordsPageSchema.safeParse(value);
      if (!r.success) {
        for (const x of r.error.issues) problems.push(issueText(part.path, part.kind === 'records' ? { ...x, path: x.path.slice(1) } : x));
        return;
      }
      this.addKind('get-records');
      if (part.kind === 'records' && this.bareRead && this.bareRead.index === this.reads.length - 1) {
        this.addRecords(r.data.Records, this.bareRead);
        return;
      }
      const read = this.pageRead(r.data.NextShardIterator);
      this.bareRead = part.kind === 'records' ? read : undefined;
      this.addRecords(r.data.Records, read);
      return;
    }
    this.bareRead = undefined;
    const r = fastEvent(part.value) ?? LambdaEventSchema.safeParse(part.value);
    if (!r.success) {
      for (const x of r.error.issues) problems.push(issueText(part.path, x));
      return;
    }
    this.addKind('lambda-event');
    const read = this.eventRead(r.data.Records[0]?.eventSourceARN ?? r.data.eventSourceARN);
    if (r.data.shardId) Object.assign(read, { shardId: r.data.shardId, shardFrom: 'tumbling-window' as const });
    this.addRecords(r.data.Records, read);
  }

  /** A GetRecords page's read, on the shard its next iterator names. */
  private pageRead(next: string | null | undefined): ImportedRead {
    const read: ImportedRead = { index: this.reads.length, kind: 'get-records', records: [], ...(next !== undefined ? { nextShardIterator: next } : {}) };
    const fromIterator = next ? iteratorShard(next) : undefined;
    if (fromIterator) Object.assign(read, { shardId: fromIterator, shardFrom: 'iterator' as const });
    if (next) this.streamArn ??= iteratorStreamArn(next);
    this.reads.push(read);
    return read;
  }

  /** A Lambda event's read, naming its stream. */
  private eventRead(arn: string | undefined): ImportedRead {
    const read: ImportedRead = { index: this.reads.length, kind: 'lambda-event', records: [], ...(arn ? { eventSourceARN: arn } : {}) };
    if (arn) this.streamArn ??= arn;
    this.reads.push(read);
    return read;
  }
}
