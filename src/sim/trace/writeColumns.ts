/**
 * The `write` facts of a run as columns (issue #16): a row per write in typed arrays growing in
 * fixed chunks, with the table, operation and Region names, the keys and the new items stored once
 * (items in the world's `ItemVersions`, shared with the stream records). The fact objects in the
 * trace (`writeFact.ts`) read their fields from here. Rows never change once appended; a snapshot
 * shares the full chunks and the append-only lists (`snapshot.ts`).
 */
import type { Item } from '../table/attributeValue.ts';
import { sameKey } from '../stream/recordStore.ts';
import { internItem, type ItemVersions, type StringHint } from './itemVersions.ts';
import { StepColumn } from './stepColumn.ts';
import { DeltaColumn } from './deltaColumn.ts';
import { columnSlab } from './columnSlab.ts';
import { valueList } from '../kernel/valueList.ts';

export type WriteOutcome = 'INSERT' | 'MODIFY' | 'REMOVE' | 'no-op';

export const WRITE_CHUNK = 1024;
const CHUNK_SHIFT = 10;
const CHUNK_MASK = WRITE_CHUNK - 1;
const OUTCOMES: readonly WriteOutcome[] = ['INSERT', 'MODIFY', 'REMOVE', 'no-op'];
/** Compared, not looked up: a read of an object by a name that varies is a slow lookup on every write. */
const outcomeCode = (o: WriteOutcome): number => (o === 'INSERT' ? 0 : o === 'MODIFY' ? 1 : o === 'REMOVE' ? 2 : 3);
const BY_SERVICE = 4;
/** `region` when the write names none (tables without replicas). */
const NO_REGION = 0xffff;

export interface WriteChunk {
  /** Time (ms), as steps from the chunk's first row. */
  readonly t: StepColumn;
  /** The row's (table, operation, Region) triple, by index into `WriteColumns.labels`. */
  readonly label: Uint16Array;
  /** Outcome code (0–3) | BY_SERVICE. */
  readonly flags: Uint8Array;
  /** The key's index, and the item version index of the new item (−1 when the fact has none): 2 bytes a row while near each other. */
  readonly key: DeltaColumn;
  readonly newItem: DeltaColumn;
}

/** The bytes a row takes in a chunk's buffer: t, label, key and new item 2 each, flags 1. */
export const WRITE_ROW_BYTES = 9;

export function newChunk(): WriteChunk {
  const take = columnSlab(WRITE_CHUNK, WRITE_ROW_BYTES);
  return {
    t: new StepColumn(WRITE_CHUNK, take(Uint16Array)),
    label: take(Uint16Array),
    flags: take(Uint8Array),
    key: new DeltaColumn(WRITE_CHUNK, take(Int16Array)),
    newItem: new DeltaColumn(WRITE_CHUNK, take(Int16Array)),
  };
}

/** One write, as the table's commit describes it. */
export interface WriteRow {
  t: number;
  table: string;
  op: string;
  key: Item;
  keyString: string;
  outcome: WriteOutcome;
  newItem: Item | undefined;
  /** `itemSize(newItem)` when known (stored with the version, so the record does not size it again). */
  newItemSize?: number | undefined;
  byService: boolean;
  region: string | undefined;
  /** This key's index here, when the commit knows it from the key's last write in this table (`table/itemKey.ts`). */
  keyRef?: number;
  /** The hash key attribute's name and its key memo, which remembers where its text is in the item versions (`ItemVersions.intern`). */
  hashName?: string | undefined;
  keyHint?: StringHint | undefined;
}

export class WriteColumns {
  readonly chunks: WriteChunk[] = valueList();
  length = 0;
  /** The trace that last recorded a fact of these rows, and their source id there (`TraceSourceSlot`, trace/trace.ts). */
  traceOwner: object | undefined = undefined;
  traceSource = 0;
  /** Append-only: table, operation and Region names by index. */
  readonly names: string[] = valueList();
  readonly nameIndex = new Map<string, number>();
  /**
   * Append-only: three name indexes (table, operation, Region or NO_REGION) per label. A run has a
   * handful of such triples, so a row stores one 2-byte label instead of three name indexes.
   */
  readonly labels: number[] = [];
  private readonly labelIndex = new Map<number, number>();
  private lastLabelKey = -1;
  private lastLabel = -1;
  /** Append-only: keys and their key strings by key index. */
  readonly keys: Item[] = valueList();
  readonly keyStrings: string[] = valueList();
  /** Per table name index, key string → the first key index seen with it. */
  readonly keyIndex: Map<string, number>[] = valueList();
  readonly versions: ItemVersions;
  /**
   * This instance's identity for the key memos (`table/itemKey.ts`): an empty object, so a memo
   * compares it by reference without holding the columns (a `WeakRef.deref()` per write cost about
   * 3% of a PutItem). A world's copy (`snapshot.ts` copies every object it reaches) gets its own.
   */
  readonly identity: object = {};
  /** The key index of the row appended last (`keyIndexAt(length − 1)`, without reading it back from its chunk). */
  lastKey = -1;
  private readonly lastNames: (string | undefined)[] = [undefined, undefined, undefined];
  private readonly lastIndexes: number[] = [-1, -1, -1];

