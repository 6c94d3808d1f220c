/**
 * The first `k` of many values in an order, without sorting them all: a frame lists the first 500
 * items of a table that may hold 50,000 (an import), and sorting them all on every seek cost more
 * than the rest of the frame. One pass keeps the k smallest sorted; most values lose to the k-th at
 * the first comparison.
 *
 * Pure. May import: nothing.
 */
export function smallest<T>(values: Iterable<T>, k: number, compare: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  if (k <= 0) return out;
  for (const v of values) {
    if (out.length === k && compare(v, out[k - 1]!) >= 0) continue;
    // Binary search for the first kept value greater than v (equal ones keep their arrival order).
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(out[mid]!, v) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, v);
    if (out.length > k) out.pop();
  }
  return out;
}
