/**
 * What the host accepts, checked: a scenario source (a built-in id, with overrides, or an inline
 * scenario) resolved and validated, and interventions validated against the scenario. Failures are
 * thrown as named errors (`unknown-scenario`, `invalid-scenario`, `invalid-intervention`).
 *
 * What these checks need is loaded on demand, each a chunk of its own in the browser: the checks
 * against the scenario schema (`scenarioChecks.ts`, with zod, a third of the worker), which a run
 * of a built-in scenario without overrides, edits or interventions never needs, and each built-in
 * scenario (`lazyCatalogue.ts`). `prepareInputs` loads what a request needs (`needsPreparing` says
 * whether anything is missing); the checks below then run synchronously.
 *
 * May import: scenarios (lazy catalogue; types), ./scenarioChecks.ts (lazily), sim types, protocol types.
 */
import type { Intervention } from '../sim/faults/intervention.ts';
import { loadScenario, scenarioIds } from '../scenarios/lazyCatalogue.ts';
import type { ScenarioEdit } from '../scenarios/edits.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { ScenarioSource, SimErrorKind } from './protocol.ts';
import type * as ScenarioChecks from './scenarioChecks.ts';

type SchemaModule = typeof ScenarioChecks;
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
  // The schema's and the edits' chunks are asked for beside the checks' own (which imports them), not after it.
  const loadSchema = needsSchema(source, interventions) ? (schemaLoading ??= Promise.all([import('./scenarioChecks.ts'), import('../scenarios/schema.ts'), import('../scenarios/edits.ts')]).then(([checks]) => checks)) : undefined;
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

export function resolveSource(source: string | ScenarioSource): Loaded {
  if (typeof source === 'string' || 'id' in source) {
    const id = typeof source === 'string' ? source : source.id;
    const found = findScenario(id);
    if (!found) throw simError('unknown-scenario', `Unknown scenario "${id}". Known: ${scenarioIds.join(', ')}.`);
    const overrides = typeof source === 'string' ? undefined : source.overrides;
    const rawEdits = typeof source === 'string' ? undefined : source.edits;
    if (rawEdits !== undefined && (rawEdits as unknown[]).length > 0) {
      if (overrides) throw simError('invalid-scenario', 'A scenario is changed either by overrides or by edits, not both.');
      const { scenario, edits } = schema().editedScenario(found, rawEdits);
      return { scenario, inline: false, edits, seed: scenario.seed };
    }
    if (!overrides) return { scenario: found, inline: false, seed: found.seed };
    const scenario = schema().checkedScenario({ ...found, ...overrides }, `The overrides for ${id} are not valid`);
    return { scenario, inline: false, seed: scenario.seed };
  }
  if (!('inline' in source)) throw simError('invalid-scenario', 'An imported stream is loaded with load({ imported }), not as a scenario.');
  const scenario = schema().checkedScenario(source.inline, 'The scenario is not valid');
  return { scenario, inline: true, seed: scenario.seed };
}

/** The intervention, checked against the schema and the scenario's length (`scenarioChecks.ts`). */
export function checkIntervention(i: unknown, scenario: Scenario): Intervention {
  return schema().checkIntervention(i, scenario);
}
