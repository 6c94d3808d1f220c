/**
 * The simulation host: builds a run from a scenario and answers the protocol's calls. It owns the
 * one `Simulation` of the loaded run and the trace it produced.
 *
 * No Worker or DOM globals here, so `host.test.ts` and `tools/run-scenario.ts` run this exact code
 * in Node; `sim.worker.ts` only exposes it.
 *
 * May import: sim (runtime), scenarios, ./view.ts, ./protocol.ts types.
 * May not import: ui, share, comlink, Worker globals.
 */
import { createSimulation, type Simulation } from '../sim/index.ts';
import { findScenario, scenarios } from '../scenarios/catalogue.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { LoadOptions, LoadResult, SimApi, SimErrorKind, SimView } from './protocol.ts';
import { factCountAt, foldView } from './view.ts';

function simError(kind: SimErrorKind, message: string): Error {
  const error = new Error(message);
  error.name = kind;
  return error;
}

/** Builds the whole run: setup at time 0, scripted calls queued, then the clock run to the end. */
export function runScenario(scenario: Scenario, seed: number = scenario.seed): Simulation {
  const sim = createSimulation({ ...scenario.simulation, seed });
  for (const call of scenario.setup) {
    try {
      sim.call(call.target, call.input);
    } catch (e) {
      // A setup call that fails is a bug in the scenario, not a lesson: say which call.
      throw simError('invalid-scenario', `${scenario.id}: setup call ${call.target} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const call of scenario.writes) {
    if (call.at > scenario.durationMs) throw simError('invalid-scenario', `${scenario.id}: a call at ${call.at} ms is after the end (${scenario.durationMs} ms)`);
    sim.schedule(call.at, call.target, call.input);
  }
  sim.advanceTo(scenario.durationMs);
  return sim;
}

interface LoadedRun {
  scenario: Scenario;
  seed: number;
  sim: Simulation;
  traceHash: string;
}

/** The host as a plain object; the worker entry exposes it and Node calls it directly. */
export function createHost(): SimApi {
  let run: LoadedRun | undefined;
  // The view is asked for on every animation frame; it only changes when another fact comes into
  // range, so the last fold is reused (with the new time) until then.
  let cached: { factCount: number; view: SimView } | undefined;

  function loaded(): LoadedRun {
    if (!run) throw simError('no-run', 'No scenario is loaded: call load(scenarioId) first.');
    return run;
  }

  return {
    async load(scenarioId: string, options: LoadOptions = {}): Promise<LoadResult> {
      const scenario = findScenario(scenarioId);
      if (!scenario) {
        const known = scenarios.map((s) => s.id).join(', ');
        throw simError('unknown-scenario', `Unknown scenario "${scenarioId}". Known: ${known}.`);
      }
      const seed = options.seed ?? scenario.seed;
      if (!Number.isSafeInteger(seed)) throw simError('invalid-scenario', `seed must be a safe integer; got ${String(seed)}`);
      const sim = runScenario(scenario, seed);
      run = { scenario, seed, sim, traceHash: sim.traceHash() };
      cached = undefined;
      return {
        scenarioId: scenario.id,
        title: scenario.title,
        summary: scenario.summary,
        seed,
        durationMs: scenario.durationMs,
        traceHash: run.traceHash,
        eventCount: sim.trace.length,
      };
    },

    async view(atMs: number): Promise<SimView> {
      const { scenario, sim } = loaded();
      const t = Number.isFinite(atMs) ? Math.min(Math.max(atMs, 0), scenario.durationMs) : 0;
      const factCount = factCountAt(sim.trace, t);
      if (cached?.factCount !== factCount) cached = { factCount, view: foldView(sim.trace, t) };
      return { ...cached.view, atMs: t };
    },

    async traceHash(): Promise<string> {
      return loaded().traceHash;
    },
  };
}
