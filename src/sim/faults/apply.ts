/**
 * Applies an intervention when its time comes. Shard splits act on the stream (the shard lifecycle
 * part, `../stream/shardLifecycle.ts`), writes on a table (`write.ts`), setting changes through
 * their API (`settings.ts`): those are parts of the core (`../parts.ts`), which `partsFor` names for
 * a plan that has them; every other fault is handed to the consumer it targets (`consumer` or
 * `consumer/worker`). A fault that does not apply (an unknown target, a lost lease on a Lambda
 * mapping) is still recorded, with why it did nothing, so a link never drops part of what the user
 * did silently.
 */
import type { World } from '../world.ts';
import { record } from '../world.ts';
import type { Intervention } from './intervention.ts';
import { part } from '../parts.ts';

export function applyIntervention(world: World, i: Intervention): void {
  let note: string | undefined;
  if (i.kind === 'split-shard') {
    note = part('shardLifecycle').applySplit(world, i);
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
