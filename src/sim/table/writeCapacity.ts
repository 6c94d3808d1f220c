/**
 * The write capacity one item write consumes: on the table, the larger of the old and new item in
 * 1 KB units; on each index the item is in before or after, the larger projected entry (AWS charges
 * an index write for every index entry a write adds, changes or removes: `indexEntries.ts`, the
 * indexes part's, for a table that has one). Transactions pay double.
 */
import type { Item } from './attributeValue.ts';
import { itemSize } from './itemSize.ts';
import { part } from '../parts.ts';
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
  if (w.table.indexes?.length) part('indexes').addIndexWrites(out, w.table, w.oldItem, w.newItem, transactional);
  return out;
}
