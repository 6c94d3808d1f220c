/**
 * Calling one operation at the world's current time. Kept apart from the stepper: consumers,
 * handlers, faults and checks call operations, and `step.ts` calls them, so neither loops back into
 * the other (tests/imports: `sim/imports.test.ts` fails on an import circle through step.ts).
 */
import type { World } from '../world.ts';
import { record } from '../world.ts';
import { dispatch } from './dispatch.ts';
import { isAwsError } from './errors.ts';

/**
 * Calls an operation at the current time; AWS errors are recorded in the trace and rethrown.
 * `owned`: the input is the simulation's own JSON copy of a request, which no caller holds (a
 * scheduled call, `Simulation.call`): the operation may keep parts of it (`dispatch`).
 */
export function callOperation(world: World, target: string, input: unknown, owned = false): unknown {
  try {
    return dispatch(world, target, input, owned);
  } catch (e) {
    if (isAwsError(e)) record(world, { t: world.nowMs, type: 'api-error', target, code: e.code, message: e.message });
    throw e;
  }
}

/**
 * Calls an operation on the endpoint of `region`: table names resolve to that Region's replica of a
 * global table. The home Region (`options.region`) is the same as no Region at all.
 */
export function callInRegion(world: World, region: string, target: string, input: unknown, owned = false): unknown {
  if (region === world.options.region) return callOperation(world, target, input, owned);
  world.requestRegion = region;
  try {
    return callOperation(world, target, input, owned);
  } finally {
    world.requestRegion = undefined;
  }
}
