/**
 * Replication of writes between the replicas of a global table (version 2019.11.21, multi-Region
 * eventual consistency), item by item:
 *
 * 1. A write applied in one Region (`commitChange`) is stamped (`WriteStamp`) and queued for every
 *    other replica, due after a replication delay drawn from the world's `replication` random
 *    stream, uniform in [replicationDelayMinMs, replicationDelayMaxMs] (AWS: "typically within a
 *    second"; no distribution is documented). Deliveries between two Regions keep their order.
 * 2. On arrival the replica compares stamps: a write newer than the version it holds is applied as a
 *    write by the service, with its own record in that Region's stream (`replicated`); an older one
 *    is discarded with no record (`replication-discarded`). That is last writer wins, and it is why
 *    one of two concurrent writes to an item in two Regions is lost.
 *
 * No-op writes produce no record and are not replicated. A local write is always the newest
 * version in its own Region: a replicated write arrives at least `replicationDelayMinMs` (≥ 1 ms)
 * after it was made, so the Region's clock has moved past it.
 */
import type { World } from '../world.ts';
import { record, schedule } from '../world.ts';
import type { Item } from '../table/attributeValue.ts';
import type { TableState } from '../table/table.ts';
import type { EventName } from '../stream/record.ts';
import { commitChange } from '../table/commit.ts';
import { globalTable, type ReplicationDelivery } from './state.ts';
import { compareStamps, ensureReplicationState, stampsIn } from './stamps.ts';

/**
 * Called by `commitChange` after a local write changed an item of a replicated table: stamps the
 * write and queues it for the other replicas.
 */
export function replicateCommitted(world: World, table: TableState, key: Item, keyString: string, newItem: Item | undefined, _eventName: EventName): void {
  const group = globalTable(world, table.name);
  const region = table.replica?.region;
  if (!group || region === undefined) return;
  const st = ensureReplicationState(world);
  const stamp = { atMs: world.nowMs, region, n: st.nextWrite++ };
  stampsIn(group, region).set(keyString, stamp);
  const { replicationDelayMinMs: min, replicationDelayMaxMs: max } = world.options;
  for (const to of group.regions) {
    if (to === region) continue;
    const pair = `${region}>${to}`;
    const due = Math.max(world.nowMs + world.rng.replication.int(min, max), group.lastDueMs.get(pair) ?? 0);
    group.lastDueMs.set(pair, due);
    const delivery: ReplicationDelivery = { table: table.name, fromRegion: region, toRegion: to, key, keyString, newItem, stamp };
    group.inFlight++;
    schedule(world, due, { kind: 'replication', delivery });
  }
}

/** A replicated write arriving at its replica: applied if newer than what the replica holds, else discarded. */
export function deliverReplication(world: World, d: ReplicationDelivery): void {
  const group = globalTable(world, d.table);
  const replica = group?.replicas.get(d.toRegion);
  if (!group || !replica) return;
  group.inFlight--;
  const stamps = stampsIn(group, d.toRegion);
  const current = stamps.get(d.keyString);
  const base = { t: world.nowMs, table: d.table, keyString: d.keyString, fromRegion: d.fromRegion, toRegion: d.toRegion, writtenAtMs: d.stamp.atMs };
  if (current && compareStamps(d.stamp, current) <= 0) {
    record(world, { ...base, type: 'replication-discarded', keptRegion: current.region, keptWrittenAtMs: current.atMs });
    return;
  }
  stamps.set(d.keyString, d.stamp);
  const before = world.trace.length;
  const outcome = commitChange(world, {
    table: replica,
    op: 'Replication',
    key: d.key,
    keyString: d.keyString,
    oldItem: replica.items.get(d.keyString),
    newItem: d.newItem,
    replicatedFrom: d.fromRegion,
  });
  let eventID: string | undefined;
  for (let i = world.trace.length - 1; i >= before; i--) {
    const f = world.trace.at(i)!;
    if (f.type === 'record-appended') {
      eventID = f.record.eventID;
      break;
    }
  }
  record(world, { ...base, type: 'replicated', outcome, ...(eventID !== undefined ? { eventID } : {}) });
}
