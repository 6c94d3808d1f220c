/**
 * The character codes the import readers compare against (`jsonStream.ts` splits documents,
 * `recordScanner.ts` reads records): JSON's structural characters.
 *
 * Pure. May import: nothing.
 */
export const QUOTE = 34;
export const BACKSLASH = 92;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;
export const COLON = 58;
export const COMMA = 44;
