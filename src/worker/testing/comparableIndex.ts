/**
 * A run index read out as plain data, for tests that compare two indexes of one trace (a fork's and
 * a fresh one): the record-by-sequence map is read per record (a fork's is layered over its
 * parent's), and the chunked and chained parts, and the times read through functions or chunks (`timeColumn.ts`), as arrays (a fork's columns have other capacities).
 */
import type { RunIndex } from '../runIndex.ts';

export function comparableIndex(index: RunIndex): object {
  const { recBySeq, ...rest } = index;
  const seq = index.rec.seq.slice();
  const bySeq = seq.map((s, r) => recBySeq.get(index.rec.lane[r]!, s));
  // Record, mark, trim and harm times are read one by one (functions over the lane trims and the sparse harm map).
  const trimmedAt = seq.map((_, r) => index.rec.trimmedAt(r));
  const harmAt = seq.map((_, r) => index.rec.harmAt(r));
  const t = seq.map((_, r) => index.rec.t(r));
  const cols = rest.marks.columns(0, rest.marks.n);
  const marks = { fact: Array.from({ length: rest.marks.n }, (_, m) => rest.marks.fact(m)), t: [...cols.t], kind: [...cols.kind], consumer: [...cols.consumer], lane: [...cols.lane] };
  return { ...rest, times: rest.times.toArray(), writeFacts: rest.writeFacts.toArray(), rec: { ...rest.rec, fact: rest.rec.fact.toArray(), seq, deliveries: rest.rec.deliveries.toArrays(), t, trimmedAt, harmAt }, marks, bySeq };
}
