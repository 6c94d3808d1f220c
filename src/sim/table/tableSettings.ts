/**
 * Changing a table: UpdateTable (its stream, billing, and through their parts replicas and
 * secondary indexes), DeleteTable, UpdateTimeToLive and DescribeTimeToLive, with the shapes
 * recorded against AWS (recording 10). The table settings part (`../parts.ts`): a plan that calls
 * none of them (the default scenario) never loads it.
 */
import { AwsError, validationError } from '../api/errors.ts';
import { optionalBoolean, optionalObject, requireString } from '../api/input.ts';
import type { World } from '../world.ts';
import { record } from '../world.ts';
import { closeShard, enableStream } from '../stream/shards.ts';
import type { TableState } from './table.ts';
import { scheduleAllTtlChecks } from './ttl.ts';
import { refuseOutsideHome } from '../replication/state.ts';
import { part } from '../parts.ts';
import { describeTableBody, findTable, parseBilling, parseStreamSpecification, tableNameOf } from './tableApi.ts';

// Global tables' guards on UpdateTable (the replicas themselves are the global-tables part's).

/** Whether an UpdateTable request asks for replica changes (the only thing it may then ask for). */
function hasReplicaUpdates(input: Record<string, unknown>): boolean {
  return input.ReplicaUpdates !== undefined;
}

/** Streams of a global table cannot be turned off while it has replicas (wording ours). */
function refuseStreamDisable(table: TableState): void {
  if (table.replica) throw validationError(`Table ${table.name} has replicas: its stream cannot be disabled while it is a global table`);
}

/** Disables the table's stream: its open shards close; its data stays readable until retention ends. */
export function disableStream(world: World, table: TableState): void {
  const current = table.stream;
  if (!current) return;
  const stream = world.streams.get(current.arn)!;
  for (const shard of stream.shards) closeShard(world, stream, shard, 'stream-disabled');
  stream.status = 'DISABLED';
  stream.disabledAtMs = world.nowMs;
  delete table.stream;
  record(world, { t: world.nowMs, type: 'stream-disabled', table: table.name, streamArn: stream.arn });
}

export function updateTable(world: World, input: Record<string, unknown>): unknown {
  const table = findTable(world, tableNameOf(input));
  if (hasReplicaUpdates(input)) {
    part('globalTables').updateReplicas(world, table, input);
    return { TableDescription: describeTableBody(world, table, 'UPDATING') };
  }
  if (input.GlobalSecondaryIndexUpdates !== undefined) part('indexes').updateGlobalIndexes(table, input);
  const spec = parseStreamSpecification(input);
  if (input.BillingMode !== undefined || input.ProvisionedThroughput !== undefined) Object.assign(table, parseBilling(input));
  if (spec?.enabled) {
    if (table.stream) {
      throw new AwsError('ResourceInUseException', `Table already has an enabled stream: ${table.stream.arn}`);
    }
    enableStream(world, table, spec.viewType!);
  } else if (spec && !spec.enabled) {
    if (!table.stream) throw validationError('Table already has no stream enabled');
    refuseStreamDisable(table);
    disableStream(world, table);
  }
  return { TableDescription: describeTableBody(world, table, 'UPDATING') };
}

export function deleteTable(world: World, input: Record<string, unknown>): unknown {
  refuseOutsideHome(world, 'DeleteTable');
  const table = findTable(world, requireString(input, 'TableName'));
  if (table.replica) throw validationError(`Streamscope does not simulate deleting a global table (${table.name} has replicas)`);
  const body = describeTableBody(world, table, 'DELETING');
  // The table's stream outlives it: its shards close and stay readable until retention ends.
  disableStream(world, table);
  world.tables.delete(table.name);
  record(world, { t: world.nowMs, type: 'table-deleted', table: table.name });
  return { TableDescription: body };
}

export function updateTimeToLive(world: World, input: Record<string, unknown>): unknown {
  refuseOutsideHome(world, 'UpdateTimeToLive');
  const table = findTable(world, requireString(input, 'TableName'));
  const spec = optionalObject(input, 'TimeToLiveSpecification');
  const enabled = spec ? optionalBoolean(spec, 'Enabled') : undefined;
  const attributeName = spec?.AttributeName;
  if (enabled === undefined || typeof attributeName !== 'string' || attributeName.length === 0) {
    throw validationError('TimeToLiveSpecification must contain Enabled and AttributeName');
  }
  if (enabled && table.ttl?.enabled) throw validationError('TimeToLive is already enabled');
  if (!enabled && !table.ttl?.enabled) throw validationError('TimeToLive is already disabled');
  table.ttl = { attributeName, enabled };
  record(world, { t: world.nowMs, type: 'ttl-updated', table: table.name, attribute: attributeName, enabled });
  if (enabled) scheduleAllTtlChecks(world, table);
  return { TimeToLiveSpecification: { Enabled: enabled, AttributeName: attributeName } };
}

export function describeTimeToLive(world: World, input: Record<string, unknown>): unknown {
  const table = findTable(world, requireString(input, 'TableName'));
  return {
    TimeToLiveDescription: table.ttl?.enabled
      ? { TimeToLiveStatus: 'ENABLED', AttributeName: table.ttl.attributeName }
      : { TimeToLiveStatus: 'DISABLED' },
  };
}
