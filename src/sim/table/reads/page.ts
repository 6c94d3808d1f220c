/**
 * What Query and Scan share: the request's expressions and Select, the target (the table or one of
 * its indexes), ExclusiveStartKey, and one page: at most `Limit` items evaluated and at most 1 MB
 * read, the FilterExpression applied after the read, the projection after the filter
 * (API Reference, Query and Scan: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html).
 * Pure.
 */
import { validationError } from '../../api/errors.ts';
import { optionalString } from '../../api/input.ts';
import type { Item } from '../attributeValue.ts';
import { attributeType, getOwn, setOwn, validateItem } from '../attributes.ts';
import { itemSize } from '../itemSize.ts';
import { checkPlaceholders, evaluateCondition, parseCondition, type ConditionAst, type ExpressionContext, type ProjectionAst } from '../expressions/index.ts';
import type { ResolvedPath } from '../expressions/paths.ts';
import type { SecondaryIndex } from '../indexes.ts';
import { part } from '../../parts.ts';
import { checkExpressionSize } from '../limits.ts';
import { keyAttributeNames, tableKeyString, type KeySchema, type TableState } from '../table.ts';
import { expressionContext } from '../items.ts';

/** The most a Query or Scan reads before it returns a page. */
export const PAGE_BYTES = 1024 * 1024;

export type Select = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';
const SELECTS: readonly Select[] = ['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES'];

/** The request's expressions, parsed and checked together (every placeholder used, none missing). */
export interface ReadExpressions {
  ctx: ExpressionContext;
  key?: ConditionAst;
  filter?: ConditionAst;
  projection?: ProjectionAst;
}

const LEGACY = ['KeyConditions', 'QueryFilter', 'ScanFilter', 'ConditionalOperator'] as const;

