/**
 * A computed run as the host keeps it: its trace, index, fold snapshots and frame context, plus the
 * extras the panels need beyond the frame's core (counters where they change, the scenario's own
 * writes, each record's deliveries, narration stops), indexed once per run and read per frame.
 *
 * May import: sim types and the counter tracker, scenarios' narration, ./fold.ts, ./frames.ts,
 * ./runIndex.ts, ./view.ts, ./column.ts, ./timeColumn.ts, protocol types. May not import: ui, share, Worker globals.
 */
import type { ScenarioEdit } from '../scenarios/edits.ts';
import type { Simulation, FactList } from '../sim/index.ts';
import { CounterTracker } from '../sim/consumers/counters.ts';
import { toLambdaRecord } from '../sim/consumers/esm/lambdaRecord.ts';
import { narrationStopTimes } from '../scenarios/narration.ts';
import type { Intervention } from '../sim/faults/intervention.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { FoldState, Snapshots } from './fold.ts';
import type { FrameContext } from './frames.ts';
import type { ConsumerCountersView, DeliveryView, Frame, FramePart, FrameRequest, ImportSummary, TableView, WriteView } from './protocol.ts';
import { keySummary, replicaViewName } from './view.ts';
import type { RunIndex } from './runIndex.ts';
import type { Builder } from './indexBuilder.ts';
import type { WorldSnapshots } from './forks.ts';
import { upperBound } from './column.ts';
import { TimeColumn, type FactTimes } from './timeColumn.ts';

export interface Run {
  id: number;
  scenario: Scenario;
  inline: boolean;
  /** Edits made to the built-in scenario (`scenarios/edits.ts`), if any. */
  edits?: ScenarioEdit[];
  seed: number;
  interventions: Intervention[];
  /** The simulation behind the run; absent for an imported stream. */
  sim?: Simulation;
  trace: FactList;
  traceHash: string;
  imported?: ImportSummary;
  index: RunIndex;
  /** The builder behind `index`, kept so a fork of this run indexes only its new facts (`indexFork.ts`). */
  builder?: Builder;
  snapshots: Snapshots;
  /** World snapshots for forking (none for an imported stream or a world that cannot be copied). */
  worlds: WorldSnapshots;
  ctx: FrameContext;
  extras: RunExtras;
  /** Set while the run is answered but still computed past here (frames exist up to it); see `LoadResult.computedMs`. */
  computedMs?: number;
}

/**
 * What the panels need beyond the frame's core, indexed once per run: consumers' counters where
 * they change, the fact indices of the scenario's own writes (not consumers' bookkeeping tables),
 * each record's deliveries, and where the narration pauses.
 */
export interface RunExtras {
  /** Per consumer: fact indices (ascending) after which its counters changed, and the counters then. */
  counters: Map<string, { facts: number[]; values: ConsumerCountersView[] }>;
  /** Fact indices of writes (and refused writes) to tables no consumer owns (`timeColumn.ts`: a fork shares its full chunks). */
  sourceWriteFacts: FactTimes;
  /** eventID → fact indices of its `record-processed` facts. */
  deliveries: DeliveryLists;
  narrationStops: Array<number | null>;
  /** How many facts name a consumer, and the table-created facts of owned tables (for a fork). */
  consumerFacts: number;
  ownedTables: Array<{ fact: number; table: string }>;
}

/** Above this many consumer facts, counters are kept at most every `stride` facts (still exact at each kept point). */
const MAX_COUNTER_POINTS = 200_000;

/**
 * `writeFacts`: the run index's facts of writes and refused writes (all of them, in order). When no
 * consumer owns a table (an imported run: every write is the source's) the source writes are those,
 * and the extras share the index's column instead of keeping the same numbers again (4 B a record).
 *
 * `fewFacts`: the facts that may be a table's, a consumer's or a delivery, ascending, when the caller
 * knows every other fact is a write to a table no consumer owns or a record's append, neither naming a
 * consumer (an imported run: `ImportedFacts.otherFacts`, its tables, lanes and findings). Only those
 * are read then: building a million records' two facts three times over, to find none of them
 * counted, was 1.5 s of a million-record import in Chromium. Needs `writeFacts`; a table owned or a
 * record processed among them reads every fact as before.
 */
export function buildExtras(trace: FactList, scenario: Scenario, writeFacts?: FactTimes, fewFacts?: ArrayLike<number>): RunExtras {
  if (writeFacts && fewFacts && fewOnly(trace, fewFacts)) return { ...extrasFrom(trace, scenario, undefined, fewFacts), sourceWriteFacts: writeFacts };
  const extras = extrasFrom(trace, scenario);
  // The source writes are a subset of all writes: as many of them means the same facts.
  if (writeFacts && extras.sourceWriteFacts.length === writeFacts.length) extras.sourceWriteFacts = writeFacts;
  return extras;
}

