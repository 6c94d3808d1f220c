/**
 * The stream's records as columns (issue #16): one row per record in typed arrays that grow in
 * fixed chunks, and the AWS JSON of a record built only when someone reads it (GetRecords, a
 * Lambda event, the inspector, an export, the trace hash).
 *
 * A row holds the append time, the sequence number as two exact limbs (`sequence.ts`; the high
 * limb as a 16-bit step from the chunk's first row's), where the eventID was drawn (`IdCursor` draws it again), the event name (and
 * whether the service made the change), the Region, and the key and the two item versions by
 * index; `SizeBytes` is summed from the key's and the versions' sizes when read (24 bytes a row while its key, versions and draws lie near each other, `DeltaColumn`). Keys live once per stream
 * (`StreamRecordDictionary`), item versions once per world (`trace/itemVersions.ts`, shared with
 * the write facts): a MODIFY's old image is the previous record's new image of the same item, so
 * it is the same index, not another copy.
 *
 * Built records are new objects each time, equal field for field (and byte for byte as JSON) to
 * what `buildRecord` makes; the items they point to are the stored versions, which nothing edits.
 * Chunks other than a shard's last are never written again, so a world snapshot shares them
 * (`snapshot.ts`).
 */
import type { Item } from '../table/attributeValue.ts';
import { itemSize } from '../table/attributes.ts';
import { IdCursor } from '../kernel/rng.ts';
import { internItem, itemVersionSize, type ItemVersions } from '../trace/itemVersions.ts';
import { compareSequence, sequenceLimbsOf, sequenceText } from './sequence.ts';
import { StepColumn } from '../trace/stepColumn.ts';
import { DeltaColumn } from '../trace/deltaColumn.ts';
import { TTL_SERVICE_IDENTITY, type EventName, type StreamRecord, type StreamRecordBody, type StreamViewType } from './record.ts';

/** Records per chunk: a shard allocates its columns 1024 rows at a time. */
export const RECORD_CHUNK = 1024;
const CHUNK_SHIFT = 10;
const CHUNK_MASK = RECORD_CHUNK - 1;

const EVENT_NAMES: readonly EventName[] = ['INSERT', 'MODIFY', 'REMOVE'];
/** Compared, not looked up: a read of an object by a name that varies is a slow lookup on every record. */
const eventCode = (e: EventName): number => (e === 'INSERT' ? 0 : e === 'MODIFY' ? 1 : 2);
/** Bit of `flags` set on deletions made by the service (TTL): the record carries `userIdentity`. */
const BY_SERVICE = 4;

/** One chunk of rows. */
export interface RecordChunk {
  /** Append time (ms), as steps from the chunk's first. */
  readonly t: StepColumn;
  /** The high limb of the chunk's first row; a row's is this plus its `seqHiStep`. */
  seqHiBase: number;
  /**
   * The high limb grows by one per 10^14 of the low limb: within a chunk of a simulated shard it
   * moves by a few steps at most. Imported sequence numbers may jump or go back, so a chunk where
   * a row's step does not fit keeps the high limbs whole in `seqHiWide` instead. Made at the first
   * step that is not 0 (most chunks never need it).
   */
  seqHiStep: Uint16Array | undefined;
  seqHiWide: Float64Array | undefined;
  /**
   * The low limb (an integer below 10^14 < 2^47) in two parts, its low 32 bits and the 15 above
   * them: 6 bytes instead of a double's 8 (steps from the chunk's first row would not fit 32 bits:
   * a simulated shard's numbers grow by up to 10^10 a record).
   */
  readonly seqLoLow: Uint32Array;
  readonly seqLoHigh: Uint16Array;
  /**
   * The eventIDs, drawn again when read (`IdCursor`): the ids stream's state before the first row's
   * draws and its position then, and each row's position (2 bytes while the chunk's draws are near).
   */
  idState: readonly number[] | undefined;
  idFrom: number;
  readonly idAt: DeltaColumn;
  idCursor: IdCursor | undefined;
  /** Event name code (0–2) | BY_SERVICE. */
  readonly flags: Uint8Array;
  /** The Region's index: the first row's, and per row only once a row names another (a replica's records name its own). */
  regionFirst: number;
  region: Uint8Array | undefined;
  /** The key's index, and the item version indexes of the images the view type includes (−1 when absent): 2 bytes a row while near each other. */
  readonly key: DeltaColumn;
  readonly newImage: DeltaColumn;
  readonly oldImage: DeltaColumn;
}

