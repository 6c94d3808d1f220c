/**
 * The indexes part (`../parts.ts`): declaring secondary indexes (CreateTable's lists, UpdateTable's
 * GlobalSecondaryIndexUpdates, DescribeTable's view: `table/indexApi.ts`) and what an index holds
 * of an item and what a write owes it (`table/indexEntries.ts`: the core's writes and the reads
 * part's index reads reach it here, for a table that has an index); a chunk of its own in the
 * browser's worker, loaded before a run whose plan declares an index.
 */
import type { IndexesPart } from '../parts.ts';
import { describeIndexes, parseIndexes, updateGlobalIndexes } from '../table/indexApi.ts';
import { addIndexWrites, checkIndexKeys, indexKeyNames, inIndex, projectToIndex } from '../table/indexEntries.ts';

export const indexesPart: IndexesPart = { parseIndexes, describeIndexes, updateGlobalIndexes, indexKeyNames, inIndex, projectToIndex, checkIndexKeys, addIndexWrites };
