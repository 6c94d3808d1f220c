/**
 * The built-in scenarios, in the order the picker and the gallery show them: the flagship voting
 * booth first, then its variants, then the lessons from delivery semantics to lineage and failover.
 * Each has a gallery entry: title and one-line lesson (from the scenario), simulated length and
 * difficulty.
 *
 * Data only. May import: scenario files and ./types.ts. May not import sim, worker or ui at runtime.
 */
import type { Scenario } from './types.ts';
import { votingBooth } from './votingBooth.ts';
import { votingNaiveCrash } from './votingNaiveCrash.ts';
import { votingIdempotent } from './votingIdempotent.ts';
import { votingAtMostOnce } from './votingAtMostOnce.ts';
import { deliverySemantics } from './deliverySemantics.ts';
import { checkpointFrequency } from './checkpointFrequency.ts';
import { dedupFilters } from './dedupFilters.ts';
import { poisonRecord } from './poisonRecord.ts';
import { ttlArchive } from './ttlArchive.ts';
import { todoSearch } from './todoSearch.ts';
import { indexFromStream } from './indexFromStream.ts';
import { reordering } from './reordering.ts';
import { replicaGhost } from './replicaGhost.ts';
import { shardLineage } from './shardLineage.ts';
import { trimHorizon } from './trimHorizon.ts';
import { kclFailover } from './kclFailover.ts';
import { kclHandoff } from './kclHandoff.ts';
import { fanOut } from './fanOut.ts';
import { globalTablesLww } from './globalTablesLww.ts';
import { kclVsLambdaErrors } from './kclVsLambdaErrors.ts';
import { filterCriteria } from './filterCriteria.ts';
import { iteratorPitfalls } from './iteratorPitfalls.ts';
import { viewTypes } from './viewTypes.ts';

export { defaultScenarioId, formatLength, type Difficulty, type GalleryEntry } from './galleryIndex.ts';
import type { Difficulty, GalleryEntry } from './galleryIndex.ts';

/** Scenarios in gallery order, each with its difficulty. */
const ENTRIES: readonly (readonly [Scenario, Difficulty])[] = [
  [votingBooth, 'intro'],
  [votingNaiveCrash, 'intro'],
  [votingIdempotent, 'intro'],
  [votingAtMostOnce, 'core'],
  [todoSearch, 'intro'],
  [indexFromStream, 'core'],
  [ttlArchive, 'intro'],
  [viewTypes, 'intro'],
  [deliverySemantics, 'core'],
  [checkpointFrequency, 'core'],
  [dedupFilters, 'core'],
  [fanOut, 'core'],
  [poisonRecord, 'core'],
  [kclVsLambdaErrors, 'core'],
  [filterCriteria, 'core'],
  [reordering, 'advanced'],
  [replicaGhost, 'advanced'],
  [shardLineage, 'advanced'],
  [trimHorizon, 'advanced'],
  [iteratorPitfalls, 'advanced'],
  [kclFailover, 'advanced'],
  [kclHandoff, 'advanced'],
  [globalTablesLww, 'advanced'],
];

export const scenarios: readonly Scenario[] = ENTRIES.map(([s]) => s);

export const gallery: readonly GalleryEntry[] = ENTRIES.map(([s, difficulty]) => ({
  id: s.id,
  title: s.title,
  lesson: s.summary,
  durationMs: s.durationMs,
  difficulty,
}));

/** The scenario with this id, or undefined (callers decide how to report an unknown id). */
export function findScenario(id: string): Scenario | undefined {
  return scenarios.find((s) => s.id === id);
}
