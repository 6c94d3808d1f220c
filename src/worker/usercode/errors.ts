/**
 * Errors reported by a sandbox, in words with where they happened. A stack line of the sandbox
 * script (`…:12:9`) is mapped back to the code as written (the script puts one line before it).
 *
 * Pure: no Worker globals.
 */
import { UserCodeError } from '../../sim/usercode/types.ts';
import { SCRIPT_LINE_OFFSET } from './scriptLayout.ts';

/** The first location in a stack that lies in the learner's code, as written. */
export function locationInStack(stack: string, offset = SCRIPT_LINE_OFFSET, lines = Infinity): { line: number; column: number } | undefined {
  for (const m of stack.matchAll(/^.*:(\d+):(\d+)\)?\s*$/gm)) {
    if (m[0].includes('prelude.js')) continue;
    const line = Number(m[1]) - offset;
    // Lines past the code's own are the prelude's (it follows the code in the sandbox script).
    if (line >= 1 && line <= lines) return { line, column: Number(m[2]) };
  }
  return undefined;
}

export function errorFromSandbox(error: { name: string; message: string; stack: string } | undefined, init: boolean, lines = Infinity, offset = SCRIPT_LINE_OFFSET): UserCodeError {
  const e = error ?? { name: 'Error', message: 'unknown error', stack: '' };
  const at = locationInStack(e.stack, offset, lines);
  const where = at ? ` (line ${at.line}, column ${at.column})` : '';
  if (init) return new UserCodeError('init', `Your module failed to load: ${e.name}: ${e.message}${where}`, at?.line, at?.column);
  return new UserCodeError('threw', `${e.message}${where}`, at?.line, at?.column, e.name);
}
