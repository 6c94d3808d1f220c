/**
 * `createSimulation({ seed })`: the public handle on one world. It owns nothing but the world and
 * an incremental trace hasher; every operation goes through `callOperation` or `step`.
 */
import { resolveOptions, type ResolvedOptions, type SimulationOptions } from './options.ts';
import type { TraceEvent } from './trace/events.ts';
import { TraceHasher } from './trace/hash.ts';
import type { FactList } from './trace/trace.ts';
import { createWorld, schedule, type World } from './world.ts';
import { runUntil } from './step.ts';
import { callInRegion, callOperation } from './api/call.ts';
import { AwsError, isAwsError } from './api/errors.ts';
import { FAULT_KINDS, type Intervention } from './faults/intervention.ts';
import type { DestinationsApi, LambdaApi } from './lambda/index.ts';
import type { KclApi } from './consumers/kcl/index.ts';
import { optionalPart, part, PartMissingError } from './parts.ts';
import { createConsumersApi, type ConsumersApi } from './consumers/add.ts';
import { replicationState } from './replication/state.ts';
import { restoreSnapshot, takeSnapshot, type WorldSnapshot } from './snapshot.ts';

/** A running simulated world. */
export interface Simulation {
  readonly options: ResolvedOptions;
  /** Calls an operation as AWS JSON 1.0 would: `target` like `DynamoDB_20120810.PutItem` or `DynamoDBStreams_20120810.GetRecords`. Returns the response body or throws an AwsError. Runs at the current simulated time. */
  call<T = Record<string, unknown>>(target: string, input: unknown, region?: string): T;
  /**
   * Queues a call to run at simulated time `atMs` (≥ now); its failure is recorded as an `api-error` fact, not thrown.
   * `region`: the Region whose endpoint it goes to (a global table's replica); default the home Region.
   */
  schedule(atMs: number, target: string, input: unknown, region?: string): void;
  /** Splits the partition whose open shard is `shardId`: that shard closes and two children open. */
  splitShard(streamArn: string, shardId: string): void;
  /** Queues an intervention (a fault) at `intervention.at`; it is recorded in the trace when applied. */
  intervene(intervention: Intervention): void;
  /**
   * Runs every queued event due within the next `ms` and moves the clock forward by `ms`. Worlds
   * without async functions finish before it returns; with them (user Lambda handlers), await the
   * returned promise before the next call.
   */
  advanceBy(ms: number): Promise<void>;
  /** Like advanceBy, to an absolute simulated time (never backwards). */
  advanceTo(ms: number): Promise<void>;
  /** Runs the end-of-run checks (targets against their source tables, records never processed). */
  finalChecks(): void;
  /** The world itself, for the modules layered on it (Lambda, KCL, handlers). Not for the UI. */
  readonly world: World;
  /** AWS Lambda: functions (async handlers) and DynamoDB event source mappings, in AWS's shapes. */
  readonly lambda: LambdaApi;
  /** What each on-failure destination (SQS queue, SNS topic, S3 bucket ARN) received. */
  readonly destinations: DestinationsApi;
  /** KCL applications with the DynamoDB Streams adapter's behaviour. */
  readonly kcl: KclApi;
  /** Consumers described as data (as scenarios carry them). */
  readonly consumers: ConsumersApi;
  /** Simulated time in ms since the start of the run. */
  now(): number;
  /** Time of the next queued event, if any. */
  nextEventTime(): number | undefined;
  /**
   * The append-only list of facts, as a read-only array (a view reading `facts`: each `write` and
   * `record-appended` fact is built when read, so two reads give equal objects, not the same one).
   */
  readonly trace: readonly TraceEvent[];
  /** The same facts by index (`at`, `length`): what long runs' readers use. */
  readonly facts: FactList;
  /** A stable 16-hex-digit hash of the whole trace. */
  traceHash(): string;
  /**
   * The world as it is now, kept aside for `forkSimulation`. Throws `NotForkableError` when it cannot be copied (`snapshot.ts`).
   * `{ hash: false }` leaves the facts since the hash was last brought up to date for the fork to hash (it
   * shares them): the snapshot then costs the world's copy alone, not hashing a long stretch of trace.
   * `{ last: true }`: this simulation is not advanced after the snapshot, so the first fork may take
   * its trace and other growing lists instead of copying them (`snapshot.ts`).
   */
  snapshot(options?: { hash?: boolean; last?: boolean }): SimulationSnapshot;
}

