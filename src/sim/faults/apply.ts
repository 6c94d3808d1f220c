/**
 * Applies an intervention when its time comes. Shard splits act on the stream, writes on a table
 * (`write.ts`), setting changes through their API (`settings.ts`): those two are the scheduled
 * requests part (`../parts.ts`), which `partsFor` names for a plan that has them; every other fault is handed to the consumer it targets (`consumer` or
 * `consumer/worker`). A fault that does not apply
 * (an unknown target, a lost lease on a Lambda mapping) is still recorded, with why it did nothing,
 * so a link never drops part of what the user did silently.
 */
import type { World } from '../world.ts';
import { record } from '../world.ts';
import type { Intervention } from './intervention.ts';
import { splitPartition } from '../stream/shards.ts';
import { part } from '../parts.ts';

function applySplit(world: World, i: Intervention): string | undefined {
  const table = world.tables.get(i.target);
  if (!table?.stream) return `no table named ${i.target} with an enabled stream`;
  const stream = world.streams.get(table.stream.arn)!;
  const shardId = typeof i.params?.shardId === 'string' ? i.params.shardId : undefined;
  const partitionId =
    shardId !== undefined
      ? stream.shardById.get(shardId)?.partitionId
      : typeof i.params?.partition === 'number'
        ? i.params.partition
        : table.partitions[0]?.id;
  if (partitionId === undefined || !stream.openShardByPartition.has(partitionId)) return 'no such open shard';
  splitPartition(world, table, partitionId);
  return undefined;
}

export function applyIntervention(world: World, i: Intervention): void {
  let note: string | undefined;
  if (i.kind === 'split-shard') {
    note = applySplit(world, i);
  } else if (i.kind === 'write') {
    note = part('scheduledRequests').applyWrite(world, i);
  } else if (i.kind === 'update-mapping' || i.kind === 'update-table') {
    note = part('scheduledRequests').applySettingChange(world, i);
  } else {
    const consumerId = i.target.split('/')[0]!;
    const consumer = world.consumers.get(consumerId);
    if (!consumer) note = `no consumer named ${consumerId}`;
    else if (!consumer.applyFault(world, i)) note = `${i.kind} does not apply to ${consumer.kind} consumer ${consumerId}`;
  }
  record(world, {
    t: world.nowMs,
    type: 'fault-injected',
    kind: i.kind,
    target: i.target,
    params: i.params ?? {},
    applied: note === undefined,
    ...(note !== undefined ? { note } : {}),
  });
}
