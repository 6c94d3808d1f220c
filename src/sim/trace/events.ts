/**
 * Trace facts: the append-only record of everything that happened in a run.
 *
 * Every picture the UI draws is derived from these facts, never from the simulation's internals.
 * Each fact is stamped with the simulated time `t` (ms since the run started) and named in past
 * tense (`record-appended`, `shard-closed`). Facts hold references to immutable items and records;
 * nothing may mutate an object once it is in the trace.
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
    }
  /** A write refused by its condition: it changed nothing and emitted no record. */
  | { t: number; type: 'write-rejected'; table: string; op: string; key: Item; keyString: string; reason: string }
  | { t: number; type: 'shard-opened'; streamArn: string; shardId: string; parentShardId?: string; partition: number; startingSequenceNumber: string }
  | { t: number; type: 'shard-closed'; streamArn: string; shardId: string; reason: ShardCloseReason; endingSequenceNumber?: string }
  | { t: number; type: 'record-appended'; streamArn: string; shardId: string; keyString: string; record: StreamRecord }
  | { t: number; type: 'records-trimmed'; streamArn: string; shardId: string; count: number; lastSequenceNumber: string }
  | { t: number; type: 'shard-expired'; streamArn: string; shardId: string }
  | { t: number; type: 'iterator-issued'; streamArn: string; shardId: string; iteratorType: string; position: number }
  | { t: number; type: 'records-read'; streamArn: string; shardId: string; from: number; count: number; shardEnd: boolean }
  | { t: number; type: 'api-error'; target: string; code: string; message: string };

export type TraceEventType = TraceEvent['type'];
