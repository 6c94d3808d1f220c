/**
 * Table control-plane operations: CreateTable, DescribeTable and ListTables, with the shapes
 * recorded against AWS (recording 10), and what changing a table (`tableSettings.ts`: UpdateTable,
 * DeleteTable, the TTL operations, a part of the core) reads with them.
 *
 * Simplification, said in the UI: tables and streams become usable at once; AWS answers CREATING or
 * UPDATING first and takes seconds to minutes to become ACTIVE.
 */
import { AwsError, validationError } from '../api/errors.ts';
import { optionalBoolean, optionalObject, requireString } from '../api/input.ts';
import type { World } from '../world.ts';
import { epochAt, record } from '../world.ts';
import { enableStream } from '../stream/shards.ts';
import { STREAM_VIEW_TYPES, type StreamViewType } from '../stream/record.ts';
import { initialPartitions, keyAttributeNames, partitionCountFor, type KeySchema, type ScalarType, type TableState } from './table.ts';
import { declaresIndexes, keyAttributesOf, keySchemaBody, parseKeyElements, type SecondaryIndex, type TypeOf } from './indexes.ts';
import { refuseOutsideHome, tableInRegion } from '../replication/state.ts';
import { part } from '../parts.ts';
import { ItemMap } from './itemMap.ts';

const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

export function findTable(world: World, name: string): TableState {
  // A request sent to another Region's endpoint names that Region's replica (global tables).
  const table = world.requestRegion === undefined ? world.tables.get(name) : tableInRegion(world, name, world.requestRegion);
  if (!table) throw new AwsError('ResourceNotFoundException', `Requested resource not found: Table: ${name} not found`);
  return table;
}

