/**
 * The stream's records as columns (issue #16): one row per record in typed arrays that grow in
 * fixed chunks, and the AWS JSON of a record built only when someone reads it (GetRecords, a
 * Lambda event, the inspector, an export, the trace hash).
 *
 * A row holds the append time, the sequence number as two exact limbs (`sequence.ts`; the high
 * limb as a 16-bit step from the chunk's first row's), where the eventID was drawn (`IdCursor` draws
 * it again), the event name (and whether the service made the change), the Region, and the key and
 * the two item versions by index; `SizeBytes` is summed from the key's and the versions' sizes when
 * read. About 24 bytes a row while its times, key, versions and draws lie near each other (the chunk's
 * columns: `recordChunk.ts`). Keys live once per stream
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
import { CHUNK_MASK, CHUNK_SHIFT, newChunk, RECORD_CHUNK, seqHiAt, seqLoAt, setRegion, setSeqHi, setSeqLo, type RecordChunk } from './recordChunk.ts';
import { internItem, itemVersionSize, type ItemVersions } from '../trace/itemVersions.ts';
import { compareSequence, sequenceLimbsOf, sequenceText } from './sequence.ts';
import { TTL_SERVICE_IDENTITY, type EventName, type StreamRecord, type StreamRecordBody, type StreamViewType } from './record.ts';
import { valueList } from '../kernel/valueList.ts';


export { RECORD_CHUNK, type RecordChunk };

const EVENT_NAMES: readonly EventName[] = ['INSERT', 'MODIFY', 'REMOVE'];
/** Compared, not looked up: a read of an object by a name that varies is a slow lookup on every record. */
const eventCode = (e: EventName): number => (e === 'INSERT' ? 0 : e === 'MODIFY' ? 1 : 2);
/** Bit of `flags` set on deletions made by the service (TTL): the record carries `userIdentity`. */
const BY_SERVICE = 4;


/**
 * Where a key sits in a stream's dictionary, as its last record there left it: the key memo of a
 * found key (`table/itemKey.ts`), so the next record of that key takes the index from there, not
 * from the dictionary's per-key arrays (two reads at a key's place among thousands, issue #16).
 * Sound because every key a memo serves is spelled the same way (a hash-only S or N key of one
 * attribute name, validated: canonical), so the dictionary's own lookup would find that index.
 */
export interface StreamKeyHint {
  /** The `identity` of the dictionary `streamKey` is an index of (undefined: none yet). */
  streamOwner: object | undefined;
  streamKey: number;
}

/** What a stream's records share: keys, item versions and Regions, each stored once. */
export interface StreamRecordDictionary {
  /**
   * What a key memo names this dictionary by (`StreamKeyHint`): not the dictionary, as the memos
   * outlive the worlds they serve. A world's copy (`snapshot.ts` copies every object it reaches)
   * gets its own, so no memo holds for the copy.
   */
  readonly identity: object;
  readonly streamArn: string;
  readonly viewType: StreamViewType;
  /** Whether the view type carries new images, old images: asked on every record (two string comparisons each, otherwise). */
  readonly newImages: boolean;
  readonly oldImages: boolean;
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
  const newImages = viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
  const oldImages = viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
  return { identity: {}, streamArn, viewType, newImages, oldImages, epochMs, keys: valueList(), keyStrings: valueList(), keySizes: [], keyIndex: new Map(), byKeyRef: new Int32Array(0), versions, latestVersion: [], latestItem: valueList(), regions: valueList() };
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

function internKey(d: StreamRecordDictionary, keys: Item, keyString: string, keyRef: number, hint: StreamKeyHint | undefined): number {
  if (hint !== undefined) {
    if (hint.streamOwner === d.identity) return hint.streamKey;
    const index = internKeyAt(d, keys, keyString, keyRef);
    hint.streamOwner = d.identity;
    hint.streamKey = index;
    return index;
  }
  return internKeyAt(d, keys, keyString, keyRef);
}

function internKeyAt(d: StreamRecordDictionary, keys: Item, keyString: string, keyRef: number): number {
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

function regionIndex(d: StreamRecordDictionary, region: string): number {
  // A stream's records name one Region, but a global table's replica's may name two: the first is
  // compared before the list is searched (an indexOf call per record otherwise).
  if (d.regions[0] === region) return 0;
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
  /** The key's memo when the commit found the key through one (`StreamKeyHint`). */
  keyHint?: StreamKeyHint | undefined;
  oldItem: Item | undefined;
  newItem: Item | undefined;
}

/** One shard's records: `length` rows, read by index. Rows are never changed once appended. */
export class ShardRecords {
  readonly shardId: string;
  readonly dict: StreamRecordDictionary;
  readonly chunks: RecordChunk[] = valueList();
  length = 0;
  /** The trace that last recorded a fact of these rows, and their source id there (`TraceSourceSlot`, trace/trace.ts). */
  traceOwner: object | undefined = undefined;
  traceSource = 0;

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
    const key = internKey(d, row.keys, row.keyString, row.keyRef ?? -1, row.keyHint);
    let newV = -1;
    let oldV = -1;
    const versions = d.versions;
    if (d.newImages && row.eventName !== 'REMOVE' && row.newItem !== undefined) newV = internItem(versions, row.newItem);
    if (d.oldImages && row.eventName !== 'INSERT' && row.oldItem !== undefined) {
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
