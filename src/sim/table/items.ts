/**
 * Item operations: PutItem, UpdateItem, DeleteItem, GetItem, BatchWriteItem and TransactWriteItems.
 *
 * Each one validates its request, evaluates its condition against the stored item, computes the new
 * item, and hands the change to `commitChange`, which decides INSERT / MODIFY / REMOVE or no-op and
 * emits the stream record (reference §1.2). A failed condition changes nothing and emits nothing.
 */
import { AwsError, validationError } from '../api/errors.ts';
import { optionalObject, optionalString, requireString } from '../api/input.ts';
import type { World } from '../world.ts';
import type { AttributeValue, Item } from './attributeValue.ts';
import { validateItem } from './attributes.ts';
import { checkPlaceholders, evaluateCondition, parseCondition, parseUpdate, applyUpdate, type ExpressionContext } from './expressions/index.ts';
import { checkKey, keyAttributeNames, keyOfItem, tableKeyString, type TableState } from './table.ts';
import { findTable } from './tableApi.ts';
import { commitChange, recordRejected } from './commit.ts';

/** A write fully prepared but not yet applied: transactions check all before applying any. */
interface PreparedWrite {
  table: TableState;
  op: string;
  key: Item;
  keyString: string;
  oldItem: Item | undefined;
  newItem: Item | undefined;
  /** undefined when the condition holds; otherwise why it failed. */
  conditionFailed: boolean;
}

function expressionContext(input: Record<string, unknown>): ExpressionContext {
  const names = optionalObject(input, 'ExpressionAttributeNames') as Record<string, string> | undefined;
  const rawValues = optionalObject(input, 'ExpressionAttributeValues');
  const values = rawValues
    ? Object.fromEntries(Object.entries(rawValues).map(([k, v]) => [k, validateItem({ v }, `ExpressionAttributeValues.${k}`).v as AttributeValue]))
    : undefined;
  const ctx: ExpressionContext = {};
  if (names) ctx.names = names;
  if (values) ctx.values = values;
  return ctx;
}

/**
 * Parses the condition (and optional update) and checks every placeholder is defined and used.
 * Exported for `faults/write.ts`, which checks a user's write before it is scheduled.
 */
export function prepareExpressions(input: Record<string, unknown>, updateExpression?: string) {
  rejectLegacyParameters(input);
  const ctx = expressionContext(input);
  const conditionText = optionalString(input, 'ConditionExpression');
  const condition = conditionText !== undefined ? parseCondition(conditionText) : undefined;
  const update = updateExpression !== undefined ? parseUpdate(updateExpression) : undefined;
  if (condition !== undefined || update !== undefined || ctx.names || ctx.values) {
    checkPlaceholders([condition, update].filter((a) => a !== undefined), ctx);
  }
  return { ctx, condition, update };
}

/**
 * The pre-expression parameters (Expected, AttributeUpdates, ConditionalOperator) are not
 * simulated. They used to be ignored silently, so a legacy `Expected: {pk: {Exists: false}}` guard
 * let the write through (a MODIFY where AWS answers ConditionalCheckFailedException) and
 * `AttributeUpdates` created a key-only item. Refuse them loudly instead.
 */
const LEGACY_PARAMETERS = ['Expected', 'AttributeUpdates', 'ConditionalOperator'] as const;

function rejectLegacyParameters(input: Record<string, unknown>): void {
  for (const name of LEGACY_PARAMETERS) {
    if (input[name] !== undefined && input[name] !== null) {
      throw validationError(`Streamscope does not simulate the legacy parameter ${name}: use ConditionExpression / UpdateExpression instead`);
    }
  }
}

function conditionalCheckFailed(input: Record<string, unknown>, oldItem: Item | undefined): AwsError {
  const returnOld = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && oldItem;
  return new AwsError('ConditionalCheckFailedException', 'The conditional request failed', returnOld ? { Item: oldItem } : {});
}

