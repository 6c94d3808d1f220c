/**
 * Seek: the state at time t is a fold of the facts up to t. The fold keeps snapshots of its state
 * every K facts (more when the state is large, so memory stays about one entry per fact), and a
 * seek restores the nearest snapshot at or before the target and folds the rest: a binary search
 * on fact times plus at most K facts, whatever the run's length.
 *
 * What is folded here is what really accumulates: tables and their items, streams, consumers'
 * checkpoints, workers and broken checks. Intervals (shard lives, trimming, deliveries) are in
 * `runIndex.ts`. Item semantics equal `foldView` in testing/foldOracle.ts, the reference it is tested against.
 *
 * May import: sim types, ./view.ts helpers, ./protocol.ts types. May not import: sim runtime, ui.
 */
import type { FactList, TraceEvent } from '../sim/index.ts';
import { keySummary, regionOfArn, replicaViewName } from './view.ts';
import type { HistoryItems, ItemHistory } from './itemHistory.ts';
import { FoldedItems } from './foldedItems.ts';
import { setsItem } from './factReads.ts';

export interface TableState {
  name: string;
  keyAttributes: string[];
  streamArn?: string;
  /** The consumer that created the table (a lease table, a target); absent for the scenario's own. */
  owner?: string;
  /** The items folded so far (./foldedItems.ts); for an imported run, read from its item history (./itemHistory.ts) instead. */
  items: FoldedItems | HistoryItems;
}

export interface StreamState {
  streamArn: string;
  table: string;
  viewType: string;
  label: string;
  enabled: boolean;
}

export interface FoldState {
  /** Facts folded so far. */
  factCount: number;
  tables: Map<string, TableState>;
  /** Global tables: table name → home Region (from `replica-created`); replicas elsewhere are tables named `Votes (eu-west-1)`. */
  homeRegions: Map<string, string>;
  streams: Map<string, StreamState>;
  /** `consumer|shardId` → last checkpoint. */
  checkpoints: Map<string, { consumer: string; shardId: string; value: string; atMs: number; worker: string }>;
  /** `consumer/worker` → status. */
  workers: Map<string, { consumer: string; worker: string; status: 'running' | 'crashed'; sinceMs: number }>;
  /** `consumer|check` → broken since. */
  broken: Map<string, { consumer: string; check: string; message: string; atMs: number }>;
  /** Global tables: table name → its latest end-of-run verdict. */
  replicaVerdicts: Map<string, { table: string; regions: string[]; converged: boolean; message: string; atMs: number }>;
  /** Tables whose items are read from a history rather than folded (an imported run's), by name. */
  histories?: ReadonlyMap<string, ItemHistory>;
}

export function emptyState(histories?: ReadonlyMap<string, ItemHistory>): FoldState {
  return { factCount: 0, tables: new Map(), homeRegions: new Map(), streams: new Map(), checkpoints: new Map(), workers: new Map(), broken: new Map(), replicaVerdicts: new Map(), ...(histories ? { histories } : {}) };
}

/**
 * A copy the fold may mutate without touching the original (items are immutable and shared);
 * `trace`, when given, is the one the copy folds on (a fork's: the same facts up to the original's count).
 */
export function cloneState(s: FoldState, trace?: FactList): FoldState {
  const tables = new Map<string, TableState>();
  const streams = new Map<string, StreamState>();
  for (const [arn, st] of s.streams) streams.set(arn, { ...st });
  const clone: FoldState = { factCount: s.factCount, tables, homeRegions: new Map(s.homeRegions), streams, checkpoints: new Map(s.checkpoints), workers: new Map(s.workers), broken: new Map(s.broken), replicaVerdicts: new Map(s.replicaVerdicts), ...(s.histories ? { histories: s.histories } : {}) };
  // A history's items follow the clone's fact count: nothing to copy.
  for (const [name, t] of s.tables) tables.set(name, { ...t, items: t.items instanceof FoldedItems ? t.items.cloneFor(trace) : t.items.boundTo(clone) });
  return clone;
}

/** A snapshot read through a fork's trace (its facts are the parent's up to the snapshot): nothing copied but the tables' shells. */
function withTrace(s: FoldState, trace: FactList): FoldState {
  const tables = new Map<string, TableState>();
  for (const [name, t] of s.tables) tables.set(name, t.items instanceof FoldedItems ? { ...t, items: t.items.withTrace(trace) } : t);
  return { ...s, tables };
}

function applyWrite(s: FoldState, e: Extract<TraceEvent, { type: 'write' }>, fact: number, trace: FactList): void {
  const table = s.tables.get(replicaViewName(s.homeRegions, e.table, e.region));
  // A history's items follow the fact count (./itemHistory.ts): the write is already in it.
  if (!table || !(table.items instanceof FoldedItems)) return;
  if (e.outcome === 'REMOVE') table.items.delete(e.keyString);
  else if ((e.outcome === 'INSERT' || e.outcome === 'MODIFY') && setsItem(e)) {
    // The key's summary is the row's before it (same key string, same key attributes): made once per item, not per change.
    const summary = table.items.summaryOf(e.keyString) ?? keySummary(e.key, table.keyAttributes);
    table.items.set(e.keyString, fact, summary, trace);
  }
}

