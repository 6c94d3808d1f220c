/**
 * What is wrong with an imported stream, in words: duplicates, out-of-order pairs, gaps in an item's
 * history, and child shards read without their parents. Each finding names its records by eventID
 * and says what it means for a consumer.
 *
 * What is NOT a gap: DynamoDB's sequence numbers grow but are not consecutive (reference §4:
 * `21258800000000008186106757` then `21258900000000008186295383`), so a numeric distance between two
 * sequence numbers says nothing about missing records. Gaps are found only where an item's history
 * is impossible: a MODIFY or REMOVE whose OldImage differs from the NewImage the previous record of
 * that item left (when the view type carries both images), an INSERT of a key that exists, a MODIFY
 * or REMOVE of a key that was removed.
 *
 * Pure. May import: ../attributes.ts, ./lanes.ts, ../types.ts. May not import: sim runtime, worker, ui.
 */
import { compareSequence, itemsEqual, keyLabel, keyText } from '../attributes.ts';
import type { Finding, ImportedRecord, ImportedStream } from '../types.ts';
import { importLanes } from './lanes.ts';

function seqOf(r: ImportedRecord): string {
  return r.record.dynamodb.SequenceNumber;
}

function short(seq: string): string {
  return seq.length > 12 ? `…${seq.slice(-8)}` : seq;
}

function ordinal(r: ImportedRecord): string {
  return `#${r.index + 1}`;
}

