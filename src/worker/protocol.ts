/**
 * The typed boundary between the UI (main thread) and the simulation host (worker). TYPES ONLY:
 * everything else imports this file with `import type`, and nothing here exists at runtime.
 *
 * Every value crossing the boundary is plain data that survives structured clone (no classes, no
 * functions, no Maps, no bigint). A later issue replaces `view()` with columnar, transferable frames;
 * until then `SimView` is the picture at one instant, folded from the trace by `view.ts`.
 *
 * May import: sim types (`import type`). May not import: anything at runtime, ui, share.
 */
import type { Item, StreamRecord } from '../sim/index.ts';

/** Options for one load; anything left out comes from the scenario. */
export interface LoadOptions {
  /** Run the scenario with this seed instead of its own (the CLI's `--seed`). */
  seed?: number;
}

/** What a load computed: the run is complete up to `durationMs` once this resolves. */
export interface LoadResult {
  scenarioId: string;
  title: string;
  summary: string;
  seed: number;
  durationMs: number;
  /** 16 hex digits; equal for equal (scenario, seed) in Node and every browser. */
  traceHash: string;
  /** Number of trace facts in the whole run. */
  eventCount: number;
}

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
}

export interface TableView {
  name: string;
  keyAttributes: string[];
  /** Attribute names for columns: key attributes first, then the others in name order. */
  attributeNames: string[];
  /** Sorted by key summary, so rows keep their place as items come and go. */
  items: ItemRow[];
  streamArn?: string;
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
  /** True once retention has trimmed it (greyed in the picture, no longer readable). */
  trimmed: boolean;
  /** The record exactly as GetRecords returns it, for the inspector and for copying. */
  record: StreamRecord;
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

/** A failed call throws an Error whose `name` is one of these (comlink carries name and message across). */
export type SimErrorKind = 'unknown-scenario' | 'invalid-scenario' | 'no-run' | 'internal';

/** The worker's API. The UI holds it as `Remote<SimApi>` from `worker/client.ts`. */
export interface SimApi {
  /** Builds a world for the scenario, runs its setup, schedules its writes and runs it to `durationMs`. */
  load(scenarioId: string, options?: LoadOptions): Promise<LoadResult>;
  /** The state at simulated time `atMs` (clamped to the run), folded from the facts with t ≤ atMs. */
  view(atMs: number): Promise<SimView>;
  /** The hash of the loaded run's whole trace. */
  traceHash(): Promise<string>;
}
