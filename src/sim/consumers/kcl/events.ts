/**
 * Trace facts specific to KCL applications (workers running the DynamoDB Streams Kinesis Adapter)
 * and their lease table. Types only: the KCL module records them; the UI draws leases, shard
 * consumer states and shutdowns from them.
 *
 * Lease renewals are deliberately not facts (each held lease renews every ~3.3 s); only their
 * failures are. Lease-table writes other than renewals also appear as ordinary `write` facts.
 */
import type { CheckpointValue } from '../events.ts';

/** KCL 1.x shard consumer states (reference §7.4). */
export type ShardConsumerState = 'WAITING_ON_PARENT_SHARDS' | 'INITIALIZING' | 'PROCESSING' | 'SHUTTING_DOWN' | 'SHUTDOWN_COMPLETE';

/** KCL 1.x shutdown reasons (reference §7.5). */
export type ShutdownReason = 'TERMINATE' | 'ZOMBIE' | 'REQUESTED';

export type KclTraceEvent =
  | { t: number; type: 'worker-started'; consumer: string; worker: string; incarnation: number }
  | { t: number; type: 'lease-created'; consumer: string; worker: string; shardId: string; checkpoint: CheckpointValue; parentShardIds: string[] }
  | {
      t: number;
      type: 'lease-taken';
      consumer: string;
      worker: string;
      shardId: string;
      previousOwner?: string;
      /**
       * new: nobody owned it; expired: its counter stood still past the failover time; stolen: taken
       * from a live owner to balance (KCL 1.x); handoff: given by KCL 3.x's leader after the previous
       * owner checkpointed and let go (or stopped answering for the handoff timeout).
       */
      reason: 'new' | 'expired' | 'stolen' | 'handoff';
      leaseCounter: number;
    }
  /** A worker learnt it no longer holds a lease: its renewal or checkpoint write failed its condition, or initialize found another owner. */
  | { t: number; type: 'lease-lost'; consumer: string; worker: string; shardId: string; detectedBy: 'renewal' | 'checkpoint' | 'initialize'; newOwner?: string }
  | { t: number; type: 'lease-renewal-failed'; consumer: string; worker: string; shardId: string; expectedCounter: number; actualCounter?: number; actualOwner?: string }
  /** KCL 3.x: this worker took the leader lock in the coordinator state table. */
  | { t: number; type: 'leader-elected'; consumer: string; worker: string }
  /** KCL 3.x: the leader (`worker`) gave a lease to `to`; a rebalance is a graceful handoff the old owner finishes. */
  | { t: number; type: 'lease-assigned'; consumer: string; worker: string; shardId: string; to: string; previousOwner?: string; reason: 'new' | 'expired' | 'rebalance' }
  /** KCL 3.x graceful handoff: the old owner finished its batch, checkpointed (or not) and let go. */
  | { t: number; type: 'lease-handed-off'; consumer: string; worker: string; shardId: string; to?: string; checkpoint: CheckpointValue }
  /** A finished (SHARD_END) lease removed once its children are under way (cleanupLeasesUponShardCompletion). */
  | { t: number; type: 'lease-deleted'; consumer: string; worker: string; shardId: string }
  | { t: number; type: 'shard-consumer-state'; consumer: string; worker: string; shardId: string; state: ShardConsumerState; blockedBy?: string[] }
  /** The reader reached the end of a closed shard (GetRecords returned no next iterator). */
  | { t: number; type: 'shard-ended'; consumer: string; worker: string; shardId: string }
  | {
      t: number;
      type: 'processor-shutdown';
      consumer: string;
      worker: string;
      shardId: string;
      reason: ShutdownReason;
      /** For TERMINATE: whether the lease now holds SHARD_END (if not, children stay blocked: check 65). */
      checkpointed: boolean;
    }
  /** processRecords threw: KCL logs it and moves on; the batch is skipped, the checkpoint unchanged (check 66). */
  | { t: number; type: 'processing-error-swallowed'; consumer: string; worker: string; shardId: string; batchId: number; error: string; eventIDs: string[] }
  /** The checkpoint was past the trim horizon: the adapter silently restarted at TRIM_HORIZON (check 70). */
  | { t: number; type: 'iterator-reset-to-trim-horizon'; consumer: string; worker: string; shardId: string; requested: string };
