/**
 * What the host accepts, checked: a scenario source (a built-in id, with overrides, or an inline
 * scenario) resolved and validated, and interventions validated against the scenario. Failures are
 * thrown as named errors (`unknown-scenario`, `invalid-scenario`, `invalid-intervention`).
 *
 * May import: scenarios (catalogue, schema), sim types, protocol types.
 */
import type { Intervention } from '../sim/faults/intervention.ts';
import { findScenario, scenarios } from '../scenarios/catalogue.ts';
import { InterventionSchema, parseScenario } from '../scenarios/schema.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { ScenarioSource, SimErrorKind } from './protocol.ts';

/** An error the host reports by kind (its `name`), with a message in words. */
export function simError(kind: SimErrorKind, message: string): Error {
  const error = new Error(message);
  error.name = kind;
  return error;
}

export interface Loaded {
  scenario: Scenario;
  inline: boolean;
  seed: number;
}

export function resolveSource(source: string | ScenarioSource): Loaded {
  if (typeof source === 'string' || 'id' in source) {
    const id = typeof source === 'string' ? source : source.id;
    const found = findScenario(id);
    if (!found) throw simError('unknown-scenario', `Unknown scenario "${id}". Known: ${scenarios.map((s) => s.id).join(', ')}.`);
    const overrides = typeof source === 'string' ? undefined : source.overrides;
    if (!overrides) return { scenario: found, inline: false, seed: found.seed };
    const checked = parseScenario({ ...found, ...overrides });
    if (!checked.ok) throw simError('invalid-scenario', `The overrides for ${id} are not valid:\n${checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
    return { scenario: checked.scenario, inline: false, seed: checked.scenario.seed };
  }
  if (!('inline' in source)) throw simError('invalid-scenario', 'An imported stream is loaded with load({ imported }), not as a scenario.');
  const checked = parseScenario(source.inline);
  if (!checked.ok) throw simError('invalid-scenario', `The scenario is not valid:\n${checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return { scenario: checked.scenario, inline: true, seed: checked.scenario.seed };
}

export function checkIntervention(i: unknown, scenario: Scenario): Intervention {
  const r = InterventionSchema.safeParse(i);
  if (!r.success) throw simError('invalid-intervention', r.error.issues.map((x) => `${x.path.map(String).join('.') || '(intervention)'}: ${x.message}`).join('\n'));
  if (r.data.at > scenario.durationMs) throw simError('invalid-intervention', `at: ${r.data.at} ms is after the end of the run (${scenario.durationMs} ms)`);
  return r.data as Intervention;
}
