/**
 * The control plane of secondary indexes: how DescribeTable shows them, and UpdateTable's
 * GlobalSecondaryIndexUpdates (Create, Update, Delete).
 *
 * Simplification, as for tables: a new GSI is ACTIVE (and backfilled) at once; AWS answers
 * CREATING and backfills for minutes. AWS allows one index creation or deletion per UpdateTable.
 */
import { AwsError, validationError } from '../api/errors.ts';
import { itemSize } from './itemSize.ts';
import { checkIndexSet, inIndex, keySchemaBody, MAX_GLOBAL_INDEXES, parseIndex, projectToIndex, type SecondaryIndex } from './indexes.ts';
import type { ScalarType, TableState } from './table.ts';

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