function preparePut(world: World, input: Record<string, unknown>, op = 'PutItem'): PreparedWrite {
  const table = findTable(world, requireString(input, 'TableName'));
  const item = validateItem(input.Item, 'Item');
  const key = keyOfItem(table, item);
  const keyString = tableKeyString(table, key);
  const { ctx, condition } = prepareExpressions(input);
  const oldItem = table.items.get(keyString);
  const ok = condition ? evaluateCondition(condition, oldItem, ctx) : true;
  return { table, op, key, keyString, oldItem, newItem: item, conditionFailed: !ok };
}

function prepareDelete(world: World, input: Record<string, unknown>, op = 'DeleteItem'): PreparedWrite {
  const table = findTable(world, requireString(input, 'TableName'));
  const key = checkKey(table, validateItem(input.Key, 'Key'));
  const keyString = tableKeyString(table, key);
  const { ctx, condition } = prepareExpressions(input);
  const oldItem = table.items.get(keyString);
  const ok = condition ? evaluateCondition(condition, oldItem, ctx) : true;
  return { table, op, key, keyString, oldItem, newItem: undefined, conditionFailed: !ok };
}

function prepareUpdate(world: World, input: Record<string, unknown>, op = 'UpdateItem'): PreparedWrite {
  const table = findTable(world, requireString(input, 'TableName'));
  const key = checkKey(table, validateItem(input.Key, 'Key'));
  const keyString = tableKeyString(table, key);
  const { ctx, condition, update } = prepareExpressions(input, optionalString(input, 'UpdateExpression'));
  const oldItem = table.items.get(keyString);
  const ok = condition ? evaluateCondition(condition, oldItem, ctx) : true;
  let newItem: Item | undefined = update ? applyUpdate(update, oldItem, key, keyAttributeNames(table.keySchema), ctx) : (oldItem ?? key);
  // An update that leaves only the key on a missing item (e.g. REMOVE only) creates nothing.
  if (!oldItem && update && newItem && Object.keys(newItem).length === Object.keys(key).length) newItem = undefined;
  return { table, op, key, keyString, oldItem, newItem, conditionFailed: !ok };
}

function apply(world: World, w: PreparedWrite): void {
  commitChange(world, { table: w.table, op: w.op, key: w.key, keyString: w.keyString, oldItem: w.oldItem, newItem: w.newItem });
}

function applyOrReject(world: World, input: Record<string, unknown>, w: PreparedWrite): void {
  if (w.conditionFailed) {
    recordRejected(world, w.table, w.op, w.key, w.keyString, 'ConditionalCheckFailed');
    throw conditionalCheckFailed(input, w.oldItem);
  }
  apply(world, w);
}

const PUT_RETURN_VALUES: readonly string[] = ['NONE', 'ALL_OLD'];
const UPDATE_RETURN_VALUES: readonly string[] = ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'];

