/**
 * KCL 3.x's lease-table writes, beside KCL 1.x's in `leaseTable.ts`. In 3.x the leader, not the
 * worker, changes `leaseOwner`; a graceful handoff also sets `checkpointOwner` to the current owner,
 * who may still checkpoint until it lets go. Every write is a conditional UpdateItem through
 * `callOperation`, so a lost race fails with ConditionalCheckFailedException as on AWS.
 */
import type { World } from '../../world.ts';
import type { CheckpointValue } from '../events.ts';
import { conditional, getLease, type Lease } from './leaseTable.ts';

function key(shardId: string): Record<string, { S: string }> {
  return { leaseKey: { S: shardId } };
}

/**
 * The leader gives a lease to `to`. With `handoffFrom` the current owner keeps the right to checkpoint
 * (graceful handoff); otherwise (a new or expired lease) nobody else may. Conditional on the counter
 * the leader observed, so a renewal or another leader's write in between wins.
 */
export function assignLease(world: World, table: string, observed: Lease, to: string, handoffFrom?: string): boolean {
  const values: Record<string, { S: string } | { N: string }> = {
    ':to': { S: to },
    ':next': { N: String(observed.leaseCounter + 1) },
    ':expected': { N: String(observed.leaseCounter) },
  };
  if (handoffFrom !== undefined) values[':from'] = { S: handoffFrom };
  return (
    conditional(world, 'UpdateItem', {
      TableName: table,
      Key: key(observed.leaseKey),
      UpdateExpression: handoffFrom !== undefined ? 'SET leaseOwner = :to, leaseCounter = :next, checkpointOwner = :from' : 'SET leaseOwner = :to, leaseCounter = :next REMOVE checkpointOwner',
      ConditionExpression: `attribute_exists(leaseKey) AND leaseCounter = :expected${handoffFrom !== undefined ? ' AND leaseOwner = :from' : ''}`,
      ExpressionAttributeValues: values,
    }) !== undefined
  );
}

/** The previous owner lets go after its last checkpoint (or the new owner stops waiting): `checkpointOwner` is removed. */
export function clearCheckpointOwner(world: World, table: string, shardId: string, checkpointOwner: string): number | undefined {
  const lease = getLease(world, table, shardId);
  if (!lease || lease.checkpointOwner !== checkpointOwner) return undefined;
  const next = lease.leaseCounter + 1;
  const ok = conditional(world, 'UpdateItem', {
    TableName: table,
    Key: key(shardId),
    UpdateExpression: 'SET leaseCounter = :next REMOVE checkpointOwner',
    ConditionExpression: 'checkpointOwner = :cpo AND leaseCounter = :expected',
    ExpressionAttributeValues: { ':cpo': { S: checkpointOwner }, ':next': { N: String(next) }, ':expected': { N: String(lease.leaseCounter) } },
  });
  return ok ? next : undefined;
}

/**
 * A KCL 3.x checkpoint: allowed for the owner when no handoff is under way, and for the checkpoint
 * owner during one. Reads the counter first (the sim is single-threaded, so nothing moves between
 * the read and the write) because the leader's handoff write moved it under the owner.
 */
export function checkpointLease3(world: World, table: string, shardId: string, worker: string, value: CheckpointValue): number | undefined {
  const lease = getLease(world, table, shardId);
  if (!lease) return undefined;
  const mine = lease.checkpointOwner !== undefined ? lease.checkpointOwner === worker : lease.leaseOwner === worker;
  if (!mine) return undefined;
  const next = lease.leaseCounter + 1;
  const guard = lease.checkpointOwner !== undefined ? 'checkpointOwner = :me' : 'leaseOwner = :me AND attribute_not_exists(checkpointOwner)';
  const ok = conditional(world, 'UpdateItem', {
    TableName: table,
    Key: key(shardId),
    UpdateExpression: 'SET checkpoint = :cp, checkpointSubSequenceNumber = :zero, ownerSwitchesSinceCheckpoint = :zero, leaseCounter = :next',
    ConditionExpression: `attribute_exists(leaseKey) AND leaseCounter = :expected AND ${guard}`,
    ExpressionAttributeValues: { ':cp': { S: value }, ':zero': { N: '0' }, ':next': { N: String(next) }, ':expected': { N: String(lease.leaseCounter) }, ':me': { S: worker } },
  });
  return ok ? next : undefined;
}
