/**
 * Global tables (version 2019.11.21, multi-Region eventual consistency): the state of every table
 * that has replicas in other Regions.
 *
 * A global table is one table name with one replica per Region. The home Region's replica is the
 * ordinary table in `world.tables`; the others live here, each a full `TableState` with its own ARN
 * (the Region is in it), items, partitions and stream. Every replica keeps, per item, the stamp of
 * the write that made its current version, deleted items included (a tombstone), so that a
 * replicated write older than what the replica holds can be discarded: last writer wins.
 *
 * This module holds data and what the core itself asks of a global table (the table a Region's
 * request names, the control plane's home-Region guard) only. It may not schedule events or write the
 * trace (`replicas.ts` and `replicate.ts` do: the global-tables part, `../parts.ts`, with its stamps,
 * `stamps.ts`; UpdateTable's replica guards are the table settings part's, `../table/tableSettings.ts`). It exists in a world only after a replica was created, so
 * worlds without global tables never touch it and replay exactly as before.
 */
import type { World } from '../world.ts';
import type { Item } from '../table/attributeValue.ts';
import type { TableState } from '../table/table.ts';
import { AwsError } from '../api/errors.ts';

export const REPLICATION_MODULE = 'replication';

/**
 * When and where a write was made: what last writer wins compares. AWS keeps a private last-write
 * timestamp per item and applies a replicated write only if it is newer; how it breaks a tie between
 * two writes with the same timestamp is not documented. Here: the later `atMs` wins; on equal times
 * the Region whose name sorts last wins; within one Region, the later write (`n`, a counter over the
 * whole world) wins.
 */
export interface WriteStamp {
  /** Simulated ms at which the write was applied in its Region. */
  atMs: number;
  region: string;
  n: number;
}

/** One write on its way from the replica that took it to another replica. Plain data. */
export interface ReplicationDelivery {
  table: string;
  fromRegion: string;
  toRegion: string;
  key: Item;
  keyString: string;
  /** The item as the write left it in `fromRegion`; undefined for a delete. Item-level, as AWS replicates. */
  newItem: Item | undefined;
  stamp: WriteStamp;
}

export interface GlobalTable {
  table: string;
  homeRegion: string;
  /** Regions in the order their replicas were created, the home Region first. */
  regions: string[];
  /** Every replica by Region, the home one (`world.tables`) included. */
  replicas: Map<string, TableState>;
  /** Per Region, per item key, the stamp of the version the replica holds (kept after a delete). */
  stamps: Map<string, Map<string, WriteStamp>>;
  /** Per `from>to` pair, when its last delivery is due: replication between two Regions keeps write order. */
  lastDueMs: Map<string, number>;
  /** Replicated writes queued and not yet arrived. */
  inFlight: number;
}

export interface ReplicationState {
  groups: Map<string, GlobalTable>;
  /** Counter behind `WriteStamp.n`. */
  nextWrite: number;
}

/** The replication state, or undefined in a world without global tables (never created on a read). */
export function replicationState(world: World): ReplicationState | undefined {
  return world.modules.get(REPLICATION_MODULE) as ReplicationState | undefined;
}

/** The global table behind a table name, if it has replicas. */
export function globalTable(world: World, table: string): GlobalTable | undefined {
  return replicationState(world)?.groups.get(table);
}

/**
 * The table a request sent to `region` names: the home table for the home Region, that Region's
 * replica for a global table, and nothing otherwise (the table does not exist in that Region).
 */
export function tableInRegion(world: World, name: string, region: string): TableState | undefined {
  if (region === world.options.region) return world.tables.get(name);
  return globalTable(world, name)?.replicas.get(region);
}

/** The Region of an ARN (`arn:aws:dynamodb:<region>:…`). */
export function regionOfArn(arn: string): string {
  return arn.split(':')[3] ?? '';
}

// The guard the table's control plane applies to every call: here, not in `replicas.ts`, which is
// the global-tables part's (`../parts.ts`), loaded only by a run that adds a replica.

/** Control-plane calls that Streamscope answers only in the home Region (wording ours). */
export function refuseOutsideHome(world: World, operation: string): void {
  if (world.requestRegion !== undefined && world.requestRegion !== world.options.region) {
    throw new AwsError('ValidationException', `Streamscope simulates ${operation} only in the home Region ${world.options.region}; add replicas with UpdateTable ReplicaUpdates`);
  }
}
