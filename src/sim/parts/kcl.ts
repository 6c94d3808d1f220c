/**
 * The KCL part (`../parts.ts`): a chunk of its own in the browser's worker, loaded before a run
 * with a KCL consumer is prepared.
 */
import type { KclPart } from '../parts.ts';
import { addKclConsumer, createKclApi } from '../consumers/kcl/index.ts';

export const kclPart: KclPart = { addKclConsumer, createKclApi };
