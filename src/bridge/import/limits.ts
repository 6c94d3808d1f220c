/**
 * The importer's size limit, apart from the parser (zod) so the import dialog can check a file's size
 * without loading it.
 *
 * May import: nothing.
 */

/** Pasted or dropped text longer than this is refused before parsing (about 5 MB). */
export const MAX_IMPORT_CHARS = 5_000_000;
