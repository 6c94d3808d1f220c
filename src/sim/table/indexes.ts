/**
 * Secondary indexes: local (LSI, same partition key, another sort key) and global (GSI, any key),
 * as CreateTable and UpdateTable declare them and DescribeTable shows them.
 *
 * How an index is modelled: it holds no copy of its own. Its entries are the table's items that
 * carry every index key attribute, seen through the index key schema and projection, derived when
 * the index is read. That is exactly an index maintained on every write with no propagation lag.
 * On AWS a GSI is updated asynchronously (usually within a second), so a GSI read can miss a write
 * the table already has; here it never does, which docs/architecture/simplifications.md and the Table panel say.
 * A strongly consistent read of a GSI is refused as AWS refuses it. Pure; no trace facts.
 */
import { AwsError, validationError } from '../api/errors.ts';
import type { Item } from './attributeValue.ts';
import { attributeType, getOwn, setOwn } from './attributes.ts';
import type { KeySchema, ScalarType, TableState } from './table.ts';
import { keySize } from './limits.ts';

export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';

export interface SecondaryIndex {
  name: string;
  global: boolean;
  keySchema: KeySchema;
  projection: { type: ProjectionType; nonKeyAttributes?: string[] };
  provisioned?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
}

/** AWS's default quotas: 5 local and 20 global secondary indexes per table. */
export const MAX_LOCAL_INDEXES = 5;
export const MAX_GLOBAL_INDEXES = 20;
/** At most 100 projected non-key attributes over all of a table's indexes. */
const MAX_PROJECTED_ATTRIBUTES = 100;
const INDEX_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
const PARAM = 'One or more parameter values were invalid: ';

export type TypeOf = (name: string) => ScalarType;

