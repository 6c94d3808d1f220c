/**
 * Imported records as columns (issue #16: 10 million records within 2 GB). An imported record was an
 * object graph: the record, its body, its eventID and sequence number strings (about 230 B of every
 * record kept, besides its images). Here each is a row of numbers in chunked columns
 * (./columnChunks.ts) — its read, creation second, key, images, size and shape — and its eventID and
 * sequence number as bytes; items are kept once: one Keys object per spelling, each item version
 * once as text (./itemTexts.ts: an OldImage spelt as the item's previous NewImage is that
 * version). The record (`record(i)`) is built when read, equal field for field and in JSON, key for
 * key, to the object the importer made before (a property test holds it to that:
 * recordColumns.test.ts); its `head(i)`, without images, parses no item.
 *
 * Images are shared only where the spelling is identical, so no record's JSON changes; nothing edits
 * an imported item.
 *
 * Pure. May import: ./columnChunks.ts, ./itemTexts.ts, ../seqTexts.ts, sim and bridge types. May not import: DOM, sim runtime, worker, ui.
 */
import type { EventName, StreamIdentity, StreamRecord, StreamRecordBody, StreamViewType } from '../../sim/stream/record.ts';
import type { Item } from '../../sim/table/attributeValue.ts';
import type { ImportedRecord, ImportedRecordList, ImportedStream, ImportedStreamView, RecordHead, WriteSource } from '../types.ts';
import { SeqTexts } from '../seqTexts.ts';
import { IntColumn, NumberColumn, RunColumn, TextColumn } from './columnChunks.ts';
import { ItemTexts, type Spelling } from './itemTexts.ts';

/** What a record's row says in one number: its event name, version, Region and view type. */
interface Shape {
  eventName: EventName;
  eventVersion: string;
  awsRegion: string;
  viewType: StreamViewType;
}

const NONE = -1;

export class RecordColumns implements ImportedRecordList {
  private readonly reads = new RunColumn();
  private readonly seconds_ = new IntColumn();
  private readonly shapes_ = new NumberColumn(Int32Array);
  private readonly keyIds = new NumberColumn(Int32Array);
  private readonly newImages = new NumberColumn(Int32Array);
  private readonly oldImages = new NumberColumn(Int32Array);
  private readonly sizes = new IntColumn();
  /** EventIDs: AWS's are 32 hex digits, kept two a byte. */
  private readonly eventIDs = new TextColumn(0xff, true);
  /** A sequence number as its last 15 digits (mostly as a 32-bit step) and a head byte (../seqTexts.ts): 5 to 9 B, not 26 as text. */
  private readonly sequences = SeqTexts.empty();
  /** Records with a `userIdentity` (TTL deletions): few. */
  private readonly identities = new Map<number, StreamIdentity>();

  private readonly shapes: Shape[] = [];
  private readonly shapeIds = new Map<string, number>();
  /** One Keys object per spelling: by the object (the scanner hands the same one), then by its JSON. */
  private readonly keyItems: Item[] = [];
  private readonly keyIdOfItem = new WeakMap<Item, number>();
  private readonly keyIdOfSpelling = new Map<string, number>();
  /** By the scanner's number for a Keys spelling (`pushSpelt`). */
  private readonly keyIdOfScanned: number[] = [];
  /** Each item version once, as text (./itemTexts.ts; the scanner spells images on its skeletons), and per key the last NewImage taken. */
  readonly versions = new ItemTexts();
  private readonly latestImage: number[] = [];
  /** The record built last, and its position (`record`). */
  private lastBuilt = NONE;
  private built: StreamRecord | undefined;
  private lastHead = NONE;
  private headMade: RecordHead | undefined;

  get length(): number {
    return this.reads.length;
  }

