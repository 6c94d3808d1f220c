/**
 * The words of each finding (./analyse.ts): what was found and what it means for a consumer, built
 * from the records it names. One place for them, so the batch analysis and the one that runs as
 * records arrive (./findings.ts) say exactly the same things.
 *
 * Pure. May import: ../attributes.ts, ../types.ts. May not import: sim runtime, worker, ui.
 */
import { itemsEqual } from '../attributes.ts';
import type { Finding, FindingKind, ImportedRecord } from '../types.ts';

export function seqOf(r: ImportedRecord): string {
  return r.record.dynamodb.SequenceNumber;
}

function short(seq: string): string {
  return seq.length > 12 ? `…${seq.slice(-8)}` : seq;
}

function ordinal(r: ImportedRecord): string {
  return `#${r.index + 1}`;
}

export const SHARD_ORDER_MEANING = 'A shard is read in sequence order, so this input was reordered after it was read. A consumer that applies records in this order can end with an older value.';
export const ITEM_ORDER_MEANING = 'DynamoDB Streams keeps each item\'s changes in order; here a newer change of this item comes first. A consumer that applies them in this order ends with the older state.';

/** `r` repeats `seen`'s eventID. */
export function duplicateEvent(seen: ImportedRecord, r: ImportedRecord, label: string): Finding {
  return {
    kind: 'duplicate',
    eventIDs: [seen.record.eventID, r.record.eventID],
    records: [seen.index, r.index],
    message: `Record ${r.record.eventID} (${r.record.eventName} of ${label}) appears twice: ${ordinal(seen)} and ${ordinal(r)}.`,
    meaning: 'DynamoDB Streams writes each change once; a repeat comes from reading again (a retry, a replay after a crash, overlapping captures). A consumer that is not idempotent applies this change twice.',
  };
}

/** `r` has `sameSeq`'s sequence number under another eventID. */
export function duplicateSequence(sameSeq: ImportedRecord, r: ImportedRecord): Finding {
  return {
    kind: 'duplicate',
    eventIDs: [sameSeq.record.eventID, r.record.eventID],
    records: [sameSeq.index, r.index],
    message: `Records ${sameSeq.record.eventID} (${ordinal(sameSeq)}) and ${r.record.eventID} (${ordinal(r)}) share sequence number ${seqOf(r)}.`,
    meaning: 'Each record in a stream has its own sequence number; two records with one number mean the input was edited or merged from different streams.',
  };
}

/** `b` comes after `a` although its sequence number is lower; `where` says in what (a shard, a read, an item). */
export function outOfOrder(a: ImportedRecord, b: ImportedRecord, where: string, meaning: string, labelB: string): Finding {
  return {
    kind: 'out-of-order',
    eventIDs: [a.record.eventID, b.record.eventID],
    records: [a.index, b.index],
    message: `${where}: ${ordinal(b)} (${b.record.eventName} of ${labelB}, sequence ${short(seqOf(b))}) comes after ${ordinal(a)} (sequence ${short(seqOf(a))}) although its sequence number is lower.`,
    meaning,
  };
}

/** A child shard's first record, read without any of its listed parent's. */
export function missingParent(first: ImportedRecord, shardId: string, parentShardId: string): Finding {
  return {
    kind: 'missing-parent',
    eventIDs: [first.record.eventID],
    records: [first.index],
    message: `Shard ${shardId} has records here, but its parent ${parentShardId} (listed by DescribeStream) has none.`,
    meaning: 'Consumers must finish a parent shard before its children to keep each item\'s changes in order. If the parent held records, they are missing from this input.',
  };
}

/** The finding for two consecutive records of one item (in sequence order), if their history is impossible. */
export function historyGap(prev: ImportedRecord, next: ImportedRecord, item: () => string): Finding | undefined {
  const p = prev.record;
  const n = next.record;
  // Made only for a gap: most changes follow on from the one before (a million records).
  const base = () => ({ kind: 'gap' as const, eventIDs: [p.eventID, n.eventID], records: [prev.index, next.index] });
  const missing = 'Records of this item are missing between these two. A consumer that rebuilds the item from this stream will be wrong until the next full image.';
  if (n.eventName === 'INSERT' && p.eventName !== 'REMOVE') {
    return { ...base(), message: `Item ${item()} is inserted (${ordinal(next)}) while it still exists after ${ordinal(prev)} (${p.eventName}): a REMOVE between them is missing.`, meaning: missing };
  }
  if (n.eventName !== 'INSERT' && p.eventName === 'REMOVE') {
    return { ...base(), message: `Item ${item()} is changed (${ordinal(next)}, ${n.eventName}) after it was removed (${ordinal(prev)}): the INSERT between them is missing.`, meaning: missing };
  }
  const before = n.dynamodb.OldImage;
  const after = p.dynamodb.NewImage;
  if (n.dynamodb.StreamViewType === 'NEW_AND_OLD_IMAGES' && p.eventName !== 'REMOVE' && before && after && !itemsEqual(before, after)) {
    return {
      ...base(),
      message: `Item ${item()}: the OldImage of ${ordinal(next)} (${n.eventName}) differs from the NewImage ${ordinal(prev)} left, so at least one change between them is missing.`,
      meaning: missing,
    };
  }
  return undefined;
}

const KIND_RANK: Record<FindingKind, number> = { duplicate: 0, 'out-of-order': 1, gap: 2, 'missing-parent': 3 };

function last(f: Finding): number {
  let m = -1;
  for (const i of f.records) if (i > m) m = i;
  return m;
}

/**
 * The order findings are listed in: by the last record they name (where a reader of the input
 * would meet them), then by kind, then by the records, then the words: a total order, so two ways
 * of finding the same things list them alike.
 */
export function byLastRecord(a: Finding, b: Finding): number {
  return last(a) - last(b) || KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.records[0] ?? 0) - (b.records[0] ?? 0) || (a.records[1] ?? 0) - (b.records[1] ?? 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