/** A simulation at one instant (world and trace hasher), from `Simulation.snapshot()`. */
export type SimulationSnapshot = WorldSnapshot<TraceHasher>;

function checkTime(ms: number, what: string): void {
  // Whole milliseconds only: simulated time is written into shard ids (`shardId-<20 digits>-…`) and
  // shard iterators, so a fractional clock used to give malformed shard ids and iterators that
  // GetRecords then refused as invalid.
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`${what} must be a whole, non-negative number of ms; got ${ms}`);
}

class SimulationImpl implements Simulation {
  readonly world: World;
  private readonly hasher: TraceHasher;
  /** Set while a run awaits an async function: no other call may touch the world meanwhile. */
  private busy = false;
  /** Set by `snapshot({ last: true })`: the world's growing lists now belong to the first fork. */
  private ended = false;
  readonly consumers: ConsumersApi;
  // The Lambda and KCL APIs come from the core's injected parts (`parts.ts`), made on first use.
  private lambdaApi: LambdaApi | undefined;
  private destinationsApi: DestinationsApi | undefined;
  private kclApi: KclApi | undefined;

  constructor(options: SimulationOptions | { fork: SimulationSnapshot }) {
    if ('fork' in options) {
      const { world, extra } = restoreSnapshot(options.fork);
      this.world = world;
      this.hasher = extra;
    } else {
      this.world = createWorld(resolveOptions(options));
      this.hasher = new TraceHasher();
    }
    this.consumers = createConsumersApi(this.world);
  }

  get lambda(): LambdaApi {
    return (this.lambdaApi ??= part('lambda').createLambdaApi(this.world));
  }

  get destinations(): DestinationsApi {
    return (this.destinationsApi ??= part('lambda').createDestinationsApi(this.world));
  }

  get kcl(): KclApi {
    return (this.kclApi ??= part('kcl').createKclApi(this.world));
  }

  get options(): ResolvedOptions {
    return this.world.options;
  }

  get trace(): readonly TraceEvent[] {
    return this.world.trace.asArray();
  }

  get facts(): FactList {
    return this.world.trace;
  }

  private checkIdle(what: string): void {
    if (this.ended) throw new Error(`Simulation ended with snapshot({ last: true }): its world went to the fork, so no ${what}`);
    if (this.busy) throw new Error(`Simulation is busy: await the previous advanceBy/advanceTo before ${what}`);
  }

  call<T = Record<string, unknown>>(target: string, input: unknown, region?: string): T {
    // No busy check here: a Lambda handler awaited by a pending run calls back into the world.
    if (this.ended) throw new Error('Simulation ended with snapshot({ last: true }): its world went to the fork');
    // Requests are deep-copied so a caller mutating its objects later cannot reach into the world.
    // Responses too: they hold the world's own items and stream records (shared with the table and
    // the trace), so a caller or a Lambda handler editing `record.dynamodb.NewImage` or a GetItem
    // result used to rewrite the stored item, the stream and past trace facts. Same for the items
    // an error carries (ReturnValuesOnConditionCheckFailure).
    try {
      const copy = structuredCopy(input);
      const out = region === undefined ? callOperation(this.world, target, copy, true) : callInRegion(this.world, region, target, copy, true);
      return structuredCopy(out) as T;
    } catch (e) {
      if (isAwsError(e)) for (const k of Object.keys(e.extra)) e.extra[k] = structuredCopy(e.extra[k]);
      throw e;
    }
  }

