/**
 * Item operations: PutItem, UpdateItem, DeleteItem, and what BatchWriteItem (`batchWrite.ts`) and
 * TransactWriteItems (`transactions.ts`) build on.
 *
 * Each one validates its request, evaluates its condition against the stored item, computes the new
 * item, and hands the change to `commitChange`, which decides INSERT / MODIFY / REMOVE or no-op and
 * emits the stream record (reference §1.2). A failed condition changes nothing and emits nothing.
 */
import { AwsError, validationError } from '../api/errors.ts';
import { optionalObject, optionalString, requireString } from '../api/input.ts';
import type { World } from '../world.ts';
import type { AttributeValue, Item } from './attributeValue.ts';
import { setOwn, validateAttributeValue, validateItem } from './attributes.ts';
import { validateItemSized, validatedItemSize, validatedItemSizeBound } from './attributeValidation.ts';
import { checkPlaceholders, evaluateCondition, parseCondition, parseUpdate, applyUpdate, type ExpressionContext } from './expressions/index.ts';
import { resolvePath } from './expressions/paths.ts';
import { updateTargets } from './expressions/updateParser.ts';
import { checkExpressionSize, checkItemBytes, checkItemSize, MAX_ITEM_BYTES } from './limits.ts';
import { capacityMode, withCapacity, type CapacityMode } from './capacity.ts';
import { writeConsumption } from './writeCapacity.ts';
import { checkKey, keyAttributeNames, tableKeyString, type TableState } from './table.ts';
import { itemKey, keyHash, type KeyMemo } from './itemKey.ts';
import { findTable } from './tableApi.ts';
import { commitChange, recordRejected } from './commit.ts';
import { rememberedItem } from './itemMap.ts';
import { part } from '../parts.ts';
import { hasOwn } from '../kernel/own.ts';

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
  /** The new item's `itemSize` when the 400 KB check computed it (the record's SizeBytes reuses it). */
  newItemSize?: number;
  /** The key's partition hash when the prepare found it (a put: `itemKey.ts`). The shared put's holds a number always (−1 before the first put, then the last put's), so the number is stored in place, not boxed: `ItemChange.hash`. */
  hash?: number;
  /** The found key's memo of its write-column index (a put: `itemKey.ts`). */
  keyMemo?: KeyMemo;
}

export function expressionContext(input: Record<string, unknown>): ExpressionContext {
  const names = optionalObject(input, 'ExpressionAttributeNames') as Record<string, string> | undefined;
  const rawValues = optionalObject(input, 'ExpressionAttributeValues');
  let values: Record<string, AttributeValue> | undefined;
  if (rawValues) {
    // Each value validated as `validateItem({ v }, path).v` would (the same value, the same
    // messages), without the entries, the wrapper and the item made for it on every write.
    values = {};
    for (const k in rawValues) if (hasOwn(rawValues, k)) setOwn(values, k, validateAttributeValue(rawValues[k], `ExpressionAttributeValues.${k}`, 'v'));
  }
  const ctx: ExpressionContext = {};
  if (names) ctx.names = names;
  if (values) ctx.values = values;
  return ctx;
}

const absent = (v: unknown): boolean => v === undefined || v === null;

/** What a write without expressions prepares (frozen: it is shared by every such write). */
const NO_EXPRESSIONS: { ctx: ExpressionContext; condition: undefined; update: undefined } = Object.freeze({
  ctx: Object.freeze({}),
  condition: undefined,
  update: undefined,
});

/**
 * Parses the condition (and optional update) and checks every placeholder is defined and used.
 * Exported for `faults/write.ts`, which checks a user's write before it is scheduled.
 */
