/**
 * The first of the worker's modules to evaluate (sim.worker.ts imports it first): on a plain visit
 * the worker's name names the first run (./firstRun.ts), so the fetches of that scenario's chunk and
 * of the core's parts it needs start here, while the rest of the core's modules evaluate, instead of
 * after them. It starts fetches only: `host.load` imports the same modules again (the module map
 * answers at once) and runs nothing until they are there, as before. A worker whose name names no
 * first run (a link, a mode: the page decodes what to run first) fetches the builders the other
 * scenarios share (`scenarios/helpers.ts`), which the default scenario does without: they are
 * there when the scenario's own chunk comes, instead of one more fetch beside it.
 *
 * May import: ./firstRun.ts, ./parts.ts, the scenarios' lazy catalogue. Reads `self.name` (a Worker
 * global, as sim.worker.ts does).
 */
import { firstRunFromName } from './firstRun.ts';
import { prefetchScenarioParts } from './parts.ts';
import { loadScenario, loadScenarioHelpers } from '../scenarios/lazyCatalogue.ts';

/** Starts the fetches for the run a worker of this name starts with; gives its scenario id, or undefined for none. */
export function warmFirstRun(name: string, fetchers = { loadScenario, prefetchScenarioParts, loadScenarioHelpers }): string | undefined {
  const id = firstRunFromName(name);
  if (id === undefined) {
    fetchers.loadScenarioHelpers().catch(() => undefined); // a scenario that needs them fetches them again
    return undefined;
  }
  fetchers.loadScenario(id)?.catch(() => undefined); // reported by the run's own load, which tries again
  fetchers.prefetchScenarioParts(id);
  return id;
}

// In the worker only (tests import the function in Node, where there is no `self`).
if (typeof self !== 'undefined' && typeof self.name === 'string') warmFirstRun(self.name);
