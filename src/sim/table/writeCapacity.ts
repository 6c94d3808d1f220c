/**
 * The write capacity one item write consumes: on the table, the larger of the old and new item in
 * 1 KB units; on each index the item is in before or after, the larger projected entry (AWS charges
 * an index write for every index entry a write adds, changes or removes). Transactions pay double.
 */
import type { Item } from './attributeValue.ts';
import { itemSize } from './itemSize.ts';
import { inIndex, projectToIndex } from './indexes.ts';
import type { TableState } from './table.ts';
import { writeUnits, type Consumption } from './capacity.ts';

export interface WrittenItem {
  table: TableState;
  oldItem: Item | undefined;
  newItem: Item | undefined;
}

const sizeOf = (item: Item | undefined): number => (item ? itemSize(item) : 0);

export function writeConsumption(w: WrittenItem, transactional = false): Consumption {
  const out: Consumption = { tableName: w.table.name, table: writeUnits(Math.max(sizeOf(w.oldItem), sizeOf(w.newItem)), transactional) };
  for (const ix of w.table.indexes ?? []) {
    const before = w.oldItem && inIndex(ix, w.oldItem) ? itemSize(projectToIndex(w.table, ix, w.oldItem)) : undefined;
    const after = w.newItem && inIndex(ix, w.newItem) ? itemSize(projectToIndex(w.table, ix, w.newItem)) : undefined;
    if (before === undefined && after === undefined) continue;
    const units = writeUnits(Math.max(before ?? 0, after ?? 0), transactional);
    const bucket = ix.global ? (out.global ??= {}) : (out.local ??= {});
    bucket[ix.name] = units;
  }
  return out;
}
