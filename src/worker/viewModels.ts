/**
 * The panels' view models as the worker builds them: table rows, writes, stream records, shards and
 * streams, and `SimView` (the whole picture at one instant, for Node tools and tests). TYPES ONLY,
 * re-exported by `protocol.ts` (import them from there).
 *
 * May import: sim types (`import type`). May not import: anything at runtime.
 */
import type { Item, StreamRecord } from '../sim/index.ts';

/** One item at the playhead, as DynamoDB typed JSON. */
export interface ItemRow {
  /** The sim's canonical key string: stable identity for React keys and highlighting. */
  keyString: string;
  /** Key values for people, e.g. `ada` or `ada / 2024-01-01`. */
  keySummary: string;
  item: Item;
  /** When this item last changed, and how. */
  changedAtMs: number;
  change: 'INSERT' | 'MODIFY';
  /** A KCL lease row whose `checkpoint` is one of the run's records: that record's place on the leased shard (`#n`, as the timeline names it). */
  checkpointOrdinal?: number;
}

export interface TableView {
  name: string;
  keyAttributes: string[];
  /** Attribute names for columns: key attributes first, then the others in name order. */
  attributeNames: string[];
  /** Sorted by key summary, so rows keep their place as items come and go (frames cap the list). */
  items: ItemRow[];
  /** How many items the table holds at the playhead (more than `items.length` when capped). */
  itemCount?: number;
  streamArn?: string;
  /** The consumer that created this table (a KCL lease table, a handler's target); absent for the scenario's own tables. */
  owner?: string;
}

export type WriteOutcome = 'INSERT' | 'MODIFY' | 'REMOVE' | 'no-op' | 'rejected';

/** One write that reached a table, successful or refused by its condition. */
export interface WriteView {
  atMs: number;
  table: string;
  op: string;
  keyString: string;
  keySummary: string;
  outcome: WriteOutcome;
  /** Why a rejected write was refused (e.g. `ConditionalCheckFailed`). */
  reason?: string;
  byService?: boolean;
}

export interface RecordView {
  atMs: number;
  sequenceNumber: string;
  eventName: StreamRecord['eventName'];
  keyString: string;
  keySummary: string;
  /** The record's place on its shard, 1 for the first (`ui/panels/sequenceLabel.ts` shows it as `#n`). */
  ordinal: number;
  /** True for a record of the service's own write (a TTL deletion), shown apart from a user's delete. */
  byService?: boolean;
  /** True once retention has trimmed it (greyed in the picture, no longer readable). */
  trimmed: boolean;
  /** The record exactly as GetRecords returns it; frames carry it for the selected record only. */
  record?: StreamRecord;
  /** Most deliveries of this record to one consumer so far (0 before any). */
  deliveries?: number;
}

export type ShardStatus = 'open' | 'closed' | 'expired';

export interface ShardView {
  shardId: string;
  parentShardId?: string;
  partition: number;
  openedAtMs: number;
  closedAtMs?: number;
  closeReason?: string;
  status: ShardStatus;
  /** Records in sequence order (the order GetRecords returns them). */
  records: RecordView[];
  /** How many records the shard has when `records` holds only some of them (the UI's newest few). */
  recordCount?: number;
}

export interface StreamView {
  streamArn: string;
  table: string;
  viewType: string;
  /** The ARN's last part (the stream label, an ISO timestamp). */
  label: string;
  enabled: boolean;
  /** Shards in the order they opened. */
  shards: ShardView[];
}

export interface ViewCounts {
  /** Facts with t ≤ atMs. */
  facts: number;
  writes: number;
  rejected: number;
  records: number;
  apiErrors: number;
}

/** The state of the world at one simulated instant, derived only from trace facts. */
export interface SimView {
  atMs: number;
  tables: TableView[];
  streams: StreamView[];
  /** Every write so far, most recent first. */
  writes: WriteView[];
  counts: ViewCounts;
}

