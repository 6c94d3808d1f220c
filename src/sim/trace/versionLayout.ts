/**
 * How item versions are laid out (`itemVersions.ts`): chunk sizes of the version rows, of the slot
 * pool and of the numbers kept as doubles, and the value reference's tags. Shared by the store and
 * by the reading of a row's size (`versionRowSize.ts`).
 *
 * May import: nothing.
 */
export const VERSION_CHUNK = 1024;
export const VERSION_SHIFT = 10;
export const VERSION_MASK = VERSION_CHUNK - 1;
/** Slots per pool chunk; a row never straddles two (an item with more attributes is kept as an object). */
export const SLOT_CHUNK = 8192;
export const SLOT_SHIFT = 13;
export const SLOT_MASK = SLOT_CHUNK - 1;
export const NUMBER_CHUNK = 1024;
export const NUMBER_SHIFT = 10;
export const NUMBER_MASK = NUMBER_CHUNK - 1;

/**
 * Value reference = index × 4 + tag; a negative reference is the non-negative integer −1 − ref
 * itself (counters, epoch seconds, votes: no 8-byte number slot for them).
 */
export const TAG_S = 0;
export const TAG_INTEGER = 1;
export const TAG_N_TEXT = 2;
export const TAG_OBJECT = 3;
