/**
 * What the host needs to export a run (GetRecords pages, Lambda events, an AWS SDK script), as one
 * chunk the worker loads the first time a run is exported.
 *
 * May import: bridge/export.
 */
export { streamsFromTrace } from '../bridge/export/records.ts';
export { getRecordsExport, lambdaEvents } from '../bridge/export/pages.ts';
export { scriptFileName, workloadScript } from '../bridge/export/script.ts';
