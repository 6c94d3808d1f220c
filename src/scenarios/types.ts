/**
 * The shape of a built-in scenario: plain data that says which world to build and which AWS calls to
 * make, and when. A later issue replaces this with a versioned zod schema; until then the type is
 * the contract between the scenario files and the worker host that runs them.
 *
 * May import: sim types only (`import type`). May not import: worker, ui, share, or any sim runtime.
 */
import type { SimulationOptions } from '../sim/index.ts';

/** One AWS JSON 1.0 call, e.g. `{ target: 'DynamoDB_20120810.PutItem', input: { TableName, Item } }`. */
export interface ScenarioCall {
  target: string;
  input: unknown;
}

/** A call made at simulated time `at` (ms since the run started). */
export interface ScriptedCall extends ScenarioCall {
  at: number;
}

export interface Scenario {
  /** Stable id used in links, the CLI and golden files (kebab case). */
  id: string;
  title: string;
  /** One or two sentences shown beside the picture: what the learner should notice. */
  summary: string;
  seed: number;
  /** The run is computed up to this simulated time; playback stops there. */
  durationMs: number;
  /** World settings other than the seed (the seed is the scenario's own field, so links can change it alone). */
  simulation?: Omit<SimulationOptions, 'seed'>;
  /** Calls made at time 0, in order, before any scripted write (CreateTable, UpdateTimeToLive, …). */
  setup: ScenarioCall[];
  /** Scripted calls in time order; a failed one is recorded in the trace, not thrown. */
  writes: ScriptedCall[];
}
