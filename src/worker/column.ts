/**
 * A growable typed column for the run index's builder (issue 19): values are pushed in trace order
 * into a typed array with room to spare, and the index reads a view of the filled part, so finishing
 * an index copies nothing. A fork's builder takes the parent's first `n` values by one block copy
 * (`cut`), never element by element, and then writes only its own buffer: the parent's views never
 * change under it.
 *
 * The builder goes on in place when a run answered early is completed: the early index's views then
 * see values the builder sets later (an interval closed, a record trimmed), all of them times after
 * the early run's `computedMs`, so every query at or before it reads what it read before.
 *
 * The binary searches over sorted columns (`lowerBound`, `upperBound`) live here too.
 *
 * May import: nothing. May not import: sim runtime, ui.
 */
export type NumberArray = Float64Array | Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array;

type ArrayType<A extends NumberArray> = new (length: number) => A;

const MIN_CAPACITY = 64;

/**
 * A column's type is one of six typed arrays. A single `push` storing into all six would be a
 * megamorphic store in V8 (more than four element kinds at one site): about 55 ns a push, which was
 * a seventh of placing a million imported records. So each element type has its own subclass with
 * its own `push` (one element kind per store site, 15–30 ns), made by `Column.of`.
 */
export abstract class Column<A extends NumberArray> {
  length = 0;
  protected buf: A;

  /** An empty column of `Type`, with room for `capacity` values. */
  static of<A extends NumberArray>(Type: ArrayType<A>, capacity = MIN_CAPACITY): Column<A> {
    const Sub = SUBCLASSES.get(Type);
    if (!Sub) throw new Error(`no column of ${Type.name}`);
    return new Sub(capacity) as unknown as Column<A>;
  }

  protected constructor(Type: ArrayType<A>, capacity: number) {
    this.buf = new Type(Math.max(MIN_CAPACITY, capacity));
  }

  abstract push(v: number): void;

  get(i: number): number {
    return this.buf[i]!;
  }

  set(i: number, v: number): void {
    this.buf[i] = v;
  }

  /** The filled part, shared (not copied): valid until the column grows again. */
  view(): A {
    return this.buf.subarray(0, this.length) as A;
  }

  /** A new column holding this one's first `n` values (one block copy), with room to grow. */
  cut(n: number): Column<A> {
    const c = Column.of(this.buf.constructor as ArrayType<A>, n + (n >> 3));
    c.buf.set(this.buf.subarray(0, n));
    c.length = n;
    return c;
  }

  /** Values the column has room for before it grows again. */
  get capacity(): number {
    return this.buf.length;
  }

  /**
   * By a quarter, not double (issue 16): a finished index keeps its columns' spare room, which at
   * doubling was a quarter of all its columns' bytes on average (31 % at 200,000 imported records).
   * Growing by a quarter copies each value about four times instead of once or twice: memcpy of a
   * few megabytes, against the spare room and the peak (old and new buffer: 2.25 times the values
   * instead of 3) of every column of a big run.
   */
  protected grow(): void {
    const next = new (this.buf.constructor as ArrayType<A>)(Math.max(MIN_CAPACITY, this.length + (this.length >> 2)));
    next.set(this.buf);
    this.buf = next;
  }
}

// The six push bodies are the same text on purpose: see `Column`.
class Float64Column extends Column<Float64Array> {
  constructor(capacity: number) {
    super(Float64Array, capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[this.length++] = v;
  }
}
class Uint32Column extends Column<Uint32Array> {
  constructor(capacity: number) {
    super(Uint32Array, capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[this.length++] = v;
  }
}
class Int32Column extends Column<Int32Array> {
  constructor(capacity: number) {
    super(Int32Array, capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[this.length++] = v;
  }
}
class Uint16Column extends Column<Uint16Array> {
  constructor(capacity: number) {
    super(Uint16Array, capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[this.length++] = v;
  }
}
class Int16Column extends Column<Int16Array> {
  constructor(capacity: number) {
    super(Int16Array, capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[this.length++] = v;
  }
}
class Uint8Column extends Column<Uint8Array> {
  constructor(capacity: number) {
    super(Uint8Array, capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[this.length++] = v;
  }
}

const SUBCLASSES = new Map<ArrayType<NumberArray>, new (capacity: number) => Column<NumberArray>>([
  [Float64Array, Float64Column],
  [Uint32Array, Uint32Column],
  [Int32Array, Int32Column],
  [Uint16Array, Uint16Column],
  [Int16Array, Int16Column],
  [Uint8Array, Uint8Column],
] as [ArrayType<NumberArray>, new (capacity: number) => Column<NumberArray>][]);

/** Columns of the given types, all empty. */
export function columns<T extends Record<string, ArrayType<NumberArray>>>(types: T): { [K in keyof T]: Column<InstanceType<T[K]>> } {
  const out = {} as Record<string, Column<NumberArray>>;
  for (const [k, Type] of Object.entries(types)) out[k] = Column.of(Type);
  return out as { [K in keyof T]: Column<InstanceType<T[K]>> };
}

/** Each column cut to its first `n` values (`Column.cut`). */
export function cutColumns<T extends Record<string, Column<NumberArray>>>(cols: T, n: number): T {
  const out = {} as Record<string, Column<NumberArray>>;
  for (const [k, c] of Object.entries(cols)) out[k] = c.cut(n);
  return out as T;
}

/** The filled part of each column (`Column.view`). */
export function views<T extends Record<string, Column<NumberArray>>>(cols: T): { [K in keyof T]: ReturnType<T[K]['view']> } {
  const out = {} as Record<string, NumberArray>;
  for (const [k, c] of Object.entries(cols)) out[k] = c.view();
  return out as { [K in keyof T]: ReturnType<T[K]['view']> };
}

/** First index i with a[i] > x (a sorted ascending): how many entries are ≤ x. */
export function upperBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `upperBound` over n values read through `at` (a column kept as fact numbers: `at` reads their times). */
export function upperBoundBy(n: number, at: (i: number) => number, x: number, lo = 0, hi = n): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `lowerBound` over n values read through `at`. */
export function lowerBoundBy(n: number, at: (i: number) => number, x: number, lo = 0, hi = n): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with a[i] ≥ x. */
export function lowerBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
