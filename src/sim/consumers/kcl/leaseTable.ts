/**
 * The lease table (reference §7.2, check 61–62): a simulated DynamoDB table named after the
 * application, one item per shard with KCL 1.x's columns (leaseKey, leaseOwner, leaseCounter,
 * checkpoint, checkpointSubSequenceNumber, ownerSwitchesSinceCheckpoint, parentShardId as a string
 * set). Every change is a conditional PutItem/UpdateItem/DeleteItem on the observed `leaseCounter`
 * through `callOperation`, so racing workers fail with ConditionalCheckFailedException as on AWS and
 * the writes are ordinary `write` facts.
 *
 * Two shortcuts, both read/write the table's own item map and nothing else:
 * - `listLeases` reads the items directly, standing in for KCL's Scan (the simulator has no Scan);
 * - `renewLease` applies the renewal's conditional update directly, without a trace fact, because a
 *   fact per renewal (every ~3.3 s per lease) would drown the trace. Its condition is KCL's.
 */
import type { World } from '../../world.ts';
import { callOperation } from '../../api/call.ts';
import { isAwsError } from '../../api/errors.ts';
import type { Item } from '../../table/attributeValue.ts';
import { tableKeyString } from '../../table/table.ts';
import { createTable } from '../../table/tableApi.ts';
import type { CheckpointValue } from '../events.ts';

const DDB = 'DynamoDB_20120810.';

export interface Lease {
  leaseKey: string;
  leaseOwner?: string;
  leaseCounter: number;
  checkpoint: CheckpointValue;
  ownerSwitchesSinceCheckpoint: number;
  parentShardIds: string[];
  /** KCL 3.x graceful handoff: the previous owner, still allowed to checkpoint until it lets go. */
  checkpointOwner?: string;
}