export function readExpressions(input: Record<string, unknown>, withKey: boolean): ReadExpressions {
  for (const name of LEGACY) {
    if (input[name] !== undefined && input[name] !== null) {
      throw validationError(`Streamscope does not simulate the legacy parameter ${name}: use KeyConditionExpression / FilterExpression instead`);
    }
  }
  const keyText = withKey ? optionalString(input, 'KeyConditionExpression') : undefined;
  if (!withKey && input.KeyConditionExpression !== undefined) throw validationError('KeyConditionExpression is not supported for Scan');
  if (withKey && keyText === undefined) throw validationError('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  const filterText = optionalString(input, 'FilterExpression');
  checkExpressionSize(keyText, 'KeyConditionExpression');
  checkExpressionSize(filterText, 'FilterExpression');
  const ctx = expressionContext(input);
  const out: ReadExpressions = { ctx };
  if (keyText !== undefined) out.key = parseCondition(keyText, 'KeyConditionExpression');
  if (filterText !== undefined) out.filter = parseCondition(filterText, 'FilterExpression');
  // A projection is the projections part's (`../../parts.ts`): `partsFor` finds one in a plan's calls.
  const projection = input.ProjectionExpression !== undefined || input.AttributesToGet !== undefined ? part('projections').projectionOf(input) : undefined;
  if (projection) out.projection = projection;
  if (ctx.values && out.key === undefined && out.filter === undefined) {
    throw validationError(`ExpressionAttributeValues can only be specified when using expressions: ${withKey ? 'FilterExpression and KeyConditionExpression are' : 'FilterExpression is'} null`);
  }
  const asts = [out.key, out.filter, input.AttributesToGet === undefined ? out.projection : undefined].filter((a) => a !== undefined);
  if (ctx.names || ctx.values || asts.length > 0) checkPlaceholders(asts, ctx);
  // Once against no item: what needs no item (operand types, BETWEEN's bounds) fails on an empty table too.
  if (out.filter) evaluateCondition(out.filter, undefined, ctx, 'FilterExpression');
  return out;
}

export function selectOf(input: Record<string, unknown>, hasProjection: boolean): Select | undefined {
  const s = input.Select;
  if (s === undefined || s === null) return undefined;
  if (typeof s !== 'string' || !SELECTS.includes(s as Select)) {
    throw validationError(`1 validation error detected: Value '${String(s)}' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [${SELECTS.join(', ')}]`);
  }
  if (s === 'SPECIFIC_ATTRIBUTES' && !hasProjection) throw validationError('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
  if (s !== 'SPECIFIC_ATTRIBUTES' && hasProjection) throw validationError(`Cannot specify the AttributesToGet when choosing to get ${s}`);
  return s as Select;
}

/** What a read runs against: the table, or one index seen through its key schema and projection. */
export interface ReadTarget {
  table: TableState;
  index?: SecondaryIndex;
  schema: KeySchema;
  /** The attributes of LastEvaluatedKey / ExclusiveStartKey. */
  keyNames: string[];
  select: Select;
}

export function readTarget(table: TableState, input: Record<string, unknown>, select: Select | undefined, hasProjection: boolean, consistent: boolean): ReadTarget {
  const indexName = optionalString(input, 'IndexName');
  if (indexName === undefined) {
    if (select === 'ALL_PROJECTED_ATTRIBUTES') throw validationError('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
    return { table, schema: table.keySchema, keyNames: keyAttributeNames(table.keySchema), select: select ?? (hasProjection ? 'SPECIFIC_ATTRIBUTES' : 'ALL_ATTRIBUTES') };
  }
  const index = table.indexes?.find((ix) => ix.name === indexName);
  if (!index) throw validationError(`The table does not have the specified index: ${indexName}`);
  if (index.global && consistent) throw validationError('Consistent reads are not supported on global secondary indexes');
  if (index.global && select === 'ALL_ATTRIBUTES' && index.projection.type !== 'ALL') {
    throw validationError(`One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.name} because its projection type is not ALL`);
  }
  return { table, index, schema: index.keySchema, keyNames: part('indexes').indexKeyNames(table, index), select: select ?? (hasProjection ? 'SPECIFIC_ATTRIBUTES' : 'ALL_PROJECTED_ATTRIBUTES') };
}

/**
 * The item as the target holds it. A GSI holds only what it projects; a local index fetches the
 * rest from the table when asked for more (AWS charges that fetch, which capacity.ts ignores).
 */
export function viewOf(target: ReadTarget, item: Item): Item | undefined {
  const { index, table } = target;
  if (!index) return item;
  // A table has an index only when its run declared one: the indexes part is loaded.
  const entries = part('indexes');
  if (!entries.inIndex(index, item)) return undefined;
  const fetchFromTable = !index.global && (target.select === 'ALL_ATTRIBUTES' || target.select === 'SPECIFIC_ATTRIBUTES');
  return fetchFromTable ? item : entries.projectToIndex(table, index, item);
}

/** Checks an ExclusiveStartKey: exactly the target's key attributes, with their types. */
export function startKeyOf(input: Record<string, unknown>, target: ReadTarget): Item | undefined {
  if (input.ExclusiveStartKey === undefined || input.ExclusiveStartKey === null) return undefined;
  const esk = validateItem(input.ExclusiveStartKey, 'ExclusiveStartKey');
  const invalid = (): Error => validationError('The provided starting key is invalid: The provided key element does not match the schema');
  if (Object.keys(esk).length !== target.keyNames.length) throw invalid();
  const types = new Map<string, string>(target.table.attributeDefinitions.map((d) => [d.AttributeName, d.AttributeType]));
  for (const n of target.keyNames) {
    const v = getOwn(esk, n);
    if (v === undefined || attributeType(v) !== types.get(n)) throw invalid();
  }
  return esk;
}

export function keyOf(target: ReadTarget, item: Item): Item {
  const key: Item = {};
  for (const n of target.keyNames) {
    const v = getOwn(item, n);
    if (v !== undefined) setOwn(key, n, v);
  }
  return key;
}

/** Ties (same index key) are ordered by the table key, so pages never skip or repeat an item. */
export function tieBreak(target: ReadTarget, a: Item, b: Item): number {
  if (!target.index) return 0;
  const x = tableKeyString(target.table, a);
  const y = tableKeyString(target.table, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface PageOptions {
  limit: number | undefined;
  filter: ConditionAst | undefined;
  ctx: ExpressionContext;
  paths: ResolvedPath[] | undefined;
}

export interface Page {
  items: Item[];
  count: number;
  scannedCount: number;
  bytesRead: number;
  lastEvaluatedKey?: Item;
}

/**
 * One page over entries already in order and already past ExclusiveStartKey: stops after `limit`
 * items evaluated (LastEvaluatedKey set even when nothing follows, as DynamoDB does) or once 1 MB
 * has been read (LastEvaluatedKey set when more remain).
 */
export function readPage(target: ReadTarget, entries: readonly Item[], o: PageOptions): Page {
  const items: Item[] = [];
  let count = 0;
  let bytes = 0;
  let scanned = 0;
  let last: Item | undefined;
  for (const entry of entries) {
    if ((o.limit !== undefined && scanned >= o.limit) || bytes >= PAGE_BYTES) break;
    bytes += itemSize(entry);
    scanned++;
    last = entry;
    if (o.filter && !evaluateCondition(o.filter, entry, o.ctx, 'FilterExpression')) continue;
    count++;
    if (target.select !== 'COUNT') items.push(o.paths === undefined ? entry : part('projections').projectItem(entry, o.paths));
  }
  const page: Page = { items, count, scannedCount: scanned, bytesRead: bytes };
  const stoppedByLimit = o.limit !== undefined && scanned >= o.limit;
  if (last && (stoppedByLimit || scanned < entries.length)) page.lastEvaluatedKey = keyOf(target, last);
  return page;
}

export function paths(exprs: ReadExpressions): ResolvedPath[] | undefined {
  return exprs.projection ? part('projections').resolveProjection(exprs.projection, exprs.ctx) : undefined;
}

/** The response body of Query and Scan. */
export function pageBody(target: ReadTarget, page: Page): Record<string, unknown> {
  return {
    ...(target.select === 'COUNT' ? {} : { Items: page.items }),
    Count: page.count,
    ScannedCount: page.scannedCount,
    ...(page.lastEvaluatedKey ? { LastEvaluatedKey: page.lastEvaluatedKey } : {}),
  };
}
