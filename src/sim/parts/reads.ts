/**
 * The reads part (`../parts.ts`): Query and Scan; a chunk of its own in the browser's worker, loaded
 * before a run that calls them (or runs the learner's code, which may) and before the Table panel's
 * first Query.
 */
import type { ReadsPart } from '../parts.ts';
import { query, queryTable } from '../table/reads/query.ts';
import { scan } from '../table/reads/scan.ts';

export const readsPart: ReadsPart = { query, scan, queryTable };
