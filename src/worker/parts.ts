/**
 * Loads the core's optional parts (`sim/parts.ts`) a run needs, each a chunk of its own in the
 * browser (`import()`), and registers them before the run is prepared: the core never waits for
 * one. A part loads once; a load that failed (the network, an old deployment's chunk gone) is tried
 * again on the next run that needs it, and fails meanwhile with a message that names the part.
 * Node loads the same modules the same way (or has them all from `sim/parts/all.ts`).
 *
 * May import: sim/parts.ts and the part modules (dynamically), scenarios' lazy catalogue, ./inputs.ts (its error kind), protocol types.
 */
import { hasPart, PART_TITLES, partsFor, registerPart, type PartName } from '../sim/parts.ts';
import { scenarioParts } from '../scenarios/lazyCatalogue.ts';
import { simError } from './inputs.ts';
import type { ScenarioSource } from './protocol.ts';

const LOADERS: Record<PartName, () => Promise<void>> = {
  consumers: () => import('../sim/parts/consumers.ts').then((m) => registerPart('consumers', m.consumersPart)),
  globalTables: () => import('../sim/parts/globalTables.ts').then((m) => registerPart('globalTables', m.globalTablesPart)),
  indexes: () => import('../sim/parts/indexes.ts').then((m) => registerPart('indexes', m.indexesPart)),
  kcl: () => import('../sim/parts/kcl.ts').then((m) => registerPart('kcl', m.kclPart)),
  lambda: () => import('../sim/parts/lambda.ts').then((m) => registerPart('lambda', m.lambdaPart)),
  projections: () => import('../sim/parts/projections.ts').then((m) => registerPart('projections', m.projectionsPart)),
  reads: () => import('../sim/parts/reads.ts').then((m) => registerPart('reads', m.readsPart)),
  scheduledRequests: () => import('../sim/parts/scheduledRequests.ts').then((m) => registerPart('scheduledRequests', m.scheduledRequestsPart)),
  shardLifecycle: () => import('../sim/parts/shardLifecycle.ts').then((m) => registerPart('shardLifecycle', m.shardLifecyclePart)),
  traffic: () => import('../sim/parts/traffic.ts').then((m) => registerPart('traffic', m.trafficPart)),
  transactions: () => import('../sim/parts/transactions.ts').then((m) => registerPart('transactions', m.transactionsPart)),
  tableSettings: () => import('../sim/parts/tableSettings.ts').then((m) => registerPart('tableSettings', m.tableSettingsPart)),
};

const loading = new Map<PartName, Promise<void>>();

/** Loads (once) and registers every part named; rejects with a `part-load-failed` error naming the first that failed. */
export function loadParts(names: readonly PartName[], loaders: Record<PartName, () => Promise<void>> = LOADERS): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const name of names) {
    if (hasPart(name)) continue;
    let p = loading.get(name);
    if (!p) {
      // Forgotten once settled: the registry says what is loaded, and a failed load is tried again.
      p = loaders[name]().then(
        () => void loading.delete(name),
        (e: unknown) => {
          loading.delete(name);
          throw simError('part-load-failed', `The simulator's code for ${PART_TITLES[name]} could not be loaded (${e instanceof Error ? e.message : String(e)}). Check the connection and reload the page.`);
        },
      );
      loading.set(name, p);
    }
    pending.push(p);
  }
  return pending.length === 0 ? Promise.resolve() : Promise.all(pending).then(() => undefined);
}

/**
 * Starts loading the parts of a built-in scenario without waiting: they are known by its id
 * (`scenarios/lazyCatalogue.ts`), so they load beside the scenario's own chunk instead of after it.
 * A failure is left for the run's own `loadParts` to report (it tries again).
 */
export function prefetchScenarioParts(source: string | ScenarioSource): void {
  const id = typeof source === 'string' ? source : 'id' in source ? source.id : undefined;
  const names = id === undefined ? undefined : scenarioParts(id);
  if (names && names.length > 0) loadParts(names).catch(() => undefined);
}

/** Loads the parts a run of this scenario (its consumers, its interventions and the user's `interventions`) needs. */
export function loadPartsFor(scenario: Parameters<typeof partsFor>[0], interventions: readonly unknown[] = []): Promise<void> {
  return loadParts(partsFor(scenario, interventions));
}
