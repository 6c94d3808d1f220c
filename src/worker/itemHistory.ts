/**
 * Every item's versions, per key, for a seek that reads instead of folding (issue #16: an import of
 * a million records holds 50,000 items; cloning and folding them cost a seek 70 ms). Built once from
 * the trace: the table's keys sorted as the Table panel lists them (key summary, then key string),
 * and for each key the facts that changed it, in order. The items at a fact count are then a binary
 * search per key read, and the first 500 for a frame a walk over the sorted keys; how many items the
 * table holds is one binary search in a column of live counts.
 *
 * The rows read are the fold's (`applyWrite` in ./fold.ts), field for field: a REMOVE deletes, an
 * INSERT or MODIFY with a new item sets, anything else leaves the item as it was.
 *
 * An imported run's writes are read in its columns (bridge/import/trace.ts `ImportedFacts`), not
 * built: a million write facts, and a Map lookup of each one's key string, were most of this pass.
 *
 * Pure. May import: sim types, ./view.ts, ./runIndex.ts, protocol types, bridge/import/trace.ts. May not import: sim runtime, ui.
 */
import type { FactList, TraceEvent } from '../sim/index.ts';
import type { ItemRow } from './protocol.ts';
import type { Item } from '../sim/table/attributeValue.ts';
import { setsItem } from './factReads.ts';
import { lowerBound } from './runIndex.ts';
import { keySummary } from './view.ts';
import { ImportedFacts } from '../bridge/import/trace.ts';

type WriteEvent = Extract<TraceEvent, { type: 'write' }>;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A write that changes the items (the fold ignores the others). */
function changes(e: WriteEvent): boolean {
  return e.outcome === 'REMOVE' || ((e.outcome === 'INSERT' || e.outcome === 'MODIFY') && setsItem(e));
}

export class ItemHistory {
  /**
   * Where the table's item count changes (an insert or a removal, not a change of an item it holds),
   * in trace order: the fact index, and how many items the table holds after it. Kept only where it
   * changes: per changing write it was 8 B a record of an import, most of them repeating the count
   * before (a stream mostly modifies items it holds).
   */
  private readonly countFacts: Int32Array;
  private readonly countAfter: Int32Array;
  /** Per key, in the panel's order. */
  readonly keyStrings: string[];
  private readonly summaries: string[];
  /** Key `k`'s versions are the fact indexes `versions[offsets[k] .. offsets[k + 1])`, ascending. */
  private readonly offsets: Int32Array;
  private readonly versions: Int32Array;
  private readonly keyIds = new Map<string, number>();

  /**
   * The history of `table`'s items in `trace` (a table without replicas: writes name no Region).
   * `writeFacts`: the trace's write facts in order (the run index's), when known: only those are read.
   */
  constructor(
    private readonly trace: FactList,
    table: string,
    keyAttributes: readonly string[],
    writeFacts?: { readonly length: number; get(w: number): number },
  ) {
    const firstSeen = new Map<string, number>();
    const seenKeys: string[] = [];
    const seenSummaries: string[] = [];
    const countFacts: number[] = [];
    const countAfter: number[] = [];
    const present: boolean[] = [];
    let count = 0;
    const n = writeFacts ? writeFacts.length : trace.length;
    // Sized for every fact read: a write a record of an import (pushed to arrays, a million
    // records' writes were a third of this pass, the arrays' growth and copies).
    const facts = new Int32Array(n);
    const keyOfWrite = new Int32Array(n);
    let writes = 0;
    const newKey = (keyString: string, key: Item): number => {
      firstSeen.set(keyString, seenKeys.length);
      seenKeys.push(keyString);
      seenSummaries.push(keySummary(key, keyAttributes));
      present.push(false);
      return seenKeys.length - 1;
    };
    // An imported record's write is to the imported table and changes its item: a REMOVE deletes
    // it, an INSERT or MODIFY sets one (`ImportedWrite.setsItem`). Its key by the import's key number.
    const imported = trace instanceof ImportedFacts && trace.writeTable === table ? trace : undefined;
    const columns = imported?.recordFacts();
    const keyOfImported: number[] = [];
    for (let w = 0; w < n; w++) {
      const i = writeFacts ? writeFacts.get(w) : w;
      const ref = imported ? imported.ref(i)! : -1;
      let k: number;
      let setting: boolean;
      if (columns && ref >= 0) {
        if (ref & 1) continue;
        const r = ref >> 1;
        const id = columns.keyIdOf(r);
        k = keyOfImported[id] ??= firstSeen.get(columns.keyStrings[id]!) ?? newKey(columns.keyStrings[id]!, columns.records.keys(r));
        setting = columns.records.eventName(r) !== 'REMOVE';
      } else {
        const e = trace.at(i)!;
        if (e.type !== 'write' || e.table !== table || !changes(e)) continue;
        k = firstSeen.get(e.keyString) ?? newKey(e.keyString, e.key);
        setting = e.outcome !== 'REMOVE';
      }
      if (setting !== present[k]) {
        count += setting ? 1 : -1;
        countFacts.push(i);
        countAfter.push(count);
      }
      present[k] = setting;
      facts[writes] = i;
      keyOfWrite[writes++] = k;
    }
    const order = seenKeys.map((_, k) => k).sort((a, b) => compareText(seenSummaries[a]!, seenSummaries[b]!) || compareText(seenKeys[a]!, seenKeys[b]!));
    const rank = new Int32Array(order.length);
    order.forEach((k, r) => (rank[k] = r));
    this.keyStrings = order.map((k) => seenKeys[k]!);
    this.summaries = order.map((k) => seenSummaries[k]!);
    this.keyStrings.forEach((s, r) => this.keyIds.set(s, r));
    this.offsets = new Int32Array(order.length + 1);
    for (let w = 0; w < writes; w++) this.offsets[rank[keyOfWrite[w]!]! + 1]!++;
    for (let r = 0; r < order.length; r++) this.offsets[r + 1]! += this.offsets[r]!;
    this.versions = new Int32Array(writes);
    const fill = this.offsets.slice(0, order.length);
    for (let w = 0; w < writes; w++) this.versions[fill[rank[keyOfWrite[w]!]!]!++] = facts[w]!;
    this.countFacts = Int32Array.from(countFacts);
    this.countAfter = Int32Array.from(countAfter);
  }

