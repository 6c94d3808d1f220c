/**
 * A record's index by its lane and sequence number (checkpoints, a batch's last record), without a
 * hash table entry per record (issue 16: 10M imported records in 2 GiB; the table's two Int32 slots
 * at half load were 21 B a record). A lane's sequence numbers grow as its records are appended, so
 * its records in append order are already sorted by sequence number: a lookup is a binary search
 * over the lane's list of records, reading their texts back through `textOf`. Only a record whose
 * sequence number is below one appended before it on its lane (an imported file out of order) goes
 * into a hash map (`TextPrefixMap`) beside the list.
 *
 * Sequence numbers are ordered as numbers are when they are digits: a shorter text first, then by
 * character. Any other text is ordered the same way, which is all the lists need (one order, used
 * both when appending and when searching).
 *
 * Answers as a map does whose `set` replaces: the record set last for a text. A forked run's index
 * takes each lane's list cut at its first record past the cut (one block copy) and layers its map
 * over the parent's (`TextPrefixMap.fork`).
 *
 * May import: ./timeColumn.ts, ./prefixMap.ts. May not import: sim runtime, ui.
 */
import { TimeColumn } from './timeColumn.ts';
import { TextPrefixMap, type ReadonlyPrefixMaps } from './prefixMap.ts';

/** Negative, zero or positive as `a` sorts before, with or after `b` (digits: as numbers). */
export function compareSeq(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class SeqIndex implements ReadonlyPrefixMaps<number> {
  constructor(
    private readonly textOf: (position: number) => string,
    /**
     * Per lane, its in-order records (ascending positions, non-decreasing sequence numbers), as
     * 16-bit steps from each 1,024's first (`timeColumn.ts`: 2 B a record, not 4, while fewer than
     * 64 lanes interleave; wider steps past that).
     */
    private readonly sorted: TimeColumn[] = [],
    /**
     * Per lane, the last in-order record's text (so appending decodes nothing); undefined after
     * `setAt`, which compares positions, until a text is set again (then read back once).
     */
    private readonly last: Array<string | undefined> = [],
    /** Per lane, the records that came out of order (made on the first one). */
    private readonly others: Array<TextPrefixMap | undefined> = [],
  ) {}

  set(lane: number, text: string, position: number): void {
    while (this.sorted.length <= lane) {
      this.sorted.push(new TimeColumn());
      this.last.push('');
      this.others.push(undefined);
    }
    const list = this.sorted[lane]!;
    if (list.length === 0 || compareSeq(text, (this.last[lane] ??= this.textOf(list.get(list.length - 1)))) >= 0) {
      list.push(position);
      this.last[lane] = text;
      return;
    }
    let map = this.others[lane];
    if (!map) this.others[lane] = map = new TextPrefixMap(this.textOf);
    map.set(text, position);
  }

  /**
   * `set(lane, textOf(position), position)` where `compare(a, b)` orders two positions as
   * `compareSeq` orders their texts: an imported run's index compares its records' sequence numbers
   * in their columns (`SeqTexts.compare`), and reads a text only for a record out of order.
   */
  setAt(lane: number, position: number, compare: (a: number, b: number) => number): void {
    const list = this.sorted[lane];
    if (!list?.length || compare(position, list.get(list.length - 1)) < 0) this.set(lane, this.textOf(position), position);
    else {
      list.push(position);
      this.last[lane] = undefined;
    }
  }

  get(lane: number, text: string): number | undefined {
    const list = this.sorted[lane];
    if (!list) return undefined;
    // The last in-order record whose text is at or before `text`: the one set last for it, if equal.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareSeq(this.textOf(list.get(mid)), text) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const inOrder = lo > 0 && this.textOf(list.get(lo - 1)) === text ? list.get(lo - 1) : undefined;
    const other = this.others[lane]?.get(text);
    if (other === undefined) return inOrder;
    // Each record is in one of the two: the later one was set last.
    return inOrder === undefined || other > inOrder ? other : inOrder;
  }

  /** The index as it stood when positions below `limit` were set; `textOf` reads the fork's texts. */
  fork(limit: number, textOf: (position: number) => string): SeqIndex {
    const sorted: TimeColumn[] = [];
    const last: Array<string | undefined> = [];
    for (const list of this.sorted) {
      const lo = list.lowerBound(limit);
      sorted.push(list.cut(lo));
      last.push(lo > 0 ? textOf(list.get(lo - 1)) : '');
    }
    return new SeqIndex(textOf, sorted, last, this.others.map((map) => map?.fork(limit, textOf)));
  }
}