function applyConsumerFact(s: FoldState, e: TraceEvent): void {
  switch (e.type) {
    case 'checkpoint':
      s.checkpoints.set(`${e.consumer}|${e.shardId}`, { consumer: e.consumer, shardId: e.shardId, value: e.value, atMs: e.t, worker: e.worker });
      return;
    case 'crash':
      s.workers.set(`${e.consumer}/${e.worker}`, { consumer: e.consumer, worker: e.worker, status: 'crashed', sinceMs: e.t });
      return;
    case 'restart':
      s.workers.set(`${e.consumer}/${e.worker}`, { consumer: e.consumer, worker: e.worker, status: 'running', sinceMs: e.t });
      return;
    case 'batch-delivered': {
      const id = `${e.consumer}/${e.worker}`;
      if (!s.workers.has(id)) s.workers.set(id, { consumer: e.consumer, worker: e.worker, status: 'running', sinceMs: e.t });
      return;
    }
    case 'invariant-broken':
      s.broken.set(`${e.consumer}|${e.check}`, { consumer: e.consumer, check: e.check, message: e.message, atMs: e.t });
      return;
    case 'invariant-restored':
      s.broken.delete(`${e.consumer}|${e.check}`);
      return;
    default:
      return;
  }
}

/** Applies fact `fact` of `trace`, `e`, to the state (mutating it). */
export function applyFact(s: FoldState, e: TraceEvent, fact: number, trace: FactList): void {
  switch (e.type) {
    case 'table-created': {
      const history = s.histories?.get(e.table);
      s.tables.set(e.table, { name: e.table, keyAttributes: [...e.keyAttributes], ...(e.owner ? { owner: e.owner } : {}), items: history ? history.itemsAt(s) : new FoldedItems(trace) });
      return;
    }
    case 'table-deleted':
      s.tables.delete(e.table);
      return;
    case 'replica-created': {
      s.homeRegions.set(e.table, e.homeRegion);
      const name = replicaViewName(s.homeRegions, e.table, e.region);
      s.tables.set(name, { name, keyAttributes: [...(s.tables.get(e.table)?.keyAttributes ?? [])], items: new FoldedItems(trace) });
      return;
    }
    case 'stream-enabled': {
      const name = replicaViewName(s.homeRegions, e.table, regionOfArn(e.streamArn));
      const table = s.tables.get(name);
      if (table) table.streamArn = e.streamArn;
      s.streams.set(e.streamArn, { streamArn: e.streamArn, table: name, viewType: e.viewType, label: e.streamArn.slice(e.streamArn.lastIndexOf('/') + 1), enabled: true });
      return;
    }
    case 'stream-disabled': {
      const stream = s.streams.get(e.streamArn);
      if (stream) stream.enabled = false;
      return;
    }
    case 'write':
      applyWrite(s, e, fact, trace);
      return;
    case 'replicas-converged':
    case 'replicas-diverged':
      s.replicaVerdicts.set(e.table, { table: e.table, regions: [...e.regions], converged: e.type === 'replicas-converged', message: e.message, atMs: e.t });
      return;
    default:
      applyConsumerFact(s, e);
  }
}

/** Folds facts [state.factCount, count) into the state. */
export function foldTo(s: FoldState, trace: FactList, count: number): FoldState {
  for (let i = s.factCount; i < count; i++) applyFact(s, trace.at(i)!, i, trace);
  s.factCount = Math.max(s.factCount, count);
  return s;
}

/** The items a snapshot copies (a history's are not copied). */
function liveItems(s: FoldState): number {
  let n = 0;
  for (const t of s.tables.values()) if (t.items instanceof FoldedItems) n += t.items.size;
  return n;
}

export const DEFAULT_SNAPSHOT_EVERY = 2_048;

/** The fold's snapshots over one trace, taken while the run's index is built. */
export class Snapshots {
  private list: FoldState[];
  /** The fold after the last fact seen, and the fact count of the last snapshot kept. */
  private state: FoldState;
  private last = 0;

  /**
   * Folds the whole trace once, keeping a snapshot every `every` facts (or every `liveItems` facts
   * when larger); with `upTo`, only that many facts for now (`foldOn` goes on, in slices).
   * `histories`: tables whose items are read from their history, not folded (an imported run).
   */
  constructor(
    private readonly trace: FactList,
    private readonly every = DEFAULT_SNAPSHOT_EVERY,
    fork?: { parent: Snapshots; facts: number },
    upTo = trace.length,
    histories?: ReadonlyMap<string, ItemHistory>,
  ) {
    this.list = [emptyState(histories)];
    this.state = emptyState(histories);
    if (fork) {
      // A forked run shares its parent's first `facts` facts, so the parent's snapshots up to there
      // are this run's too (they are never edited: `stateAt` folds a clone).
      this.list = fork.parent.list.filter((s) => s.factCount <= fork.facts).map((s) => withTrace(s, trace));
      this.last = this.list.at(-1)!.factCount;
      this.state = foldTo(cloneState(this.list.at(-1)!, trace), trace, fork.facts);
    }
    this.foldOn(upTo);
  }

  /** Folds on to fact `upTo` (the trace's end by default), keeping snapshots as it goes. */
  foldOn(upTo = this.trace.length): void {
    const { trace, every } = this;
    for (let i = this.state.factCount; i < Math.min(upTo, trace.length); i++) {
      applyFact(this.state, trace.at(i)!, i, trace);
      this.state.factCount = i + 1;
      const since = this.state.factCount - this.last;
      if (since >= every && since >= liveItems(this.state)) {
        this.list.push(cloneState(this.state));
        this.last = this.state.factCount;
      }
    }
  }

  /** The snapshots of `trace`, whose first `facts` facts are this run's, folding only the rest. */
  fork(trace: FactList, facts: number): Snapshots {
    return new Snapshots(trace, this.every, { parent: this, facts });
  }

  get count(): number {
    return this.list.length;
  }

  /** The state after the first `factCount` facts: the nearest snapshot at or before it, cloned, plus the rest folded. */
  stateAt(factCount: number): FoldState {
    let lo = 0;
    let hi = this.list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.list[mid]!.factCount <= factCount) lo = mid;
      else hi = mid - 1;
    }
    return foldTo(cloneState(this.list[lo]!, this.trace), this.trace, factCount);
  }
}