function newChunk(): RecordChunk {
  return {
    t: new StepColumn(RECORD_CHUNK),
    seqHiBase: 0,
    seqHiStep: undefined,
    seqHiWide: undefined,
    seqLoLow: new Uint32Array(RECORD_CHUNK),
    seqLoHigh: new Uint16Array(RECORD_CHUNK),
    idState: undefined,
    idFrom: 0,
    idAt: new DeltaColumn(RECORD_CHUNK),
    idCursor: undefined,
    flags: new Uint8Array(RECORD_CHUNK),
    regionFirst: 0,
    region: undefined,
    key: new DeltaColumn(RECORD_CHUNK),
    newImage: new DeltaColumn(RECORD_CHUNK),
    oldImage: new DeltaColumn(RECORD_CHUNK),
  };
}

/** What a stream's records share: keys, item versions and Regions, each stored once. */
export interface StreamRecordDictionary {
  readonly streamArn: string;
  readonly viewType: StreamViewType;
  /** The epoch instant of simulated time 0 (ApproximateCreationDateTime comes from it). */
  readonly epochMs: number;
  /** Append-only: keys, their key strings and sizes, by key index. */
  readonly keys: Item[];
  readonly keyStrings: string[];
  readonly keySizes: number[];
  /** Key string → the index of the first key object seen with it. */
  readonly keyIndex: Map<string, number>;
  /**
   * By the world's key index (`WriteColumns`: one per key object a commit wrote), this stream's key
   * index + 1 (0: not seen yet). A record's key is then found by an array read rather than a
   * lookup by its key string on every record. Grows by doubling (so it is replaced, not read-only).
   */
  byKeyRef: Int32Array;
  /** The world's item versions (shared with the write facts), by version index. */
  readonly versions: ItemVersions;
  /** Per key index, the version index of its latest new image (−1 when none), and that item. */
  readonly latestVersion: number[];
  readonly latestItem: (Item | undefined)[];
  /** Append-only: the Regions records name (a replica's records name its own). */
  readonly regions: string[];
}

export function createDictionary(streamArn: string, viewType: StreamViewType, epochMs: number, versions: ItemVersions): StreamRecordDictionary {
  return { streamArn, viewType, epochMs, keys: [], keyStrings: [], keySizes: [], keyIndex: new Map(), byKeyRef: new Int32Array(0), versions, latestVersion: [], latestItem: [], regions: [] };
}

const MAX_STEP = 0xffff;
const TWO_32 = 0x100000000;
/** 10^14, the low limb's bound. */
const LOW_LIMB_BOUND = 100_000_000_000_000;

function seqLoAt(c: RecordChunk, j: number): number {
  return c.seqLoHigh[j]! * TWO_32 + c.seqLoLow[j]!;
}

function setSeqLo(c: RecordChunk, j: number, lo: number): void {
  if (!(Number.isInteger(lo) && lo >= 0 && lo < LOW_LIMB_BOUND)) throw new RangeError(`a sequence number's low limb must be an integer in [0, 10^14), not ${lo}`);
  // Exact for integers below 2^53, and no floating-point remainder (a library call) per record.
  const high = Math.floor(lo / TWO_32);
  c.seqLoLow[j] = lo - high * TWO_32;
  c.seqLoHigh[j] = high;
}

/** Row `j`'s high limb. */
function seqHiAt(c: RecordChunk, j: number): number {
  const wide = c.seqHiWide;
  if (wide !== undefined) return wide[j]!;
  const steps = c.seqHiStep;
  return steps === undefined ? c.seqHiBase : c.seqHiBase + steps[j]!;
}

/**
 * The same step-or-doubles scheme as `StepColumn` (trace/stepColumn.ts), written out for 16-bit steps:
 * one `StepColumn` class over both step widths made its element loads polymorphic, and the core ran
 * about 4 % slower (200k writes, interleaved A/B), so the two stay apart.
 */
function setSeqHi(c: RecordChunk, j: number, hi: number): void {
  if (j === 0) c.seqHiBase = hi;
  const wide = c.seqHiWide;
  if (wide !== undefined) {
    wide[j] = hi;
    return;
  }
  const step = hi - c.seqHiBase;
  // `base + step === hi`: the step is exact (always, for limbs below 2^53), so reading gives `hi` back.
  if (step >= 0 && step <= MAX_STEP && Number.isInteger(step) && c.seqHiBase + step === hi) {
    if (step !== 0) (c.seqHiStep ??= new Uint16Array(RECORD_CHUNK))[j] = step;
    else if (c.seqHiStep !== undefined) c.seqHiStep[j] = 0;
    return;
  }
  const all = new Float64Array(RECORD_CHUNK);
  for (let k = 0; k < j; k++) all[k] = seqHiAt(c, k);
  all[j] = hi;
  c.seqHiWide = all;
}

