/**
 * The shard lifecycle part (`../parts.ts`): rollover, splits and trimming
 * (`../stream/shardLifecycle.ts`); a chunk of its own in the browser's worker, loaded before a run
 * that lasts a shard's lifetime or the retention, or splits a shard.
 */
import type { ShardLifecyclePart } from '../parts.ts';
import { applySplit, rollOver, splitPartition, trim } from '../stream/shardLifecycle.ts';

export const shardLifecyclePart: ShardLifecyclePart = { rollOver, splitPartition, applySplit, trim };
