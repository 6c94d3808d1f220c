/** Trace facts specific to Lambda event source mappings (filled in by the ESM module). */
export type EsmTraceEvent = never;
