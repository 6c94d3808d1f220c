/**
 * Level of detail and hit testing for record chips, reading the frame's columns by index. Zoomed in,
 * a lane holds at most one chip per pixel (later records in the same pixel add to its count); zoomed
 * out (chips would overlap), records are counted per `COUNT_BUCKET_PX` bucket and drawn as bars.
 *
 * May import: nothing at runtime. Pure.
 */

/** Chips closer than this on average per lane switch the lane picture to counts. */
export const CHIP_SPACING_PX = 10;
export const COUNT_BUCKET_PX = 4;

/** x = t * k + b: a linear scale's coefficients, so the hot loop does no function calls. */
export interface Linear {
  k: number;
  b: number;
}

export function linearOf(scale: { (t: number): number; domain(): number[] }): Linear {
  const [d0, d1] = scale.domain() as [number, number];
  const x0 = scale(d0);
  const x1 = scale(d1);
  const k = d1 === d0 ? 0 : (x1 - x0) / (d1 - d0);
  return { k, b: x0 - d0 * k };
}

export interface Marks {
  mode: 'chips' | 'counts';
  bucketPx: number;
  n: number;
  /** The first record (column index) in each mark. */
  first: Int32Array;
  /** The last record in each mark (the one drawn on top). */
  last: Int32Array;
  count: Uint32Array;
  lane: Uint16Array;
  /** Pixel of the mark's first record (chips) or the bucket's left edge (counts). */
  x: Float32Array;
}

/** Counts per lane in [x0, x1] decide the mode: chips unless some lane would average under `CHIP_SPACING_PX`. */
export function chooseMode(t: ArrayLike<number>, lane: ArrayLike<number>, n: number, lin: Linear, x0: number, x1: number, laneCount: number): 'chips' | 'counts' {
  const perLane = new Uint32Array(Math.max(1, laneCount));
  let max = 0;
  for (let i = 0; i < n; i++) {
    const x = t[i]! * lin.k + lin.b;
    if (x < x0 - 1 || x > x1 + 1) continue;
    const c = ++perLane[lane[i]!]!;
    if (c > max) max = c;
  }
  return max * CHIP_SPACING_PX > x1 - x0 ? 'counts' : 'chips';
}

/** Groups the records in view into marks: per lane, one per pixel (chips) or per bucket (counts). */
export function bucketRecords(t: ArrayLike<number>, lane: ArrayLike<number>, n: number, lin: Linear, x0: number, x1: number, laneCount: number, mode = chooseMode(t, lane, n, lin, x0, x1, laneCount)): Marks {
  const bucketPx = mode === 'chips' ? 1 : COUNT_BUCKET_PX;
  const first = new Int32Array(n);
  const last = new Int32Array(n);
  const count = new Uint32Array(n);
  const laneOf = new Uint16Array(n);
  const xs = new Float32Array(n);
  const lastBucket = new Float64Array(Math.max(1, laneCount)).fill(-Infinity);
  const lastMark = new Int32Array(Math.max(1, laneCount)).fill(-1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = t[i]! * lin.k + lin.b;
    if (x < x0 - 8 || x > x1 + 8) continue;
    const l = lane[i]!;
    const bucket = Math.floor((x - x0) / bucketPx);
    if (bucket === lastBucket[l] && lastMark[l]! >= 0) {
      const at = lastMark[l]!;
      count[at]!++;
      last[at] = i;
      continue;
    }
    lastBucket[l] = bucket;
    lastMark[l] = m;
    first[m] = i;
    last[m] = i;
    count[m] = 1;
    laneOf[m] = l;
    xs[m] = mode === 'chips' ? x : x0 + bucket * bucketPx;
    m++;
  }
  return { mode, bucketPx, n: m, first, last, count, lane: laneOf, x: xs };
}

/** First index with a[i] ≥ x. */
function lowerBound(a: ArrayLike<number>, x: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The record (column index) nearest to (px, py) on the lane row under py, within `radius` pixels, or -1.
 * `laneAtY` maps a y to a `Frame.lanes` index (or -1). Records are sorted by time.
 */
export function hitRecord(t: ArrayLike<number>, lane: ArrayLike<number>, n: number, lin: Linear, laneAtY: (y: number) => number, px: number, py: number, radius = 8): number {
  const l = laneAtY(py);
  if (l < 0 || lin.k === 0) return -1;
  const tLo = (px - radius - lin.b) / lin.k;
  const tHi = (px + radius - lin.b) / lin.k;
  let best = -1;
  let bestD = Infinity;
  for (let i = lowerBound(t, Math.min(tLo, tHi), n); i < n && t[i]! <= Math.max(tLo, tHi); i++) {
    if (lane[i] !== l) continue;
    const d = Math.abs(t[i]! * lin.k + lin.b - px);
    if (d <= bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}
