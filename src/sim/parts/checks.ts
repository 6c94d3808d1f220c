/**
 * The checks part (`../parts.ts`): the invariant checks; a chunk of its own in the browser's
 * worker, loaded before any run with a consumer or a global table, beside that consumer's part.
 */
import type { ChecksPart } from '../parts.ts';
import { evaluateChecks, finalChecks } from '../checks/index.ts';

export const checksPart: ChecksPart = { evaluateChecks, finalChecks };