/** Whether none of `fewFacts` makes the other facts matter: no table owned, no record processed (whose ages read the appends). */
function fewOnly(trace: FactList, fewFacts: ArrayLike<number>): boolean {
  for (let k = 0; k < fewFacts.length; k++) {
    const e = trace.at(fewFacts[k]!)!;
    if ((e.type === 'table-created' && e.owner) || e.type === 'record-processed') return false;
  }
  return true;
}

/**
 * The extras of a forked run whose first `facts` facts are the parent's: the parent's up to there,
 * then the new facts only. A run whose counters would be sampled differently is built from fact 0.
 */
export function forkExtras(parent: RunExtras, trace: FactList, scenario: Scenario, facts: number): RunExtras {
  let suffixConsumerFacts = 0;
  for (let i = facts; i < trace.length; i++) if ('consumer' in trace.at(i)!) suffixConsumerFacts++;
  if (parent.consumerFacts + suffixConsumerFacts > MAX_COUNTER_POINTS) return extrasFrom(trace, scenario);
  const counters: RunExtras['counters'] = new Map();
  for (const [consumer, entry] of parent.counters) {
    const n = lastAtOrBefore(entry.facts, facts - 1) + 1;
    if (n > 0) counters.set(consumer, { facts: entry.facts.slice(0, n), values: entry.values.slice(0, n) });
  }
  const sourceWriteFacts = parent.sourceWriteFacts.cut(parent.sourceWriteFacts.upperBound(facts - 1));
  const ownedTables = parent.ownedTables.filter((o) => o.fact < facts);
  let consumerFacts = 0;
  for (const entry of counters.values()) consumerFacts += entry.facts.length;
  return extrasFrom(trace, scenario, { facts, counters, sourceWriteFacts, ownedTables, deliveries: parent.deliveries.fork(facts), consumerFacts });
}

type ExtrasStart = Pick<RunExtras, 'counters' | 'ownedTables' | 'deliveries' | 'consumerFacts'> & { facts: number; sourceWriteFacts: TimeColumn };

/** `few`: read only these facts (`buildExtras`' `fewFacts`); the source writes are then left empty for the caller. */
function extrasFrom(trace: FactList, scenario: Scenario, start?: ExtrasStart, few?: ArrayLike<number>): RunExtras {
  const from = start?.facts ?? 0;
  const counters: RunExtras['counters'] = start?.counters ?? new Map();
  const ownedTables = start?.ownedTables ?? [];
  const owned = new Set(ownedTables.map((o) => o.table));
  const sourceWriteFacts = start?.sourceWriteFacts ?? new TimeColumn();
  const deliveries = start?.deliveries ?? new DeliveryLists();
  let consumerFacts = start?.consumerFacts ?? 0;
  // The facts read, by position: every fact from `from`, or the few.
  const count = few ? few.length : trace.length - from;
  const factAt = few ? (k: number) => few[k]! : (k: number) => from + k;
  // Whether any record is processed (after a fork, the shared past may hold some: assumed so).
  let processed = from > 0;
  for (let k = 0; k < count; k++) {
    const e = trace.at(factAt(k))!;
    if (!('consumer' in e)) continue;
    consumerFacts++;
    if (e.type === 'record-processed') processed = true;
  }
  const stride = Math.max(1, Math.ceil(consumerFacts / MAX_COUNTER_POINTS));
  // The counter tracker reads the trace up to the fact at hand; after a fork it first reads the
  // shared past, and only when a consumer's fact needs it (a run without consumers never does).
  let tracker: CounterTracker | undefined;
  for (let k = 0; k < count; k++) {
    const i = factAt(k);
    const e = trace.at(i)!;
    if (e.type === 'table-created' && e.owner) {
      owned.add(e.table);
      ownedTables.push({ fact: i, table: e.table });
    } else if ((e.type === 'write' || e.type === 'write-rejected') && !owned.has(e.table)) {
      if (!few) sourceWriteFacts.push(i);
    } else if (e.type === 'record-processed') deliveries.push(e.eventID, i);
    if (!('consumer' in e) || typeof e.consumer !== 'string') continue;
    let entry = counters.get(e.consumer);
    if (!entry) counters.set(e.consumer, (entry = { facts: [], values: [] }));
    const last = entry.facts.at(-1);
    const next = trace.at(i + 1);
    // Keep the point when sampling allows it, and always at the last fact of one instant.
    if (last !== undefined && i - last < stride && next !== undefined && next.t === e.t) continue;
    tracker ??= new CounterTracker(processed);
    if (few) tracker.updateAt(trace, few, i + 1);
    else tracker.update(trace, i + 1);
    const { effects: _effects, ...c } = tracker.counters(e.consumer);
    entry.facts.push(i);
    entry.values.push(c);
  }
  const stops = narrationStopTimes(scenario.narration ?? [], trace, scenario.durationMs);
  return { counters, sourceWriteFacts, deliveries, narrationStops: stops, consumerFacts, ownedTables };
}

