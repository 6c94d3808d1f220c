/**
 * What a secondary index holds of an item, and what a write owes its indexes: whether an item is in
 * an index (it carries every index key attribute with its declared type), the entry the index keeps
 * (the keys plus what it projects), the write's checks of its index keys, and the index writes its
 * capacity counts. A table has indexes only when a run declared them, so all of this is the indexes
 * part's (`../parts.ts`): the core and the reads part reach it through the registry, and only for a
 * table that has an index. Pure; no trace facts.
 *
 * May import: table types and helpers, `indexes.ts`, `../api/errors.ts`.
 */
import { validationError } from '../api/errors.ts';
import type { Item } from './attributeValue.ts';
import { attributeType, getOwn, setOwn } from './attributes.ts';
import type { TableState } from './table.ts';
import { keySize } from './limits.ts';
import { itemSize } from './itemSize.ts';
import { writeUnits, type Consumption } from './capacity.ts';
import { PARAM, type SecondaryIndex } from './indexes.ts';

/** The attributes an index entry carries: the index's key, then the table's (no repeats). */
export function indexKeyNames(table: TableState, index: SecondaryIndex): string[] {
  const names = [index.keySchema.hash.name];
  if (index.keySchema.range) names.push(index.keySchema.range.name);
  for (const n of [table.keySchema.hash.name, table.keySchema.range?.name]) if (n !== undefined && !names.includes(n)) names.push(n);
  return names;
}

/** Whether an item appears in the index: it carries every index key attribute with its declared type. */
export function inIndex(index: SecondaryIndex, item: Item): boolean {
  const { hash, range } = index.keySchema;
  const h = getOwn(item, hash.name);
  if (h === undefined || attributeType(h) !== hash.type) return false;
  if (!range) return true;
  const r = getOwn(item, range.name);
  return r !== undefined && attributeType(r) === range.type;
}

/** The index entry of an item: its keys plus the attributes the index projects. */
export function projectToIndex(table: TableState, index: SecondaryIndex, item: Item): Item {
  if (index.projection.type === 'ALL') return item;
  const out: Item = {};
  const names = [...indexKeyNames(table, index), ...(index.projection.nonKeyAttributes ?? [])];
  for (const n of names) {
    const v = getOwn(item, n);
    if (v !== undefined) setOwn(out, n, v);
  }
  return out;
}

/**
 * A write whose new item carries an index key attribute of the wrong type (or an empty string or
 * binary there) is refused, as AWS refuses it; an item without the attribute simply stays out of
 * the index (a sparse index).
 */
export function checkIndexKeys(table: TableState, item: Item): void {
  for (const ix of table.indexes ?? []) {
    for (const k of [ix.keySchema.hash, ix.keySchema.range]) {
      if (!k) continue;
      const v = getOwn(item, k.name);
      if (v === undefined) continue;
      const actual = attributeType(v);
      if (actual !== k.type) {
        throw validationError(`${PARAM}Type mismatch for Index Key ${k.name} Expected: ${k.type} Actual: ${actual} IndexName: ${ix.name}`);
      }
      if (keySize(v) === 0) {
        throw validationError(`One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${actual === 'S' ? 'string' : 'binary'} value. IndexName: ${ix.name}, IndexKey: ${k.name}`);
      }
    }
  }
}

/**
 * Adds to `out` the write capacity a write consumes on each index the item is in before or after:
 * the larger projected entry (AWS charges an index write for every index entry a write adds,
 * changes or removes). Transactions pay double.
 */
export function addIndexWrites(out: Consumption, table: TableState, oldItem: Item | undefined, newItem: Item | undefined, transactional: boolean): void {
  for (const ix of table.indexes ?? []) {
    const before = oldItem && inIndex(ix, oldItem) ? itemSize(projectToIndex(table, ix, oldItem)) : undefined;
    const after = newItem && inIndex(ix, newItem) ? itemSize(projectToIndex(table, ix, newItem)) : undefined;
    if (before === undefined && after === undefined) continue;
    const units = writeUnits(Math.max(before ?? 0, after ?? 0), transactional);
    const bucket = ix.global ? (out.global ??= {}) : (out.local ??= {});
    bucket[ix.name] = units;
  }
}
