/**
 * A map from keys to positions in append-only columns (a record's index by its eventID, a batch's by
 * its id) that a forked run can share with the run it forked from: the fork sees the parent's
 * entries that pointed below the fork's cut (`limit`) and adds its own on top, without copying the
 * parent's map (hundreds of thousands of entries at a million facts) and without writing into it.
 *
 * Values only grow for a key (a later `set` points further down the columns), so a key the parent
 * re-pointed past the cut still answers with its value from before the cut: the older values are
 * kept beside the map (`older`), which stays small because re-pointing is rare (a retried batch).
 *
 * May import: ../bridge/import/indexByText.ts. May not import: sim runtime, ui.
 */
import { IndexByText, textHash } from '../bridge/import/indexByText.ts';
export interface ReadonlyPrefixMap<K> {
  get(key: K): number | undefined;
}

/** Layers deeper than this are merged into one map when a fork is made (amortised: rarely). */
const MAX_DEPTH = 8;

export class PrefixMap<K> implements ReadonlyPrefixMap<K> {
  private own = new Map<K, number>();
  private older = new Map<K, number[]>();
  private base: PrefixMap<K> | undefined;
  private limit: number;
  private depth: number;

  /**
   * @param repoints whether a key may be set again (a retried batch keeps its id); only then are
   *   older values kept, which costs a lookup in the base layers on every `set`. Records' eventIDs
   *   and sequence numbers are set once.
   */
  constructor(base?: PrefixMap<K>, limit = Infinity, private readonly repoints: boolean = base?.repoints ?? false) {
    this.base = base;
    this.limit = limit;
    this.depth = base ? base.depth + 1 : 0;
    if (this.depth > MAX_DEPTH) this.flatten();
  }

  /** The value for `key` below `limit` (the newest such), or undefined. */
  private below(key: K, limit: number): number | undefined {
    const v = this.own.get(key);
    if (v !== undefined && v < limit) return v;
    if (v !== undefined) {
      const prev = this.older.get(key);
      if (prev) for (let i = prev.length - 1; i >= 0; i--) if (prev[i]! < limit) return prev[i];
    }
    return this.base?.below(key, Math.min(limit, this.limit));
  }

  get(key: K): number | undefined {
    return this.below(key, Infinity);
  }

  set(key: K, value: number): void {
    if (!this.repoints) {
      this.own.set(key, value);
      return;
    }
    const v = this.own.get(key) ?? this.base?.below(key, this.limit);
    if (v !== undefined) {
      const prev = this.older.get(key);
      if (prev) prev.push(v);
      else this.older.set(key, [v]);
    }
    this.own.set(key, value);
  }

  /** A map that sees this one's entries below `limit` and writes only into itself. */
  fork(limit: number): PrefixMap<K> {
    return new PrefixMap(this, limit, this.repoints);
  }

  /** Every key with its value below `limit`, base layers first. */
  private collect(out: Map<K, number[]>, limit: number): void {
    this.base?.collect(out, Math.min(limit, this.limit));
    for (const [k, v] of this.own) {
      const values = [...(this.older.get(k) ?? []), v].filter((x) => x < limit);
      if (values.length === 0) continue;
      const list = out.get(k);
      if (list) list.push(...values);
      else out.set(k, values);
    }
  }

  /** Copies the visible entries of the base layers into this one, so lookups stay shallow. */
  private flatten(): void {
    const all = new Map<K, number[]>();
    this.base?.collect(all, this.limit);
    for (const [k, values] of all) {
      this.own.set(k, values.at(-1)!);
      if (values.length > 1) this.older.set(k, values.slice(0, -1));
    }
    this.base = undefined;
    this.limit = Infinity;
    this.depth = 0;
  }
}

/**
 * A `PrefixMap` from texts that its positions hold (a record's eventID or sequence number, a key's
 * key string), each set once: the entries are typed arrays (`IndexByText`) instead of a Map of
 * strings, which a million records made a share of indexing a big import and a large structure for
 * the collector to walk (issue #16.3). `textOf` reads a position's text back from the builder's
 * columns, which a fork shares with its parent below the cut.
 */
export class TextPrefixMap implements ReadonlyPrefixMap<string> {
  private readonly own: IndexByText;
  private base: TextPrefixMap | undefined;
  private limit: number;
  private depth: number;

  constructor(
    private readonly textOf: (position: number) => string,
    base?: TextPrefixMap,
    limit = Infinity,
  ) {
    this.own = new IndexByText(textOf);
    this.base = base;
    this.limit = limit;
    this.depth = base ? base.depth + 1 : 0;
    if (this.depth > MAX_DEPTH) this.flatten();
  }

  /** `h` is the key's hash, computed once for every layer. */
  private below(key: string, limit: number, h: number): number | undefined {
    const v = this.own.get(key, h);
    if (v !== undefined && v < limit) return v;
    return this.base?.below(key, Math.min(limit, this.limit), h);
  }

  get(key: string): number | undefined {
    return this.below(key, Infinity, textHash(key));
  }

  set(key: string, value: number): void {
    this.own.set(key, value);
  }

  /** A map that sees this one's entries below `limit` and writes only into itself; `textOf` reads the fork's columns. */
  fork(limit: number, textOf: (position: number) => string): TextPrefixMap {
    return new TextPrefixMap(textOf, this, limit);
  }

  /** The positions this layer and its bases show below `limit`, base layers first. */
  private collect(out: number[], limit: number): void {
    this.base?.collect(out, Math.min(limit, this.limit));
    this.own.forEach((p) => {
      if (p < limit) out.push(p);
    });
  }

  /** Copies the visible entries of the base layers into this one, so lookups stay shallow. */
  private flatten(): void {
    const positions: number[] = [];
    this.base?.collect(positions, this.limit);
    // A later layer's entry for a text wins, as `below` finds it first.
    for (const p of positions) this.own.set(this.textOf(p), p);
    this.base = undefined;
    this.limit = Infinity;
    this.depth = 0;
  }
}

export interface ReadonlyPrefixMaps<O> {
  get(outer: O, key: string): number | undefined;
}

/**
 * Prefix maps under a first key (a record's lane, a key's table): a record's own sequence string is
 * the key in its lane's map, so a million records build no `${lane}|${seq}` string each (issue
 * #16.3: those strings were a share of indexing a big import, and 48 bytes per record kept).
 */
export class PrefixMaps<O> implements ReadonlyPrefixMaps<O> {
  constructor(
    private readonly textOf: (position: number) => string,
    private readonly maps = new Map<O, TextPrefixMap>(),
  ) {}

  get(outer: O, key: string): number | undefined {
    return this.maps.get(outer)?.get(key);
  }

  set(outer: O, key: string, value: number): void {
    let map = this.maps.get(outer);
    if (!map) this.maps.set(outer, (map = new TextPrefixMap(this.textOf)));
    map.set(key, value);
  }

  /** Each map forked at `limit` (`TextPrefixMap.fork`). */
  fork(limit: number, textOf: (position: number) => string): PrefixMaps<O> {
    return new PrefixMaps(textOf, new Map([...this.maps].map(([outer, map]) => [outer, map.fork(limit, textOf)])));
  }
}
