/**
 * A simulated table's state and its primary key rules.
 *
 * Items live in a Map keyed by a canonical key string. A table is divided into partitions, each
 * owning a range of the 32-bit hash of the partition key; every partition has exactly one open
 * shard in the table's stream, which is why all changes of one item land in one shard lineage.
 * This module may not schedule events or write the trace; operations do that.
 */
import { validationError } from '../api/errors.ts';
import type { AttributeValue, Item } from './attributeValue.ts';
import { attributeType, schemaKeyString } from './attributes.ts';
import type { StreamViewType } from '../stream/record.ts';
import type { SecondaryIndex } from './indexes.ts';
import { checkPartitionKeySize, checkSortKeySize } from './limits.ts';
import { hasOwn } from '../kernel/own.ts';

export type ScalarType = 'S' | 'N' | 'B';

export interface KeySchema {
  hash: { name: string; type: ScalarType };
  range?: { name: string; type: ScalarType };
}

/** A contiguous range [lo, hi] of the uint32 partition-key hash space. */
export interface Partition {
  id: number;
  lo: number;
  hi: number;
}

export interface TableState {
  name: string;
  arn: string;
  tableId: string;
  createdAtMs: number;
  keySchema: KeySchema;
  attributeDefinitions: { AttributeName: string; AttributeType: ScalarType }[];
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  provisioned?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  items: Map<string, Item>;
  partitions: Partition[];
  nextPartitionId: number;
  /** The stream currently enabled on the table, if any. */
  stream?: { arn: string; viewType: StreamViewType };
  /** The last stream ever enabled (DescribeTable's LatestStreamArn / LatestStreamLabel). */
  latestStream?: { arn: string; label: string };
  ttl?: { attributeName: string; enabled: boolean };
  /** Local and global secondary indexes (`indexes.ts`), in the order they were declared. */
  indexes?: SecondaryIndex[];
  /** The consumer that created this table for its own bookkeeping or output, if any. */
  owner?: string;
  /**
   * Set on every replica of a global table (the home one included) once the table has replicas:
   * the Region this replica is in (`src/sim/replication/`). Absent on ordinary tables.
   */
  replica?: { region: string };
}

export function keyAttributeNames(schema: KeySchema): string[] {
  return schema.range ? [schema.hash.name, schema.range.name] : [schema.hash.name];
}

function checkKeyValue(name: string, expected: ScalarType, v: AttributeValue | undefined, what: 'item' | 'key'): void {
  if (v === undefined) {
    throw validationError(`One or more parameter values were invalid: Missing the key ${name} in the ${what}`);
  }
  const actual = attributeType(v);
  if (actual !== expected) {
    throw validationError(
      `One or more parameter values were invalid: Type mismatch for key ${name} expected: ${expected} actual: ${actual}`,
    );
  }
  if ((actual === 'S' || actual === 'B') && (v as { S?: string; B?: string })[actual] === '') {
    throw validationError(
      `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${actual === 'S' ? 'string' : 'binary'} value. Key: ${name}`,
    );
  }
}

/** Extracts and checks the primary key of a full item (PutItem). */
export function keyOfItem(table: TableState, item: Item): Item {
  const { hash, range } = table.keySchema;
  const h = item[hash.name];
  checkKeyValue(hash.name, hash.type, h, 'item');
  checkPartitionKeySize(h!);
  // Assigned, not a computed-key literal (`{ [name]: v }`), which V8 builds on a slower path.
  const key: Item = {};
  key[hash.name] = h!;
  if (range) {
    const r = item[range.name];
    checkKeyValue(range.name, range.type, r, 'item');
    checkSortKeySize(r!);
    key[range.name] = r!;
  }
  return key;
}

/**
 * Checks a `Key` parameter: exactly the key attributes, with the right types. A missing, extra or
 * wrongly typed key attribute is "The provided key element does not match the schema" on AWS
 * (the "Type mismatch" wording is PutItem's, about an Item).
 */
export function checkKey(table: TableState, key: Item): Item {
  const names = keyAttributeNames(table.keySchema);
  const { hash, range } = table.keySchema;
  const typed = (k: { name: string; type: ScalarType }): boolean => hasOwn(key, k.name) && attributeType(key[k.name]!) === k.type;
  if (Object.keys(key).length !== names.length || !typed(hash) || (range !== undefined && !typed(range))) {
    throw validationError('The provided key element does not match the schema');
  }
  return keyOfItem(table, key);
}

export function tableKeyString(table: TableState, key: Item): string {
  return schemaKeyString(key, table.keySchema.hash.name, table.keySchema.range?.name);
}

/**
 * FNV-1a over the partition key's type and value, then murmur3's finalizer: deterministic and
 * identical in every engine. Without the final mix, keys that differ only in their last characters
 * (voter001, voter002, …) land in long runs on one partition, which DynamoDB's hashing does not do.
 */
export function partitionHash(table: TableState, key: Item): number {
  return valueHash(key[table.keySchema.hash.name]!);
}

/** The hash of one partition key value (a GSI's partition key too: parallel Scan segments use it). */
export function valueHash(v: AttributeValue): number {
  const type = attributeType(v);
  // FNV-1a over `${type}:${value}`, fed piece by piece rather than concatenated first.
  let h = 0x811c9dc5;
  for (let i = 0; i < type.length; i++) {
    h ^= type.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= 58; // ':'
  h = Math.imul(h, 0x01000193);
  const value = (v as Record<string, string>)[type]!;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function partitionFor(table: TableState, key: Item): Partition {
  return partitionOfHash(table, partitionHash(table, key));
}

/** The partition covering hash `h` (`partitionHash`: a write that knows its key's hash passes it). */
export function partitionOfHash(table: TableState, h: number): Partition {
  // An indexed loop: no closure per write (`find`), no iterator (`for…of`: 87 instructions a
  // record with one partition, session 29).
  const parts = table.partitions;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (h >= p.lo && h <= p.hi) return p;
  }
  throw new Error(`Streamscope invariant broken: no partition covers hash ${h}`);
}

/** Divides the hash space evenly into `count` partitions. */
export function initialPartitions(count: number): Partition[] {
  const parts: Partition[] = [];
  const span = Math.floor(0x100000000 / count);
  for (let i = 0; i < count; i++) {
    parts.push({ id: i, lo: i * span, hi: i === count - 1 ? 0xffffffff : (i + 1) * span - 1 });
  }
  return parts;
}

/**
 * How many partitions a new table starts with. AWS's rule of thumb: one partition per 3,000 RCU or
 * 1,000 WCU; a new on-demand table was observed with 4 shards (recording 08).
 */
export function partitionCountFor(billingMode: TableState['billingMode'], provisioned: TableState['provisioned']): number {
  if (billingMode === 'PAY_PER_REQUEST' || !provisioned) return 4;
  const n = Math.ceil(provisioned.ReadCapacityUnits / 3000 + provisioned.WriteCapacityUnits / 1000);
  return Math.min(64, Math.max(1, n));
}
