/**
 * What changed between the copy of the frame's parts the client holds and the frame asked now, read
 * from the run's facts instead of by comparing the parts (session 21): a table's row can only differ
 * if a write to its key came between the two fact counts (either way: a seek back undoes those same
 * writes), and a table's head, the set of tables and how a write is named (`replicaViewName`, the
 * key's attributes) only by a table or stream fact. So while records arrive, the tables part is the
 * held copy with the written keys' rows read again (`tablesSince`): the cost follows the writes of
 * the frame, not the table's items (building a table's first 500 rows walks all of them, about 4 ms
 * a frame at 20,000 items).
 *
 * Loaded with `partDiff.ts` (its chunk). May import: ./foldedItems.ts, ./frames.ts, ./columns.ts
 * constants, ./fold.ts, ./run.ts and ./runIndex.ts types, protocol types. May not import: sim runtime, ui.
 */
import { MAX_FRAME_ITEMS } from './columns.ts';
import type { FoldState, TableState } from './fold.ts';
import { FoldedItems } from './foldedItems.ts';
import { tableView } from './frames.ts';
import type { ItemRow, PartVersions, TableView } from './protocol.ts';
import type { Run } from './run.ts';
import type { RunIndex } from './runIndex.ts';

/**
 * Above this many writes between the two copies the keys are not listed: comparing the rows (at
 * most a frame's 500 items a table) costs less than reading that many facts.
 */
export const MAX_WRITTEN = MAX_FRAME_ITEMS;

/** Between the held copy's versions and the frame's: whether no table fact came or went, and the keys written (when few). */
export interface Since {
  sameTables: boolean;
  written?: ReadonlySet<string>;
}

/** Table and stream facts among the facts that give `v` (the tables' version counts writes and those). */
const tableFacts = (v: PartVersions) => v.tables - v.writes;

/** `keys`: list the keys written (for the tables; the writes lists need only `sameTables`). */
export function changesSince(r: Run, held: PartVersions, now: PartVersions, keys: boolean): Since {
  const sameTables = tableFacts(held) === tableFacts(now);
  const from = Math.min(held.writes, now.writes);
  const to = Math.max(held.writes, now.writes);
  if (!keys || !sameTables || to - from > MAX_WRITTEN) return { sameTables };
  // Keys of every table together: a key of another table with the same spelling is read again for nothing, never missed.
  const written = new Set<string>();
  for (let w = from; w < to; w++) written.add((r.trace.at(r.index.writeFacts.get(w)) as { keyString: string }).keyString);
  return { sameTables, written };
}

/** Plain code-unit order (locale-free, as `frames.ts` and `FoldedItems` sort). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The panel's order, key summary then key string, as `FoldedItems.first` sorts. */
const panelOrder = (a: ItemRow, b: ItemRow) => compareText(a.keySummary, b.keySummary) || compareText(a.keyString, b.keyString);

/** Equal plain data (`partDiff.ts` `sameData`, passed in: that module imports this one). */
type SameData = (a: unknown, b: unknown) => boolean;

/** For a table made from the held copy: each row's index in the held view, or -1 for a row read again (what its delta keeps, `partDiff.ts`). */
export const heldRows = new WeakMap<TableView, readonly number[]>();

/**
 * Table `t` now, from `held`, its view at the held copy, when only the `written` keys changed: the
 * held rows not written, merged in the panel's order with the written keys' rows as they are now.
 * Undefined where that cannot be exact: a lease table (its rows name checkpoints by record,
 * `frames.ts`), an imported table (its own order), or a view cut at 500 rows that lost rows and has
 * nothing held to fill them (items past its last row are not held).
 */
function tableSince(t: TableState, held: TableView, written: ReadonlySet<string>, sameData: SameData): TableView | undefined {
  if (!(t.items instanceof FoldedItems) || t.keyAttributes.includes('leaseKey')) return undefined;
  const fresh: ItemRow[] = [];
  for (const key of written) {
    const row = t.items.get(key);
    if (row) fresh.push(row);
  }
  fresh.sort(panelOrder);
  const rows: ItemRow[] = [];
  const from: number[] = [];
  // A written row that is held: kept when it did not change after all (a refused write, a key of another table).
  const writtenAt = new Map<string, number>();
  const take = (row: ItemRow, j: number) => {
    const w = j < 0 ? writtenAt.get(row.keyString) : undefined;
    const same = w !== undefined && sameData(row, held.items[w]);
    rows.push(same ? held.items[w]! : row);
    from.push(same ? w : j);
  };
  let f = 0;
  for (let j = 0; j < held.items.length && rows.length < MAX_FRAME_ITEMS; j++) {
    const row = held.items[j]!;
    if (written.has(row.keyString)) {
      writtenAt.set(row.keyString, j); // before its row now is taken: both come at the same place in the panel's order
      continue;
    }
    while (f < fresh.length && rows.length < MAX_FRAME_ITEMS && panelOrder(fresh[f]!, row) < 0) take(fresh[f++]!, -1);
    if (rows.length < MAX_FRAME_ITEMS) take(row, j);
  }
  // A cut view (`itemCount`): an item it does not hold may come anywhere after its last row, so only rows up to there are known.
  const cut = held.itemCount !== undefined;
  const last = held.items.at(-1);
  while (f < fresh.length && rows.length < MAX_FRAME_ITEMS && (!cut || (last !== undefined && panelOrder(fresh[f]!, last) <= 0))) take(fresh[f++]!, -1);
  if (cut && rows.length < MAX_FRAME_ITEMS) return undefined;
  const others = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row.item)) if (!t.keyAttributes.includes(name)) others.add(name);
  const { items: _items, itemCount: _count, attributeNames: _names, ...head } = held;
  const view: TableView = {
    ...head,
    attributeNames: [...t.keyAttributes, ...[...others].sort(compareText)],
    items: rows,
    ...(t.items.size > MAX_FRAME_ITEMS ? { itemCount: t.items.size } : {}),
  };
  heldRows.set(view, from);
  return view;
}

/**
 * The tables part at `state` from `held`, the copy at versions where no table fact differs and
 * only `written` keys were written since: each table from its held view where that is exact, else
 * built as `packFrame` builds it. `sameData` compares a held row with its key's row now.
 */
export function tablesSince(index: RunIndex, state: FoldState, held: readonly TableView[], written: ReadonlySet<string>, sameData: SameData): TableView[] {
  return [...state.tables.values()].map((t, i) => {
    const h = held[i];
    const since = h?.name === t.name ? tableSince(t, h, written, sameData) : undefined;
    if (since) return since;
    // As packFrame and then extrasFor's `withOwners` build it.
    const view = tableView(t, MAX_FRAME_ITEMS, index);
    return t.owner ? { ...view, owner: t.owner } : view;
  });
}
