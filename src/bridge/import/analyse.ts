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
 * Pure. May import: ../attributes.ts, ./lanes.ts, ./recordColumns.ts, ../types.ts. May not import: sim runtime, worker, ui.
 */
import { compareSequence, keyLabel, keyText } from '../attributes.ts';
import type { Finding, ImportedRecord, ImportedStream, ImportedStreamView } from '../types.ts';
import { byLastRecord, duplicateEvent, duplicateSequence, historyGap, ITEM_ORDER_MEANING, missingParent, outOfOrder, seqOf, SHARD_ORDER_MEANING } from './findingWords.ts';
import { importLanes } from './lanes.ts';
import { streamView } from './recordColumns.ts';

/**
 * Findings for an imported stream, all at once after reading (`byLastRecord` order). The import
 * finds the same as records arrive (./findings.ts); this one is its oracle in the property tests.
 */
export function analyseStream(input: ImportedStream | ImportedStreamView): Finding[] {
  const findings: Finding[] = [];
  const stream = streamView(input);
  // Objects, as the oracle has always read them (a columnar list builds them now).
  const records = [...stream.records];
  const label = (r: ImportedRecord) => keyLabel(r.record.dynamodb.Keys, stream.keyAttributes);

  // Duplicates: the same eventID again, or the same sequence number on a different eventID.
  const byEvent = new Map<string, ImportedRecord>();
  const bySeq = new Map<string, ImportedRecord>();
  const repeated = new Set<number>();
  for (const r of records) {
    const seen = byEvent.get(r.record.eventID);
    if (seen) {
      repeated.add(r.index);
      findings.push(duplicateEvent(seen, r, label(r)));
      continue;
    }
    byEvent.set(r.record.eventID, r);
    const sameSeq = bySeq.get(seqOf(r));
    if (sameSeq) {
      repeated.add(r.index);
      findings.push(duplicateSequence(sameSeq, r));
    } else bySeq.set(seqOf(r), r);
  }

  // Out of order within a shard: GetRecords returns a shard's records in increasing sequence order.
  const pairs = new Set<string>();
  const reorder = (a: ImportedRecord, b: ImportedRecord, where: string, meaning: string) => {
    const id = `${a.index}|${b.index}`;
    if (pairs.has(id)) return;
    pairs.add(id);
    findings.push(outOfOrder(a, b, where, meaning, label(b)));
  };
  const lanes = importLanes(stream);
  for (const lane of lanes) {
    // A lane of unknown shard may join two shards by guess: check order only inside each read there.
    const groups = lane.known ? [lane.records] : lane.reads.map((i) => stream.reads[i]!.records);
    for (const group of groups) {
      let highest: ImportedRecord | undefined;
      for (const i of group) {
        const r = records[i]!;
        if (repeated.has(r.index)) continue;
        if (highest && compareSequence(seqOf(r), seqOf(highest)) < 0) {
          reorder(highest, r, lane.known ? `In shard ${lane.id}` : 'Within one read', SHARD_ORDER_MEANING);
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
      if (highest && compareSequence(seqOf(r), seqOf(highest)) < 0) reorder(highest, r, `For item ${label(r)}`, ITEM_ORDER_MEANING);
      else highest = r;
    }
    const history = [...list].sort((a, b) => compareSequence(seqOf(a), seqOf(b)));
    for (let i = 1; i < history.length; i++) {
      const gap = historyGap(history[i - 1]!, history[i]!, () => label(history[i]!));
      if (gap) findings.push(gap);
    }
  }

  // A child shard's records without its parent's: the parent must be read first.
  const withRecords = new Set(lanes.filter((l) => l.records.length > 0).map((l) => l.id));
  const listed = new Set(stream.shards.map((s) => s.shardId));
  for (const lane of lanes) {
    if (!lane.parentShardId || lane.records.length === 0 || !listed.has(lane.parentShardId) || withRecords.has(lane.parentShardId)) continue;
    findings.push(missingParent(records[lane.records[0]!]!, lane.id, lane.parentShardId));
  }

  return findings.sort(byLastRecord);
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
