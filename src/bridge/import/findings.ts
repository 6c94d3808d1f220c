/**
 * Findings found as records arrive (issue #16.3): the importer hands each record over as it is
 * read, and duplicates, out-of-order pairs and gaps in an item's history are judged then, against
 * what came before, keeping only a little per eventID, sequence number, read, shard and item. What
 * depends on the whole input waits for `finish`: the words (key attributes may come from a later
 * DescribeStream), lanes whose shard was learnt only at the end (a paging loop's iterators, a
 * DescribeStream's sequence ranges), the full history of an item whose changes came out of order,
 * and children read without their parents. The result equals `analyseStream` (./analyse.ts) on
 * the same input, finding for finding and in the same order (property test in findings.test.ts).
 *
 * Pure. May import: sim types, ../attributes.ts, ./findingWords.ts, ./lanes.ts, ./indexByText.ts, ../types.ts. May not import: sim runtime, worker, ui.
 */
import type { StreamRecordBody } from '../../sim/stream/record.ts';
import { compareSequence, identicalItems, keyLabel, keyText } from '../attributes.ts';
import type { Finding, FindingKind, ImportedRead, ImportedRecord, ImportedStream } from '../types.ts';
import { byLastRecord, duplicateEvent, duplicateSequence, historyGap, isHistoryGap, ITEM_ORDER_MEANING, missingParent, outOfOrder, seqOf, SHARD_ORDER_MEANING } from './findingWords.ts';
import { importLanes } from './lanes.ts';
import { IndexByText } from './indexByText.ts';

/** A finding before its words: its kind and records (`a` before `b` in the input, or `a` the earlier in sequence). */
interface Pair {
  a: number;
  b: number;
}

export class FindingsTracker {
  /** The first record of each eventID (typed arrays, not a Map of a million strings). */
  private readonly byEvent: IndexByText;
  /**
   * Sequence numbers seen (of records that are not repeats), built only once one does not exceed
   * all before it: until then none can repeat, and a clean stream of a million never needs it.
   */
  private bySeq: Map<string, number> | undefined;
  private maxSeq: string | undefined;
  private readonly repeated = new Set<number>();
  private readonly duplicates: (Pair & { sameSeq: boolean })[] = [];
  /** Per read: its highest record so far, and the pairs out of order within it. */
  private readonly readHighest: number[] = [];
  private readonly readPairs = new Map<number, Pair[]>();
  /** Per shard known when its records arrived: the same across its reads. */
  private readonly shardHighest = new Map<string, number>();
  private readonly shardPairs = new Map<string, Pair[]>();
  /** The shard each read named when its records arrived. */
  private readonly arrivalShard: (string | undefined)[] = [];
  /** Per item (key text): the record with its highest sequence number so far. */
  private readonly keyHighest = new Map<string, number>();
  private readonly itemPairs: Pair[] = [];
  private readonly gaps: (Pair & { key: string })[] = [];
  /** Items whose changes came out of order: their gaps are judged again on the sorted history at the end. */
  private readonly disordered = new Set<string>();
  private readonly counts: Partial<Record<FindingKind, number>> = {};

  /** @param records the importer's records, by index (read as they grow) */
  constructor(private readonly records: readonly ImportedRecord[]) {
    this.byEvent = new IndexByText((i) => records[i]!.record.eventID);
  }

  /** Findings so far, by kind (lanes of shards learnt at the end and missing parents are counted by `finish`). */
  running(): Partial<Record<FindingKind, number>> {
    return { ...this.counts };
  }

  private count(kind: FindingKind): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  /**
   * Takes the record just appended (`records[index]`) to `read`; `key` is its Keys' `keyText` when
   * the reader knows it already (the scanner spells each item's once).
   */
  add(index: number, read: ImportedRead, key?: string): void {
    const r = this.records[index]!;
    if (this.arrivalShard.length <= read.index) this.arrivalShard[read.index] = read.shardId;
    const id = r.record.eventID;
    const seq = seqOf(r);
    const seen = this.byEvent.addIfAbsent(id, index);
    if (seen !== undefined) {
      this.repeated.add(index);
      this.duplicates.push({ a: seen, b: index, sameSeq: false });
      this.count('duplicate');
      return;
    }
    if (this.bySeq === undefined && (this.maxSeq === undefined || compareSequence(seq, this.maxSeq) > 0)) this.maxSeq = seq;
    else {
      const bySeq = (this.bySeq ??= this.seenSequences(index));
      const sameSeq = bySeq.get(seq);
      if (sameSeq !== undefined) {
        this.repeated.add(index);
        this.duplicates.push({ a: sameSeq, b: index, sameSeq: true });
        this.count('duplicate');
        return;
      }
      bySeq.set(seq, index);
    }

    const inRead = this.readHighest[read.index];
    if (inRead !== undefined && compareSequence(seq, seqOf(this.records[inRead]!)) < 0) {
      pushTo(this.readPairs, read.index, { a: inRead, b: index });
      if (!read.shardId) this.count('out-of-order');
    } else this.readHighest[read.index] = index;
    if (read.shardId) {
      const inShard = this.shardHighest.get(read.shardId);
      if (inShard !== undefined && compareSequence(seq, seqOf(this.records[inShard]!)) < 0) {
        pushTo(this.shardPairs, read.shardId, { a: inShard, b: index });
        this.count('out-of-order');
      } else this.shardHighest.set(read.shardId, index);
    }

    key ??= keyText(r.record.dynamodb.Keys);
    const prev = this.keyHighest.get(key);
    if (prev === undefined) {
      this.keyHighest.set(key, index);
      return;
    }
    if (compareSequence(seq, seqOf(this.records[prev]!)) < 0) {
      this.itemPairs.push({ a: prev, b: index });
      this.disordered.add(key);
      this.count('out-of-order');
      return;
    }
    this.keyHighest.set(key, index);
    // In sequence order so far, so `prev` is this change's predecessor in the item's history.
    const before = this.records[prev]!;
    share(before.record.dynamodb, r.record.dynamodb);
    if (isHistoryGap(before.record, r.record)) {
      this.gaps.push({ a: prev, b: index, key });
      this.count('gap');
    }
  }

