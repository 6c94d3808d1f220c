/**
 * The control plane of secondary indexes: how DescribeTable shows them, and UpdateTable's
 * GlobalSecondaryIndexUpdates (Create, Update, Delete), and CreateTable's index lists: the indexes
 * part (`../parts.ts`), loaded by a run whose plan declares an index (`indexes.ts` keeps what every
 * table and write needs).
 *
 * Simplification, as for tables: a new GSI is ACTIVE (and backfilled) at once; AWS answers
 * CREATING and backfills for minutes. AWS allows one index creation or deletion per UpdateTable.
 */
import { AwsError, validationError } from '../api/errors.ts';
import { itemSize } from './itemSize.ts';
import { keySchemaBody, PARAM, parseKeyElements, type SecondaryIndex, type TypeOf } from './indexes.ts';
import { inIndex, projectToIndex } from './indexEntries.ts';
import type { KeySchema, ScalarType, TableState } from './table.ts';

/** AWS's default quotas: 5 local and 20 global secondary indexes per table. */
const MAX_LOCAL_INDEXES = 5;
const MAX_GLOBAL_INDEXES = 20;
/** At most 100 projected non-key attributes over all of a table's indexes. */
const MAX_PROJECTED_ATTRIBUTES = 100;
const INDEX_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
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

function indexStats(table: TableState, index: SecondaryIndex): { ItemCount: number; IndexSizeBytes: number } {
  let count = 0;
  let bytes = 0;
  for (const item of table.items.values()) {
    if (!inIndex(index, item)) continue;
    count++;
    bytes += itemSize(projectToIndex(table, index, item));
  }
  return { ItemCount: count, IndexSizeBytes: bytes };
}

function projectionBody(index: SecondaryIndex): Record<string, unknown> {
  return index.projection.nonKeyAttributes
    ? { ProjectionType: index.projection.type, NonKeyAttributes: index.projection.nonKeyAttributes }
    : { ProjectionType: index.projection.type };
}

/** DescribeTable's LocalSecondaryIndexes and GlobalSecondaryIndexes (absent when there are none). */
export function describeIndexes(table: TableState): Record<string, unknown> {
  const indexes = table.indexes ?? [];
  const body = (ix: SecondaryIndex): Record<string, unknown> => ({
    IndexName: ix.name,
    KeySchema: keySchemaBody(ix.keySchema),
    Projection: projectionBody(ix),
    ...(ix.global
      ? {
          IndexStatus: 'ACTIVE',
          ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: ix.provisioned?.ReadCapacityUnits ?? 0, WriteCapacityUnits: ix.provisioned?.WriteCapacityUnits ?? 0 },
        }
      : {}),
    ...indexStats(table, ix),
    IndexArn: `${table.arn}/index/${ix.name}`,
  });
  const local = indexes.filter((ix) => !ix.global).map(body);
  const global = indexes.filter((ix) => ix.global).map(body);
  return {
    ...(local.length > 0 ? { LocalSecondaryIndexes: local } : {}),
    ...(global.length > 0 ? { GlobalSecondaryIndexes: global } : {}),
  };
}

type IndexUpdate = { Create?: Record<string, unknown>; Update?: Record<string, unknown>; Delete?: Record<string, unknown> };

/** The type of a new index key attribute: from the table's definitions, or the request's new ones. */
function typeFrom(table: TableState, input: Record<string, unknown>): (name: string) => ScalarType {
  const requested = Array.isArray(input.AttributeDefinitions) ? (input.AttributeDefinitions as { AttributeName?: unknown; AttributeType?: unknown }[]) : [];
  return (name) => {
    const d = requested.find((x) => x?.AttributeName === name) ?? table.attributeDefinitions.find((x) => x.AttributeName === name);
    if (!d) throw validationError(`One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${name}]`);
    if (d.AttributeType !== 'S' && d.AttributeType !== 'N' && d.AttributeType !== 'B') throw validationError(`Invalid AttributeType for ${name}: must be S, N or B`);
    return d.AttributeType;
  };
}

function notFound(table: TableState, name: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Requested resource not found: Index: ${name} not found for table ${table.name}`);
}

/** UpdateTable's GlobalSecondaryIndexUpdates, applied at once (validated in full first). */
export function updateGlobalIndexes(table: TableState, input: Record<string, unknown>): void {
  const updates = input.GlobalSecondaryIndexUpdates;
  if (!Array.isArray(updates) || updates.length === 0) throw validationError('One or more parameter values were invalid: GlobalSecondaryIndexUpdates is empty');
  const creates = updates.filter((u: IndexUpdate) => u?.Create !== undefined || u?.Delete !== undefined);
  if (creates.length > 1) {
    throw new AwsError('LimitExceededException', 'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table');
  }
  let next: SecondaryIndex[] = [...(table.indexes ?? [])];
  for (const u of updates as IndexUpdate[]) {
    const kinds = (['Create', 'Update', 'Delete'] as const).filter((k) => u?.[k] !== undefined);
    if (kinds.length !== 1) throw validationError('One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Create, Update or Delete must be specified');
    const body = u[kinds[0]!]!;
    const name = String(body.IndexName);
    const existing = next.find((ix) => ix.name === name && ix.global);
    if (kinds[0] === 'Create') {
      if (next.some((ix) => ix.name === name)) throw validationError(`One or more parameter values were invalid: Index already exists: ${name}`);
      if (next.filter((ix) => ix.global).length >= MAX_GLOBAL_INDEXES) {
        throw new AwsError('LimitExceededException', `Subscriber limit exceeded: A table can have at most ${MAX_GLOBAL_INDEXES} global secondary indexes`);
      }
      next.push(parseIndex(body, true, table, typeFrom(table, input)));
    } else if (kinds[0] === 'Delete') {
      if (!existing) throw notFound(table, name);
      next = next.filter((ix) => ix !== existing);
    } else {
      if (!existing) throw notFound(table, name);
      const updated = parseIndex({ ...body, KeySchema: keySchemaBody(existing.keySchema), Projection: projectionBody(existing) }, true, table, typeFrom(table, input));
      next = next.map((ix) => (ix === existing ? { ...existing, ...(updated.provisioned ? { provisioned: updated.provisioned } : {}) } : ix));
    }
  }
  checkIndexSet(next);
  applyDefinitions(table, next, typeFrom(table, input));
  if (next.length > 0) table.indexes = next;
  else delete table.indexes;
}

/** AttributeDefinitions follow the key attributes still in use by the table and its indexes. */
function applyDefinitions(table: TableState, indexes: readonly SecondaryIndex[], typeOf: (name: string) => ScalarType): void {
  const names = [table.keySchema.hash.name, ...(table.keySchema.range ? [table.keySchema.range.name] : [])];
  for (const ix of indexes) for (const k of [ix.keySchema.hash, ix.keySchema.range]) if (k && !names.includes(k.name)) names.push(k.name);
  table.attributeDefinitions = names.map((n) => ({ AttributeName: n, AttributeType: typeOf(n) }));
}
