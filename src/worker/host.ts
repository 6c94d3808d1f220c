/**
 * The simulation host, the time machine around the pure core: it builds a run from (scenario, seed,
 * interventions) in slices that keep the worker responsive, indexes its trace once, keeps fold
 * snapshots for seeking, answers one frame per animation frame, and recomputes the future when the
 * user intervenes (the run is deterministic, so rebuilding from time 0 with the new intervention
 * list keeps the past exactly). Undo and redo move along the user's intervention list.
 *
 * No Worker or DOM globals here, so `host.test.ts` and `tools/run-scenario.ts` run this exact code
 * in Node; `sim.worker.ts` only exposes it.
 *
 * May import: sim types, scenarios, ./runScenario.ts, ./runIndex.ts, ./fold.ts, ./frames.ts, protocol types.
 * May not import: ui, share, comlink, Worker globals.
 */
import type { Simulation, TraceEvent } from '../sim/index.ts';
import { CounterTracker } from '../sim/consumers/counters.ts';
import { toLambdaRecord } from '../sim/consumers/esm/lambdaEvent.ts';
import { narrationStops } from '../scenarios/narration.ts';
import { CHECKS } from '../sim/checks/index.ts';
import type { Intervention } from '../sim/faults/intervention.ts';
import type { Scenario } from '../scenarios/types.ts';
import { foldTo, Snapshots, type FoldState } from './fold.ts';
import { fullView, packFrame, type FrameContext } from './frames.ts';
import type { CodeCheck, ConsumerCountersView, DeliveryView, Frame, FrameRequest, LoadOptions, LoadProgress, LoadResult, ScenarioSource, SimApi, SimView, StepKind, TableView, WriteView } from './protocol.ts';
import { keySummary } from './view.ts';
import { buildRunIndex, buildTicks, stepTarget, upperBound, type RunIndex } from './runIndex.ts';
import { prepareRun } from './runScenario.ts';
import { disposeUserCode } from '../sim/usercode/index.ts';
import type { UserCodeSandbox } from '../sim/usercode/types.ts';
import { checkIntervention, resolveSource, simError, type Loaded } from './inputs.ts';

export { simError } from './inputs.ts';
import { userCodeErrors } from './usercode/report.ts';

/** A run may not grow past this many facts (a scenario that asks for more is refused, not hung). */
export const MAX_RUN_FACTS = 3_000_000;
/** Wall-clock budget of one compute slice before the host yields to other messages. */
const SLICE_BUDGET_MS = 25;

export interface HostOptions {
  /** Facts between fold snapshots (default 2048). */
  snapshotEvery?: number;
  /** Yields between compute slices; the default lets queued messages run (setTimeout 0). */
  yieldSlice?: () => Promise<void>;
  /** Runs consumers' own code; without one, a scenario with user code is refused. */
  sandbox?: UserCodeSandbox;
}

interface Run {
  id: number;
  scenario: Scenario;
  inline: boolean;
  seed: number;
  interventions: Intervention[];
  sim: Simulation;
  traceHash: string;
  index: RunIndex;
  snapshots: Snapshots;
  ctx: FrameContext;
  extras: RunExtras;
}

/**
 * What the panels need beyond the frame's core, indexed once per run: consumers' counters where
 * they change, the fact indices of the scenario's own writes (not consumers' bookkeeping tables),
 * each record's deliveries, and where the narration pauses.
 */
interface RunExtras {
  /** Per consumer: fact indices (ascending) after which its counters changed, and the counters then. */
  counters: Map<string, { facts: number[]; values: ConsumerCountersView[] }>;
  /** Fact indices of writes (and refused writes) to tables no consumer owns. */
  sourceWriteFacts: number[];
  /** eventID → fact indices of its `record-processed` facts. */
  deliveries: Map<string, number[]>;
  narrationStops: Array<number | null>;
}

/** Above this many consumer facts, counters are kept at most every `stride` facts (still exact at each kept point). */
const MAX_COUNTER_POINTS = 200_000;

