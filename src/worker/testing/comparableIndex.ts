/**
 * A run index read out as plain data, for tests that compare two indexes of one trace (a fork's and
 * a fresh one): the record-by-sequence map is read per record (a fork's is layered over its
 * parent's), and the chunked and chained parts as arrays (a fork's columns have other capacities).
 */
import type { RunIndex } from '../runIndex.ts';

export function comparableIndex(index: RunIndex): object {
  const { recBySeq, ...rest } = index;
  const seq = index.rec.seq.slice();
  const bySeq = seq.map((s, r) => recBySeq.get(index.rec.lane[r]!, s));
  return { ...rest, rec: { ...rest.rec, seq, deliveries: rest.rec.deliveries.toArrays() }, bySeq };
}
