/**
 * The Settings forms' check of a built-in scenario with edits, before the run is asked for.
 *
 * May import: ./inputs.ts, ./runScenario.ts, ./parts.ts, scenario types.
 */
import type { ScenarioEdit } from '../scenarios/edits.ts';
import { prepareInputs, resolveSource } from './inputs.ts';
import { prepareRun } from './runScenario.ts';
import { loadPartsFor } from './parts.ts';

/** The problems of a built-in scenario with these edits (`path: message`), or null when it would load. */
export async function editsProblems(scenarioId: string, edits: unknown): Promise<string[] | null> {
  const source = { id: scenarioId, edits: edits as ScenarioEdit[] };
  await prepareInputs(source);
  let scenario;
  try {
    scenario = resolveSource(source).scenario;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).split('\n');
  }
  await loadPartsFor(scenario);
  try {
    // Setup calls and consumers at time 0 (cheap: nothing runs), so a capacity of 0 or a mapping
    // without a stream gets DynamoDB's or Lambda's message before the run is asked for. A
    // learner's code needs its sandbox, so such scenarios are checked when they load.
    if (!scenario.consumers?.some((c) => c.handler.code !== undefined)) prepareRun(scenario);
    return null;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).split('\n');
  }
}