function buildExtras(trace: readonly TraceEvent[], scenario: Scenario): RunExtras {
  const tracker = new CounterTracker();
  const fed: TraceEvent[] = [];
  const counters: RunExtras['counters'] = new Map();
  const owned = new Set<string>();
  const sourceWriteFacts: number[] = [];
  const deliveries = new Map<string, number[]>();
  let consumerFacts = 0;
  for (const e of trace) if ('consumer' in e) consumerFacts++;
  const stride = Math.max(1, Math.ceil(consumerFacts / MAX_COUNTER_POINTS));
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i]!;
    fed.push(e);
    if (e.type === 'table-created' && e.owner) owned.add(e.table);
    else if ((e.type === 'write' || e.type === 'write-rejected') && !owned.has(e.table)) sourceWriteFacts.push(i);
    else if (e.type === 'record-processed') {
      const list = deliveries.get(e.eventID);
      if (list) list.push(i);
      else deliveries.set(e.eventID, [i]);
    }
    if (!('consumer' in e) || typeof e.consumer !== 'string') continue;
    let entry = counters.get(e.consumer);
    if (!entry) counters.set(e.consumer, (entry = { facts: [], values: [] }));
    const last = entry.facts.at(-1);
    const next = trace[i + 1];
    // Keep the point when sampling allows it, and always at the last fact of one instant.
    if (last !== undefined && i - last < stride && next !== undefined && next.t === e.t) continue;
    tracker.update(fed);
    const { effects: _effects, ...c } = tracker.counters(e.consumer);
    entry.facts.push(i);
    entry.values.push(c);
  }
  const stops = narrationStops(scenario.narration ?? [], trace).map((at) => (at < 0 ? null : trace[at]!.t));
  return { counters, sourceWriteFacts, deliveries, narrationStops: stops };
}

