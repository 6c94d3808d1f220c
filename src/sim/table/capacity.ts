/**
 * ReturnConsumedCapacity: capacity units computed as the Developer Guide documents them
 * ("Read/write capacity mode", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html):
 * a read costs one unit per 4 KB (rounded up, per item for GetItem and batch reads, over the whole
 * page for Query and Scan), half of it when eventually consistent and twice it in a transaction; a
 * write costs one unit per 1 KB of the larger of the old and new item, twice it in a transaction.
 * Pure: reports what a request would consume; no throttling is simulated.
 */
import { validationError } from '../api/errors.ts';

export type CapacityMode = 'NONE' | 'TOTAL' | 'INDEXES';

export type ReadKind = 'eventual' | 'strong' | 'transactional';

export function capacityMode(input: Record<string, unknown>): CapacityMode {
  const m = input.ReturnConsumedCapacity ?? 'NONE';
  if (m !== 'NONE' && m !== 'TOTAL' && m !== 'INDEXES') {
    throw validationError(`1 validation error detected: Value '${String(m)}' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]`);
  }
  return m;
}

/** Read units for `bytes` read at once (an empty read still costs the minimum). */
export function readUnits(bytes: number, kind: ReadKind): number {
  const blocks = Math.max(1, Math.ceil(bytes / 4096));
  return kind === 'eventual' ? blocks / 2 : kind === 'strong' ? blocks : blocks * 2;
}

export function writeUnits(bytes: number, transactional = false): number {
  const units = Math.max(1, Math.ceil(bytes / 1024));
  return transactional ? units * 2 : units;
}

/** Units spent on one table: on the table itself and on each index by name. */
export interface Consumption {
  tableName: string;
  table: number;
  global?: Record<string, number>;
  local?: Record<string, number>;
}

function sum(rec: Record<string, number> | undefined): number {
  return rec ? Object.values(rec).reduce((a, b) => a + b, 0) : 0;
}

const units = (rec: Record<string, number>): Record<string, { CapacityUnits: number }> =>
  Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, { CapacityUnits: v }]));

/** The ConsumedCapacity body for one table, or undefined when none was asked for. */
export function consumedCapacity(mode: CapacityMode, c: Consumption): Record<string, unknown> | undefined {
  if (mode === 'NONE') return undefined;
  const total = c.table + sum(c.global) + sum(c.local);
  if (mode === 'TOTAL') return { TableName: c.tableName, CapacityUnits: total };
  return {
    TableName: c.tableName,
    CapacityUnits: total,
    Table: { CapacityUnits: c.table },
    ...(c.local && Object.keys(c.local).length > 0 ? { LocalSecondaryIndexes: units(c.local) } : {}),
    ...(c.global && Object.keys(c.global).length > 0 ? { GlobalSecondaryIndexes: units(c.global) } : {}),
  };
}

/** Adds `{ ConsumedCapacity }` to a response when it was asked for. */
export function withCapacity<T extends Record<string, unknown>>(body: T, mode: CapacityMode, c: Consumption): T {
  const cc = consumedCapacity(mode, c);
  return cc ? { ...body, ConsumedCapacity: cc } : body;
}
