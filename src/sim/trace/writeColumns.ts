/**
 * The `write` facts of a run as columns (issue #16): a row per write in typed arrays growing in
 * fixed chunks, with the table, operation and Region names, the keys and the new items stored once
 * (items in the world's `ItemVersions`, shared with the stream records). The fact objects in the
 * trace (`writeFact.ts`) read their fields from here. Rows never change once appended; a snapshot
 * shares the full chunks and the append-only lists (`snapshot.ts`).
 */
import type { Item } from '../table/attributeValue.ts';
import { sameKey } from '../stream/recordStore.ts';
import { internItem, type ItemVersions } from './itemVersions.ts';
import { StepColumn } from './stepColumn.ts';

export type WriteOutcome = 'INSERT' | 'MODIFY' | 'REMOVE' | 'no-op';

export const WRITE_CHUNK = 1024;
const CHUNK_SHIFT = 10;
const CHUNK_MASK = WRITE_CHUNK - 1;
const OUTCOMES: readonly WriteOutcome[] = ['INSERT', 'MODIFY', 'REMOVE', 'no-op'];
const OUTCOME_CODE: Record<WriteOutcome, number> = { INSERT: 0, MODIFY: 1, REMOVE: 2, 'no-op': 3 };
const BY_SERVICE = 4;
/** `region` when the write names none (tables without replicas). */
const NO_REGION = 0xffff;

export interface WriteChunk {
  /** Time (ms), as steps from the chunk's first row. */
  readonly t: StepColumn;
  readonly table: Uint16Array;
  readonly op: Uint16Array;
  readonly region: Uint16Array;
  /** Outcome code (0–3) | BY_SERVICE. */
  readonly flags: Uint8Array;
  readonly key: Int32Array;
  /** Item version index of the new item; −1 when the fact has none. */
  readonly newItem: Int32Array;
}

function newChunk(): WriteChunk {
  return {
    t: new StepColumn(WRITE_CHUNK),
    table: new Uint16Array(WRITE_CHUNK),
    op: new Uint16Array(WRITE_CHUNK),
    region: new Uint16Array(WRITE_CHUNK),
    flags: new Uint8Array(WRITE_CHUNK),
    key: new Int32Array(WRITE_CHUNK),
    newItem: new Int32Array(WRITE_CHUNK),
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
}

export class WriteColumns {
  readonly chunks: WriteChunk[] = [];
  length = 0;
  /** Append-only: table, operation and Region names by index. */
  readonly names: string[] = [];
  readonly nameIndex = new Map<string, number>();
  /** Append-only: keys and their key strings by key index. */
  readonly keys: Item[] = [];
  readonly keyStrings: string[] = [];
  /** Per table name index, key string → the first key index seen with it. */
  readonly keyIndex: Map<string, number>[] = [];
  readonly versions: ItemVersions;
  private readonly lastNames: (string | undefined)[] = [undefined, undefined, undefined];
  private readonly lastIndexes: number[] = [-1, -1, -1];

  constructor(versions: ItemVersions) {
    this.versions = versions;
  }

  /** `slot`: 0 table, 1 operation, 2 Region — each remembers its last name (runs mostly write one table, one way). */
  private name(s: string, slot: number): number {
    if (s === this.lastNames[slot]) return this.lastIndexes[slot]!;
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

  private internKey(table: number, key: Item, keyString: string): number {
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
    c.table[j] = table;
    c.op[j] = this.name(w.op, 1);
    c.region[j] = w.region === undefined ? NO_REGION : this.name(w.region, 2);
    c.flags[j] = OUTCOME_CODE[w.outcome] | (w.byService ? BY_SERVICE : 0);
    c.key[j] = this.internKey(table, w.key, w.keyString);
    c.newItem[j] = w.newItem === undefined ? -1 : internItem(this.versions, w.newItem, w.newItemSize);
    this.length = i + 1;
    return i;
  }

  private chunk(i: number): WriteChunk {
    return this.chunks[i >>> CHUNK_SHIFT]!;
  }

  timeAt(i: number): number {
    return this.chunk(i).t.get(i & CHUNK_MASK);
  }

  tableAt(i: number): string {
    return this.names[this.chunk(i).table[i & CHUNK_MASK]!]!;
  }

  opAt(i: number): string {
    return this.names[this.chunk(i).op[i & CHUNK_MASK]!]!;
  }

  regionAt(i: number): string | undefined {
    const r = this.chunk(i).region[i & CHUNK_MASK]!;
    return r === NO_REGION ? undefined : this.names[r];
  }

  outcomeAt(i: number): WriteOutcome {
    return OUTCOMES[this.chunk(i).flags[i & CHUNK_MASK]! & 3]!;
  }

  byServiceAt(i: number): boolean {
    return (this.chunk(i).flags[i & CHUNK_MASK]! & BY_SERVICE) !== 0;
  }

  keyAt(i: number): Item {
    return this.keys[this.chunk(i).key[i & CHUNK_MASK]!]!;
  }

  keyStringAt(i: number): string {
    return this.keyStrings[this.chunk(i).key[i & CHUNK_MASK]!]!;
  }

  newItemAt(i: number): Item | undefined {
    const v = this.chunk(i).newItem[i & CHUNK_MASK]!;
    return v < 0 ? undefined : this.versions.itemAt(v);
  }

  /** Chunks no row will be appended to again (a snapshot shares them instead of copying). */
  fullChunks(): WriteChunk[] {
    return this.chunks.slice(0, this.length >>> CHUNK_SHIFT);
  }
}
