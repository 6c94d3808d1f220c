/**
 * What the host needs to turn an imported stream into a run, as one chunk the worker loads the
 * first time a stream is imported.
 *
 * May import: bridge/import.
 */
export { analyseStream, findingsSummary } from '../bridge/import/analyse.ts';
export { importLanes } from '../bridge/import/lanes.ts';
export { importedTrace } from '../bridge/import/trace.ts';
export { importPieces } from '../bridge/import/readStream.ts';
export { streamView } from '../bridge/import/recordColumns.ts';
export { piecesOf, sizeOf } from './importFile.ts';
