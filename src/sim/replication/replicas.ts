/**
 * Adding replicas: `UpdateTable` with `ReplicaUpdates: [{ Create: { RegionName } }]`, the API of
 * global tables version 2019.11.21 (version 2017.11.29's CreateGlobalTable / UpdateGlobalTable are
 * not simulated), and the `Replicas` / `GlobalTableVersion` fields DescribeTable gains.
 *
 * What a new replica gets (reference §8; AWS developer guide, "How DynamoDB global tables work"):
 * - the same name, key schema and billing mode, its own ARN and stream in its Region;
 * - a stream: if the table had none, adding a replica enables `NEW_AND_OLD_IMAGES` on every
 *   replica; if it had one, the replicas get its view type (observed on AWS: an existing KEYS_ONLY
 *   stream is kept, scylladb/scylladb#29928);
 * - the items the table already holds (the backfill), copied silently here, without stream records.
 *
 * Refused as AWS refuses it: a provisioned table (its write capacity must be on-demand or
 * auto-scaled; auto scaling is not simulated). Refused in our own words (AWS's wording unknown):
 * a replica in the home Region or a Region that already has one, Delete/Update actions (not
 * simulated), ReplicaUpdates combined with other changes, disabling the stream of a global table.
 */
import { validationError } from '../api/errors.ts';
import type { World } from '../world.ts';
import { record } from '../world.ts';
import type { TableState } from '../table/table.ts';
import { enableStream } from '../stream/shards.ts';
import { globalTable, type GlobalTable } from './state.ts';
import { ensureReplicationState, stampsIn } from './stamps.ts';
import { ItemMap } from '../table/itemMap.ts';

/** The shape scenarios validate Region names against (`us-east-1`, `eu-west-1`, `ap-southeast-2`). */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d$/;

export const GLOBAL_TABLE_VERSION = '2019.11.21';

function uuid(world: World): string {
  const h = world.rng.ids.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

function parseCreates(input: Record<string, unknown>): string[] {
  const updates = input.ReplicaUpdates;
  if (!Array.isArray(updates) || updates.length === 0) throw validationError('ReplicaUpdates must be a non-empty list');
  if (updates.length > 10) throw validationError('ReplicaUpdates may hold at most 10 actions in Streamscope');
  return updates.map((u: unknown, i) => {
    const action = (u ?? {}) as Record<string, { RegionName?: unknown } | undefined>;
    if (action.Delete || action.Update) throw validationError(`ReplicaUpdates[${i}]: Streamscope simulates only Create; deleting or updating a replica is not simulated`);
    const region = action.Create?.RegionName;
    if (typeof region !== 'string' || !REGION_NAME.test(region)) throw validationError(`ReplicaUpdates[${i}].Create.RegionName must be a Region name such as eu-west-1`);
    return region;
  });
}

function makeReplica(world: World, home: TableState, region: string): TableState {
  return {
    name: home.name,
    arn: `arn:aws:dynamodb:${region}:${world.options.accountId}:table/${home.name}`,
    tableId: uuid(world),
    createdAtMs: world.nowMs,
    keySchema: home.keySchema,
    attributeDefinitions: home.attributeDefinitions,
    billingMode: home.billingMode,
    ...(home.provisioned ? { provisioned: { ...home.provisioned } } : {}),
    // The backfill: items are immutable, so the replica may share them.
    items: new ItemMap(home.items),
    partitions: home.partitions.map((p) => ({ ...p })),
    nextPartitionId: home.nextPartitionId,
    replica: { region },
  };
}

/** UpdateTable with ReplicaUpdates on `table` (any replica of it): creates each new replica. */
export function updateReplicas(world: World, table: TableState, input: Record<string, unknown>): void {
  const others = ['StreamSpecification', 'BillingMode', 'ProvisionedThroughput'].filter((k) => input[k] !== undefined);
  if (others.length > 0) throw validationError(`Streamscope applies ReplicaUpdates alone: send ${others.join(', ')} in another UpdateTable call`);
  const regions = parseCreates(input);
  if (table.billingMode !== 'PAY_PER_REQUEST') throw validationError('Table write capacity should either be Pay-Per-Request or AutoScaled.');
  const homeRegion = world.options.region;
  const home = world.tables.get(table.name)!;
  let group = globalTable(world, table.name);
  for (const region of regions) {
    if (region === homeRegion || group?.replicas.has(region)) {
      throw validationError(`Table ${table.name} already has a replica in ${region}`);
    }
  }
  if (!group) {
    group = { table: table.name, homeRegion, regions: [homeRegion], replicas: new Map([[homeRegion, home]]), stamps: new Map(), lastDueMs: new Map(), inFlight: 0 };
    ensureReplicationState(world).groups.set(table.name, group);
    home.replica = { region: homeRegion };
  }
  // A table without a stream gets one: every replica's stream carries local and replicated writes.
  if (!home.stream) enableStream(world, home, 'NEW_AND_OLD_IMAGES');
  const viewType = home.stream!.viewType;
  for (const region of regions) addReplica(world, group, home, region, viewType);
}

function addReplica(world: World, group: GlobalTable, home: TableState, region: string, viewType: NonNullable<TableState['stream']>['viewType']): void {
  const replica = makeReplica(world, home, region);
  group.regions.push(region);
  group.replicas.set(region, replica);
  // The backfilled items carry the versions the home replica holds.
  const homeStamps = stampsIn(group, group.homeRegion);
  const stamps = stampsIn(group, region);
  for (const ks of replica.items.keys()) {
    const s = homeStamps.get(ks);
    if (s) stamps.set(ks, s);
  }
  // replica-created comes before the replica's stream-enabled, so the trace names the table first.
  record(world, { t: world.nowMs, type: 'replica-created', table: home.name, region, homeRegion: group.homeRegion, tableArn: replica.arn });
  enableStream(world, replica, viewType);
}

/** DescribeTable's global-table fields: the other replicas and the version, on replicated tables only. */
export function replicaDescription(world: World, table: TableState): Record<string, unknown> {
  const group = table.replica ? globalTable(world, table.name) : undefined;
  if (!group) return {};
  return {
    Replicas: group.regions.filter((r) => r !== table.replica!.region).map((r) => ({ RegionName: r, ReplicaStatus: 'ACTIVE' })),
    GlobalTableVersion: GLOBAL_TABLE_VERSION,
  };
}
