/**
 * The built-in scenarios by id, each loaded on demand: the simulation worker loads only the scenario
 * it runs (each is a chunk of its own in the browser), where `catalogue.ts` holds them all for the
 * gallery, Node tools and tests. Same ids, same order; `lazyCatalogue.test.ts` keeps the two equal.
 *
 * Data only. May import: scenario files and ./helpers.ts (dynamically), ./types.ts and sim/parts.ts (types).
 */
import type { Scenario } from './types.ts';
import type { PartName } from '../sim/parts.ts';

/**
 * The builders all built-in scenarios but the default one share (`helpers.ts`: calls, stamps, the
 * voting app's data) are a chunk of their own in the worker, which those scenarios' chunks import:
 * fetched here beside the scenario's chunk, not after it (its chunk would ask for them only once it
 * had arrived). The default scenario's chunk needs none of them, so its first run does without.
 */
function withHelpers(load: () => Promise<Scenario>): () => Promise<Scenario> {
  return () => Promise.all([load(), loadScenarioHelpers()]).then(([scenario]) => scenario);
}

/**
 * Fetches the shared builders (once: the module map keeps them). The worker asks for them as it
 * starts when its first run is not the default scenario's (`worker/warmFirstRun.ts`), before it
 * knows which scenario comes: a link's scenario is decoded on the page first.
 */
export function loadScenarioHelpers(): Promise<unknown> {
  return import('./helpers.ts');
}

/**
 * Each scenario's loader, after the core's parts its consumers need (`sim/parts.ts` `partsFor`;
 * `lazyCatalogue.test.ts` keeps the two equal): the worker loads those chunks beside the scenario's
 * own instead of after it.
 */
const LOADERS: ReadonlyMap<string, readonly [readonly PartName[], () => Promise<Scenario>]> = new Map<string, readonly [readonly PartName[], () => Promise<Scenario>]>([
  ['voting-booth', [['consumers', 'kcl'], () => import('./votingBooth.ts').then((m) => m.votingBooth)]],
  ['voting-naive-crash', [['consumers', 'indexes', 'lambda'], withHelpers(() => import('./votingNaiveCrash.ts').then((m) => m.votingNaiveCrash))]],
  ['voting-idempotent', [['consumers', 'indexes', 'lambda', 'transactions'], withHelpers(() => import('./votingIdempotent.ts').then((m) => m.votingIdempotent))]],
  ['voting-at-most-once', [['consumers', 'indexes', 'kcl'], withHelpers(() => import('./votingAtMostOnce.ts').then((m) => m.votingAtMostOnce))]],
  ['todo-search', [['consumers', 'lambda', 'transactions'], withHelpers(() => import('./todoSearch.ts').then((m) => m.todoSearch))]],
  ['index-from-stream', [['consumers', 'indexes', 'lambda', 'transactions'], withHelpers(() => import('./indexFromStream.ts').then((m) => m.indexFromStream))]],
  ['ttl-archive', [['consumers', 'lambda', 'transactions', 'tableSettings'], withHelpers(() => import('./ttlArchive.ts').then((m) => m.ttlArchive))]],
  ['view-types', [['consumers', 'lambda', 'transactions'], withHelpers(() => import('./viewTypes.ts').then((m) => m.viewTypes))]],
  ['at-most-once-vs-at-least-once', [['consumers', 'indexes', 'kcl'], withHelpers(() => import('./deliverySemantics.ts').then((m) => m.deliverySemantics))]],
  ['checkpoint-frequency', [['consumers', 'indexes', 'kcl'], withHelpers(() => import('./checkpointFrequency.ts').then((m) => m.checkpointFrequency))]],
  ['dedup-filters', [['consumers', 'indexes', 'lambda', 'transactions'], withHelpers(() => import('./dedupFilters.ts').then((m) => m.dedupFilters))]],
  ['fan-out', [['consumers', 'lambda', 'transactions'], withHelpers(() => import('./fanOut.ts').then((m) => m.fanOut))]],
  ['poison-record', [['consumers', 'indexes', 'lambda', 'shardLifecycle', 'transactions'], withHelpers(() => import('./poisonRecord.ts').then((m) => m.poisonRecord))]],
  ['kcl-vs-lambda-errors', [['consumers', 'indexes', 'kcl', 'lambda', 'transactions'], withHelpers(() => import('./kclVsLambdaErrors.ts').then((m) => m.kclVsLambdaErrors))]],
  ['filter-criteria', [['consumers', 'lambda', 'transactions'], withHelpers(() => import('./filterCriteria.ts').then((m) => m.filterCriteria))]],
  ['reordering', [['consumers', 'lambda'], withHelpers(() => import('./reordering.ts').then((m) => m.reordering))]],
  ['replica-ghost', [['consumers', 'kcl', 'shardLifecycle', 'transactions'], withHelpers(() => import('./replicaGhost.ts').then((m) => m.replicaGhost))]],
  ['shard-lineage', [['consumers', 'kcl', 'shardLifecycle'], withHelpers(() => import('./shardLineage.ts').then((m) => m.shardLineage))]],
  ['trim-horizon', [['consumers', 'kcl', 'lambda', 'shardLifecycle'], withHelpers(() => import('./trimHorizon.ts').then((m) => m.trimHorizon))]],
  ['iterator-pitfalls', [['consumers', 'kcl', 'lambda', 'shardLifecycle', 'transactions'], withHelpers(() => import('./iteratorPitfalls.ts').then((m) => m.iteratorPitfalls))]],
  ['kcl-failover', [['consumers', 'kcl', 'transactions'], withHelpers(() => import('./kclFailover.ts').then((m) => m.kclFailover))]],
  ['kcl-handoff', [['consumers', 'kcl', 'transactions'], withHelpers(() => import('./kclHandoff.ts').then((m) => m.kclHandoff))]],
  ['global-tables-lww', [['consumers', 'globalTables', 'lambda', 'tableSettings'], withHelpers(() => import('./globalTablesLww.ts').then((m) => m.globalTablesLww))]],
]);

/** The built-in scenarios' ids, in gallery order. */
export const scenarioIds: readonly string[] = [...LOADERS.keys()];

/** Loads the built-in scenario with this id, or gives undefined for an unknown id. */
export function loadScenario(id: string): Promise<Scenario> | undefined {
  return LOADERS.get(id)?.[1]();
}

/** The core's parts the built-in scenario with this id needs (as it is, without edits), or undefined for an unknown id. */
export function scenarioParts(id: string): readonly PartName[] | undefined {
  return LOADERS.get(id)?.[0];
}