export function tableNameOf(input: Record<string, unknown>): string {
  const name = requireString(input, 'TableName');
  if (name.length < 3 || name.length > 255) {
    throw validationError('TableName must be at least 3 characters long and at most 255 characters long');
  }
  if (!TABLE_NAME.test(name)) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`,
    );
  }
  return name;
}

function attributeTypes(input: Record<string, unknown>): TypeOf {
  const defs = input.AttributeDefinitions;
  if (!Array.isArray(defs)) throw validationError("1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null");
  return (name: string): ScalarType => {
    const d = defs.find((x: { AttributeName?: unknown }) => x?.AttributeName === name) as { AttributeType?: unknown } | undefined;
    if (!d) throw validationError(`One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${name}]`);
    if (d.AttributeType !== 'S' && d.AttributeType !== 'N' && d.AttributeType !== 'B') {
      throw validationError(`1 validation error detected: Value '${String(d.AttributeType)}' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]`);
    }
    return d.AttributeType;
  };
}

/** The key schema, the indexes, and AttributeDefinitions, which must name exactly the key attributes of both. */
function parseKeySchema(input: Record<string, unknown>, billingMode: TableState['billingMode']): { schema: KeySchema; defs: TableState['attributeDefinitions']; indexes: SecondaryIndex[] } {
  const typeOf = attributeTypes(input);
  const schema = parseKeyElements(input.KeySchema, typeOf);
  // Declaring indexes is the indexes part's (`../parts.ts`); a table without any needs none of it.
  const indexes = declaresIndexes(input) ? part('indexes').parseIndexes(input, { keySchema: schema, billingMode }, typeOf) : [];
  const keyNames = keyAttributesOf(schema, indexes);
  if ((input.AttributeDefinitions as unknown[]).length !== keyNames.size) {
    throw validationError('One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  }
  return { schema, defs: [...keyNames].map((n) => ({ AttributeName: n, AttributeType: typeOf(n) })), indexes };
}

export function parseStreamSpecification(input: Record<string, unknown>): { enabled: boolean; viewType?: StreamViewType } | undefined {
  const spec = optionalObject(input, 'StreamSpecification');
  if (!spec) return undefined;
  const enabled = optionalBoolean(spec, 'StreamEnabled');
  if (enabled === undefined) throw validationError('StreamSpecification must contain StreamEnabled');
  const viewType = spec.StreamViewType;
  if (enabled && !STREAM_VIEW_TYPES.includes(viewType as StreamViewType)) {
    throw validationError('One or more parameter values were invalid: Stream is enabled but StreamViewType is missing or not one of KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES');
  }
  return enabled ? { enabled, viewType: viewType as StreamViewType } : { enabled };
}

export function parseBilling(input: Record<string, unknown>): Pick<TableState, 'billingMode' | 'provisioned'> {
  const mode = input.BillingMode ?? 'PROVISIONED';
  const pt = optionalObject(input, 'ProvisionedThroughput');
  if (mode === 'PAY_PER_REQUEST') {
    if (pt) throw validationError('One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
    return { billingMode: 'PAY_PER_REQUEST' };
  }
  if (mode !== 'PROVISIONED') throw validationError(`Invalid BillingMode: ${String(mode)}`);
  const r = pt?.ReadCapacityUnits;
  const w = pt?.WriteCapacityUnits;
  if (typeof r !== 'number' || typeof w !== 'number') {
    throw validationError('One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED');
  }
  checkCapacity(r, w);
  return { billingMode: 'PROVISIONED', provisioned: { ReadCapacityUnits: r, WriteCapacityUnits: w } };
}

/** AWS's default per-table quota (Developer Guide, Service quotas: 40,000 RCU and 40,000 WCU). */
const MAX_TABLE_CAPACITY_UNITS = 40_000;

export function checkCapacity(r: number, w: number): void {
  for (const [v, what] of [[r, 'readCapacityUnits'], [w, 'writeCapacityUnits']] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw validationError(`1 validation error detected: Value '${v}' at 'provisionedThroughput.${what}' failed to satisfy constraint: Member must have value greater than or equal to 1`);
    }
  }
  if (r > MAX_TABLE_CAPACITY_UNITS || w > MAX_TABLE_CAPACITY_UNITS) {
    throw new AwsError('LimitExceededException', `Subscriber limit exceeded: Provisioned throughput for a single table or global secondary index cannot exceed ${MAX_TABLE_CAPACITY_UNITS} read capacity units or ${MAX_TABLE_CAPACITY_UNITS} write capacity units`);
  }
}

export function describeTableBody(world: World, table: TableState, status: string): Record<string, unknown> {
  return {
    AttributeDefinitions: table.attributeDefinitions,
    TableName: table.name,
    KeySchema: keySchemaBody(table.keySchema),
    TableStatus: status,
    CreationDateTime: epochAt(world, table.createdAtMs) / 1000,
    ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: table.provisioned?.ReadCapacityUnits ?? 0, WriteCapacityUnits: table.provisioned?.WriteCapacityUnits ?? 0 },
    ItemCount: table.items.size,
    TableArn: table.arn,
    TableId: table.tableId,
    // Recordings 01 and 05 (provisioned tables) have no BillingModeSummary; recording 10
    // (on-demand) has one. Omitting it for provisioned tables matches both.
    ...(table.billingMode === 'PAY_PER_REQUEST' ? { BillingModeSummary: { BillingMode: table.billingMode } } : {}),
    ...(table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream.viewType } } : {}),
    ...(table.latestStream ? { LatestStreamLabel: table.latestStream.label, LatestStreamArn: table.latestStream.arn } : {}),
    ...(table.indexes && table.indexes.length > 0 ? part('indexes').describeIndexes(table) : {}),
    DeletionProtectionEnabled: false,
    // A table without a replica has nothing to say about global tables (and no need of their part).
    ...(table.replica ? part('globalTables').replicaDescription(world, table) : {}),
  };
}

function uuid(world: World): string {
  const h = world.rng.ids.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/**
 * CreateTable. `owner` is set when a consumer creates a table for itself (a lease table, a target),
 * so the trace, and the UI after it, can tell those apart from the scenario's own tables.
 */
export function createTable(world: World, input: Record<string, unknown>, owner?: string): unknown {
  refuseOutsideHome(world, 'CreateTable');
  const name = tableNameOf(input);
  const billing = parseBilling(input);
  const { schema, defs, indexes } = parseKeySchema(input, billing.billingMode);
  const stream = parseStreamSpecification(input);
  if (world.tables.has(name)) throw new AwsError('ResourceInUseException', `Table already exists: ${name}`);
  const count = world.options.partitions[name] ?? partitionCountFor(billing.billingMode, billing.provisioned);
  const table: TableState = {
    name,
    arn: `arn:aws:dynamodb:${world.options.region}:${world.options.accountId}:table/${name}`,
    tableId: uuid(world),
    createdAtMs: world.nowMs,
    keySchema: schema,
    attributeDefinitions: defs,
    ...billing,
    items: new ItemMap(),
    partitions: initialPartitions(count),
    nextPartitionId: count,
    ...(indexes.length > 0 ? { indexes } : {}),
    ...(owner !== undefined ? { owner } : {}),
  };
  world.tables.set(name, table);
  // The primary key only: index key attributes are in AttributeDefinitions too, but are not the item's key.
  record(world, { t: world.nowMs, type: 'table-created', table: name, keyAttributes: keyAttributeNames(schema), ...(owner !== undefined ? { owner } : {}) });
  if (stream?.enabled) enableStream(world, table, stream.viewType!);
  return { TableDescription: describeTableBody(world, table, 'CREATING') };
}

export function describeTable(world: World, input: Record<string, unknown>): unknown {
  return { Table: describeTableBody(world, findTable(world, requireString(input, 'TableName')), 'ACTIVE') };
}

export function listTables(world: World): unknown {
  return { TableNames: [...world.tables.keys()].sort() };
}