/** Findings for an imported stream, in the order of the records they end at. */
export function analyseStream(stream: ImportedStream): Finding[] {
  const findings: Finding[] = [];
  const { records } = stream;
  const label = (r: ImportedRecord) => keyLabel(r.record.dynamodb.Keys, stream.keyAttributes);

  // Duplicates: the same eventID again, or the same sequence number on a different eventID.
  const byEvent = new Map<string, ImportedRecord>();
  const bySeq = new Map<string, ImportedRecord>();
  const repeated = new Set<number>();
  for (const r of records) {
    const seen = byEvent.get(r.record.eventID);
    if (seen) {
      repeated.add(r.index);
      findings.push({
        kind: 'duplicate',
        eventIDs: [seen.record.eventID, r.record.eventID],
        records: [seen.index, r.index],
        message: `Record ${r.record.eventID} (${r.record.eventName} of ${label(r)}) appears twice: ${ordinal(seen)} and ${ordinal(r)}.`,
        meaning: 'DynamoDB Streams writes each change once; a repeat comes from reading again (a retry, a replay after a crash, overlapping captures). A consumer that is not idempotent applies this change twice.',
      });
      continue;
    }
    byEvent.set(r.record.eventID, r);
    const sameSeq = bySeq.get(seqOf(r));
    if (sameSeq) {
      repeated.add(r.index);
      findings.push({
        kind: 'duplicate',
        eventIDs: [sameSeq.record.eventID, r.record.eventID],
        records: [sameSeq.index, r.index],
        message: `Records ${sameSeq.record.eventID} (${ordinal(sameSeq)}) and ${r.record.eventID} (${ordinal(r)}) share sequence number ${seqOf(r)}.`,
        meaning: 'Each record in a stream has its own sequence number; two records with one number mean the input was edited or merged from different streams.',
      });
    } else bySeq.set(seqOf(r), r);
  }

  // Out of order within a shard: GetRecords returns a shard's records in increasing sequence order.
  const pairs = new Set<string>();
  const outOfOrder = (a: ImportedRecord, b: ImportedRecord, where: string, meaning: string) => {
    const id = `${a.index}|${b.index}`;
    if (pairs.has(id)) return;
    pairs.add(id);
    findings.push({
      kind: 'out-of-order',
      eventIDs: [a.record.eventID, b.record.eventID],
      records: [a.index, b.index],
      message: `${where}: ${ordinal(b)} (${b.record.eventName} of ${label(b)}, sequence ${short(seqOf(b))}) comes after ${ordinal(a)} (sequence ${short(seqOf(a))}) although its sequence number is lower.`,
      meaning,
    });
  };
  for (const lane of importLanes(stream)) {
    // A lane of unknown shard may join two shards by guess: check order only inside each read there.
    const groups = lane.known ? [lane.records] : lane.reads.map((i) => stream.reads[i]!.records);
    for (const group of groups) {
      let highest: ImportedRecord | undefined;
      for (const i of group) {
        const r = records[i]!;
        if (repeated.has(r.index)) continue;
        if (highest && compareSequence(seqOf(r), seqOf(highest)) < 0) {
          outOfOrder(highest, r, lane.known ? `In shard ${lane.id}` : 'Within one read', 'A shard is read in sequence order, so this input was reordered after it was read. A consumer that applies records in this order can end with an older value.');
        } else highest = r;
      }
    }
  }

  // Per item: a later change seen before an earlier one, then gaps in the item's history.
  const byKey = new Map<string, ImportedRecord[]>();
  for (const r of records) {
    if (repeated.has(r.index)) continue;
    const k = keyText(r.record.dynamodb.Keys);
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  for (const list of byKey.values()) {
    let highest: ImportedRecord | undefined;
    for (const r of list) {
      if (highest && compareSequence(seqOf(r), seqOf(highest)) < 0) {
        outOfOrder(highest, r, `For item ${label(r)}`, 'DynamoDB Streams keeps each item\'s changes in order; here a newer change of this item comes first. A consumer that applies them in this order ends with the older state.');
      } else highest = r;
    }
    const history = [...list].sort((a, b) => compareSequence(seqOf(a), seqOf(b)));
    for (let i = 1; i < history.length; i++) {
      const gap = historyGap(history[i - 1]!, history[i]!, label(history[i]!));
      if (gap) findings.push(gap);
    }
  }

  // A child shard's records without its parent's: the parent must be read first.
  const lanes = importLanes(stream);
  const withRecords = new Set(lanes.filter((l) => l.records.length > 0).map((l) => l.id));
  const listed = new Set(stream.shards.map((s) => s.shardId));
  for (const lane of lanes) {
    if (!lane.parentShardId || lane.records.length === 0 || !listed.has(lane.parentShardId) || withRecords.has(lane.parentShardId)) continue;
    const first = records[lane.records[0]!]!;
    findings.push({
      kind: 'missing-parent',
      eventIDs: [first.record.eventID],
      records: [first.index],
      message: `Shard ${lane.id} has records here, but its parent ${lane.parentShardId} (listed by DescribeStream) has none.`,
      meaning: 'Consumers must finish a parent shard before its children to keep each item\'s changes in order. If the parent held records, they are missing from this input.',
    });
  }

  return findings.sort((a, b) => Math.max(...a.records) - Math.max(...b.records));
}

/** The finding for two consecutive records of one item (in sequence order), if their history is impossible. */
function historyGap(prev: ImportedRecord, next: ImportedRecord, item: string): Finding | undefined {
  const p = prev.record;
  const n = next.record;
  const base = { kind: 'gap' as const, eventIDs: [p.eventID, n.eventID], records: [prev.index, next.index] };
  const missing = 'Records of this item are missing between these two. A consumer that rebuilds the item from this stream will be wrong until the next full image.';
  if (n.eventName === 'INSERT' && p.eventName !== 'REMOVE') {
    return { ...base, message: `Item ${item} is inserted (${ordinal(next)}) while it still exists after ${ordinal(prev)} (${p.eventName}): a REMOVE between them is missing.`, meaning: missing };
  }
  if (n.eventName !== 'INSERT' && p.eventName === 'REMOVE') {
    return { ...base, message: `Item ${item} is changed (${ordinal(next)}, ${n.eventName}) after it was removed (${ordinal(prev)}): the INSERT between them is missing.`, meaning: missing };
  }
  const before = n.dynamodb.OldImage;
  const after = p.dynamodb.NewImage;
  if (n.dynamodb.StreamViewType === 'NEW_AND_OLD_IMAGES' && p.eventName !== 'REMOVE' && before && after && !itemsEqual(before, after)) {
    return {
      ...base,
      message: `Item ${item}: the OldImage of ${ordinal(next)} (${n.eventName}) differs from the NewImage ${ordinal(prev)} left, so at least one change between them is missing.`,
      meaning: missing,
    };
  }
  return undefined;
}

/** One line for a banner: "42 records in 3 shards — 2 duplicates, 1 out-of-order pair". */
export function findingsSummary(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no duplicates, no out-of-order pairs, no gaps found';
  const count = (k: Finding['kind']) => findings.filter((f) => f.kind === k).length;
  const parts: string[] = [];
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (count('duplicate')) parts.push(plural(count('duplicate'), 'duplicate', 'duplicates'));
  if (count('out-of-order')) parts.push(plural(count('out-of-order'), 'out-of-order pair', 'out-of-order pairs'));
  if (count('gap')) parts.push(plural(count('gap'), 'gap', 'gaps'));
  if (count('missing-parent')) parts.push(plural(count('missing-parent'), 'shard without its parent', 'shards without their parents'));
  return parts.join(', ');
}