  /** How many items the table holds after the first `factCount` facts. */
  sizeAt(factCount: number): number {
    const c = lowerBound(this.countFacts, factCount);
    return c > 0 ? this.countAfter[c - 1]! : 0;
  }

  /** Key number `k` (in the panel's order) as it stood after the first `factCount` facts. */
  rowOf(k: number, factCount: number): ItemRow | undefined {
    const from = this.offsets[k]!;
    // The key's last version before factCount.
    const v = lowerBound(this.versions, factCount, from, this.offsets[k + 1]!) - 1;
    if (v < from) return undefined;
    const e = this.trace.at(this.versions[v]!) as WriteEvent;
    if (e.outcome === 'REMOVE') return undefined;
    return { keyString: e.keyString, keySummary: this.summaries[k]!, item: e.newItem!, changedAtMs: e.t, change: e.outcome as ItemRow['change'] };
  }

  /** The key's number, if the table ever held it. */
  keyNumber(keyString: string): number | undefined {
    return this.keyIds.get(keyString);
  }

  get keyCount(): number {
    return this.keyStrings.length;
  }

  /**
   * The table's items following `at` (a fold state's fact count). The fold asks the history for
   * them rather than constructing them itself: this module is then loaded with the import's chunk
   * only (./bridgeRuns.ts), not in the worker's core.
   */
  itemsAt(at: { readonly factCount: number }): HistoryItems {
    return new HistoryItems(this, at);
  }
}

/**
 * A table's items at the fold's fact count, read from the history: what `TableState.items` is for
 * an imported run. It follows the state it is bound to (its `factCount`), so folding on needs no
 * writes applied; iteration is in the panel's order.
 */
export class HistoryItems implements ReadonlyMap<string, ItemRow> {
  constructor(
    readonly history: ItemHistory,
    private readonly at: { readonly factCount: number },
  ) {}

  /** The same history, following another state (a clone's). */
  boundTo(at: { readonly factCount: number }): HistoryItems {
    return new HistoryItems(this.history, at);
  }

  get size(): number {
    return this.history.sizeAt(this.at.factCount);
  }

  get(keyString: string): ItemRow | undefined {
    const k = this.history.keyNumber(keyString);
    return k === undefined ? undefined : this.history.rowOf(k, this.at.factCount);
  }

  has(keyString: string): boolean {
    return this.get(keyString) !== undefined;
  }

  /** The first `max` items in the panel's order (key summary, then key string). */
  first(max: number): ItemRow[] {
    const out: ItemRow[] = [];
    const { history } = this;
    const n = this.at.factCount;
    for (let k = 0; k < history.keyCount && out.length < max; k++) {
      const row = history.rowOf(k, n);
      if (row) out.push(row);
    }
    return out;
  }

  *entries(): MapIterator<[string, ItemRow]> {
    for (const row of this.values()) yield [row.keyString, row];
  }

  *keys(): MapIterator<string> {
    for (const row of this.values()) yield row.keyString;
  }

  *values(): MapIterator<ItemRow> {
    const { history } = this;
    const n = this.at.factCount;
    for (let k = 0; k < history.keyCount; k++) {
      const row = history.rowOf(k, n);
      if (row) yield row;
    }
  }

  forEach(callback: (value: ItemRow, key: string, map: ReadonlyMap<string, ItemRow>) => void): void {
    for (const row of this.values()) callback(row, row.keyString, this);
  }

  [Symbol.iterator](): MapIterator<[string, ItemRow]> {
    return this.entries();
  }
}
