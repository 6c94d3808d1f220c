/**
 * The bridge's data: a stream brought in from outside (records as GetRecords or a Lambda function
 * saw them, shards as DescribeStream listed them) and what the analysis found in it. Plain data that
 * survives structured clone, so it crosses the worker boundary as is.
 *
 * May import: sim types (`import type`). May not import: anything at runtime.
 */
import type { StreamRecord } from '../sim/stream/record.ts';
import type { Item } from '../sim/table/attributeValue.ts';

/** The three inputs the importer understands. */
export type InputKind = 'get-records' | 'lambda-event' | 'describe-stream';

/** One shard as DescribeStream listed it. */
export interface ImportedShard {
  shardId: string;
  parentShardId?: string;
  startingSequenceNumber?: string;
  /** Present once the shard is closed. */
  endingSequenceNumber?: string;
}

/**
 * One read: a GetRecords page or a Lambda event. Each read holds records of exactly one shard
 * (GetRecords reads one shard; a Lambda batch comes from one shard), but neither response names the
 * shard, so `shardId` is known only when something else says it (see `shardFrom`).
 */
export interface ImportedRead {
  /** Position among the reads in the input, from 0. */
  index: number;
  kind: 'get-records' | 'lambda-event';
  shardId?: string;
  /**
   * How the shard was learnt: a Streamscope iterator names it, a tumbling-window Lambda event
   * carries `shardId`, or exactly one DescribeStream shard's sequence range holds every record.
   */
  shardFrom?: 'iterator' | 'tumbling-window' | 'describe-stream';
  /** GetRecords: the next iterator (`null`: the shard is closed and this was its end). Absent for Lambda events. */
  nextShardIterator?: string | null;
  /** Lambda events: the stream ARN. */
  eventSourceARN?: string;
  /** Indices into `ImportedStream.records`, in input order. */
  records: number[];
}

/** One record as imported: normalised to the GetRecords shape the simulation uses. */
export interface ImportedRecord {
  /** Position in the input, from 0 (also the index in `ImportedStream.records`). */
  index: number;
  /** Index into `ImportedStream.reads`. */
  read: number;
  /**
   * The record as GetRecords returns it: `ApproximateCreationDateTime` as epoch seconds, identity
   * spelt `{Type, PrincipalId}`, no `eventSourceARN`.
   */
  record: StreamRecord;
}

export interface ImportedStream {
  /** What the input held, in the order first seen. */
  kinds: InputKind[];
  streamArn?: string;
  tableName?: string;
  viewType?: StreamRecord['dynamodb']['StreamViewType'];
  /** Key attribute names (hash first): from DescribeStream's KeySchema, else from the records' Keys. */
  keyAttributes: string[];
  /** From DescribeStream (empty without one). */
  shards: ImportedShard[];
  reads: ImportedRead[];
  records: ImportedRecord[];
  /** Things worth saying about how the input was read (timestamps given as text, pages joined, …). */
  notes: string[];
}

/**
 * An imported stream's records as the worker holds them: columns for a file read in the worker
 * (./import/recordColumns.ts: a record is built when read), or the objects of a stream that crossed
 * the boundary, behind one list. Not plain data: it stays in the worker.
 */
export interface ImportedRecordList extends Iterable<ImportedRecord> {
  readonly length: number;
  /** Record `index` (a columnar list builds it now: a fresh object each call). */
  at(index: number): ImportedRecord | undefined;
  /** `at(index).record`. */
  record(index: number): StreamRecord;
  /** `record(index)` without its images, or with them (objects have them at hand; columns parse them only for `record`). */
  head(index: number): RecordHead;
  /** What a write fact reads of record `index` (`record(index)` will do; columns make less). */
  writeSource(index: number): WriteSource;
  sequenceNumber(index: number): string;
  /** `record(index).eventID`, `.eventName` and `.userIdentity`, without building the record. */
  eventID(index: number): string;
  eventName(index: number): StreamRecord['eventName'];
  identity(index: number): StreamRecord['userIdentity'];
  /** `ApproximateCreationDateTime`. */
  seconds(index: number): number;
  /** The record's Keys (records of one item may share the object). */
  keys(index: number): Item;
}

/**
 * A record without its images: all the index, the hasher and the event log read of a record, which an
 * imported run's columns give without parsing an item (./import/itemTexts.ts).
 */
export type RecordHead = Omit<StreamRecord, 'dynamodb'> & { dynamodb: Omit<StreamRecord['dynamodb'], 'NewImage' | 'OldImage'> };

/**
 * What an imported record's write fact reads of it: an imported run's columns hand over just these
 * (./import/recordColumns.ts `writeSource`), without spelling out the record's eventID and sequence number.
 */
export interface WriteSource {
  eventName: StreamRecord['eventName'];
  dynamodb: Pick<StreamRecord['dynamodb'], 'Keys' | 'NewImage'>;
  userIdentity?: StreamRecord['userIdentity'];
}

/** An imported stream with its records as a list (`ImportedStream` is the plain form that crosses the boundary). */
export type ImportedStreamView = Omit<ImportedStream, 'records'> & { records: ImportedRecordList };

export type FindingKind = 'duplicate' | 'out-of-order' | 'gap' | 'missing-parent';

/** One thing the analysis found, said in words, naming the records it is about. */
export interface Finding {
  kind: FindingKind;
  /** The records involved, by eventID (the later one last). */
  eventIDs: string[];
  /** Their positions in the input (indices into `ImportedStream.records`), same order. */
  records: number[];
  /** What was found, in one sentence. */
  message: string;
  /** What it means for a consumer. */
  meaning: string;
}

/** A parse that failed: what is wrong, where, and the first problems with their paths. */
export interface ImportError {
  reason: 'empty' | 'too-big' | 'not-json' | 'not-stream-records' | 'invalid' | 'too-many-records';
  message: string;
  details: string[];
}

/** `findings`: judged as the records were read (a streamed import), in `analyseStream`'s order; absent when the caller analyses after. */
export type ImportResult = { ok: true; stream: ImportedStreamView; findings?: Finding[] } | { ok: false; error: ImportError };
