/**
 * The simulation host, the time machine around the pure core: it builds a run from (scenario, seed,
 * interventions) in slices that keep the worker responsive, indexes its trace once, keeps fold
 * snapshots for seeking, answers frames, and computes only the future when the user intervenes (a
 * fork of the world snapshot before the playhead: `forks.ts`). Undo and redo walk the intervention list.
 *
 * No Worker or DOM globals here, so `host.test.ts` and `tools/run-scenario.ts` run this exact code
 * in Node; `sim.worker.ts` only exposes it.
 *
 * An imported stream (`{ imported }`, from `bridge/import/`) becomes a run too: the bridge turns its
 * records and findings into trace facts, which are indexed the same way, so playback, seeking and
 * the inspector work unchanged; such a run has no simulation behind it and no interventions.
 *
 * May import: sim types, scenarios, bridge (lazily), ./eventLog.ts and ./colourKeys.ts (lazily), ./onDemand.ts, ./parts.ts, ./run.ts, ./runAssembly.ts, ./forkCodeLoader.ts, ./bridgeRuns.ts, ./runScenario.ts, ./runIndex.ts, ./indexMarks.ts, ./fold.ts, ./frames.ts, ./inputs.ts, ./turn.ts, protocol types.
 * May not import: ui, share, comlink, Worker globals.
 */
import type { Simulation } from '../sim/index.ts';
import type { Intervention } from '../sim/faults/intervention.ts';
import { foldTo, type FoldState } from './fold.ts';
import { packFrame } from './frames.ts';
import { heldParts, partDiffFor, partVersionsAt, type PartMemory } from './frameParts.ts';
import type { ExportedFile, ExportFormat, Frame, FrameRequest, FileFeed, ImportOptions, ImportOutcome, ImportProgress, LoadOptions, LoadProgress, LoadResult, ScenarioSource, SimApi, StepKind } from './protocol.ts';
import { stepTarget } from './indexMarks.ts';
import { prepareRun } from './runScenario.ts';
import { loadPartsFor, prefetchScenarioParts } from './parts.ts';
import { onDemandCalls } from './onDemand.ts';
import { finishRun } from '../sim/runPlan.ts';
import { assembleRun, type RunBase } from './runAssembly.ts';
import { computeSlices } from './slices.ts';
import { WorldSnapshots } from './forks.ts';
import { forkCode, loadForkCode, restingPlayhead } from './forkCodeLoader.ts';
import type { UserCodeSandbox } from '../sim/usercode/types.ts';
import type { ExportBridge, ImportBridge } from './bridgeRuns.ts';
import { extrasFor, type Run } from './run.ts';
import { tooBig } from './runBudget.ts';
import { budgetOf, DEFAULT_MEMORY_BUDGET_BYTES, runOverBudget } from './memoryBudget.ts';
import { describeRun } from './describeRun.ts';
import { checkIntervention, needsPreparing, prepareInputs, resolveSource, simError, type Loaded } from './inputs.ts';
export { simError } from './inputs.ts';
export { MAX_RUN_FACTS } from './slices.ts';
import { nextTurn } from './turn.ts';

// Importing a stream and exporting a run are chunks of their own (./bridgeImport.ts, ./bridgeExport.ts,
// with the import pipeline and ./bridgeRuns.ts), loaded on first use: a plain run never needs them.
let importBridge: Promise<ImportBridge> | undefined;
let exportBridge: Promise<ExportBridge> | undefined;
/** A chunk's module, loaded once; a failed load is tried again by the next call. */
function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load().catch((e: unknown) => ((loading = undefined), Promise.reject(e))));
}
// The text event log is built only for frames that ask for it (a panel shows it): a chunk too. So
// are records coloured by an attribute (`view.colourBy`, one built-in scenario's), loaded by the
// first frame of such a run: their bytes went to the core (docs/BENCHMARKS.md, session 23).
const loadEventLog = loadOnce(() => import('./eventLog.ts'));
const loadColourKeys = loadOnce(() => import('./colourKeys.ts'));