  /** The sequence numbers of the records before `index` that are not repeats (each once: none repeated). */
  private seenSequences(index: number): Map<string, number> {
    const map = new Map<string, number>();
    for (let i = 0; i < index; i++) if (!this.repeated.has(i)) map.set(seqOf(this.records[i]!), i);
    return map;
  }

  /** Every finding, in words, once the whole input is read and placed (`stream` is the importer's). */
  finish(stream: ImportedStream): Finding[] {
    const { records } = this;
    const at = (i: number) => records[i]!;
    const label = (r: ImportedRecord) => keyLabel(r.record.dynamodb.Keys, stream.keyAttributes);
    const findings: Finding[] = this.duplicates.map(({ a, b, sameSeq }) => (sameSeq ? duplicateSequence(at(a), at(b)) : duplicateEvent(at(a), at(b), label(at(b)))));

    const pairs = new Set<string>();
    const reorder = (p: Pair, where: string, meaning: string) => {
      const id = `${p.a}|${p.b}`;
      if (pairs.has(id)) return;
      pairs.add(id);
      findings.push(outOfOrder(at(p.a), at(p.b), where, meaning, label(at(p.b))));
    };
    const lanes = importLanes(stream);
    for (const lane of lanes) {
      if (!lane.known) {
        for (const read of lane.reads) for (const p of this.readPairs.get(read) ?? []) reorder(p, 'Within one read', SHARD_ORDER_MEANING);
        continue;
      }
      const where = `In shard ${lane.id}`;
      if (lane.reads.every((read) => this.arrivalShard[read] === lane.id)) {
        for (const p of this.shardPairs.get(lane.id) ?? []) reorder(p, where, SHARD_ORDER_MEANING);
        continue;
      }
      // Its shard was learnt only at the end for some of its reads: judged now, in one pass.
      let highest: number | undefined;
      for (const i of lane.records) {
        if (this.repeated.has(i)) continue;
        if (highest !== undefined && compareSequence(seqOf(at(i)), seqOf(at(highest))) < 0) reorder({ a: highest, b: i }, where, SHARD_ORDER_MEANING);
        else highest = i;
      }
    }
    for (const p of this.itemPairs) reorder(p, `For item ${label(at(p.b))}`, ITEM_ORDER_MEANING);

    for (const g of this.gaps) {
      if (this.disordered.has(g.key)) continue;
      const next = at(g.b);
      findings.push(historyGap(at(g.a), next, () => label(next))!);
    }
    if (this.disordered.size > 0) findings.push(...this.disorderedGaps(label));

    const withRecords = new Set(lanes.filter((l) => l.records.length > 0).map((l) => l.id));
    const listed = new Set(stream.shards.map((s) => s.shardId));
    for (const lane of lanes) {
      if (!lane.parentShardId || lane.records.length === 0 || !listed.has(lane.parentShardId) || withRecords.has(lane.parentShardId)) continue;
      findings.push(missingParent(at(lane.records[0]!), lane.id, lane.parentShardId));
    }
    return findings.sort(byLastRecord);
  }

  /** Gaps of the items whose changes came out of order, on each one's history in sequence order. */
  private disorderedGaps(label: (r: ImportedRecord) => string): Finding[] {
    const byKey = new Map<string, ImportedRecord[]>();
    for (const r of this.records) {
      if (this.repeated.has(r.index)) continue;
      const k = keyText(r.record.dynamodb.Keys);
      if (!this.disordered.has(k)) continue;
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
    const out: Finding[] = [];
    for (const list of byKey.values()) {
      const history = list.sort((a, b) => compareSequence(seqOf(a), seqOf(b)));
      for (let i = 1; i < history.length; i++) {
        const gap = historyGap(history[i - 1]!, history[i]!, () => label(history[i]!));
        if (gap) out.push(gap);
      }
    }
    return out;
  }
}

/**
 * One copy of each item version: a record's Keys, and its OldImage when it is the NewImage the
 * item's previous change left, spelt identically (same JSON), become that object. An import of a
 * million records keeps half the items it parsed; nothing reads a difference (records are never
 * edited once imported, and their JSON is unchanged).
 */
function share(prev: StreamRecordBody, next: StreamRecordBody): void {
  if (next.Keys !== prev.Keys && identicalItems(next.Keys, prev.Keys)) next.Keys = prev.Keys;
  if (next.OldImage && prev.NewImage && next.OldImage !== prev.NewImage && identicalItems(next.OldImage, prev.NewImage)) next.OldImage = prev.NewImage;
}

function pushTo<K>(map: Map<K, Pair[]>, key: K, p: Pair): void {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}
