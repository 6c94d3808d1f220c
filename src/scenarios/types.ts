/**
 * Scenario types, derived from the zod schema in `schema.ts` (the one definition of the format).
 *
 * May import: sim types (`import type`), ./schema.ts types. May not import: worker, ui, share.
 */
import type { z } from 'zod';
import type { CallSchema, ScenarioV1, ScriptedCallSchema } from './schema.ts';

/** One AWS JSON 1.0 call, e.g. `{ target: 'DynamoDB_20120810.PutItem', input: { TableName, Item } }`. */
export type ScenarioCall = z.infer<typeof CallSchema>;

/** A call made at simulated time `at` (ms since the run started). */
export type ScriptedCall = z.infer<typeof ScriptedCallSchema>;

/** A scenario, as the current format version defines it. */
export type Scenario = ScenarioV1;
