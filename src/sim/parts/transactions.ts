/**
 * The transactions part (`../parts.ts`): TransactWriteItems, TransactGetItems, BatchGetItem and BatchWriteItem; a
 * chunk of its own in the browser's worker, loaded before a run that calls them, has an idempotent
 * handler (its guarded writes are transactions) or runs the learner's code.
 */
import type { TransactionsPart } from '../parts.ts';
import { transactWriteItems } from '../table/transactions.ts';
import { batchGetItem, transactGetItems } from '../table/reads/multiGet.ts';
import { batchWriteItem } from '../table/batchWrite.ts';

export const transactionsPart: TransactionsPart = { transactWriteItems, transactGetItems, batchGetItem, batchWriteItem };