/**
 * eventID → fact indices of its deliveries. A fork sees its parent's lists up to the fork's first
 * new fact and adds its own beside them, so the parent's lists are neither copied nor written.
 */
export class DeliveryLists {
  private readonly own = new Map<string, number[]>();

  constructor(
    private readonly base?: DeliveryLists,
    private readonly limit = Infinity,
  ) {}

  get(eventID: string): number[] | undefined {
    const mine = this.own.get(eventID);
    const inherited = this.base?.get(eventID)?.filter((i) => i < this.limit);
    if (!inherited?.length) return mine;
    return mine ? [...inherited, ...mine] : inherited;
  }

  push(eventID: string, fact: number): void {
    const list = this.own.get(eventID);
    if (list) list.push(fact);
    else this.own.set(eventID, [fact]);
  }

  fork(limit: number): DeliveryLists {
    return new DeliveryLists(this, limit);
  }
}

/** Index of the last element ≤ `x` in an ascending list, or -1. */
function lastAtOrBefore(list: ArrayLike<number>, x: number): number {
  return upperBound(list, x) - 1;
}

const MAX_SOURCE_WRITES = 200;

/**
 * The frame's additions from the run's extras: owners on tables, counters, the scenario's own
 * writes, the selected record's deliveries. Not the event log: the host builds it when asked
 * (`./eventLog.ts` `eventLogAt`, a chunk of its own).
 */
export function extrasFor(r: Run, state: FoldState, frame: Frame, request: FrameRequest, held: ReadonlySet<FramePart> = new Set()): Partial<Frame> {
  const { extras } = r;
  const trace = r.trace;
  const lastFact = state.factCount - 1;
  const counters: Record<string, ConsumerCountersView> = {};
  for (const [consumer, entry] of extras.counters) {
    const k = lastAtOrBefore(entry.facts, lastFact);
    if (k >= 0) counters[consumer] = entry.values[k]!;
  }
  const sourceWriteFacts = extras.sourceWriteFacts;
  const end = sourceWriteFacts.upperBound(lastFact);
  const keyAttributes = (table: string) => state.tables.get(table)?.keyAttributes ?? [];
  const sourceWrites: WriteView[] = [];
  for (let w = end - 1; !held.has('sourceWrites') && w >= 0 && sourceWrites.length < MAX_SOURCE_WRITES; w--) {
    const e = trace.at(sourceWriteFacts.get(w))!;
    if (e.type === 'write') {
      sourceWrites.push({ atMs: e.t, table: replicaViewName(state.homeRegions, e.table, e.region), op: e.op, keyString: e.keyString, keySummary: keySummary(e.key, keyAttributes(e.table)), outcome: e.outcome, ...(e.byService ? { byService: true } : {}) });
    } else if (e.type === 'write-rejected') {
      sourceWrites.push({ atMs: e.t, table: replicaViewName(state.homeRegions, e.table, e.region), op: e.op, keyString: e.keyString, keySummary: keySummary(e.key, keyAttributes(e.table)), outcome: 'rejected', reason: e.reason });
    }
  }
  const out: Partial<Frame> = { counters, sourceWrites, sourceWriteCount: end, tables: withOwners(frame.tables, state) };
  const selected = frame.selectedRecord;
  if (selected) {
    const lane = request.selected ? r.index.laneByShard.get(request.selected.shardId) : undefined;
    const streamArn = lane !== undefined ? r.index.lanes[lane]?.streamArn : undefined;
    if (streamArn) out.selectedLambdaRecord = toLambdaRecord(selected, streamArn) as unknown as Record<string, unknown>;
    const deliveries: DeliveryView[] = [];
    for (const i of extras.deliveries.get(selected.eventID) ?? []) {
      if (i > lastFact) break;
      const e = trace.at(i)!;
      if (e.type === 'record-processed') {
        deliveries.push({ atMs: e.t, consumer: e.consumer, worker: e.worker, shardId: e.shardId, batchId: e.batchId, deliveryCount: e.deliveryCount, effect: e.effect, harm: e.harm === true });
      }
    }
    out.selectedDeliveries = deliveries;
  }
  return out;
}

/** Tables with the consumer that created them (the frame packer leaves owners out). */
export function withOwners(tables: readonly TableView[], state: FoldState): TableView[] {
  return tables.map((t) => {
    const owner = state.tables.get(t.name)?.owner;
    return owner && t.owner !== owner ? { ...t, owner } : t;
  });
}
