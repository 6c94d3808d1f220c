/**
 * Link limits the UI needs before (or without) loading the codec and its zod schema.
 *
 * May import: nothing.
 */

/** Past this many characters the app offers a scenario file instead of a link. */
export const LINK_FILE_THRESHOLD_CHARS = 8_000;