/** Reused by `sameKey` (single-threaded, never re-entered). */
const KEY_NAMES: string[] = [];

/**
 * Whether two key objects spell the same attributes, in the same order, the same way (one key
 * string may come from "1" and "1.0", or from a Key parameter written range key first).
 */
export function sameKey(a: Item, b: Item): boolean {
  // Walks both with for…in (no key arrays: this runs once per write); a key has one or two attributes.
  const names = KEY_NAMES;
  let n = 0;
  for (const name in a) names[n++] = name;
  let i = 0;
  for (const name in b) {
    if (i >= n || names[i] !== name) return false;
    const x = a[name] as Record<string, unknown>;
    const y = b[name] as Record<string, unknown>;
    if (x.S !== y.S || x.N !== y.N || x.B !== y.B) return false;
    i++;
  }
  return i === n;
}

function internKey(d: StreamRecordDictionary, keys: Item, keyString: string, keyRef: number): number {
  if (keyRef >= 0) {
    // The same key object (one world key index names one) is the same key of this stream.
    const seen = keyRef < d.byKeyRef.length ? d.byKeyRef[keyRef]! - 1 : -1;
    if (seen >= 0 && d.keys[seen] === keys) return seen;
    const index = internKeyByText(d, keys, keyString);
    if (keyRef >= d.byKeyRef.length) {
      const grown = new Int32Array(Math.max(1024, keyRef + 1, d.byKeyRef.length * 2));
      grown.set(d.byKeyRef);
      d.byKeyRef = grown;
    }
    d.byKeyRef[keyRef] = index + 1;
    return index;
  }
  return internKeyByText(d, keys, keyString);
}

function internKeyByText(d: StreamRecordDictionary, keys: Item, keyString: string): number {
  const known = d.keyIndex.get(keyString);
  if (known !== undefined && (d.keys[known] === keys || sameKey(d.keys[known]!, keys))) return known;
  const index = d.keys.length;
  d.keys.push(keys);
  d.keyStrings.push(keyString);
  d.keySizes.push(itemSize(keys));
  d.latestVersion.push(-1);
  d.latestItem.push(undefined);
  if (known === undefined) d.keyIndex.set(keyString, index);
  return index;
}

function setRegion(c: RecordChunk, j: number, region: number): void {
  if (j === 0) c.regionFirst = region;
  if (c.region === undefined) {
    if (region === c.regionFirst) return;
    c.region = new Uint8Array(RECORD_CHUNK).fill(c.regionFirst);
  }
  c.region[j] = region;
}

function regionIndex(d: StreamRecordDictionary, region: string): number {
  const at = d.regions.indexOf(region);
  if (at >= 0) return at;
  d.regions.push(region);
  return d.regions.length - 1;
}

/** One record to append, as the table's commit describes it. */
export interface RecordRow {
  t: number;
  seqHi: number;
  seqLo: number;
  eventName: EventName;
  byService: boolean;
  region: string;
  keys: Item;
  keyString: string;
  /** The world's index of `keys` (`WriteColumns.keyIndexAt`), or −1 (an import, a test): found by `keyString` then. */
  keyRef?: number;
  oldItem: Item | undefined;
  newItem: Item | undefined;
}

/** One shard's records: `length` rows, read by index. Rows are never changed once appended. */
export class ShardRecords {
  readonly shardId: string;
  readonly dict: StreamRecordDictionary;
  readonly chunks: RecordChunk[] = [];
  length = 0;

  constructor(shardId: string, dict: StreamRecordDictionary) {
    this.shardId = shardId;
    this.dict = dict;
  }

  get streamArn(): string {
    return this.dict.streamArn;
  }

