/**
 * Shard sync (KCL 1.x ShardSyncer, reference §7.2, §7.4, check 69): lists the stream's shards and
 * creates the missing leases. Like KCL 1.x, it starts from the leaf shards (open ones, or closed ones
 * nobody continues, which the adapter fakes as open) and walks up their ancestry:
 * - a leaf below an already-leased ancestor gets a TRIM_HORIZON lease, and so does every unleased
 *   shard between them (child leases start at the beginning);
 * - a leaf with no leased ancestor uses `initialPositionInStream`: LATEST leases the leaf only;
 *   TRIM_HORIZON leases the leaf and all its listed ancestors at TRIM_HORIZON.
 * Leases for all shards are created at once and children are blocked by their shard consumer's parent
 * check ("create all and block"). With `cleanupLeasesUponShardCompletion`, a SHARD_END lease is
 * deleted once every child has a lease that has moved past its starting position.
 * Uses DescribeStream and the lease table only.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import { callOperation } from '../../api/call.ts';
import { isAwsError } from '../../api/errors.ts';
import type { CheckpointValue } from '../events.ts';
import { createLease, deleteLease, listLeases, type Lease } from './leaseTable.ts';
import type { KclApp, WorkerState } from './state.ts';

interface ShardInfo {
  ShardId: string;
  ParentShardId?: string;
  SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

/** Every shard of the stream, page by page; undefined when the stream is gone. */
export function describeAllShards(world: World, streamArn: string): ShardInfo[] | undefined {
  const out: ShardInfo[] = [];
  let start: string | undefined;
  try {
    for (;;) {
      const page = callOperation(world, 'DynamoDBStreams_20120810.DescribeStream', { StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }) as {
        StreamDescription: { Shards: ShardInfo[]; LastEvaluatedShardId?: string };
      };
      out.push(...page.StreamDescription.Shards);
      start = page.StreamDescription.LastEvaluatedShardId;
      if (!start) return out;
    }
  } catch (e) {
    if (isAwsError(e) && e.code === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

/** The leases a leaf shard needs, oldest first. */
function leasesForLeaf(leaf: ShardInfo, byId: Map<string, ShardInfo>, leases: Map<string, Lease>, initial: 'LATEST' | 'TRIM_HORIZON'): [ShardInfo, CheckpointValue][] {
  const chain: ShardInfo[] = [leaf];
  let leasedAncestor = false;
  for (let parentId = leaf.ParentShardId; parentId !== undefined; ) {
    if (leases.has(parentId)) {
      leasedAncestor = true;
      break;
    }
    const parent = byId.get(parentId);
    if (!parent) break; // trimmed away: nothing above it to read
    chain.push(parent);
    parentId = parent.ParentShardId;
  }
  if (!leasedAncestor && initial === 'LATEST') return [[leaf, 'LATEST']];
  return chain.reverse().map((s) => [s, 'TRIM_HORIZON']);
}

export function syncShards(world: World, app: KclApp, w: WorkerState): void {
  const shards = describeAllShards(world, app.streamArn);
  if (!shards) return;
  const leases = new Map(listLeases(world, app.leaseTable).map((l) => [l.leaseKey, l]));
  const byId = new Map(shards.map((s) => [s.ShardId, s]));
  const hasChild = new Set(shards.map((s) => s.ParentShardId).filter((p) => p !== undefined));
  const leaves = shards.filter((s) => s.SequenceNumberRange.EndingSequenceNumber === undefined || !hasChild.has(s.ShardId));
  for (const leaf of leaves) {
    if (leases.has(leaf.ShardId)) continue;
    for (const [shard, checkpoint] of leasesForLeaf(leaf, byId, leases, app.config.initialPositionInStream)) {
      if (leases.has(shard.ShardId)) continue;
      const parents = shard.ParentShardId !== undefined ? [shard.ParentShardId] : [];
      if (!createLease(world, app.leaseTable, shard.ShardId, checkpoint, parents)) continue;
      leases.set(shard.ShardId, { leaseKey: shard.ShardId, leaseCounter: 0, checkpoint, ownerSwitchesSinceCheckpoint: 0, parentShardIds: parents });
      record(world, { t: world.nowMs, type: 'lease-created', consumer: app.id, worker: w.id, shardId: shard.ShardId, checkpoint, parentShardIds: parents });
    }
  }
  if (app.config.cleanupLeasesUponShardCompletion) cleanUpFinished(world, app, w, shards, byId, leases);
}

function cleanUpFinished(world: World, app: KclApp, w: WorkerState, shards: ShardInfo[], byId: Map<string, ShardInfo>, leases: Map<string, Lease>): void {
  for (const lease of leases.values()) {
    if (lease.checkpoint !== 'SHARD_END') continue;
    const children = shards.filter((s) => s.ParentShardId === lease.leaseKey);
    const started = (id: string): boolean => {
      const c = leases.get(id)?.checkpoint;
      return c !== undefined && c !== 'TRIM_HORIZON' && c !== 'LATEST';
    };
    const finished = !byId.has(lease.leaseKey) || (children.length > 0 && children.every((c) => started(c.ShardId)));
    if (finished && deleteLease(world, app.leaseTable, lease.leaseKey)) {
      record(world, { t: world.nowMs, type: 'lease-deleted', consumer: app.id, worker: w.id, shardId: lease.leaseKey });
    }
  }
}
