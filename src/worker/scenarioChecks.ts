/**
 * The checks of what the host accepts that need the scenario schema (zod): a scenario with
 * overrides or inline, a built-in one with the user's edits, an intervention. A chunk of its own
 * in the browser, with the schema: `inputs.ts` loads it for a request that needs it (a run of a
 * built-in scenario as it is, the first run, never does).
 *
 * May import: scenarios (schema, edits), ./inputs.ts (`simError`), sim and protocol types.
 */
import type { Intervention } from '../sim/faults/intervention.ts';
import { InterventionSchema, parseScenario } from '../scenarios/schema.ts';
import { applyEdits, ScenarioEditsSchema, type ScenarioEdit } from '../scenarios/edits.ts';
import type { Scenario } from '../scenarios/types.ts';
import { simError } from './inputs.ts';

/** The scenario, validated; else an `invalid-scenario` error that starts with `problem`. */
export function checkedScenario(raw: unknown, problem: string): Scenario {
  const checked = parseScenario(raw);
  if (!checked.ok) throw simError('invalid-scenario', `${problem}:\n${checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return checked.scenario;
}

/** A built-in scenario with the user's edits applied, validated as a whole scenario. */
export function editedScenario(found: Scenario, rawEdits: unknown): { scenario: Scenario; edits: ScenarioEdit[] } {
  const edits = ScenarioEditsSchema.safeParse(rawEdits);
  if (!edits.success) throw simError('invalid-scenario', `The changes to ${found.id} are not valid:\n${edits.error.issues.map((i) => `${i.path.map(String).join('.') || '(edits)'}: ${i.message}`).join('\n')}`);
  const applied = applyEdits(found, edits.data);
  if (!applied.ok) throw simError('invalid-scenario', applied.message);
  const checked = parseScenario(applied.scenario);
  if (!checked.ok) throw simError('invalid-scenario', `The changed ${found.id} is not a valid scenario:\n${checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return { scenario: checked.scenario, edits: edits.data };
}

/** The intervention, validated, and within the scenario's length; else an `invalid-intervention` error. */
export function checkIntervention(i: unknown, scenario: Scenario): Intervention {
  const r = InterventionSchema.safeParse(i);
  if (!r.success) throw simError('invalid-intervention', r.error.issues.map((x) => `${x.path.map(String).join('.') || '(intervention)'}: ${x.message}`).join('\n'));
  if (r.data.at > scenario.durationMs) throw simError('invalid-intervention', `at: ${r.data.at} ms is after the end of the run (${scenario.durationMs} ms)`);
  return r.data as Intervention;
}