  /** Appends `record`, read in read `read`; its position is the length before. */
  push(record: StreamRecord, read: number): void {
    const d = record.dynamodb;
    const old = d.OldImage === undefined ? undefined : this.versions.spell(JSON.stringify(d.OldImage));
    const next = d.NewImage === undefined ? undefined : d.NewImage === d.OldImage ? old : this.versions.spell(JSON.stringify(d.NewImage));
    this.pushSpelt(record, read, next, old);
  }

  /**
   * Appends a record whose images are given spelt for `versions` (`ItemTexts.spell`: the scanner's,
   * as the file spells them, checked to be items): `record`'s own images are not read. `scannedKey`:
   * the scanner's number for the Keys' spelling (./recordScanner.ts), whose Keys object is always the
   * same one: its key number is then looked up in an array, not a WeakMap (a million records).
   */
  pushSpelt(record: RecordHead, read: number, newImage: Spelling | undefined, oldImage: Spelling | undefined, scannedKey = NONE): void {
    const d = record.dynamodb;
    const k = scannedKey === NONE ? this.keyIdOf(d.Keys) : (this.keyIdOfScanned[scannedKey] ??= this.keyIdOf(d.Keys));
    const last = this.latestImage[k]!;
    const oldId = oldImage === undefined ? NONE : this.versionOf(oldImage, last);
    const newId = newImage === undefined ? NONE : oldImage !== undefined && this.versions.same(newImage, oldImage) ? oldId : this.versionOf(newImage, last);
    if (newId !== NONE) this.latestImage[k] = newId;
    if (record.userIdentity) this.identities.set(this.length, { Type: record.userIdentity.Type, PrincipalId: record.userIdentity.PrincipalId });
    this.reads.push(read);
    this.seconds_.push(d.ApproximateCreationDateTime);
    this.shapes_.push(this.shapeOf(record.eventName, record.eventVersion, record.awsRegion, d.StreamViewType));
    this.keyIds.push(k);
    this.newImages.push(newId);
    this.oldImages.push(oldId);
    this.sizes.push(d.SizeBytes);
    this.eventIDs.push(record.eventID);
    this.sequences.push(d.SequenceNumber);
  }

  /** The version of `spelling`: the key's latest when it is spelt so (an OldImage, a NewImage unchanged), else a new one. */
  private versionOf(spelling: Spelling, latest: number): number {
    return latest !== NONE && this.versions.is(latest, spelling) ? latest : this.versions.add(spelling);
  }

  private keyIdOf(keys: Item): number {
    let k = this.keyIdOfItem.get(keys);
    if (k !== undefined) return k;
    const spelling = JSON.stringify(keys);
    k = this.keyIdOfSpelling.get(spelling);
    if (k === undefined) {
      k = this.keyItems.push(keys) - 1;
      this.keyIdOfSpelling.set(spelling, k);
      this.latestImage.push(NONE);
    }
    this.keyIdOfItem.set(keys, k);
    return k;
  }

  private shapeOf(eventName: EventName, eventVersion: string, awsRegion: string, viewType: StreamViewType): number {
    const last = this.shapes[this.shapes_.length > 0 ? this.shapes_.get(this.shapes_.length - 1) : NONE];
    if (last && last.eventName === eventName && last.eventVersion === eventVersion && last.awsRegion === awsRegion && last.viewType === viewType) return this.shapes_.get(this.shapes_.length - 1);
    const id = JSON.stringify([eventName, eventVersion, awsRegion, viewType]);
    let s = this.shapeIds.get(id);
    if (s === undefined) {
      s = this.shapes.push({ eventName, eventVersion, awsRegion, viewType }) - 1;
      this.shapeIds.set(id, s);
    }
    return s;
  }

