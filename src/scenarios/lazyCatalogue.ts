/**
 * The built-in scenarios by id, each loaded on demand: the simulation worker loads only the scenario
 * it runs (each is a chunk of its own in the browser), where `catalogue.ts` holds them all for the
 * gallery, Node tools and tests. Same ids, same order; `lazyCatalogue.test.ts` keeps the two equal.
 *
 * Data only. May import: scenario files (dynamically) and ./types.ts.
 */
import type { Scenario } from './types.ts';

const LOADERS: ReadonlyMap<string, () => Promise<Scenario>> = new Map<string, () => Promise<Scenario>>([
  ['voting-booth', () => import('./votingBooth.ts').then((m) => m.votingBooth)],
  ['voting-naive-crash', () => import('./votingNaiveCrash.ts').then((m) => m.votingNaiveCrash)],
  ['voting-idempotent', () => import('./votingIdempotent.ts').then((m) => m.votingIdempotent)],
  ['voting-at-most-once', () => import('./votingAtMostOnce.ts').then((m) => m.votingAtMostOnce)],
  ['todo-search', () => import('./todoSearch.ts').then((m) => m.todoSearch)],
  ['index-from-stream', () => import('./indexFromStream.ts').then((m) => m.indexFromStream)],
  ['ttl-archive', () => import('./ttlArchive.ts').then((m) => m.ttlArchive)],
  ['view-types', () => import('./viewTypes.ts').then((m) => m.viewTypes)],
  ['at-most-once-vs-at-least-once', () => import('./deliverySemantics.ts').then((m) => m.deliverySemantics)],
  ['checkpoint-frequency', () => import('./checkpointFrequency.ts').then((m) => m.checkpointFrequency)],
  ['dedup-filters', () => import('./dedupFilters.ts').then((m) => m.dedupFilters)],
  ['fan-out', () => import('./fanOut.ts').then((m) => m.fanOut)],
  ['poison-record', () => import('./poisonRecord.ts').then((m) => m.poisonRecord)],
  ['kcl-vs-lambda-errors', () => import('./kclVsLambdaErrors.ts').then((m) => m.kclVsLambdaErrors)],
  ['filter-criteria', () => import('./filterCriteria.ts').then((m) => m.filterCriteria)],
  ['reordering', () => import('./reordering.ts').then((m) => m.reordering)],
  ['replica-ghost', () => import('./replicaGhost.ts').then((m) => m.replicaGhost)],
  ['shard-lineage', () => import('./shardLineage.ts').then((m) => m.shardLineage)],
  ['trim-horizon', () => import('./trimHorizon.ts').then((m) => m.trimHorizon)],
  ['iterator-pitfalls', () => import('./iteratorPitfalls.ts').then((m) => m.iteratorPitfalls)],
  ['kcl-failover', () => import('./kclFailover.ts').then((m) => m.kclFailover)],
  ['kcl-handoff', () => import('./kclHandoff.ts').then((m) => m.kclHandoff)],
  ['global-tables-lww', () => import('./globalTablesLww.ts').then((m) => m.globalTablesLww)],
]);

/** The built-in scenarios' ids, in gallery order. */
export const scenarioIds: readonly string[] = [...LOADERS.keys()];

/** Loads the built-in scenario with this id, or gives undefined for an unknown id. */
export function loadScenario(id: string): Promise<Scenario> | undefined {
  return LOADERS.get(id)?.();
}