/** A KeySchema list: HASH first, then at most one RANGE, as AWS requires (it never reorders). */
export function parseKeyElements(ks: unknown, typeOf: TypeOf): KeySchema {
  if (!Array.isArray(ks) || ks.length === 0) {
    throw validationError("1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null");
  }
  if (ks.length > 2) {
    throw validationError("1 validation error detected: Value at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2");
  }
  const [first, second] = ks as { AttributeName?: unknown; KeyType?: unknown }[];
  if (first?.KeyType !== 'HASH' || typeof first.AttributeName !== 'string') {
    throw validationError('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  }
  const schema: KeySchema = { hash: { name: first.AttributeName, type: typeOf(first.AttributeName) } };
  if (second !== undefined) {
    if (second?.KeyType !== 'RANGE' || typeof second.AttributeName !== 'string') {
      throw validationError('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
    }
    if (second.AttributeName === first.AttributeName) {
      throw validationError('Both the Hash Key and the Range Key element in the KeySchema have the same name');
    }
    schema.range = { name: second.AttributeName, type: typeOf(second.AttributeName) };
  }
  return schema;
}

export function keySchemaBody(schema: KeySchema): { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[] {
  return [
    { AttributeName: schema.hash.name, KeyType: 'HASH' },
    ...(schema.range ? [{ AttributeName: schema.range.name, KeyType: 'RANGE' as const }] : []),
  ];
}

function parseProjection(raw: unknown, indexName: string): SecondaryIndex['projection'] {
  if (raw === null || typeof raw !== 'object') throw validationError(`${PARAM}Projection must be specified for index: ${indexName}`);
  const { ProjectionType: type, NonKeyAttributes: nonKey } = raw as { ProjectionType?: unknown; NonKeyAttributes?: unknown };
  if (type !== 'ALL' && type !== 'KEYS_ONLY' && type !== 'INCLUDE') {
    throw validationError(`1 validation error detected: Value '${String(type)}' at 'projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]`);
  }
  if (type !== 'INCLUDE') {
    if (nonKey !== undefined) throw validationError(`${PARAM}ProjectionType is ${type}, but NonKeyAttributes is specified`);
    return { type };
  }
  if (!Array.isArray(nonKey) || nonKey.length === 0 || nonKey.some((n) => typeof n !== 'string' || n === '')) {
    throw validationError(`${PARAM}ProjectionType is INCLUDE, but NonKeyAttributes is not specified`);
  }
  return { type, nonKeyAttributes: [...new Set(nonKey as string[])] };
}

function parseThroughput(raw: unknown, indexName: string, billing: TableState['billingMode']): SecondaryIndex['provisioned'] {
  if (billing === 'PAY_PER_REQUEST') {
    if (raw !== undefined) throw validationError(`${PARAM}ProvisionedThroughput should not be specified for index: ${indexName} when BillingMode is PAY_PER_REQUEST`);
    return undefined;
  }
  const pt = raw as { ReadCapacityUnits?: unknown; WriteCapacityUnits?: unknown } | undefined;
  if (typeof pt?.ReadCapacityUnits !== 'number' || typeof pt.WriteCapacityUnits !== 'number') {
    throw validationError(`${PARAM}ProvisionedThroughput must be specified for index: ${indexName}`);
  }
  return { ReadCapacityUnits: pt.ReadCapacityUnits, WriteCapacityUnits: pt.WriteCapacityUnits };
}

/** One index declaration of CreateTable or of UpdateTable's `Create`. */
export function parseIndex(raw: unknown, global: boolean, table: { keySchema: KeySchema; billingMode: TableState['billingMode'] }, typeOf: TypeOf): SecondaryIndex {
  const decl = (raw ?? {}) as { IndexName?: unknown; KeySchema?: unknown; Projection?: unknown; ProvisionedThroughput?: unknown };
  const name = decl.IndexName;
  if (typeof name !== 'string' || !INDEX_NAME.test(name)) {
    throw validationError(`1 validation error detected: Value '${String(name)}' at 'indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`);
  }
  const keySchema = parseKeyElements(decl.KeySchema, typeOf);
  if (!global) {
    if (!table.keySchema.range) throw validationError(`${PARAM}Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex`);
    if (!keySchema.range) throw validationError(`${PARAM}Index KeySchema does not have a range key for index: ${name}`);
    if (keySchema.hash.name !== table.keySchema.hash.name) {
      throw validationError(`${PARAM}Index KeySchema does not have the same leading hash key as table KeySchema for index: ${name}. index hash key: ${keySchema.hash.name}, table hash key: ${table.keySchema.hash.name}`);
    }
  }
  const index: SecondaryIndex = { name, global, keySchema, projection: parseProjection(decl.Projection, name) };
  if (!global && decl.ProvisionedThroughput !== undefined) throw validationError(`${PARAM}ProvisionedThroughput should not be specified for a local secondary index: ${name}`);
  const provisioned = global ? parseThroughput(decl.ProvisionedThroughput, name, table.billingMode) : undefined;
  if (provisioned) index.provisioned = provisioned;
  return index;
}

/** Both lists of CreateTable, with the quotas and the rules that span indexes. */
export function parseIndexes(input: Record<string, unknown>, table: { keySchema: KeySchema; billingMode: TableState['billingMode'] }, typeOf: TypeOf): SecondaryIndex[] {
  const lists: [unknown, boolean, number][] = [[input.LocalSecondaryIndexes, false, MAX_LOCAL_INDEXES], [input.GlobalSecondaryIndexes, true, MAX_GLOBAL_INDEXES]];
  const out: SecondaryIndex[] = [];
  for (const [list, global, max] of lists) {
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || list.length === 0) throw validationError(`${PARAM}List of ${global ? 'GlobalSecondaryIndexes' : 'LocalSecondaryIndexes'} is empty`);
    if (list.length > max) {
      throw new AwsError('LimitExceededException', `Subscriber limit exceeded: A table can have at most ${max} ${global ? 'global' : 'local'} secondary indexes`);
    }
    for (const raw of list) out.push(parseIndex(raw, global, table, typeOf));
  }
  checkIndexSet(out);
  return out;
}

export function checkIndexSet(indexes: readonly SecondaryIndex[]): void {
  const names = new Set<string>();
  for (const ix of indexes) {
    if (names.has(ix.name)) throw validationError(`${PARAM}Duplicate index name: ${ix.name}`);
    names.add(ix.name);
  }
  const projected = new Set(indexes.flatMap((ix) => ix.projection.nonKeyAttributes ?? []));
  if (projected.size > MAX_PROJECTED_ATTRIBUTES) {
    throw new AwsError('LimitExceededException', `Subscriber limit exceeded: The sum of NonKeyAttributes across all secondary indexes may not exceed ${MAX_PROJECTED_ATTRIBUTES}`);
  }
}

/** Every attribute name a key schema of the table or of one of its indexes uses. */
export function keyAttributesOf(schema: KeySchema, indexes: readonly SecondaryIndex[]): Set<string> {
  const names = new Set<string>([schema.hash.name, ...(schema.range ? [schema.range.name] : [])]);
  for (const ix of indexes) {
    names.add(ix.keySchema.hash.name);
    if (ix.keySchema.range) names.add(ix.keySchema.range.name);
  }
  return names;
}

/** The attributes an index entry carries: the table's key, then the index's key (no repeats). */
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

export function findIndex(table: TableState, name: string): SecondaryIndex {
  const index = table.indexes?.find((ix) => ix.name === name);
  if (!index) throw validationError(`The table does not have the specified index: ${name}`);
  return index;
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