  at(index: number): ImportedRecord | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    return { index, read: this.reads.get(index), record: this.record(index) };
  }

  /**
   * The record at `index`, built now; its items are shared: do not edit them. The last one built is
   * handed out again (a record's two trace facts, write then record-appended, are read one after
   * the other: built once, as the object they once shared).
   */
  record(index: number): StreamRecord {
    if (index === this.lastBuilt && this.built) return this.built;
    const built = this.build(index);
    this.lastBuilt = index;
    this.built = built;
    return built;
  }

  private build(index: number): StreamRecord {
    const head = this.makeHead(index) as StreamRecord;
    const d = head.dynamodb;
    head.dynamodb = bodyOf(d.ApproximateCreationDateTime, d.Keys, this.imageAt(this.newImages.get(index)), this.imageAt(this.oldImages.get(index)), d.SequenceNumber, d.SizeBytes, d.StreamViewType);
    return head;
  }

  /**
   * Record `index` without its images (what the index and the hasher read: no item parsed). The
   * last one made is handed out again, as `record` does: the hasher and the index read it in turn.
   */
  head(index: number): RecordHead {
    if (index === this.lastHead && this.headMade) return this.headMade;
    const head = this.makeHead(index);
    this.lastHead = index;
    this.headMade = head;
    return head;
  }

  private makeHead(index: number): RecordHead {
    const shape = this.shapes[this.shapes_.get(index)]!;
    const body = bodyOf(this.seconds_.get(index), this.keyItems[this.keyIds.get(index)]!, undefined, undefined, this.sequences.get(index)!, this.sizes.get(index), shape.viewType);
    const record: RecordHead = { eventID: this.eventIDs.get(index), eventName: shape.eventName, eventVersion: shape.eventVersion, eventSource: 'aws:dynamodb', awsRegion: shape.awsRegion, dynamodb: body };
    const identity = this.identities.get(index);
    if (identity) record.userIdentity = { Type: identity.Type, PrincipalId: identity.PrincipalId };
    return record;
  }

  /** What record `index`'s write fact reads: its event name, Keys, NewImage (parsed when read) and identity. */
  writeSource(index: number): WriteSource {
    return new ColumnWrite(this, index);
  }

  private imageAt(id: number): Item | undefined {
    return id === NONE ? undefined : this.versions.item(id);
  }

  identity(index: number): StreamIdentity | undefined {
    return this.identities.get(index);
  }

  readAt(index: number): number {
    return this.reads.get(index);
  }

  sequenceNumber(index: number): string {
    return this.sequences.get(index)!;
  }

  /** The records' sequence numbers, as kept (read, not written: the run index copies entries from it, `SeqTexts.pushFrom`). */
  sequenceTexts(): SeqTexts {
    return this.sequences;
  }

  /** `compareSequence` of two records' sequence numbers, without making either string. */
  compareSequences(a: number, b: number): number {
    return this.sequences.compare(a, b);
  }

  eventID(index: number): string {
    return this.eventIDs.get(index);
  }

  eventName(index: number): EventName {
    return this.shapes[this.shapes_.get(index)]!.eventName;
  }

  viewType(index: number): StreamViewType {
    return this.shapes[this.shapes_.get(index)]!.viewType;
  }

  seconds(index: number): number {
    return this.seconds_.get(index);
  }

  keys(index: number): Item {
    return this.keyItems[this.keyIds.get(index)]!;
  }

  /** The item's number: records of one Keys spelling share it. */
  keyId(index: number): number {
    return this.keyIds.get(index);
  }

  /** The number of the record's NewImage or OldImage (−1: it has none); equal numbers are the same item version. */
  newImageId(index: number): number {
    return this.newImages.get(index);
  }

  oldImageId(index: number): number {
    return this.oldImages.get(index);
  }

  imageOf(id: number): Item {
    return this.versions.item(id);
  }

  *[Symbol.iterator](): Iterator<ImportedRecord> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }

  /** JSON of the list is that of its records (as the array of objects it replaced). */
  toJSON(): ImportedRecord[] {
    return this.toArray();
  }

  /** The records as plain objects (to cross a structured clone, or for tests). */
  toArray(): ImportedRecord[] {
    return [...this];
  }
}

