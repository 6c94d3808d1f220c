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
 * It reads the importer's columns (./recordColumns.ts): sequence numbers compared in place, item
 * versions by their numbers; a record is built only for the words of a finding.
 *
 * Pure. May import: sim types, ../attributes.ts, ./findingWords.ts, ./lanes.ts, ./indexByText.ts, ./recordColumns.ts, ../types.ts. May not import: sim runtime, worker, ui.
 */
import { itemsEqual, keyLabel, keyText } from '../attributes.ts';
import type { Finding, FindingKind, ImportedRead, ImportedRecord, ImportedStreamView } from '../types.ts';
import { byLastRecord, duplicateEvent, duplicateSequence, historyGap, ITEM_ORDER_MEANING, missingParent, outOfOrder, SHARD_ORDER_MEANING } from './findingWords.ts';
import { importLanes } from './lanes.ts';
import { IndexByText } from './indexByText.ts';
import type { RecordColumns } from './recordColumns.ts';

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
  /** The record with the highest sequence number so far (while `bySeq` is not built). */
  private maxSeq: number | undefined;
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
  /**
   * Items by number: each one's key text, and the record with its highest sequence number so far.
   * A record's item is found by the columns' number for its Keys' spelling (`itemOfKey`): no map of
   * a hundred thousand key texts asked twice a record.
   */
  private readonly itemTexts: string[] = [];
  private readonly itemHighest: number[] = [];
  private readonly itemOfText = new Map<string, number>();
  private readonly itemOfKey: number[] = [];
  private readonly itemPairs: Pair[] = [];
  private readonly gaps: (Pair & { key: string })[] = [];
  /** Items whose changes came out of order: their gaps are judged again on the sorted history at the end. */
  private readonly disordered = new Set<string>();
  private readonly counts: Partial<Record<FindingKind, number>> = {};

  /** @param records the importer's records, by index (read as they grow) */
  constructor(private readonly records: RecordColumns) {
    this.byEvent = new IndexByText((i) => records.eventID(i));
  }

  /** Findings so far, by kind (lanes of shards learnt at the end and missing parents are counted by `finish`). */
  running(): Partial<Record<FindingKind, number>> {
    return { ...this.counts };
  }

  private count(kind: FindingKind): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  /**
   * Takes the record just appended (`records[index]`) to `read`; `key` is its Keys' `keyText` and
   * `eventID` its eventID when the reader knows them already (the scanner spells each item's key
   * once, and has the eventID in hand).
   */
  add(index: number, read: ImportedRead, key?: string, eventID?: string): void {
    const records = this.records;
    if (this.arrivalShard.length <= read.index) this.arrivalShard[read.index] = read.shardId;
    // The reader's own string when it has it: the columns would spell it out again.
    const id = eventID ?? records.eventID(index);
    const seen = this.byEvent.addIfAbsent(id, index);
    if (seen !== undefined) {
      this.repeated.add(index);
      this.duplicates.push({ a: seen, b: index, sameSeq: false });
      this.count('duplicate');
      return;
    }
    if (this.bySeq === undefined && (this.maxSeq === undefined || records.compareSequences(index, this.maxSeq) > 0)) this.maxSeq = index;
    else {
      const seq = records.sequenceNumber(index);
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
    if (inRead !== undefined && records.compareSequences(index, inRead) < 0) {
      pushTo(this.readPairs, read.index, { a: inRead, b: index });
      if (!read.shardId) this.count('out-of-order');
    } else this.readHighest[read.index] = index;
    if (read.shardId) {
      const inShard = this.shardHighest.get(read.shardId);
      if (inShard !== undefined && records.compareSequences(index, inShard) < 0) {
        pushTo(this.shardPairs, read.shardId, { a: inShard, b: index });
        this.count('out-of-order');
      } else this.shardHighest.set(read.shardId, index);
    }

    const spelling = records.keyId(index);
    let item = this.itemOfKey[spelling];
    if (item === undefined) {
      const text = key ?? keyText(records.keys(index));
      item = this.itemOfText.get(text);
      if (item === undefined) {
        item = this.itemTexts.push(text) - 1;
        this.itemOfText.set(text, item);
      }
      this.itemOfKey[spelling] = item;
    }
    key = this.itemTexts[item]!;
    const prev = this.itemHighest[item];
    if (prev === undefined) {
      this.itemHighest[item] = index;
      return;
    }
    if (records.compareSequences(index, prev) < 0) {
      this.itemPairs.push({ a: prev, b: index });
      this.disordered.add(key);
      this.count('out-of-order');
      return;
    }
    this.itemHighest[item] = index;
    // In sequence order so far, so `prev` is this change's predecessor in the item's history.
    if (isHistoryGap(records, prev, index)) {
      this.gaps.push({ a: prev, b: index, key });
      this.count('gap');
    }
  }

  /** The sequence numbers of the records before `index` that are not repeats (each once: none repeated). */
  private seenSequences(index: number): Map<string, number> {
    const map = new Map<string, number>();
    for (let i = 0; i < index; i++) if (!this.repeated.has(i)) map.set(this.records.sequenceNumber(i), i);
    return map;
  }

  /** Every finding, in words, once the whole input is read and placed (`stream` is the importer's). */
  finish(stream: ImportedStreamView): Finding[] {
    const { records } = this;
    const at = (i: number) => records.at(i)!;
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
        if (highest !== undefined && records.compareSequences(i, highest) < 0) reorder({ a: highest, b: i }, where, SHARD_ORDER_MEANING);
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
    const { records } = this;
    const byKey = new Map<string, number[]>();
    for (let i = 0; i < records.length; i++) {
      if (this.repeated.has(i)) continue;
      const k = keyText(records.keys(i));
      if (!this.disordered.has(k)) continue;
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
    const out: Finding[] = [];
    for (const list of byKey.values()) {
      const history = list.sort((a, b) => records.compareSequences(a, b));
      for (let i = 1; i < history.length; i++) {
        if (!isHistoryGap(records, history[i - 1]!, history[i]!)) continue;
        const next = records.at(history[i]!)!;
        out.push(historyGap(records.at(history[i - 1]!)!, next, () => label(next))!);
      }
    }
    return out;
  }
}

/**
 * Whether two consecutive records of one item (in sequence order) make an impossible history:
 * `isHistoryGap` of ./findingWords.ts on the columns (item versions compared by number first: an
 * OldImage spelt as the previous NewImage is that version).
 */
function isHistoryGap(records: RecordColumns, p: number, n: number): boolean {
  const before = records.eventName(p);
  if (records.eventName(n) === 'INSERT' ? before !== 'REMOVE' : before === 'REMOVE') return true;
  const oldImage = records.oldImageId(n);
  const left = records.newImageId(p);
  return records.viewType(n) === 'NEW_AND_OLD_IMAGES' && before !== 'REMOVE' && oldImage !== -1 && left !== -1 && oldImage !== left && !itemsEqual(records.imageOf(oldImage), records.imageOf(left));
}

function pushTo<K>(map: Map<K, Pair[]>, key: K, p: Pair): void {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}