export interface HostOptions {
  /** Facts between fold snapshots (default 2048). */
  snapshotEvery?: number;
  /** Yields between compute slices; the default lets queued messages run (a turn of the event loop: ./turn.ts). */
  yieldSlice?: () => Promise<void>;
  /** Runs consumers' own code; without one, a scenario with user code is refused. */
  sandbox?: UserCodeSandbox;
  /** False: every intervention recomputes from time 0 (no world snapshots, none at a resting playhead); for comparing the two. */
  forks?: boolean;
}

/** The host's API plus what a tool or test may read beside it: the loaded run's fold at an instant. */
export interface HostCore {
  api: SimApi;
  /** The loaded run and its fold at `atMs` (clamped to the run); throws `no-run` before a load. */
  foldAt(atMs: number): { run: Run; state: FoldState; atMs: number };
}

/** The host as the worker exposes it. Tests and Node tools that need more use `testing/inspectHost.ts`. */
export function createHost(options: HostOptions = {}): SimApi {
  return createHostCore(options).api;
}

export function createHostCore(options: HostOptions = {}): HostCore {
  const yieldSlice = options.yieldSlice ?? nextTurn;
  const playhead = restingPlayhead(yieldSlice); // a world snapshot where the playhead rests: the next intervention forks from it
  let run: Run | undefined;
  let nextRunId = 1;
  /** Bumped by each load/intervene/undo/redo: a slower computation that is overtaken gives up. */
  let generation = 0;
  /** Interventions undone, most recent last (redo takes from the end). */
  let redoStack: Intervention[] = [];
  /** Runs already computed for an intervention list (undo and redo are then instant). */
  const cache = new Map<string, Run>();
  let cached: { runId: number; state: FoldState } | undefined;
  const partMemory: PartMemory = new Map(); // the last tables and writes built: the next frame's deltas are against them
  /** For a run answered before its end: who waits for the rest (progress listeners) and the complete run. */
  const completions = new WeakMap<Run, { listeners: Set<(p: LoadProgress) => void>; done?: Promise<Run> }>();
  /** Runs that have been the loaded run (an early answer's rest stops once another replaced it). */
  const shown = new WeakSet<Run>();
  /** Set by `cancel()`: the import or computation in progress stops at its next slice. */
  let cancelRequested = false;
  let memoryBudget = DEFAULT_MEMORY_BUDGET_BYTES;
  let lastYield = 0;
  let importsMade: ReturnType<ImportBridge['createImports']> | undefined;
  const imports = async () => (importsMade ??= (await (importBridge ??= import('./bridgeImport.ts'))).createImports({
    bridge: () => importBridge!,
    // Yields at most every 25 ms, so cancel() and frames get through while a file is read.
    async checkpoint() {
      if (Date.now() - lastYield < 25) return;
      await yieldSlice();
      lastYield = Date.now();
      if (cancelRequested) throw simError('cancelled', 'The import was cancelled; the run on screen is unchanged.');
    },
    nextRunId: () => nextRunId++,
    budgetBytes: () => memoryBudget,
  }));
  function loaded(): Run {
    if (!run) throw simError('no-run', 'No scenario is loaded: call load(scenarioId) first.');
    return run;
  }

  /**
   * The run for (base, interventions): from the cache, else forked from a world snapshot of `from`
   * (the current run, whose interventions are these but the last) when it has one before the new
   * intervention, else computed from time 0. With `answerAtMs`, the answer comes as soon as the run
   * is computed past that instant (the playhead): a run with `computedMs`, which the rest of the
   * computation replaces by the complete run (same id) unless another run replaced it first.
   */
  async function compute(base: Loaded, interventions: Intervention[], onProgress?: (p: LoadProgress) => void, from?: Run, answerAtMs?: number): Promise<Run> {
    const key = JSON.stringify([base.scenario.id, base.inline ? base.scenario : null, base.edits ?? null, base.seed, interventions]);
    const hit = cache.get(key);
    if (hit && hit.scenario === base.scenario) return hit;
    const gen = ++generation;
    cancelRequested = false;
    const { scenario } = base;
    // A run with the learner's code is answered whole: its progress and Cancel stay up (issue 21.8).
    if (scenario.consumers?.some((c) => c.handler.code !== undefined)) answerAtMs = undefined;
    // Refused before any of it runs (issue 21.4): the app keeps the run it had.
    const big = tooBig(scenario, interventions);
    if (big) throw simError('limit-exceeded', big);
    const next = interventions.at(-1);
    // A scheduled write or setting change is a part of the core (./parts.ts), loaded before the first run that has one.
    await loadPartsFor({}, interventions);
    const snapshot = from && next ? from.worlds.before(next.at) : undefined;
    let sim: Simulation;
    let worlds: WorldSnapshots;
    const parent = from && next && snapshot ? { run: from, facts: snapshot.facts, atMs: snapshot.atMs } : undefined;
    // A fork (the forked run, its index going on from its parent's) is a chunk of its own (./forkCodeLoader.ts).
    if (parent) await loadForkCode();
    if (from && next && snapshot) {
      sim = forkCode().forkRun(snapshot, next);
      // The parent's snapshots before the intervention are this run's once it is queued in them too:
      // a second intervention at the same playhead, or an earlier one, forks as well.
      worlds = new WorldSnapshots(scenario.durationMs);
      worlds.inherit(from.worlds, next);
    } else {
      // Only a run with the learner's code gets the sandbox (a world holding one cannot be forked).
      const sandbox = scenario.consumers?.some((c) => c.handler.code !== undefined) ? options.sandbox : undefined;
      await Promise.all([loadPartsFor(scenario, interventions), sandbox?.prepare?.()]); // and the core's parts it needs (./parts.ts)
      try {
        sim = prepareRun(scenario, { seed: base.seed, interventions, ...(sandbox ? { sandbox } : {}) });
      } catch (e) {
        throw e instanceof Error && e.name === 'invalid-scenario' ? e : simError('invalid-scenario', e instanceof Error ? e.message : String(e));
      }
      worlds = new WorldSnapshots(scenario.durationMs, options.forks !== false);
    }
    const runBase: RunBase = { id: nextRunId++, scenario: base.scenario, inline: base.inline, ...(base.edits ? { edits: base.edits } : {}), seed: base.seed, interventions, sim, worlds };
    let early: Run | undefined;
    let answer!: (r: Run) => void;
    const answered = new Promise<Run>((resolve) => (answer = resolve));
    let report: ((p: LoadProgress) => void) | undefined = onProgress;
    // Before the answer, a newer request supersedes this one; after it, the rest is wanted until another run is on screen.
    const alive = () => {
      if (early ? shown.has(early) && run !== early : gen !== generation) throw simError('superseded', 'A newer request replaced this computation.');
      if (cancelRequested && !early) throw simError('cancelled', 'The computation was cancelled; the run you had is kept.');
    };
    // Progress with the Lambda invocations so far (a slow handler's run says how far it got), and the memory budget.
    let invocations = 0;
    let counted = sim.facts.length;
    const progress = (p: LoadProgress) => {
      const over = runOverBudget(p.facts, memoryBudget, p.doneMs);
      if (over) throw simError('limit-exceeded', over);
      for (; counted < sim.facts.length; counted++) if (sim.facts.at(counted)!.type === 'invocation-finished') invocations++;
      report?.(invocations > 0 ? { ...p, invocations } : p);
    };
    const afterSlice = () => {
      if (early || answerAtMs === undefined || sim.now() < answerAtMs || sim.now() >= scenario.durationMs) return;
      early = assembleRun(runBase, parent, options.snapshotEvery, sim.now());
      report = (p) => background.listeners.forEach((l) => l(p));
      answer(early);
    };
    const background = { listeners: new Set<(p: LoadProgress) => void>(), done: undefined as Promise<Run> | undefined };
    // Built and finished as every run is (sim/runPlan.ts), in slices that keep the worker responsive.
    const done = finishRun(sim, scenario, scenario.durationMs, (s, end) => computeSlices(s, end, { alive, worlds, onProgress: progress, afterSlice, yieldSlice })).then(() => {
      const past = early ? { run: early, facts: early.index.times.length, atMs: early.computedMs!, same: true } : parent;
      const complete = assembleRun(runBase, past, options.snapshotEvery);
      if (cache.size >= 8) cache.delete(cache.keys().next().value!);
      cache.set(key, complete);
      if (early && run === early) run = complete;
      return complete;
    });
    background.done = done;
    done.then(
      (r) => early ?? answer(r),
      () => undefined,
    );
    const first = await Promise.race([answered, done]);
    if (first === early) completions.set(early, background);
    return first;
  }

  /** The loaded run once complete (the run on screen may change meanwhile: then that one's). */
  async function complete(onProgress?: (p: LoadProgress) => void): Promise<Run> {
    for (;;) {
      const r = loaded();
      const pending = completions.get(r);
      if (r.computedMs === undefined || !pending?.done) return r;
      if (onProgress) pending.listeners.add(onProgress);
      try {
        const whole = await pending.done;
        if (run === r) run = whole;
      } catch (e) {
        if (run === r) throw e;
      } finally {
        if (onProgress) pending.listeners.delete(onProgress);
      }
    }
  }

  const describe = (r: Run): LoadResult => describeRun(r, redoStack.length > 0);

  /** A time within what the run has computed (all of it, once complete). */
  function clamp(r: Run, atMs: number): number {
    return Number.isFinite(atMs) ? Math.min(Math.max(atMs, 0), r.computedMs ?? r.scenario.durationMs) : 0;
  }

  /** The fold at `atMs`: reuses the last state when no fact came into range, folds forward when close, else seeks. */
  function stateAt(r: Run, atMs: number): FoldState {
    const factCount = r.index.times.upperBound(atMs);
    if (cached?.runId === r.id && cached.state.factCount === factCount) return cached.state;
    let state: FoldState;
    if (cached?.runId === r.id && factCount > cached.state.factCount && factCount - cached.state.factCount < 256) {
      // The cached state is the host's own clone, so folding it forward in place is safe.
      state = foldTo(cached.state, r.trace, factCount);
    } else {
      state = r.snapshots.stateAt(factCount);
    }
    cached = { runId: r.id, state };
    return state;
  }

  /**
   * Loads what checking these inputs needs (the scenario schema, a built-in scenario: chunks of their
   * own) when something is missing. Taking a generation first keeps the requests' order: one that
   * arrives while a chunk loads supersedes this one.
   */
  async function prepareFor(source: string | ScenarioSource | undefined, interventions: readonly unknown[]): Promise<void> {
    if (!needsPreparing(source, interventions)) return;
    const gen = ++generation;
    await prepareInputs(source, interventions);
    if (gen !== generation) throw simError('superseded', 'A newer request replaced this computation.');
  }

  async function replace(base: Loaded, interventions: Intervention[], onProgress?: (p: LoadProgress) => void, from?: Run, answerAtMs?: number): Promise<LoadResult> {
    const next = await compute(base, interventions, onProgress, from, answerAtMs);
    run = next;
    shown.add(next);
    cached = undefined;
    return describe(next);
  }

  const api: SimApi = {
    async load(source: string | ScenarioSource, opts: LoadOptions = {}, onProgress?: (p: LoadProgress) => void): Promise<LoadResult> {
      if (opts.memoryBudgetBytes !== undefined) memoryBudget = budgetOf(opts.memoryBudgetBytes);
      if (typeof source === 'object' && ('importId' in source || 'imported' in source)) {
        // Taking a generation before the chunk loads keeps the requests' order (as prepareFor does).
        const gen = ++generation;
        const [bridge, importer] = await Promise.all([(importBridge ??= import('./bridgeImport.ts')), 'importId' in source ? imports() : undefined]);
        if (gen !== generation) throw simError('superseded', 'A newer request replaced this computation.');
        const next = 'importId' in source ? importer!.take(source.importId) : bridge.importedRun(source.imported, nextRunId++, bridge);
        ++generation;
        onProgress?.({ doneMs: next.scenario.durationMs, totalMs: next.scenario.durationMs, facts: next.trace.length });
        redoStack = [];
        cache.clear();
        run = next;
        cached = undefined;
        return describe(next);
      }
      prefetchScenarioParts(source); // beside the scenario's chunk; `compute` awaits them
      await prepareFor(source, opts.interventions ?? []);
      const base = resolveSource(source);
      const seed = opts.seed ?? base.seed;
      if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw simError('invalid-scenario', `seed must be a whole number from 0 to 4294967295; got ${String(seed)}`);
      const interventions = (opts.interventions ?? []).map((i) => checkIntervention(i, base.scenario));
      redoStack = [];
      cache.clear();
      const answerAtMs = opts.answerAtMs !== undefined && Number.isFinite(opts.answerAtMs) ? Math.max(0, opts.answerAtMs) : undefined;
      return replace({ ...base, seed }, interventions, onProgress, undefined, answerAtMs);
    },

    async intervene(i: Intervention, onProgress?: (p: LoadProgress) => void): Promise<LoadResult> {
      await prepareFor(undefined, [i]);
      const r = loaded();
      if (r.imported) throw simError('invalid-intervention', 'An imported stream is a record of what happened, not a simulation: there is nothing to intervene in. Go back to a scenario to inject faults.');
      const checked = checkIntervention(i, r.scenario);
      // Answered once the run is past the intervention (the playhead); the rest is computed after.
      const result = await replace(r, [...r.interventions, checked], onProgress, r, checked.at);
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
      const result = await replace(r, [...r.interventions, next], onProgress, r, next.at);
      redoStack.pop();
      return { ...result, canRedo: redoStack.length > 0 };
    },

    async importStream(input: Blob | string | FileFeed, opts: ImportOptions = {}, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome> {
      cancelRequested = false;
      lastYield = Date.now();
      if (opts.memoryBudgetBytes !== undefined) memoryBudget = budgetOf(opts.memoryBudgetBytes);
      return (await imports()).read(input, onProgress);
    },

    async cancel(): Promise<void> {
      cancelRequested = true;
      options.sandbox?.cancel?.();
    },

    async frame(request: FrameRequest): Promise<Frame> {
      // The event log's builder first (a chunk loaded on the first frame that asks for the log): the
      // rest of the frame is read without a pause, from a state no other frame folds meanwhile.
      const log = request.eventLog === true ? await loadEventLog() : undefined;
      const colours = loaded().ctx.colourBy ? await loadColourKeys() : undefined;
      const diff = await partDiffFor(request); // and the parts' delta builder (frameParts.ts)
      const r = loaded();
      const atMs = clamp(r, request.atMs);
      if (options.forks !== false && r.computedMs === undefined) playhead.want(r, atMs);
      const state = stateAt(r, atMs);
      // Parts the client holds at their current version are neither built nor sent (frameParts.ts).
      const versions = partVersionsAt(r, state.factCount, log !== undefined);
      const held = heldParts(request, r.id, versions);
      // Deltas against the client's copy; the tables may be made from it, not built again (partDiff.ts).
      const deltas = diff?.deltasFor(partMemory, request, r, state, versions, held);
      const by = r.ctx.colourBy;
      const frame = packFrame(r.ctx, state, request, atMs, deltas?.built ?? held, by && colours?.colourKeysOf(r.ctx.index, r.ctx.trace, by));
      Object.assign(frame, extrasFor(r, state, frame, request, held), { nextChangeMs: r.index.times.at(state.factCount) ?? r.computedMs ?? Infinity });
      if (log) frame.eventLog = held.has('eventLog') ? [] : log.eventLogAt(r, state);
      frame.partVersions = versions;
      if (held.size > 0) frame.reused = [...held];
      deltas?.send(frame); // changed tables and writes as deltas against the client's copy
      return frame;
    },

    async stepTarget(fromMs: number, direction: 1 | -1, kind: StepKind): Promise<number | null> {
      const r = await complete();
      const t = stepTarget(r.index, fromMs, direction, kind);
      return t === null ? null : clamp(r, t);
    },

    async traceHash(): Promise<string> {
      return (await complete()).traceHash;
    },

    async settled(onProgress?: (p: LoadProgress) => void): Promise<LoadResult> {
      return describe(await complete(onProgress));
    },

    async exportRun(format: ExportFormat): Promise<ExportedFile> {
      await complete();
      const bridge = await (exportBridge ??= import('./bridgeExport.ts'));
      return bridge.exportFile(await complete(), format, bridge);
    },

    // The forms' checks, the Table form's Query, the learner's code check and grading (./onDemand.ts).
    ...onDemandCalls({ sandbox: options.sandbox, yieldSlice, tableAt: (atMs) => {
      const r = loaded();
      return { run: r, state: () => stateAt(r, clamp(r, atMs)) };
    } }),
  };

  return {
    api,
    foldAt(atMs: number) {
      const r = loaded();
      const t = clamp(r, atMs);
      return { run: r, state: stateAt(r, t), atMs: t };
    },
  };
}