function returnValue(mode: unknown, allowed: readonly string[]): string {
  const m = mode ?? 'NONE';
  if (typeof m !== 'string' || !allowed.includes(m)) {
    throw validationError(`1 validation error detected: Value '${String(m)}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return m;
}

export function putItem(world: World, input: Record<string, unknown>): unknown {
  const mode = returnValue(input.ReturnValues, PUT_RETURN_VALUES);
  const w = preparePut(world, input);
  applyOrReject(world, input, w);
  return mode === 'ALL_OLD' && w.oldItem ? { Attributes: w.oldItem } : {};
}

export function deleteItem(world: World, input: Record<string, unknown>): unknown {
  const mode = returnValue(input.ReturnValues, PUT_RETURN_VALUES);
  const w = prepareDelete(world, input);
  applyOrReject(world, input, w);
  return mode === 'ALL_OLD' && w.oldItem ? { Attributes: w.oldItem } : {};
}

/** The top-level attributes an update touched, for UPDATED_OLD / UPDATED_NEW. */
function changedAttributes(from: Item | undefined, to: Item | undefined, names: readonly string[]): Item | undefined {
  if (!from) return undefined;
  const out: Item = {};
  for (const n of names) if (from[n] !== undefined) out[n] = from[n];
  return Object.keys(out).length > 0 ? out : undefined;
}

export function updateItem(world: World, input: Record<string, unknown>): unknown {
  const mode = returnValue(input.ReturnValues, UPDATE_RETURN_VALUES);
  const w = prepareUpdate(world, input);
  applyOrReject(world, input, w);
  const keys = new Set(Object.keys(w.key));
  const touched = [...new Set([...Object.keys(w.oldItem ?? {}), ...Object.keys(w.newItem ?? {})])].filter(
    (n) => !keys.has(n) && JSON.stringify(w.oldItem?.[n]) !== JSON.stringify(w.newItem?.[n]),
  );
  const attrs =
    mode === 'ALL_OLD' ? w.oldItem
    : mode === 'ALL_NEW' ? w.newItem
    : mode === 'UPDATED_OLD' ? changedAttributes(w.oldItem, w.newItem, touched)
    : mode === 'UPDATED_NEW' ? changedAttributes(w.newItem, w.oldItem, touched)
    : undefined;
  return attrs ? { Attributes: attrs } : {};
}

function project(item: Item, projection: string | undefined, names: Record<string, string> | undefined): Item {
  if (projection === undefined) return item;
  const out: Item = {};
  for (const raw of projection.split(',')) {
    const path = raw.trim();
    const top = path.split(/[.[]/)[0]!;
    const name = top.startsWith('#') ? names?.[top] : top;
    if (name === undefined) throw validationError(`An expression attribute name used in the document path is not defined; attribute name: ${top}`);
    if (item[name] !== undefined) out[name] = item[name];
  }
  return out;
}

export function getItem(world: World, input: Record<string, unknown>): unknown {
  const table = findTable(world, requireString(input, 'TableName'));
  const key = checkKey(table, validateItem(input.Key, 'Key'));
  const item = table.items.get(tableKeyString(table, key));
  const names = optionalObject(input, 'ExpressionAttributeNames') as Record<string, string> | undefined;
  return item ? { Item: project(item, optionalString(input, 'ProjectionExpression'), names) } : {};
}

export function batchWriteItem(world: World, input: Record<string, unknown>): unknown {
  const requestItems = optionalObject(input, 'RequestItems');
  if (!requestItems) throw validationError("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  const writes: PreparedWrite[] = [];
  const seen = new Set<string>();
  for (const [tableName, requests] of Object.entries(requestItems)) {
    if (!Array.isArray(requests) || requests.length === 0) throw validationError(`RequestItems.${tableName} must be a non-empty list`);
    for (const req of requests as Record<string, Record<string, unknown> | undefined>[]) {
      const w = req.PutRequest
        ? preparePut(world, { TableName: tableName, Item: req.PutRequest.Item }, 'BatchWriteItem')
        : req.DeleteRequest
          ? prepareDelete(world, { TableName: tableName, Key: req.DeleteRequest.Key }, 'BatchWriteItem')
          : undefined;
      if (!w) throw validationError('Each write request must contain exactly one of PutRequest or DeleteRequest');
      if (seen.has(`${tableName}\u0000${w.keyString}`)) throw validationError('Provided list of item keys contains duplicates');
      seen.add(`${tableName}\u0000${w.keyString}`);
      writes.push(w);
    }
  }
  if (writes.length > 25) {
    throw validationError("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25]");
  }
  for (const w of writes) apply(world, w);
  return { UnprocessedItems: {} };
}

/** Deletion by the TTL process, if the item is still there and still expired. */
export function ttlDelete(world: World, table: TableState, keyString: string): void {
  const item = table.items.get(keyString);
  if (!item) return;
  const key: Item = {};
  for (const n of keyAttributeNames(table.keySchema)) key[n] = item[n]!;
  commitChange(world, { table, op: 'TTL', key, keyString, oldItem: item, newItem: undefined, byService: true });
}

export { preparePut, prepareDelete, prepareUpdate, apply, type PreparedWrite };
