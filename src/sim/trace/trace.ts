/**
 * The trace as rows (issue #16): per fact, which source it reads from (2 bytes) and its row there
 * (2 bytes: a step from the first row the chunk reads from that source, as each source's rows come
 * one after another; 4 bytes in a chunk where they do not), in chunks of typed arrays, instead of an
 * object per fact in a JS array. The two facts
 * every write makes (`write`, `record-appended`) are rows of the write columns and of a shard's
 * record columns: `at(i)` builds the light fact over them (`WriteFact`, `AppendedRecordFact`) each
 * time it is read, with the same fields and JSON. Every other fact (rare beside them) is kept as the
 * object it was recorded as, in `objects`. A million-record run keeps 8 bytes of trace per record
 * instead of two objects and two array slots (~87 bytes), and the collector has no million
 * objects to walk.
 *
 * A fact read twice is two equal objects, not the same one: nothing may key a map by a fact.
 * Snapshots (`../snapshot.ts`) share the full chunks and `objects` (append-only, kept by length)
 * and copy the chunk being filled, the sources and their lookup, so a fork's own facts read from
 * its own columns.
 *
 * May import: ./events.ts (types), ../kernel/valueList.ts. May not import: anything with state.
 */
import type { TraceEvent } from './events.ts';
import { valueList } from '../kernel/valueList.ts';

/** What reads a trace needs: arrays of facts (imported runs, tests) are fact lists too. */
export interface FactList extends Iterable<TraceEvent> {
  readonly length: number;
  at(index: number): TraceEvent | undefined;
}

/**
 * Builds the fact of a row of `columns`. Frozen (it holds no state of its own), so a snapshot
 * shares it instead of refusing to copy a function.
 */
export type RowFactBuilder<C extends object = never> = (columns: C, row: number) => TraceEvent;

/**
 * What columns a trace reads rows from keep for it: the trace that last recorded one of their rows
 * and their source id there. A slot names one trace at a time (columns a fork shares, or a second
 * trace, fall back to the trace's Map), and a snapshot's copy names the copied trace, with the same
 * ids as the copied Map.
 */
export interface TraceSourceSlot {
  traceOwner: object | undefined;
  traceSource: number;
}

interface Source {
  readonly of: RowFactBuilder<object>;
  readonly columns: object;
}

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
/** Source 0 is `objects`; a source id is 16 bits. */
const MAX_SOURCES = 0xffff;
const MAX_STEP = 0xffff;

export class Trace implements FactList {
  length = 0;
  /** Facts that are not rows of columns, in the order recorded; a fact's row is its index here. */
  readonly objects: TraceEvent[] = valueList();
  private readonly sourceChunks: Uint16Array[] = valueList();
  /** Per chunk: each fact's row as a step from `rowBases[chunk][source]`, or the rows whole (`wideRows`) once a step did not fit. */
  private readonly rowChunks: Uint16Array[] = valueList();
  private readonly rowBases: number[][] = valueList();
  private readonly wideRows: (Int32Array | undefined)[] = valueList();
  /** Source id − 1 → its builder and columns. */
  private readonly sources: Source[] = valueList();
  /**
   * The last chunk's arrays while its rows are steps (`appendOther` sets them): the common append
   * reads them here, not by the chunk's index from four lists. `openEnd` is the first fact past
   * that chunk, 0 when no chunk is open so.
   */
  private openEnd = 0;
  private openSources: Uint16Array = new Uint16Array(0);
  private openRows: Uint16Array = new Uint16Array(0);
  private openBases: number[] = [];
  private readonly sourceIds = new Map<object, number>();
  /** Records a fact kept as an object. */
  push(fact: TraceEvent): void {
    this.append(0, this.objects.length);
    this.objects.push(fact);
  }

  /** Records the fact of row `row` of `columns`, built by `of` when read. */
  pushRow<C extends TraceSourceSlot>(of: RowFactBuilder<C>, columns: C, row: number): void {
    // The columns remember their source id in this trace: a write's fact and its record's come
    // from the write columns and from one of several shards, so a cache of the last sources missed
    // whenever the record's shard changed and looked the shard up in the Map.
    if (columns.traceOwner === this) return this.append(columns.traceSource, row);
    this.append(this.sourceOf(of, columns), row);
  }

  /** The source id of `columns` in this trace (a new one the first time), remembered on them. */
  private sourceOf<C extends TraceSourceSlot>(of: RowFactBuilder<C>, columns: C): number {
    let id = this.sourceIds.get(columns);
    if (id === undefined) {
      if (this.sources.length >= MAX_SOURCES) throw new Error(`a trace reads from at most ${MAX_SOURCES} columns (write columns and shards)`);
      this.sources.push({ of: of as RowFactBuilder<object>, columns });
      id = this.sources.length;
      this.sourceIds.set(columns, id);
    }
    columns.traceOwner = this;
    columns.traceSource = id;
    return id;
  }

  private append(source: number, row: number): void {
    // The common case (a chunk begun, the source's rows near its first in the chunk) in few
    // bytecodes, the rest out of line: the write path's inlining budget (`StepColumn.set`).
    const i = this.length;
    if (i < this.openEnd) {
      const base = this.openBases[source];
      if (base !== undefined && row >= base && row - base <= MAX_STEP) {
        const k = i & MASK;
        this.openSources[k] = source;
        this.openRows[k] = row - base;
        this.length = i + 1;
        return;
      }
    }
    this.appendOther(source, row);
  }

