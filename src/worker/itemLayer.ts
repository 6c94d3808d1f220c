/**
 * A table's items at a seek target without copying the snapshot's: the snapshot's map stays as it
 * is (shared, never edited) and the facts folded after it go into a small layer on top. A seek on
 * a 1M-record import used to copy 50,000 items per seek before folding the few facts after the
 * snapshot; now it pays only for those facts.
 *
 * It behaves as a `Map` would after the same calls, iteration order included (a key set again
 * keeps its place; one deleted and set again moves to the end), so the fold reads the same
 * through either (property-tested against a `Map` in itemLayer.test.ts).
 *
 * Pure. May import: ./smallest.ts.
 */
import { smallest } from './smallest.ts';

/** Per order, per base: the base's entries sorted once (a snapshot is seeked from again and again). */
const sortedBases = new WeakMap<object, WeakMap<ReadonlyMap<string, unknown>, [string, unknown][]>>();

function sortedBase<V>(base: ReadonlyMap<string, V>, compare: (a: V, b: V) => number): [string, V][] {
  let byBase = sortedBases.get(compare);
  if (!byBase) sortedBases.set(compare, (byBase = new WeakMap()));
  let sorted = byBase.get(base) as [string, V][] | undefined;
  if (!sorted) byBase.set(base, (sorted = [...base].sort((a, b) => compare(a[1], b[1]))));
  return sorted;
}

/** What the fold needs of a table's items: a `Map<string, V>` is one, and so is a layer. */
export interface ItemMap<V> extends Iterable<[string, V]> {
  readonly size: number;
  get(key: string): V | undefined;
  has(key: string): boolean;
  set(key: string, value: V): this;
  delete(key: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<V>;
  entries(): IterableIterator<[string, V]>;
}

export class ItemLayer<V> implements ItemMap<V> {
  /** Keys of the base given a new value in place (still present in the base's order). */
  private readonly changed = new Map<string, V>();
  /** Keys of the base deleted (possibly set again since: then they are in `added`). */
  private readonly removed = new Set<string>();
  /** Keys set that the base does not hold (or held and had deleted), in the order they came. */
  private readonly added = new Map<string, V>();

  constructor(private readonly base: ReadonlyMap<string, V>) {}

  private inBase(key: string): boolean {
    return !this.removed.has(key) && this.base.has(key);
  }

  get size(): number {
    return this.base.size - this.removed.size + this.added.size;
  }

  get(key: string): V | undefined {
    const fresh = this.added.get(key);
    if (fresh !== undefined || this.added.has(key)) return fresh;
    if (!this.inBase(key)) return undefined;
    return this.changed.has(key) ? this.changed.get(key) : this.base.get(key);
  }

  has(key: string): boolean {
    return this.added.has(key) || this.inBase(key);
  }

  set(key: string, value: V): this {
    if (this.added.has(key) || !this.inBase(key)) this.added.set(key, value);
    else this.changed.set(key, value);
    return this;
  }

  delete(key: string): boolean {
    if (this.added.delete(key)) return true;
    if (!this.inBase(key)) return false;
    this.removed.add(key);
    this.changed.delete(key);
    return true;
  }

  *entries(): IterableIterator<[string, V]> {
    const { changed, removed } = this;
    const edited = changed.size > 0 || removed.size > 0;
    for (const entry of this.base) {
      if (!edited) {
        yield entry;
        continue;
      }
      const key = entry[0];
      if (removed.has(key)) continue;
      yield changed.has(key) ? [key, changed.get(key) as V] : entry;
    }
    yield* this.added;
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<V> {
    if (this.changed.size === 0 && this.removed.size === 0) yield* this.base.values();
    else for (const [, value] of this.entries()) yield value;
    if (this.changed.size === 0 && this.removed.size === 0) yield* this.added.values();
  }

  /**
   * The first `k` values in `compare`'s order, as `smallest(this.values(), k, compare)` gives when
   * no two values compare equal (a table's rows, ordered by key): read from the base sorted once
   * (cached per base and order: pass the same function each time) plus what the layer holds, so a
   * seek does not go through all the items again.
   */
  smallest(k: number, compare: (a: V, b: V) => number): V[] {
    const { changed, removed, added } = this;
    const fromBase: V[] = [];
    if (k > 0) {
      for (const [key, value] of sortedBase(this.base, compare)) {
        if (removed.has(key) || changed.has(key)) continue;
        fromBase.push(value);
        if (fromBase.length >= k) break;
      }
    }
    if (changed.size === 0 && added.size === 0) return fromBase;
    return smallest([...fromBase, ...changed.values(), ...added.values()], k, compare);
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }
}
