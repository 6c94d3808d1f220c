/**
 * A simulated run's items as the fold holds them (`fold.ts`): per key, the write fact that last set
 * it and the key's summary (kept from the item's first change, as the panel names it), not the item.
 * Write facts are built from the trace's columns when read (issue #16), so a fold row holding
 * `e.newItem` kept a copy of every item version a snapshot saw: about 150 B of fold snapshots per
 * fact on a run of a million facts, more than the run itself. A row is built again, field for field
 * the row the fold used to keep, when it is read (a frame's first 500 items, a query at the playhead).
 *
 * The entries of a snapshot are never changed: a fold that goes on works on a copy (`cloneFor`), and
 * a fork reads its parent's snapshots through its own trace (`withTrace`: their facts are the same
 * up to the fork), so it does not keep the parent's trace alive.
 *
 * Pure. May import: sim types, protocol types, ./smallest.ts. May not import: sim runtime, ui.
 */
import type { FactList, TraceEvent } from '../sim/index.ts';
import type { ItemRow } from './protocol.ts';
import { smallest } from './smallest.ts';

type WriteEvent = Extract<TraceEvent, { type: 'write' }>;

interface Entry {
  /** The index of the write fact that set the item. */
  readonly fact: number;
  readonly summary: string;
}

/** Plain code-unit order, as view.ts sorts (locale-free, same in Node and every browser). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byPanelOrder = (a: [string, Entry], b: [string, Entry]) => compareText(a[1].summary, b[1].summary) || compareText(a[0], b[0]);

export class FoldedItems implements ReadonlyMap<string, ItemRow> {
  constructor(
    private trace: FactList,
    private readonly rows: Map<string, Entry> = new Map(),
  ) {}

  /** A copy to fold on, reading `trace` (the same facts as this one's up to where it was taken). */
  cloneFor(trace: FactList = this.trace): FoldedItems {
    return new FoldedItems(trace, new Map(this.rows));
  }

  /** The same entries, read through `trace`: for a snapshot that is only read, never folded on. */
  withTrace(trace: FactList): FoldedItems {
    return trace === this.trace ? this : new FoldedItems(trace, this.rows);
  }

  /** The item of `keyString` is now the new item of write fact `fact` (of `trace`). */
  set(keyString: string, fact: number, summary: string, trace: FactList): void {
    this.trace = trace;
    this.rows.set(keyString, { fact, summary });
  }

  delete(keyString: string): void {
    this.rows.delete(keyString);
  }

  /** The key's summary while it holds an item (it is kept for the item's whole life). */
  summaryOf(keyString: string): string | undefined {
    return this.rows.get(keyString)?.summary;
  }

  get size(): number {
    return this.rows.size;
  }

  has(keyString: string): boolean {
    return this.rows.has(keyString);
  }

  get(keyString: string): ItemRow | undefined {
    const entry = this.rows.get(keyString);
    return entry && this.row(keyString, entry);
  }

  /** The first `max` items in the panel's order (key summary, then key string), only those built. */
  first(max: number): ItemRow[] {
    const chosen = this.rows.size > max ? smallest(this.rows.entries(), max, byPanelOrder) : [...this.rows.entries()].sort(byPanelOrder);
    return chosen.map(([keyString, entry]) => this.row(keyString, entry));
  }

  private row(keyString: string, entry: Entry): ItemRow {
    const e = this.trace.at(entry.fact) as WriteEvent;
    return { keyString, keySummary: entry.summary, item: e.newItem!, changedAtMs: e.t, change: e.outcome as ItemRow['change'] };
  }

  *entries(): MapIterator<[string, ItemRow]> {
    for (const [keyString, entry] of this.rows) yield [keyString, this.row(keyString, entry)];
  }

  keys(): MapIterator<string> {
    return this.rows.keys();
  }

  *values(): MapIterator<ItemRow> {
    for (const [keyString, entry] of this.rows) yield this.row(keyString, entry);
  }

  forEach(callback: (value: ItemRow, key: string, map: ReadonlyMap<string, ItemRow>) => void): void {
    for (const [keyString, entry] of this.rows) callback(this.row(keyString, entry), keyString, this);
  }

  [Symbol.iterator](): MapIterator<[string, ItemRow]> {
    return this.entries();
  }
}
