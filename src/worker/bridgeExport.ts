/**
 * What the host needs to export a run (GetRecords pages, Lambda events, an AWS SDK script), as one
 * chunk the worker loads the first time a run is exported (with ./bridgeRuns.ts's `exportFile`).
 *
 * May import: bridge/export, ./bridgeRuns.ts.
 */
export { streamsFromTrace } from '../bridge/export/records.ts';
export { getRecordsExport, lambdaEvents } from '../bridge/export/pages.ts';
export { scriptFileName, workloadScript } from '../bridge/export/script.ts';
export { exportFile } from './bridgeRuns.ts';
