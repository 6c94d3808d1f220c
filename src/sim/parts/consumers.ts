/**
 * The consumers part (`../parts.ts`): the downstream handlers and the invariant checks every
 * consumer needs beside its kind's part; a chunk of its own in the browser's worker, loaded beside
 * that part before any run with a consumer or a global table. What the consumer kinds' parts share
 * with it (handler modes, records) comes in its chunk (tools/workerCore.ts `partFamily`).
 */
import type { ConsumersPart } from '../parts.ts';
import { createHandler, registeredHandler } from '../handlers/index.ts';
import { evaluateChecks, finalChecks } from '../checks/index.ts';

export const consumersPart: ConsumersPart = { createHandler, registeredHandler, evaluateChecks, finalChecks };
