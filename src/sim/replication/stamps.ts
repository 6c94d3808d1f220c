/**
 * Global tables' write stamps (last writer wins) and the replication state's creation: the
 * global-tables part's (`replicas.ts`, `replicate.ts`, `../parts.ts`), so not in the worker's core
 * chunk; `state.ts` holds the data and what the core asks of a global table.
 *
 * May import: ./state.ts, sim types.
 */
import type { World } from '../world.ts';
import { REPLICATION_MODULE, replicationState, type GlobalTable, type ReplicationState, type WriteStamp } from './state.ts';

/** Orders two stamps: negative when `a` is older (loses), positive when newer (wins), 0 only for the same write. */
export function compareStamps(a: WriteStamp, b: WriteStamp): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  if (a.region !== b.region) return a.region < b.region ? -1 : 1;
  return a.n - b.n;
}

/** The replication state, created on the first replica. */
export function ensureReplicationState(world: World): ReplicationState {
  let st = replicationState(world);
  if (!st) {
    st = { groups: new Map(), nextWrite: 0 };
    world.modules.set(REPLICATION_MODULE, st);
  }
  return st;
}

/** The stamps of one replica. */
export function stampsIn(group: GlobalTable, region: string): Map<string, WriteStamp> {
  let m = group.stamps.get(region);
  if (!m) {
    m = new Map();
    group.stamps.set(region, m);
  }
  return m;
}