  schedule(atMs: number, target: string, input: unknown, region?: string): void {
    checkTime(atMs, 'atMs');
    if (atMs < this.world.nowMs) throw new RangeError(`cannot schedule at ${atMs} ms: the clock is already at ${this.world.nowMs} ms`);
    schedule(this.world, atMs, { kind: 'call', target, input: structuredCopy(input), ...(region !== undefined ? { region } : {}) });
  }

  splitShard(streamArn: string, shardId: string): void {
    const stream = this.world.streams.get(streamArn);
    const shard = stream?.shardById.get(shardId);
    const table = stream && this.world.tables.get(stream.tableName);
    if (!stream || !shard || !table || shard.closedAtMs !== undefined) {
      throw new AwsError('ResourceNotFoundException', `Requested resource not found: no open shard ${shardId} in ${streamArn}`);
    }
    part('shardLifecycle').splitPartition(this.world, table, shard.partitionId);
  }

  intervene(intervention: Intervention): void {
    checkTime(intervention.at, 'intervention.at');
    if (!FAULT_KINDS.includes(intervention.kind)) throw new RangeError(`unknown intervention kind: ${String(intervention.kind)}`);
    if (intervention.at < this.world.nowMs) throw new RangeError(`cannot intervene at ${intervention.at} ms: the clock is already at ${this.world.nowMs} ms`);
    schedule(this.world, intervention.at, { kind: 'intervention', intervention: structuredCopy(intervention) as Intervention });
  }

  advanceBy(ms: number): Promise<void> {
    checkTime(ms, 'ms');
    return this.runTo(this.world.nowMs + ms);
  }

  advanceTo(ms: number): Promise<void> {
    checkTime(ms, 'ms');
    return this.runTo(Math.max(ms, this.world.nowMs));
  }

  private runTo(timeMs: number): Promise<void> {
    this.checkIdle('advancing again');
    const pending = runUntil(this.world, timeMs);
    if (!pending) return Promise.resolve();
    this.busy = true;
    return pending.finally(() => {
      this.busy = false;
    });
  }

  now(): number {
    return this.world.nowMs;
  }

  finalChecks(): void {
    this.checkIdle('running the final checks');
    // The checks are in the consumers part (`parts.ts`): loaded, they run as ever; missing, the run
    // must have had nothing for them to judge (no consumer, handler or check state, no global
    // table), else it fails naming the part.
    const consumers = optionalPart('consumers');
    const w = this.world;
    if (consumers) consumers.finalChecks(w);
    else if (w.consumers.size > 0 || w.modules.has('handlers') || w.modules.has('checks') || replicationState(w) !== undefined) throw new PartMissingError('consumers');
  }

  nextEventTime(): number | undefined {
    return this.world.queue.peek()?.timeMs;
  }

  traceHash(): string {
    if (this.ended) throw new Error('Simulation ended with snapshot({ last: true }): its trace went on in the fork, so it has no hash of its own');
    const trace = this.world.trace;
    for (let i = this.hasher.hashedCount; i < trace.length; i++) this.hasher.update(trace.at(i)!);
    return this.hasher.digest();
  }

  snapshot(options: { hash?: boolean; last?: boolean } = {}): SimulationSnapshot {
    this.checkIdle('taking a snapshot');
    if (options.hash !== false) this.traceHash();
    const snapshot = takeSnapshot(this.world, this.hasher, options.last);
    // Advancing after handing the world's growing lists over would write into the fork's.
    if (options.last) this.ended = true;
    return snapshot;
  }
}

/** JSON round trip: requests are JSON on the wire, so anything else (undefined, functions) is dropped as AWS would never see it. */
function structuredCopy(input: unknown): unknown {
  return input === undefined ? undefined : JSON.parse(JSON.stringify(input));
}

/** Builds a new simulated world. The same options and the same calls always give the same trace. */
export function createSimulation(options: SimulationOptions): Simulation {
  return new SimulationImpl(options);
}

/** A simulation going on from a snapshot, independent of the one it was taken from (and of other forks). */
export function forkSimulation(snapshot: SimulationSnapshot): Simulation {
  return new SimulationImpl({ fork: snapshot });
}
