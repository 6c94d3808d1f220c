/** Trace facts specific to KCL workers and their lease table (filled in by the KCL module). */
export type KclTraceEvent = never;
