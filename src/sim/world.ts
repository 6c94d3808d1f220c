/**
 * The World: all state of one simulated run, owned and mutated only through `step()` and the
 * operation handlers it calls. It holds the virtual clock, the event queue, the seeded random
 * streams, the tables, the streams and the trace. Nothing here reads a wall clock or a global.
 */
import { EventQueue } from './kernel/queue.ts';
import { createRngStreams, type RngStreams } from './kernel/rng.ts';
import type { ResolvedOptions } from './options.ts';
import type { TraceEvent } from './trace/events.ts';
import type { TableState } from './table/table.ts';
import type { StreamState } from './stream/shards.ts';
import type { ConsumerRuntime } from './consumers/runtime.ts';
import type { Intervention } from './faults/intervention.ts';
import type { ReplicationDelivery } from './replication/state.ts';
import { firstSequence, type SequenceLimbs } from './stream/sequence.ts';
import { createItemVersions, type ItemVersions } from './trace/itemVersions.ts';
import { WriteColumns } from './trace/writeColumns.ts';
import { Trace } from './trace/trace.ts';

/** What the event queue holds: scripted calls and the service's own background work. */
export type ScheduledEvent =
  /** `region`: the Region whose endpoint the call goes to (a global table's replica); absent for the home Region. */
  | { kind: 'call'; target: string; input: unknown; region?: string }
  | { kind: 'shard-rollover'; streamArn: string; shardId: string }
  | { kind: 'trim' }
  | { kind: 'ttl-check'; table: string; keyString: string }
  | { kind: 'consumer'; consumerId: string; action: string; payload?: unknown }
  | { kind: 'intervention'; intervention: Intervention }
  /** A write made in one replica of a global table, arriving at another (`src/sim/replication/`). */
  | { kind: 'replication'; delivery: ReplicationDelivery };

export interface World {
  readonly options: ResolvedOptions;
  /** Simulated time, ms since the start of the run. */
  nowMs: number;
  readonly queue: EventQueue<ScheduledEvent>;
  readonly rng: RngStreams;
  readonly tables: Map<string, TableState>;
  /** Every stream ever enabled, by ARN, including disabled ones still readable. */
  readonly streams: Map<string, StreamState>;
  /** The stream the last record went to: a record of the same stream skips the lookup by ARN (`appendRecord`; an ARN names one stream for good). */
  lastStream: StreamState | undefined;
  /** Every fact of the run, as rows (`trace/trace.ts`). */
  readonly trace: Trace;
  /** Every item version the trace and the streams point to, once (`trace/itemVersions.ts`). */
  readonly itemVersions: ItemVersions;
  /** The `write` facts' fields as columns (`trace/writeColumns.ts`). */
  readonly writes: WriteColumns;
  /** The last sequence number handed out (two limbs, `stream/sequence.ts`); shared by all shards, so a child's numbers exceed its parent's. */
  readonly nextSequence: SequenceLimbs;
  /** Time of the pending trim event, if one is queued. */
  trimDueMs: number | undefined;
  /** TransactWriteItems client tokens seen in the last 10 minutes: token → request fingerprint and time. */
  readonly transactionTokens: Map<string, { fingerprint: string; atMs: number }>;
  /** Consumers (event source mappings, KCL applications) by id. */
  readonly consumers: Map<string, ConsumerRuntime>;
  /** Per consumer, how many times each record (by eventID) was delivered to it. */
  readonly deliveryCounts: Map<string, Map<string, number>>;
  /**
   * State owned by modules above the table and stream layer (Lambda, KCL, downstream handlers,
   * checks), each under its own name and reached through `moduleState`, so adding a module does
   * not change the World type.
   */
  readonly modules: Map<string, unknown>;
  /**
   * The Region whose endpoint the operation being applied was sent to, when it is not the home
   * Region (`options.region`): table names then resolve to that Region's replica of a global table.
   * Set only for the length of one call.
   */
  requestRegion: string | undefined;
}

export function createWorld(options: ResolvedOptions): World {
  const rng = createRngStreams(options.seed);
  // Sequence numbers look like AWS's: long decimal strings (27 digits here) that grow with gaps.
  const first = firstSequence(rng.sequence.int(1, 9_999_999)); // 10^26 + k · 10^12
  const itemVersions = createItemVersions();
  return {
    options,
    nowMs: 0,
    queue: new EventQueue<ScheduledEvent>(),
    rng,
    tables: new Map(),
    streams: new Map(),
    lastStream: undefined,
    trace: new Trace(),
    itemVersions,
    writes: new WriteColumns(itemVersions),
    nextSequence: first,
    trimDueMs: undefined,
    transactionTokens: new Map(),
    consumers: new Map(),
    deliveryCounts: new Map(),
    modules: new Map(),
    requestRegion: undefined,
  };
}

/** Appends a fact to the trace. Facts are built fully before they are recorded and never changed after. */
export function record(world: World, event: TraceEvent): void {
  world.trace.push(event);
}

/** Queues background work at `atMs` (never in the past). */
export function schedule(world: World, atMs: number, event: ScheduledEvent): void {
  world.queue.push(Math.max(atMs, world.nowMs), event);
}

/** The wall-clock instant (epoch ms) that simulated time `t` stands for. */
export function epochAt(world: World, t: number = world.nowMs): number {
  return world.options.epochMs + t;
}

/** The state of one module, created on first use. */
export function moduleState<T>(world: World, name: string, create: () => T): T {
  let state = world.modules.get(name) as T | undefined;
  if (state === undefined) {
    state = create();
    world.modules.set(name, state);
  }
  return state;
}
