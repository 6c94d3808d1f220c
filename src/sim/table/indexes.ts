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
 *
 * Here: what every table needs (key schemas, the index type, finding an index by name). The rest is
 * the indexes part's (`../parts.ts`), loaded by a run that declares an index: declaring them
 * (CreateTable's lists, UpdateTable's updates, DescribeTable's view) is `indexApi.ts`; what an index
 * holds of an item and what a write owes it (its key checks, its capacity) is `indexEntries.ts`.
 */
import { validationError } from '../api/errors.ts';
import type { KeySchema, ScalarType } from './table.ts';

export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';

export interface SecondaryIndex {
  name: string;
  global: boolean;
  keySchema: KeySchema;
  projection: { type: ProjectionType; nonKeyAttributes?: string[] };
  provisioned?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
}

export const PARAM = 'One or more parameter values were invalid: ';

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

/**
 * Whether CreateTable declares an index list (an absent or null list declares none): only then does
 * the table need the indexes part to read them.
 */
export function declaresIndexes(input: Record<string, unknown>): boolean {
  return (input.LocalSecondaryIndexes ?? null) !== null || (input.GlobalSecondaryIndexes ?? null) !== null;
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
