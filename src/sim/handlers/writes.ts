/**
 * How handlers touch their targets: as ordinary DynamoDB calls through `callOperation`, so every
 * downstream effect is a `write` fact in the trace and the UI draws the target like any table.
 * Turns contribution differences into writes (ADD for counters, Put/Delete for rows), issues them
 * one call each (naive) or inside one TransactWriteItems with an idempotency guard, and creates
 * target tables on first use. Reads and writes only tables, through the public operations.
 */
import type { World } from '../world.ts';
import { callOperation } from '../api/call.ts';
import type { Item } from '../table/attributeValue.ts';
import { keyString } from '../table/attributes.ts';
import { keyAttributeNames, type KeySchema } from '../table/table.ts';
import { createTable } from '../table/tableApi.ts';
import { itemsEqual } from '../table/attributes.ts';
import { addCounts, type Contribution, type Counts } from './kinds.ts';

const DDB = 'DynamoDB_20120810.';

export type TargetWrite =
  | { op: 'add'; key: Item; deltas: [string, number][] }
  | { op: 'put'; item: Item }
  | { op: 'delete'; key: Item };

function countsOf(c: Contribution): Counts {
  return 'counts' in c ? c.counts : new Map();
}

function rowsOf(c: Contribution): Item[] {
  return 'rows' in c ? c.rows : [];
}

function keyOf(row: Item, names: readonly string[]): Item {
  const key: Item = {};
  for (const n of names) if (row[n]) key[n] = row[n];
  return key;
}

/**
 * The writes that turn what the item contributed (`before`) into what it contributes (`after`):
 * counters ADD the difference, one call per target row with any non-zero delta; rows put what is
 * new or changed and (when the kind deletes) delete what is gone. Never two writes to one row, so
 * the list fits in one transaction.
 */
export function diffWrites(schema: KeySchema, deletes: boolean, before: Contribution, after: Contribution): TargetWrite[] {
  const names = keyAttributeNames(schema);
  if ('counts' in after || 'counts' in before) {
    const delta: Counts = new Map();
    addCounts(delta, countsOf(after), 1);
    addCounts(delta, countsOf(before), -1);
    const out: TargetWrite[] = [];
    for (const [value, attrs] of delta) {
      const nonZero = [...attrs].filter(([, v]) => v !== 0);
      if (nonZero.length > 0) out.push({ op: 'add', key: { [schema.hash.name]: { S: value } }, deltas: nonZero });
    }
    return out;
  }
  const afterRows = new Map(rowsOf(after).map((r) => [keyString(r, names), r]));
  const beforeRows = new Map(rowsOf(before).map((r) => [keyString(r, names), r]));
  const out: TargetWrite[] = [];
  if (deletes) for (const [k, r] of beforeRows) if (!afterRows.has(k)) out.push({ op: 'delete', key: keyOf(r, names) });
  for (const [k, r] of afterRows) if (!itemsEqual(beforeRows.get(k), r)) out.push({ op: 'put', item: r });
  return out;
}

/** The request body of one write, shaped for PutItem/UpdateItem/DeleteItem and for TransactWriteItems alike. */
export function requestOf(table: string, w: TargetWrite): { action: 'Put' | 'Update' | 'Delete'; body: Record<string, unknown> } {
  if (w.op === 'put') return { action: 'Put', body: { TableName: table, Item: w.item } };
  if (w.op === 'delete') return { action: 'Delete', body: { TableName: table, Key: w.key } };
  const names: Record<string, string> = {};
  const values: Item = {};
  const parts = w.deltas.map(([attr, v], i) => {
    names[`#a${i}`] = attr;
    values[`:a${i}`] = { N: String(v) };
    return `#a${i} :a${i}`;
  });
  return {
    action: 'Update',
    body: { TableName: table, Key: w.key, UpdateExpression: `ADD ${parts.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values },
  };
}

const SINGLE_TARGET = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem' } as const;

/** Naive: each write its own call, as a hand-written handler would issue them. */
export function writeEach(world: World, table: string, writes: readonly TargetWrite[]): void {
  for (const w of writes) {
    const { action, body } = requestOf(table, w);
    callOperation(world, DDB + SINGLE_TARGET[action], body);
  }
}

/** All of `actions` (already in TransactItems shape) or nothing. Throws the AwsError on cancellation. */
export function writeTransaction(world: World, actions: Record<string, unknown>[]): void {
  callOperation(world, `${DDB}TransactWriteItems`, { TransactItems: actions });
}

export function transactItemsOf(table: string, writes: readonly TargetWrite[]): Record<string, unknown>[] {
  return writes.map((w) => {
    const { action, body } = requestOf(table, w);
    return { [action]: body };
  });
}

/** Creates `name` (on-demand, no stream, owned by the consumer) unless it exists: targets appear on first use. */
export function ensureTable(world: World, name: string, schema: KeySchema, owner: string): void {
  if (world.tables.has(name)) return;
  const attrs = [schema.hash, ...(schema.range ? [schema.range] : [])];
  createTable(
    world,
    {
      TableName: name,
      KeySchema: [{ AttributeName: schema.hash.name, KeyType: 'HASH' }, ...(schema.range ? [{ AttributeName: schema.range.name, KeyType: 'RANGE' }] : [])],
      AttributeDefinitions: attrs.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
      BillingMode: 'PAY_PER_REQUEST',
    },
    owner,
  );
}

/** A GetItem through the public operation (strongly consistent, as a ledger read must be). */
export function readItem(world: World, table: string, key: Item): Item | undefined {
  const out = callOperation(world, `${DDB}GetItem`, { TableName: table, Key: key, ConsistentRead: true }) as { Item?: Item };
  return out.Item;
}

/** Whether any write since trace index `from` changed `table` (a no-op write does not). */
export function tableChangedSince(world: World, table: string, from: number): boolean {
  for (let i = from; i < world.trace.length; i++) {
    const f = world.trace.at(i)!;
    if (f.type === 'write' && f.table === table && f.outcome !== 'no-op') return true;
  }
  return false;
}