  constructor(versions: ItemVersions) {
    this.versions = versions;
  }

  /**
   * `slot`: 0 table, 1 operation, 2 Region — each remembers its last name (runs mostly write one
   * table, one way). The hits here, the misses out of line: the write path's inlining budget
   * (`StepColumn.set`), as in `label` and `internKey`.
   */
  private name(s: string, slot: number): number {
    return s === this.lastNames[slot] ? this.lastIndexes[slot]! : this.nameMissed(s, slot);
  }

  private nameMissed(s: string, slot: number): number {
    let i = this.nameIndex.get(s);
    if (i === undefined) {
      i = this.names.length;
      if (i >= NO_REGION) throw new RangeError('more than 65535 distinct table, operation and Region names in one run');
      this.names.push(s);
      this.nameIndex.set(s, i);
    }
    this.lastNames[slot] = s;
    this.lastIndexes[slot] = i;
    return i;
  }

  private label(table: number, op: number, region: number): number {
    const key = (table * 0x10000 + op) * 0x10000 + region;
    return key === this.lastLabelKey ? this.lastLabel : this.labelMissed(key, table, op, region);
  }

  private labelMissed(key: number, table: number, op: number, region: number): number {
    let l = this.labelIndex.get(key);
    if (l === undefined) {
      l = this.labels.length / 3;
      if (l > 0xffff) throw new RangeError('more than 65536 distinct (table, operation, Region) triples in one run');
      this.labels.push(table, op, region);
      this.labelIndex.set(key, l);
    }
    this.lastLabelKey = key;
    this.lastLabel = l;
    return l;
  }

  private internKey(table: number, key: Item, keyString: string, keyRef = -1): number {
    // An index handed down with the very key object it names: no lookup by string.
    return keyRef >= 0 && this.keys[keyRef] === key ? keyRef : this.internKeyByText(table, key, keyString);
  }

  private internKeyByText(table: number, key: Item, keyString: string): number {
    const byKey = (this.keyIndex[table] ??= new Map());
    const known = byKey.get(keyString);
    if (known !== undefined && (this.keys[known] === key || sameKey(this.keys[known]!, key))) return known;
    this.keys.push(key);
    this.keyStrings.push(keyString);
    if (known === undefined) byKey.set(keyString, this.keys.length - 1);
    return this.keys.length - 1;
  }

  /** Appends a row; returns its index. */
  append(w: WriteRow): number {
    const i = this.length;
    const j = i & CHUNK_MASK;
    if (j === 0) this.chunks.push(newChunk());
    const c = this.chunks[i >>> CHUNK_SHIFT]!;
    const table = this.name(w.table, 0);
    c.t.set(j, w.t);
    c.label[j] = this.label(table, this.name(w.op, 1), w.region === undefined ? NO_REGION : this.name(w.region, 2));
    c.flags[j] = outcomeCode(w.outcome) | (w.byService ? BY_SERVICE : 0);
    const key = this.internKey(table, w.key, w.keyString, w.keyRef);
    this.lastKey = key;
    c.key.set(j, key);
    c.newItem.set(j, w.newItem === undefined ? -1 : internItem(this.versions, w.newItem, w.newItemSize, w.hashName, w.keyHint));
    this.length = i + 1;
    return i;
  }

  private chunk(i: number): WriteChunk {
    return this.chunks[i >>> CHUNK_SHIFT]!;
  }

  timeAt(i: number): number {
    return this.chunk(i).t.get(i & CHUNK_MASK);
  }

  /** Name index `part` (0 table, 1 operation, 2 Region) of row `i`'s label. */
  private labelPart(i: number, part: number): number {
    return this.labels[this.chunk(i).label[i & CHUNK_MASK]! * 3 + part]!;
  }

  tableAt(i: number): string {
    return this.names[this.labelPart(i, 0)]!;
  }

  opAt(i: number): string {
    return this.names[this.labelPart(i, 1)]!;
  }

  regionAt(i: number): string | undefined {
    const r = this.labelPart(i, 2);
    return r === NO_REGION ? undefined : this.names[r];
  }

  outcomeAt(i: number): WriteOutcome {
    return OUTCOMES[this.chunk(i).flags[i & CHUNK_MASK]! & 3]!;
  }

  byServiceAt(i: number): boolean {
    return (this.chunk(i).flags[i & CHUNK_MASK]! & BY_SERVICE) !== 0;
  }

  keyAt(i: number): Item {
    return this.keys[this.chunk(i).key.get(i & CHUNK_MASK)]!;
  }

  /** Row `i`'s key index: one per key object (`keyAt`), so the stream's records can find their key by it. */
  keyIndexAt(i: number): number {
    return this.chunk(i).key.get(i & CHUNK_MASK);
  }

  keyStringAt(i: number): string {
    return this.keyStrings[this.chunk(i).key.get(i & CHUNK_MASK)]!;
  }

  newItemAt(i: number): Item | undefined {
    const v = this.chunk(i).newItem.get(i & CHUNK_MASK);
    return v < 0 ? undefined : this.versions.itemAt(v);
  }

  /** Chunks no row will be appended to again (a snapshot shares them instead of copying). */
  fullChunks(): WriteChunk[] {
    return this.chunks.slice(0, this.length >>> CHUNK_SHIFT);
  }
}