/** Index of the last element ≤ `x` in an ascending list, or -1. */
function lastAtOrBefore(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const MAX_SOURCE_WRITES = 200;

/** The frame's additions from the run's extras: owners on tables, counters, the scenario's own writes, the selected record's deliveries. */
function extrasFor(r: Run, state: FoldState, frame: Frame, request: FrameRequest): Partial<Frame> {
  const { extras } = r;
  const trace = r.sim.trace;
  const lastFact = state.factCount - 1;
  const counters: Record<string, ConsumerCountersView> = {};
  for (const [consumer, entry] of extras.counters) {
    const k = lastAtOrBefore(entry.facts, lastFact);
    if (k >= 0) counters[consumer] = entry.values[k]!;
  }
  const end = lastAtOrBefore(extras.sourceWriteFacts, lastFact) + 1;
  const keyAttributes = (table: string) => state.tables.get(table)?.keyAttributes ?? [];
  const sourceWrites: WriteView[] = [];
  for (let w = end - 1; w >= 0 && sourceWrites.length < MAX_SOURCE_WRITES; w--) {
    const e = trace[extras.sourceWriteFacts[w]!]!;
    if (e.type === 'write') {
      sourceWrites.push({ atMs: e.t, table: e.table, op: e.op, keyString: e.keyString, keySummary: keySummary(e.key, keyAttributes(e.table)), outcome: e.outcome, ...(e.byService ? { byService: true } : {}) });
    } else if (e.type === 'write-rejected') {
      sourceWrites.push({ atMs: e.t, table: e.table, op: e.op, keyString: e.keyString, keySummary: keySummary(e.key, keyAttributes(e.table)), outcome: 'rejected', reason: e.reason });
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
      const e = trace[i]!;
      if (e.type === 'record-processed') {
        deliveries.push({ atMs: e.t, consumer: e.consumer, worker: e.worker, shardId: e.shardId, batchId: e.batchId, deliveryCount: e.deliveryCount, effect: e.effect, harm: e.harm === true });
      }
    }
    out.selectedDeliveries = deliveries;
  }
  return out;
}

/** Tables with the consumer that created them (the frame packer leaves owners out). */
function withOwners(tables: readonly TableView[], state: FoldState): TableView[] {
  return tables.map((t) => {
    const owner = state.tables.get(t.name)?.owner;
    return owner && t.owner !== owner ? { ...t, owner } : t;
  });
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The host as a plain object; the worker entry exposes it and Node calls it directly. */
export function createHost(options: HostOptions = {}): SimApi {
  const yieldSlice = options.yieldSlice ?? defaultYield;
  let run: Run | undefined;
  let nextRunId = 1;
  /** Bumped by each load/intervene/undo/redo: a slower computation that is overtaken gives up. */
  let generation = 0;
  /** Interventions undone, most recent last (redo takes from the end). */
  let redoStack: Intervention[] = [];
  /** Runs already computed for an intervention list (undo and redo are then instant). */
  const cache = new Map<string, Run>();
  let cached: { runId: number; state: FoldState } | undefined;
  let viewCache: { key: string; view: SimView } | undefined;

  function loaded(): Run {
    if (!run) throw simError('no-run', 'No scenario is loaded: call load(scenarioId) first.');
    return run;
  }

  /** Computes the run to its end in slices, yielding between them; gives up when overtaken. */
  async function computeSlices(sim: Simulation, scenario: Scenario, gen: number, onProgress?: (p: LoadProgress) => void): Promise<void> {
    let stepMs = Math.max(1, Math.ceil(scenario.durationMs / 100));
    while (sim.now() < scenario.durationMs) {
      const started = Date.now();
      await sim.advanceTo(Math.min(scenario.durationMs, sim.now() + stepMs));
      if (sim.trace.length > MAX_RUN_FACTS) throw simError('limit-exceeded', `The run grew past ${MAX_RUN_FACTS.toLocaleString('en-US')} trace facts by ${sim.now()} ms; it was stopped. Shorten the scenario or write less.`);
      const took = Date.now() - started;
      stepMs = Math.max(1, Math.round(took < SLICE_BUDGET_MS / 2 ? stepMs * 2 : took > SLICE_BUDGET_MS * 2 ? stepMs / 2 : stepMs));
      onProgress?.({ doneMs: sim.now(), totalMs: scenario.durationMs, facts: sim.trace.length });
      await yieldSlice();
      if (gen !== generation) throw simError('superseded', 'A newer request replaced this computation.');
    }
  }

  async function compute(base: Loaded, interventions: Intervention[], onProgress?: (p: LoadProgress) => void): Promise<Run> {
    const key = JSON.stringify([base.scenario.id, base.inline ? base.scenario : null, base.seed, interventions]);
    const hit = cache.get(key);
    if (hit && hit.scenario === base.scenario) return hit;
    const gen = ++generation;
    const { scenario } = base;
    if (scenario.consumers?.some((c) => c.handler.code !== undefined)) await options.sandbox?.prepare?.();
    let sim: Simulation;
    try {
      sim = prepareRun(scenario, { seed: base.seed, interventions, ...(options.sandbox ? { sandbox: options.sandbox } : {}) });
    } catch (e) {
      throw e instanceof Error && e.name === 'invalid-scenario' ? e : simError('invalid-scenario', e instanceof Error ? e.message : String(e));
    }
    try {
      await computeSlices(sim, scenario, gen, onProgress);
    } finally {
      // The learner's code runs only while its run is computed; its sandboxes go with it.
      disposeUserCode(sim.world);
    }
    // The end-of-run checks (targets against their sources) belong to the run, as in buildRun.
    sim.finalChecks();
    const index = buildRunIndex(sim.trace);
    const snapshots = new Snapshots(sim.trace, options.snapshotEvery);
    const id = nextRunId++;
    const result: Run = {
      id,
      scenario: base.scenario,
      inline: base.inline,
      seed: base.seed,
      interventions,
      sim,
      traceHash: sim.traceHash(),
      index,
      snapshots,
      ctx: { runId: id, index, trace: sim.trace, durationMs: scenario.durationMs },
      extras: buildExtras(sim.trace, scenario),
    };
    if (cache.size >= 8) cache.delete(cache.keys().next().value!);
    cache.set(key, result);
    return result;
  }

  function describe(r: Run): LoadResult {
    return {
      runId: r.id,
      scenarioId: r.scenario.id,
      title: r.scenario.title,
      summary: r.scenario.summary,
      seed: r.seed,
      durationMs: r.scenario.durationMs,
      traceHash: r.traceHash,
      eventCount: r.sim.trace.length,
      scenario: r.scenario,
      inline: r.inline,
      interventions: [...r.interventions],
      canUndo: r.interventions.length > 0,
      canRedo: redoStack.length > 0,
      keys: r.index.keys,
      keyStrings: r.index.keyStrings,
      consumers: r.index.consumers,
      ticks: buildTicks(r.index, r.scenario.durationMs),
      narrationStops: r.extras.narrationStops,
      checks: { ...CHECKS },
      userCodeErrors: userCodeErrors(r.sim.trace, r.scenario),
    };
  }

  function clamp(r: Run, atMs: number): number {
    return Number.isFinite(atMs) ? Math.min(Math.max(atMs, 0), r.scenario.durationMs) : 0;
  }

  /** The fold at `atMs`: reuses the last state when no fact came into range, folds forward when close, else seeks. */
  function stateAt(r: Run, atMs: number): FoldState {
    const factCount = upperBound(r.index.times, atMs);
    if (cached?.runId === r.id && cached.state.factCount === factCount) return cached.state;
    let state: FoldState;
    if (cached?.runId === r.id && factCount > cached.state.factCount && factCount - cached.state.factCount < 256) {
      // The cached state is the host's own clone, so folding it forward in place is safe.
      state = foldTo(cached.state, r.sim.trace, factCount);
    } else {
      state = r.snapshots.stateAt(factCount);
    }
    cached = { runId: r.id, state };
    return state;
  }

  async function replace(base: Loaded, interventions: Intervention[], onProgress?: (p: LoadProgress) => void): Promise<LoadResult> {
    const next = await compute(base, interventions, onProgress);
    run = next;
    cached = undefined;
    return describe(next);
  }

  return {
    async load(source: string | ScenarioSource, opts: LoadOptions = {}, onProgress?: (p: LoadProgress) => void): Promise<LoadResult> {
      const base = resolveSource(source);
      const seed = opts.seed ?? base.seed;
      if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw simError('invalid-scenario', `seed must be a whole number from 0 to 4294967295; got ${String(seed)}`);
      const interventions = (opts.interventions ?? []).map((i) => checkIntervention(i, base.scenario));
      redoStack = [];
      cache.clear();
      return replace({ ...base, seed }, interventions, onProgress);
    },

    async intervene(i: Intervention, onProgress?: (p: LoadProgress) => void): Promise<LoadResult> {
      const r = loaded();
      const checked = checkIntervention(i, r.scenario);
      const result = await replace(r, [...r.interventions, checked], onProgress);
      redoStack = [];
      return { ...result, canRedo: false };
    },

    async undo(onProgress?: (p: LoadProgress) => void): Promise<LoadResult> {
      const r = loaded();
      const last = r.interventions.at(-1);
      if (!last) return describe(r);
      const result = await replace(r, r.interventions.slice(0, -1), onProgress);
      redoStack.push(last);
      return { ...result, canRedo: true };
    },

    async redo(onProgress?: (p: LoadProgress) => void): Promise<LoadResult> {
      const r = loaded();
      const next = redoStack.at(-1);
      if (!next) return describe(r);
      const result = await replace(r, [...r.interventions, next], onProgress);
      redoStack.pop();
      return { ...result, canRedo: redoStack.length > 0 };
    },

    async frame(request: FrameRequest): Promise<Frame> {
      const r = loaded();
      const atMs = clamp(r, request.atMs);
      const state = stateAt(r, atMs);
      const frame = packFrame(r.ctx, state, request, atMs);
      return Object.assign(frame, extrasFor(r, state, frame, request));
    },

    async view(atMs: number): Promise<SimView> {
      const r = loaded();
      const t = clamp(r, atMs);
      const state = stateAt(r, t);
      const key = `${r.id}:${state.factCount}`;
      if (viewCache?.key !== key) {
        const view = fullView(r.ctx, state, t);
        viewCache = { key, view: { ...view, tables: withOwners(view.tables, state) } };
      }
      return { ...viewCache.view, atMs: t };
    },

    async stepTarget(fromMs: number, direction: 1 | -1, kind: StepKind): Promise<number | null> {
      const r = loaded();
      const t = stepTarget(r.index, fromMs, direction, kind);
      return t === null ? null : clamp(r, t);
    },

    async traceHash(): Promise<string> {
      return loaded().traceHash;
    },

    async checkCode(code: string): Promise<CodeCheck> {
      // The parser (acorn) is loaded on first use, so runs without user code never load it.
      const { compileUserCode } = await import('./usercode/compile.ts');
      const r = compileUserCode(code);
      return r.ok ? { ok: true } : { ok: false, ...r.problem };
    },
  };
}

