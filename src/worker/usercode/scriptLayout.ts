/**
 * The sandbox script's layout, apart from the prelude (./prelude.ts, loaded only for runs with user
 * code) so error mapping (./errors.ts) does not pull the prelude into the worker's first chunk.
 */

/** Lines the sandbox script puts before the learner's first line. */
export const SCRIPT_LINE_OFFSET = 1;