  private appendOther(source: number, row: number): void {
    const i = this.length;
    const c = i >>> CHUNK_BITS;
    if (c === this.sourceChunks.length) {
      this.openSources = new Uint16Array(CHUNK);
      this.openRows = new Uint16Array(CHUNK);
      // Holey from the start (`new Array(0)`): a chunk's bases are written by source id, in any order.
      this.openBases = new Array<number>(0);
      this.openEnd = (c + 1) * CHUNK;
      this.sourceChunks.push(this.openSources);
      this.rowChunks.push(this.openRows);
      this.rowBases.push(this.openBases);
      this.wideRows.push(undefined);
    }
    const k = i & MASK;
    this.sourceChunks[c]![k] = source;
    this.length = i + 1;
    const wide = this.wideRows[c];
    if (wide !== undefined) {
      wide[k] = row;
      return;
    }
    const bases = this.rowBases[c]!;
    const base = bases[source] ?? (bases[source] = row);
    const step = row - base;
    if (step >= 0 && step <= MAX_STEP) {
      this.rowChunks[c]![k] = step;
      return;
    }
    // A source's rows out of order here (none the simulation writes): this chunk keeps its rows whole.
    const rows = new Int32Array(CHUNK);
    const sources = this.sourceChunks[c]!;
    const steps = this.rowChunks[c]!;
    for (let j = 0; j < k; j++) rows[j] = bases[sources[j]!]! + steps[j]!;
    rows[k] = row;
    this.wideRows[c] = rows;
    this.openEnd = 0;
  }

  private rowAt(c: number, k: number, source: number): number {
    const wide = this.wideRows[c];
    return wide !== undefined ? wide[k]! : this.rowBases[c]![source]! + this.rowChunks[c]![k]!;
  }

  /** The fact at `index`, from the end when negative as `Array.prototype.at` (a column fact is built anew on each read), or undefined outside the trace. */
  at(index: number): TraceEvent | undefined {
    if (index < 0) index += this.length;
    if (!(index >= 0 && index < this.length)) return undefined;
    const c = index >>> CHUNK_BITS;
    const k = index & MASK;
    const source = this.sourceChunks[c]![k]!;
    const row = this.rowAt(c, k, source);
    if (source === 0) return this.objects[row];
    const s = this.sources[source - 1]!;
    return s.of(s.columns, row);
  }

  /** The facts in order (each column fact built as it is reached). */
  *[Symbol.iterator](): Iterator<TraceEvent> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }

  /** The chunks no append writes again (snapshots share them). */
  *fullChunks(): Iterable<object> {
    const full = this.length >>> CHUNK_BITS;
    for (let c = 0; c < full; c++) {
      yield this.sourceChunks[c]!;
      yield this.rowChunks[c]!;
      yield this.rowBases[c]!;
      const wide = this.wideRows[c];
      if (wide !== undefined) yield wide;
    }
  }

  /**
   * The trace as a read-only array (index, `length`, iteration and the array methods), reading
   * through `at`: for tests, exports and small runs. Long-run readers use `at` and `length`.
   */
  asArray(): readonly TraceEvent[] {
    let view = views.get(this);
    if (view === undefined) views.set(this, (view = arrayView(this)));
    return view;
  }
}

/** Each trace's array view, outside the trace: a snapshot copies the trace's own fields, and a copied view would read the original. */
const views = new WeakMap<Trace, readonly TraceEvent[]>();

function indexOf(p: string | symbol, length: number): number | undefined {
  if (typeof p !== 'string' || p.length === 0 || p.length > 10) return undefined;
  const c = p.charCodeAt(0);
  if (c < 48 || c > 57 || (c === 48 && p.length > 1)) return undefined;
  const i = Number(p);
  return Number.isInteger(i) && i < length ? i : undefined;
}

/** A proxy over an empty array (so `Array.isArray` and the array methods hold) that reads `list`. */
function arrayView(list: FactList): readonly TraceEvent[] {
  const refuse = (): never => {
    throw new TypeError('the trace is read-only');
  };
  return new Proxy([] as TraceEvent[], {
    get(target, p, receiver) {
      if (p === 'length') return list.length;
      const i = indexOf(p, list.length);
      if (i !== undefined) return list.at(i);
      return Reflect.get(target, p, receiver) as unknown;
    },
    has(target, p) {
      return indexOf(p, list.length) !== undefined || Reflect.has(target, p);
    },
    ownKeys(target) {
      const keys: Array<string | symbol> = [];
      for (let i = 0; i < list.length; i++) keys.push(String(i));
      return keys.concat(Reflect.ownKeys(target));
    },
    getOwnPropertyDescriptor(target, p) {
      const i = indexOf(p, list.length);
      if (i !== undefined) return { value: list.at(i), writable: false, enumerable: true, configurable: true };
      return Reflect.getOwnPropertyDescriptor(target, p);
    },
    set: refuse,
    defineProperty: refuse,
    deleteProperty: refuse,
  });
}
