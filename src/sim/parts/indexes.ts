/**
 * The indexes part (`../parts.ts`): declaring secondary indexes (CreateTable's lists, UpdateTable's
 * GlobalSecondaryIndexUpdates, DescribeTable's view); a chunk of its own in the browser's worker,
 * loaded before a run whose plan declares an index. Reading an index (Query, Scan) and keeping it
 * (a write's index keys) need only what the core has (`table/indexes.ts`).
 */
import type { IndexesPart } from '../parts.ts';
import { describeIndexes, parseIndexes, updateGlobalIndexes } from '../table/indexApi.ts';

export const indexesPart: IndexesPart = { parseIndexes, describeIndexes, updateGlobalIndexes };
