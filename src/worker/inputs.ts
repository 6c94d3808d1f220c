/**
 * What the host accepts, checked: a scenario source (a built-in id, with overrides, or an inline
 * scenario) resolved and validated, and interventions validated against the scenario. Failures are
 * thrown as named errors (`unknown-scenario`, `invalid-scenario`, `invalid-intervention`).
 *
 * What these checks need is loaded on demand, each a chunk of its own in the browser: the scenario
 * schema (zod, a third of the worker), which a run of a built-in scenario without overrides or
 * interventions never needs, and each built-in scenario (`lazyCatalogue.ts`). `prepareInputs` loads
 * what a request needs (`needsPreparing` says whether anything is missing); the checks below then
 * run synchronously.
 *
 * May import: scenarios (lazy catalogue, schema), sim types, protocol types.
 */
import type { Intervention } from '../sim/faults/intervention.ts';
import { loadScenario, scenarioIds } from '../scenarios/lazyCatalogue.ts';
import type * as SchemaExports from '../scenarios/schema.ts';
import type * as EditsExports from '../scenarios/edits.ts';
import type { ScenarioEdit } from '../scenarios/edits.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { ScenarioSource, SimErrorKind } from './protocol.ts';

type SchemaModule = typeof SchemaExports & Pick<typeof EditsExports, 'applyEdits' | 'ScenarioEditsSchema'>;
let schemaModule: SchemaModule | undefined;
let schemaLoading: Promise<SchemaModule> | undefined;

/** Built-in scenarios loaded so far, by id. */
const builtIns = new Map<string, Scenario>();

function needsSchema(source: string | ScenarioSource | undefined, interventions: readonly unknown[]): boolean {
  if (schemaModule) return false;
  if (interventions.length > 0) return true;
  if (source === undefined || typeof source === 'string') return false;
  if ('imported' in source) return false;
  return !('id' in source) || source.overrides !== undefined || source.edits !== undefined;
}

function builtInId(source: string | ScenarioSource | undefined): string | undefined {
  if (source === undefined) return undefined;
  if (typeof source === 'string') return source;
  return 'id' in source ? source.id : undefined;
}

/** True when checking this source or these interventions needs something not loaded yet. */
export function needsPreparing(source: string | ScenarioSource | undefined, interventions: readonly unknown[] = []): boolean {
  const id = builtInId(source);
  return needsSchema(source, interventions) || (id !== undefined && !builtIns.has(id) && scenarioIds.includes(id));
}

/** Loads what checking this source and these interventions needs (the schema, the built-in scenario). */
export async function prepareInputs(source: string | ScenarioSource | undefined, interventions: readonly unknown[] = []): Promise<void> {
  const id = builtInId(source);
  const scenario = id !== undefined && !builtIns.has(id) ? loadScenario(id) : undefined;
  const loadSchema = needsSchema(source, interventions) ? (schemaLoading ??= Promise.all([import('../scenarios/schema.ts'), import('../scenarios/edits.ts')]).then(([s, e]) => ({ ...s, applyEdits: e.applyEdits, ScenarioEditsSchema: e.ScenarioEditsSchema }))) : undefined;
  const [found, loadedSchema] = await Promise.all([scenario, loadSchema]);
  if (id !== undefined && found) builtIns.set(id, found);
  if (loadedSchema) schemaModule ??= loadedSchema;
}

function findScenario(id: string): Scenario | undefined {
  if (!builtIns.has(id) && scenarioIds.includes(id)) throw new Error(`inputs: the scenario "${id}" is not loaded (await prepareInputs() first)`);
  return builtIns.get(id);
}

function schema(): SchemaModule {
  if (!schemaModule) throw new Error('inputs: the scenario schema is not loaded (await prepareInputs() first)');
  return schemaModule;
}

/** An error the host reports by kind (its `name`), with a message in words. */
export function simError(kind: SimErrorKind, message: string): Error {
  const error = new Error(message);
  error.name = kind;
  return error;
}

export interface Loaded {
  scenario: Scenario;
  inline: boolean;
  /** The edits applied to the built-in scenario, when there are any. */
  edits?: ScenarioEdit[];
  seed: number;
}

/** A built-in scenario with the user's edits applied, validated as a whole scenario. */
function editedScenario(found: Scenario, rawEdits: unknown): { scenario: Scenario; edits: ScenarioEdit[] } {
  const { ScenarioEditsSchema, applyEdits, parseScenario } = schema();
  const edits = ScenarioEditsSchema.safeParse(rawEdits);
  if (!edits.success) throw simError('invalid-scenario', `The changes to ${found.id} are not valid:\n${edits.error.issues.map((i) => `${i.path.map(String).join('.') || '(edits)'}: ${i.message}`).join('\n')}`);
  const applied = applyEdits(found, edits.data);
  if (!applied.ok) throw simError('invalid-scenario', applied.message);
  const checked = parseScenario(applied.scenario);
  if (!checked.ok) throw simError('invalid-scenario', `The changed ${found.id} is not a valid scenario:\n${checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return { scenario: checked.scenario, edits: edits.data };
}

export function resolveSource(source: string | ScenarioSource): Loaded {
  if (typeof source === 'string' || 'id' in source) {
    const id = typeof source === 'string' ? source : source.id;
    const found = findScenario(id);
    if (!found) throw simError('unknown-scenario', `Unknown scenario "${id}". Known: ${scenarioIds.join(', ')}.`);
    const overrides = typeof source === 'string' ? undefined : source.overrides;
    const rawEdits = typeof source === 'string' ? undefined : source.edits;
    if (rawEdits !== undefined && (rawEdits as unknown[]).length > 0) {
      if (overrides) throw simError('invalid-scenario', 'A scenario is changed either by overrides or by edits, not both.');
      const { scenario, edits } = editedScenario(found, rawEdits);
      return { scenario, inline: false, edits, seed: scenario.seed };
    }
    if (!overrides) return { scenario: found, inline: false, seed: found.seed };
    const checked = schema().parseScenario({ ...found, ...overrides });
    if (!checked.ok) throw simError('invalid-scenario', `The overrides for ${id} are not valid:\n${checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
    return { scenario: checked.scenario, inline: false, seed: checked.scenario.seed };
  }
  if (!('inline' in source)) throw simError('invalid-scenario', 'An imported stream is loaded with load({ imported }), not as a scenario.');
  const checked = schema().parseScenario(source.inline);
  if (!checked.ok) throw simError('invalid-scenario', `The scenario is not valid:\n${checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return { scenario: checked.scenario, inline: true, seed: checked.scenario.seed };
}

export function checkIntervention(i: unknown, scenario: Scenario): Intervention {
  const r = schema().InterventionSchema.safeParse(i);
  if (!r.success) throw simError('invalid-intervention', r.error.issues.map((x) => `${x.path.map(String).join('.') || '(intervention)'}: ${x.message}`).join('\n'));
  if (r.data.at > scenario.durationMs) throw simError('invalid-intervention', `at: ${r.data.at} ms is after the end of the run (${scenario.durationMs} ms)`);
  return r.data as Intervention;
}