export function prepareExpressions(input: Record<string, unknown>, updateExpression?: string) {
  rejectLegacyParameters(input);
  // Most writes carry no expression at all: one shared answer, no context object per write.
  if (updateExpression === undefined && absent(input.ConditionExpression) && absent(input.ExpressionAttributeNames) && absent(input.ExpressionAttributeValues)) {
    return NO_EXPRESSIONS;
  }
  const ctx = expressionContext(input);
  const conditionText = optionalString(input, 'ConditionExpression');
  checkExpressionSize(conditionText, 'ConditionExpression');
  checkExpressionSize(updateExpression, 'UpdateExpression');
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
function rejectLegacyParameters(input: Record<string, unknown>): void {
  // Three named reads, not a loop over the names: a read by a varying name is a slow lookup on every write.
  const name = present(input.Expected) ? 'Expected' : present(input.AttributeUpdates) ? 'AttributeUpdates' : present(input.ConditionalOperator) ? 'ConditionalOperator' : undefined;
  if (name !== undefined) {
    throw validationError(`Streamscope does not simulate the legacy parameter ${name}: use ConditionExpression / UpdateExpression instead`);
  }
}

const present = (v: unknown): boolean => v !== undefined && v !== null;

function conditionalCheckFailed(input: Record<string, unknown>, oldItem: Item | undefined): AwsError {
  const returnOld = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && oldItem;
  return new AwsError('ConditionalCheckFailedException', 'The conditional request failed', returnOld ? { Item: oldItem } : {});
}

/**
 * The 400 KB check of a put's item, just validated: its size, or undefined when validation knew
 * only a bound of it and the bound is within the limit (the item version's size is then taken when
 * first read: `ItemVersions.sizeAt`). Past the limit by its bound, the item is sized exactly.
 */
function putItemSize(item: Item): number | undefined {
  const size = validatedItemSize();
  if (size !== undefined) return checkItemBytes(size, 'put');
  return validatedItemSizeBound() <= MAX_ITEM_BYTES ? undefined : checkItemSize(item, 'put');
}

// Each prepare validates the request in full before it looks the table up: a malformed request
// to a missing table is a ValidationException on AWS, not ResourceNotFoundException.
/**
 * `owned`: the request is the simulation's own copy; its item is stored as it is when already valid
 * (`validateSizedItem`). `into`: the object to fill instead of a new one (`putItem`'s).
 */
function preparePut(world: World, input: Record<string, unknown>, op = 'PutItem', owned = false, into?: PreparedWrite): PreparedWrite {
  const tableName = requireString(input, 'TableName');
  const item = validateItemSized(input.Item, 'Item', owned);
  const newItemSize = putItemSize(item);
  const { ctx, condition } = prepareExpressions(input);
  const table = findTable(world, tableName);
  // The key, its string and its hash in one look (the same key object for every write of it).
  const found = itemKey(table, item);
  const { key, keyString } = found;
  const hash = keyHash(found);
  // A table has indexes only when its run declared them (the indexes part, loaded then).
  if (table.indexes?.length) part('indexes').checkIndexKeys(table, item);
  // The item its memo remembers when nothing changed it since (`itemMap.ts`): no lookup by key string.
  const oldItem = rememberedItem(table.items, keyString, found);
  const ok = condition !== undefined ? evaluateCondition(condition, oldItem, ctx) : true;
  if (into === undefined) return { table, op, key, keyString, oldItem, newItem: item, conditionFailed: !ok, newItemSize, hash, keyMemo: found };
  into.table = table;
  into.op = op;
  into.key = key;
  into.keyString = keyString;
  into.oldItem = oldItem;
  into.newItem = item;
  into.conditionFailed = !ok;
  into.newItemSize = newItemSize;
  into.hash = hash;
  into.keyMemo = found;
  return into;
}

const NO_ITEM: Item = Object.freeze({});
/**
 * The write a PutItem prepares, one object for all of them while none is under way (with the
 * sized item's result object, ~150 of the ~230 bytes a scripted put allocated: fewer scavenges,
 * issue #16). Nothing keeps it past the call (`commitChange` copies what it needs into its own
 * scratch rows); it is emptied after each use, so it holds no world's table or items between calls.
 */
const PUT: PreparedWrite = { table: undefined as unknown as TableState, op: '', key: NO_ITEM, keyString: '', oldItem: undefined, newItem: undefined, conditionFailed: false, newItemSize: undefined, hash: -1, keyMemo: undefined };
let putInUse = false;

function releasePut(): void {
  PUT.table = undefined as unknown as TableState;
  PUT.key = NO_ITEM;
  PUT.oldItem = undefined;
  PUT.newItem = undefined;
  PUT.keyMemo = undefined;
  putInUse = false;
}

function prepareDelete(world: World, input: Record<string, unknown>, op = 'DeleteItem'): PreparedWrite {
  const tableName = requireString(input, 'TableName');
  const rawKey = validateItem(input.Key, 'Key');
  const { ctx, condition } = prepareExpressions(input);
  const table = findTable(world, tableName);
  const key = checkKey(table, rawKey);
  const keyString = tableKeyString(table, key);
  const oldItem = table.items.get(keyString);
  const ok = condition ? evaluateCondition(condition, oldItem, ctx) : true;
  return { table, op, key, keyString, oldItem, newItem: undefined, conditionFailed: !ok };
}

function prepareUpdate(world: World, input: Record<string, unknown>, op = 'UpdateItem'): PreparedWrite {
  const tableName = requireString(input, 'TableName');
  const rawKey = validateItem(input.Key, 'Key');
  const { ctx, condition, update } = prepareExpressions(input, optionalString(input, 'UpdateExpression'));
  const table = findTable(world, tableName);
  const key = checkKey(table, rawKey);
  const keyString = tableKeyString(table, key);
  const oldItem = table.items.get(keyString);
  const ok = condition ? evaluateCondition(condition, oldItem, ctx) : true;
  let newItem: Item | undefined = update ? applyUpdate(update, oldItem, key, keyAttributeNames(table.keySchema), ctx) : (oldItem ?? key);
  // An update that leaves only the key on a missing item (e.g. REMOVE only) creates nothing.
  if (!oldItem && update && newItem && Object.keys(newItem).length === Object.keys(key).length) newItem = undefined;
  let newItemSize: number | undefined;
  if (newItem && update) {
    newItemSize = checkItemSize(newItem, 'update');
    if (table.indexes?.length) part('indexes').checkIndexKeys(table, newItem);
  }
  return { table, op, key, keyString, oldItem, newItem, conditionFailed: !ok, newItemSize };
}

function apply(world: World, w: PreparedWrite): void {
  // A prepared write is a Change (plus its condition's verdict): no copy per write.
  commitChange(world, w);
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
  // The usual answer first: `includes` is a builtin call on every write.
  if (m === 'NONE') return m;
  if (typeof m !== 'string' || !allowed.includes(m)) {
    throw validationError(`1 validation error detected: Value '${String(m)}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return m;
}

/** The response of one write; its ConsumedCapacity (which sizes the old and new item) only when asked for. */
function writeResponse<T extends Record<string, unknown>>(body: T, capacity: CapacityMode, w: PreparedWrite): T {
  return capacity === 'NONE' ? body : withCapacity(body, capacity, writeConsumption(w));
}

export function putItem(world: World, input: Record<string, unknown>, owned = false): unknown {
  const mode = returnValue(input.ReturnValues, PUT_RETURN_VALUES);
  const capacity = capacityMode(input);
  // A put started while another is under way (none is today) prepares into its own object.
  if (putInUse) return put(world, input, owned, mode, capacity, undefined);
  putInUse = true;
  try {
    return put(world, input, owned, mode, capacity, PUT);
  } finally {
    releasePut();
  }
}

/** What the shared prepared write still holds (for tests: nothing once a put has returned or thrown). */
export function heldByPutScratch(): unknown[] {
  const held: unknown[] = [PUT.table, PUT.oldItem, PUT.newItem, PUT.keyMemo, PUT.key === NO_ITEM ? undefined : PUT.key];
  return [...held.filter((x) => x !== undefined), ...(putInUse ? ['in use'] : [])];
}

/**
 * The empty response of an owned request (`api/call.ts`): its callers copy the response
 * (`Simulation.call`) or drop it (a scripted call), so one frozen object serves all. A new `{}`
 * per put was 56 of the 69 bytes a scripted put allocated, and most of its collections (session 29).
 */
const EMPTY_RESPONSE: Record<string, never> = Object.freeze({});

function put(world: World, input: Record<string, unknown>, owned: boolean, mode: string, capacity: CapacityMode, into: PreparedWrite | undefined): unknown {
  const w = preparePut(world, input, 'PutItem', owned, into);
  applyOrReject(world, input, w);
  const body = mode === 'ALL_OLD' && w.oldItem ? { Attributes: w.oldItem } : owned ? EMPTY_RESPONSE : {};
  return writeResponse(body, capacity, w);
}

export function deleteItem(world: World, input: Record<string, unknown>): unknown {
  const mode = returnValue(input.ReturnValues, PUT_RETURN_VALUES);
  const capacity = capacityMode(input);
  const w = prepareDelete(world, input);
  applyOrReject(world, input, w);
  return writeResponse(mode === 'ALL_OLD' && w.oldItem ? { Attributes: w.oldItem } : {}, capacity, w);
}

/**
 * UPDATED_OLD / UPDATED_NEW: the paths the update expression wrote, nested ones as nested values
 * (`SET m.a = :v` returns `{m: {M: {a}}}`, not the whole map), before or after the update.
 */
function updatedPaths(item: Item | undefined, input: Record<string, unknown>): Item | undefined {
  const text = optionalString(input, 'UpdateExpression');
  if (!item || text === undefined) return undefined;
  const ctx = expressionContext(input);
  // The projections part's (`../parts.ts`): `partsFor` finds UPDATED_OLD / UPDATED_NEW in a plan.
  const projected = part('projections').projectItem(item, updateTargets(parseUpdate(text)).map((p) => resolvePath(p, ctx)));
  return Object.keys(projected).length > 0 ? projected : undefined;
}

export function updateItem(world: World, input: Record<string, unknown>): unknown {
  const mode = returnValue(input.ReturnValues, UPDATE_RETURN_VALUES);
  const capacity = capacityMode(input);
  const w = prepareUpdate(world, input);
  applyOrReject(world, input, w);
  const attrs =
    mode === 'ALL_OLD' ? w.oldItem
    : mode === 'ALL_NEW' ? w.newItem
    : mode === 'UPDATED_OLD' ? updatedPaths(w.oldItem, input)
    : mode === 'UPDATED_NEW' ? updatedPaths(w.newItem, input)
    : undefined;
  return writeResponse(attrs ? { Attributes: attrs } : {}, capacity, w);
}

export { preparePut, prepareDelete, prepareUpdate, apply, type PreparedWrite };