/** Creates the application's lease table, or reuses one that already has the lease key schema (as KCL does). */
export function ensureLeaseTable(world: World, name: string): void {
  const existing = world.tables.get(name);
  if (existing) {
    if (existing.keySchema.hash.name !== 'leaseKey' || existing.keySchema.range) {
      throw new Error(`Cannot use table ${name} as a KCL lease table: it already exists with another key`);
    }
    return;
  }
  // Owned by the application (named after it), so the UI can show it as the KCL lease table.
  createTable(
    world,
    {
      TableName: name,
      KeySchema: [{ AttributeName: 'leaseKey', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'leaseKey', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
    name,
  );
}

export function leaseFromItem(item: Item): Lease {
  const str = (n: string): string | undefined => (item[n] as { S?: string } | undefined)?.S;
  const num = (n: string): number => Number((item[n] as { N?: string } | undefined)?.N ?? '0');
  const owner = str('leaseOwner');
  const checkpointOwner = str('checkpointOwner');
  return {
    leaseKey: str('leaseKey')!,
    ...(owner !== undefined ? { leaseOwner: owner } : {}),
    ...(checkpointOwner !== undefined ? { checkpointOwner } : {}),
    leaseCounter: num('leaseCounter'),
    checkpoint: str('checkpoint') ?? 'TRIM_HORIZON',
    ownerSwitchesSinceCheckpoint: num('ownerSwitchesSinceCheckpoint'),
    parentShardIds: [...((item.parentShardId as { SS?: string[] } | undefined)?.SS ?? [])].sort(),
  };
}

/** Every lease, ordered by shard id (KCL scans the whole table each taker run). */
export function listLeases(world: World, table: string): Lease[] {
  const t = world.tables.get(table);
  if (!t) return [];
  return [...t.items.values()].map(leaseFromItem).sort((a, b) => (a.leaseKey < b.leaseKey ? -1 : a.leaseKey > b.leaseKey ? 1 : 0));
}

export function getLease(world: World, table: string, shardId: string): Lease | undefined {
  const out = callOperation(world, `${DDB}GetItem`, { TableName: table, Key: { leaseKey: { S: shardId } }, ConsistentRead: true }) as { Item?: Item };
  return out.Item ? leaseFromItem(out.Item) : undefined;
}

/** Runs a conditional write; false when its condition failed (another worker got there first). */
export function conditional(world: World, target: string, input: Record<string, unknown>): Record<string, unknown> | undefined {
  try {
    return callOperation(world, `${DDB}${target}`, input) as Record<string, unknown>;
  } catch (e) {
    if (isAwsError(e) && e.code === 'ConditionalCheckFailedException') return undefined;
    throw e;
  }
}

/** Creates a lease if none exists for the shard (put-if-absent, so two syncing workers cannot both create it). */
export function createLease(world: World, table: string, shardId: string, checkpoint: CheckpointValue, parentShardIds: string[]): boolean {
  const item: Item = {
    leaseKey: { S: shardId },
    leaseCounter: { N: '0' },
    checkpoint: { S: checkpoint },
    checkpointSubSequenceNumber: { N: '0' },
    ownerSwitchesSinceCheckpoint: { N: '0' },
    ...(parentShardIds.length > 0 ? { parentShardId: { SS: parentShardIds } } : {}),
  };
  return conditional(world, 'PutItem', { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(leaseKey)' }) !== undefined;
}

/**
 * Takes a lease the taker observed with `observed.leaseCounter`: sets the owner, bumps the counter
 * and, when the owner changes, `ownerSwitchesSinceCheckpoint`. Returns the new counter, or undefined
 * when the counter moved since the scan (the lease was renewed or taken meanwhile).
 */
export function takeLease(world: World, table: string, observed: Lease, owner: string): number | undefined {
  const switched = observed.leaseOwner !== undefined && observed.leaseOwner !== owner;
  const next = observed.leaseCounter + 1;
  const ok = conditional(world, 'UpdateItem', {
    TableName: table,
    Key: { leaseKey: { S: observed.leaseKey } },
    UpdateExpression: `SET leaseOwner = :owner, leaseCounter = :next${switched ? ', ownerSwitchesSinceCheckpoint = ownerSwitchesSinceCheckpoint + :one' : ''}`,
    ConditionExpression: 'attribute_exists(leaseKey) AND leaseCounter = :expected',
    ExpressionAttributeValues: {
      ':owner': { S: owner },
      ':next': { N: String(next) },
      ':expected': { N: String(observed.leaseCounter) },
      ...(switched ? { ':one': { N: '1' } } : {}),
    },
  });
  return ok ? next : undefined;
}

/** Outcome of a renewal: the new counter, or what the table holds instead. */
export type RenewResult = { ok: true; counter: number } | { ok: false; actual?: Lease };

/** Renews a held lease: counter +1 if it is still ours at the counter we last wrote (KCL's renewLease condition). */
export function renewLease(world: World, table: string, shardId: string, owner: string, counter: number): RenewResult {
  const t = world.tables.get(table);
  if (!t) return { ok: false };
  const keyString = tableKeyString(t, { leaseKey: { S: shardId } });
  const item = t.items.get(keyString);
  const lease = item ? leaseFromItem(item) : undefined;
  if (!item || !lease || lease.leaseOwner !== owner || lease.leaseCounter !== counter) return { ok: false, ...(lease ? { actual: lease } : {}) };
  // Items in the table may be referenced by trace facts: replace, never mutate.
  t.items.set(keyString, { ...item, leaseCounter: { N: String(counter + 1) } });
  return { ok: true, counter: counter + 1 };
}

/**
 * Writes a checkpoint for the lease holder: KCL's updateLease expects the holder's counter and owner,
 * bumps the counter and resets ownerSwitchesSinceCheckpoint. Undefined when the lease is no longer ours.
 */
export function checkpointLease(world: World, table: string, shardId: string, owner: string, counter: number, value: CheckpointValue): number | undefined {
  const ok = conditional(world, 'UpdateItem', {
    TableName: table,
    Key: { leaseKey: { S: shardId } },
    UpdateExpression: 'SET checkpoint = :cp, checkpointSubSequenceNumber = :zero, ownerSwitchesSinceCheckpoint = :zero, leaseCounter = :next',
    ConditionExpression: 'attribute_exists(leaseKey) AND leaseCounter = :expected AND leaseOwner = :owner',
    ExpressionAttributeValues: {
      ':cp': { S: value },
      ':zero': { N: '0' },
      ':next': { N: String(counter + 1) },
      ':expected': { N: String(counter) },
      ':owner': { S: owner },
    },
  });
  return ok ? counter + 1 : undefined;
}

/** Removes the owner (KCL's evictLease), so any taker may pick the lease up at once. */
export function evictLease(world: World, table: string, observed: Lease): boolean {
  return (
    conditional(world, 'UpdateItem', {
      TableName: table,
      Key: { leaseKey: { S: observed.leaseKey } },
      UpdateExpression: 'REMOVE leaseOwner SET leaseCounter = :next',
      ConditionExpression: 'attribute_exists(leaseKey) AND leaseCounter = :expected',
      ExpressionAttributeValues: { ':next': { N: String(observed.leaseCounter + 1) }, ':expected': { N: String(observed.leaseCounter) } },
    }) !== undefined
  );
}

/** Deletes a finished lease (only while it still holds SHARD_END). */
export function deleteLease(world: World, table: string, shardId: string): boolean {
  return (
    conditional(world, 'DeleteItem', {
      TableName: table,
      Key: { leaseKey: { S: shardId } },
      ConditionExpression: 'checkpoint = :end',
      ExpressionAttributeValues: { ':end': { S: 'SHARD_END' } },
    }) !== undefined
  );
}