/**
 * A write fact's view of a record in columns: the NewImage is parsed only when read (the passes over
 * the facts and a frame's writes read the event name and the Keys; the fold and the item history
 * ask `setsItem`). Internal to the worker: a fact's JSON spells the item out (`ImportedWrite.toJSON`).
 */
class ColumnWrite implements WriteSource {
  constructor(
    private readonly columns: RecordColumns,
    private readonly index: number,
  ) {}

  get eventName(): EventName {
    return this.columns.eventName(this.index);
  }

  get dynamodb(): WriteSource['dynamodb'] {
    return this;
  }

  get Keys(): Item {
    return this.columns.keys(this.index);
  }

  get NewImage(): Item | undefined {
    const id = this.columns.newImageId(this.index);
    return id === NONE ? undefined : this.columns.imageOf(id);
  }

  get userIdentity(): StreamIdentity | undefined {
    return this.columns.identity(this.index);
  }
}

/** Records kept as objects (pasted text, a stream that crossed the worker boundary) behind the same list. */
export class ObjectRecords implements ImportedRecordList {
  constructor(private readonly records: readonly ImportedRecord[]) {}

  get length(): number {
    return this.records.length;
  }

  at(index: number): ImportedRecord | undefined {
    return this.records[index];
  }

  record(index: number): StreamRecord {
    return this.records[index]!.record;
  }

  head(index: number): StreamRecord {
    return this.records[index]!.record;
  }

  writeSource(index: number): StreamRecord {
    return this.records[index]!.record;
  }

  sequenceNumber(index: number): string {
    return this.records[index]!.record.dynamodb.SequenceNumber;
  }

  eventID(index: number): string {
    return this.records[index]!.record.eventID;
  }

  eventName(index: number): EventName {
    return this.records[index]!.record.eventName;
  }

  identity(index: number): StreamIdentity | undefined {
    return this.records[index]!.record.userIdentity;
  }

  seconds(index: number): number {
    return this.records[index]!.record.dynamodb.ApproximateCreationDateTime;
  }

  keys(index: number): Item {
    return this.records[index]!.record.dynamodb.Keys;
  }

  [Symbol.iterator](): Iterator<ImportedRecord> {
    return this.records[Symbol.iterator]();
  }
}

/** The list behind a stream's records: columns as they are, an array of objects wrapped. */
export function recordList(records: readonly ImportedRecord[] | ImportedRecordList): ImportedRecordList {
  return Array.isArray(records) ? new ObjectRecords(records) : (records as ImportedRecordList);
}

/** A stream with its records as a list, whichever form it came in. */
export function streamView(stream: ImportedStream | ImportedStreamView): ImportedStreamView {
  return Array.isArray(stream.records) ? { ...stream, records: new ObjectRecords(stream.records) } : (stream as ImportedStreamView);
}

/**
 * A record's body, members in the order `normalise` (./importer.ts) and the scanner give them, each
 * shape made by one literal (built member by member it took 104 B instead of 80).
 */
export function bodyOf(time: number, keys: Item, newImage: Item | undefined, oldImage: Item | undefined, sequence: string, size: number, viewType: StreamViewType): StreamRecordBody {
  if (newImage && oldImage) return { ApproximateCreationDateTime: time, Keys: keys, NewImage: newImage, OldImage: oldImage, SequenceNumber: sequence, SizeBytes: size, StreamViewType: viewType };
  if (newImage) return { ApproximateCreationDateTime: time, Keys: keys, NewImage: newImage, SequenceNumber: sequence, SizeBytes: size, StreamViewType: viewType };
  if (oldImage) return { ApproximateCreationDateTime: time, Keys: keys, OldImage: oldImage, SequenceNumber: sequence, SizeBytes: size, StreamViewType: viewType };
  return { ApproximateCreationDateTime: time, Keys: keys, SequenceNumber: sequence, SizeBytes: size, StreamViewType: viewType };
}
