/**
 * What the host needs to turn an imported stream into a run, as one chunk the worker loads the
 * first time a stream is imported: with the import pipeline (./importRun.ts) and the imported run's
 * making (./bridgeRuns.ts), which a plain run never needs either.
 *
 * May import: bridge/import, ./importFile.ts, ./importRun.ts, ./bridgeRuns.ts.
 */
export { analyseStream, findingsSummary } from '../bridge/import/analyse.ts';
export { importLanes } from '../bridge/import/lanes.ts';
export { importedTrace } from '../bridge/import/trace.ts';
export { importPieces } from '../bridge/import/readStream.ts';
export { streamView } from '../bridge/import/recordColumns.ts';
export { piecesOf, sizeOf } from './importFile.ts';
export { createImports } from './importRun.ts';
export { importedRun } from './bridgeRuns.ts';