  /**
   * Appends a row; the eventID's draws are made from `ids` (the random stream is read exactly as
   * `hex(32)` read it) and the row keeps where. Returns the row's index.
   */
  append(row: RecordRow, ids: { readonly draws: number; getState(): readonly number[]; skipId(): void }): number {
    const i = this.length;
    const j = i & CHUNK_MASK;
    if (j === 0) this.chunks.push(newChunk());
    const c = this.chunks[i >>> CHUNK_SHIFT]!;
    const d = this.dict;
    if (j === 0) {
      c.idState = ids.getState();
      c.idFrom = ids.draws;
    }
    c.idAt.set(j, ids.draws);
    ids.skipId();
    const key = internKey(d, row.keys, row.keyString, row.keyRef ?? -1);
    const view = d.viewType;
    let newV = -1;
    let oldV = -1;
    const versions = d.versions;
    if ((view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES') && row.eventName !== 'REMOVE' && row.newItem) newV = internItem(versions, row.newItem);
    if ((view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES') && row.eventName !== 'INSERT' && row.oldItem) {
      const latest = d.latestVersion[key]!;
      oldV = latest >= 0 && d.latestItem[key] === row.oldItem ? latest : internItem(versions, row.oldItem);
    }
    // The next change of this key finds its old image here; a change without a new image ends the chain.
    d.latestVersion[key] = newV;
    d.latestItem[key] = newV >= 0 ? row.newItem : undefined;
    c.t.set(j, row.t);
    setSeqHi(c, j, row.seqHi);
    setSeqLo(c, j, row.seqLo);
    c.flags[j] = eventCode(row.eventName) | (row.byService ? BY_SERVICE : 0);
    setRegion(c, j, regionIndex(d, row.region));
    c.key.set(j, key);
    c.newImage.set(j, newV);
    c.oldImage.set(j, oldV);
    this.length = i + 1;
    return i;
  }

  private chunk(i: number): RecordChunk {
    return this.chunks[i >>> CHUNK_SHIFT]!;
  }

  /** Simulated time (ms) at which row `i` was appended. */
  timeAt(i: number): number {
    return this.chunk(i).t.get(i & CHUNK_MASK);
  }

  /** Row `i`'s SizeBytes: the key's size and the sizes of the images it carries (each version sized once). */
  sizeAt(i: number): number {
    const c = this.chunk(i);
    const j = i & CHUNK_MASK;
    const d = this.dict;
    const newV = c.newImage.get(j);
    const oldV = c.oldImage.get(j);
    return Math.max(1, d.keySizes[c.key.get(j)]! + (newV >= 0 ? itemVersionSize(d.versions, newV) : 0) + (oldV >= 0 ? itemVersionSize(d.versions, oldV) : 0));
  }

  keyStringAt(i: number): string {
    return this.dict.keyStrings[this.chunk(i).key.get(i & CHUNK_MASK)]!;
  }

  /** Row `i`'s sequence number as AWS writes it. */
  sequenceNumberAt(i: number): string {
    const c = this.chunk(i);
    return sequenceText(seqHiAt(c, i & CHUNK_MASK), seqLoAt(c, i & CHUNK_MASK));
  }

  /** The limbs of row `i`'s sequence number, for comparisons without text. */
  sequenceLimbsAt(i: number): { hi: number; lo: number } {
    const c = this.chunk(i);
    return { hi: seqHiAt(c, i & CHUNK_MASK), lo: seqLoAt(c, i & CHUNK_MASK) };
  }

  /** Index of the first row whose sequence number is ≥ seq (> seq when `after`). */
  lowerBound(seq: bigint, after = false): number {
    const s = sequenceLimbsOf(seq);
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.chunk(mid);
      const cmp = compareSequence(seqHiAt(c, mid & CHUNK_MASK), seqLoAt(c, mid & CHUNK_MASK), s.hi, s.lo);
      if (cmp < 0 || (after && cmp === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first row whose sequence number is > seq. */
  upperBound(seq: bigint): number {
    return this.lowerBound(seq, true);
  }

  /** Row `i` as the AWS-shaped record GetRecords returns, built now. */
  recordAt(i: number): StreamRecord {
    const c = this.chunk(i);
    const j = i & CHUNK_MASK;
    const d = this.dict;
    const newV = c.newImage.get(j);
    const oldV = c.oldImage.get(j);
    // Field by field in buildRecord's order: the same keys in the same order, so the same JSON.
    const body = { ApproximateCreationDateTime: Math.floor((d.epochMs + c.t.get(j)) / 1000), Keys: d.keys[c.key.get(j)]! } as StreamRecordBody;
    if (newV >= 0) body.NewImage = d.versions.itemAt(newV);
    if (oldV >= 0) body.OldImage = d.versions.itemAt(oldV);
    body.SequenceNumber = sequenceText(seqHiAt(c, j), seqLoAt(c, j));
    body.SizeBytes = this.sizeAt(i);
    body.StreamViewType = d.viewType;
    const flags = c.flags[j]!;
    const rec: StreamRecord = {
      eventID: (c.idCursor ??= new IdCursor(c.idState!, c.idFrom)).hexAt(c.idAt.get(j)),
      eventName: EVENT_NAMES[flags & 3]!,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: d.regions[c.region === undefined ? c.regionFirst : c.region[j]!]!,
      dynamodb: body,
    };
    if (flags & BY_SERVICE) rec.userIdentity = TTL_SERVICE_IDENTITY;
    return rec;
  }

  /** Chunks no row will be appended to again (a snapshot shares them instead of copying). */
  fullChunks(): RecordChunk[] {
    return this.chunks.slice(0, this.length >>> CHUNK_SHIFT);
  }
}
