/**
 * Trace facts: the append-only record of everything that happened in a run.
 *
 * Every picture the UI draws is derived from these facts, never from the simulation's internals.
 * Each fact is stamped with the simulated time `t` (ms since the run started) and named in past
 * tense (`record-appended`, `shard-closed`). Facts hold references to immutable items and records;
 * nothing may mutate an object once it is in the trace. The two facts every write makes (`write`,
 * `record-appended`) are rows of the trace (`trace.ts`), read as small objects over columns
 * (`writeFact.ts`, `../stream/appendedFact.ts`) with these same fields as getters and the same JSON;
 * each read builds a new one, and their record is built each time it is read.
 */
import type { Item } from '../table/attributeValue.ts';
import type { StreamRecord } from '../stream/record.ts';
import type { ConsumerTraceEvent } from '../consumers/events.ts';
import type { EsmTraceEvent } from '../consumers/esm/events.ts';
import type { KclTraceEvent } from '../consumers/kcl/events.ts';

/** Why a shard stopped taking records. */
export type ShardCloseReason = 'rollover' | 'split' | 'stream-disabled';

export type TraceEvent = CoreTraceEvent | ConsumerTraceEvent | EsmTraceEvent | KclTraceEvent;

/** Facts of the table and stream layer. */
export type CoreTraceEvent =
  /** `owner` names the consumer that created the table (a KCL lease table, a handler's target). */
  | { t: number; type: 'table-created'; table: string; keyAttributes: string[]; owner?: string }
  | { t: number; type: 'table-deleted'; table: string }
  | { t: number; type: 'stream-enabled'; table: string; streamArn: string; viewType: string }
  | { t: number; type: 'stream-disabled'; table: string; streamArn: string }
  | { t: number; type: 'ttl-updated'; table: string; attribute: string; enabled: boolean }
  /** A write that reached the table. `outcome` says whether it changed the item. */
  | {
      t: number;
      type: 'write';
      table: string;
      op: string;
      key: Item;
      keyString: string;
      outcome: 'INSERT' | 'MODIFY' | 'REMOVE' | 'no-op';
      newItem?: Item;
      byService?: boolean;
      /** The Region whose replica took the write; present only on tables with replicas (global tables). */
      region?: string;
    }
  /** A write refused by its condition: it changed nothing and emitted no record. */
  | { t: number; type: 'write-rejected'; table: string; op: string; key: Item; keyString: string; reason: string; region?: string }
  | { t: number; type: 'shard-opened'; streamArn: string; shardId: string; parentShardId?: string; partition: number; startingSequenceNumber: string }
  | { t: number; type: 'shard-closed'; streamArn: string; shardId: string; reason: ShardCloseReason; endingSequenceNumber?: string }
  | { t: number; type: 'record-appended'; streamArn: string; shardId: string; keyString: string; record: StreamRecord }
  | { t: number; type: 'records-trimmed'; streamArn: string; shardId: string; count: number; lastSequenceNumber: string }
  | { t: number; type: 'shard-expired'; streamArn: string; shardId: string }
  | { t: number; type: 'iterator-issued'; streamArn: string; shardId: string; iteratorType: string; position: number }
  | { t: number; type: 'records-read'; streamArn: string; shardId: string; from: number; count: number; shardEnd: boolean }
  | { t: number; type: 'api-error'; target: string; code: string; message: string }
  /** A GetRecords call refused with LimitExceededException: `readers` processes were reading the shard (`stream/readLimit.ts`); once per reader and turn. */
  | { t: number; type: 'read-throttled'; streamArn: string; shardId: string; consumer: string; worker: string; readers: number }
  | ReplicationTraceEvent;

/**
 * Facts of global tables (`src/sim/replication/`): a replica added in another Region, a write
 * replicated to a replica, a replicated write discarded because the replica already held a newer
 * version of the item (last writer wins), and the end-of-run verdict on the replicas.
 */
export type ReplicationTraceEvent =
  | { t: number; type: 'replica-created'; table: string; region: string; homeRegion: string; tableArn: string; streamArn?: string }
  /** `writtenAtMs`: when the write was made in `fromRegion`; the replica's `write` and `record-appended` facts come just before. */
  | { t: number; type: 'replicated'; table: string; keyString: string; fromRegion: string; toRegion: string; writtenAtMs: number; outcome: 'INSERT' | 'MODIFY' | 'REMOVE' | 'no-op'; eventID?: string }
  /** The replica held a newer version (`keptRegion`, `keptWrittenAtMs`): this write is dropped there, with no record. */
  | { t: number; type: 'replication-discarded'; table: string; keyString: string; fromRegion: string; toRegion: string; writtenAtMs: number; keptRegion: string; keptWrittenAtMs: number }
  /** End of run: every replica holds the same items. `overwritten` counts writes lost to a newer conflicting write. */
  | { t: number; type: 'replicas-converged'; table: string; regions: string[]; overwritten: number; message: string }
  | { t: number; type: 'replicas-diverged'; table: string; regions: string[]; keyStrings: string[]; message: string };

export type TraceEventType = TraceEvent['type'];
