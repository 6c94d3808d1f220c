/**
 * Two streamed tables that key on the same attribute, and random writes to them in two worlds: the
 * setting of the property tests that hold the key memos (shared by every table and world) to what a
 * run without them gives (table/itemMap.test.ts, stream/streamKeyHint.test.ts).
 *
 * Test code only. May import: fast-check, sim.
 */
import fc from 'fast-check';
import { createSimulation, type Simulation } from '../simulation.ts';

export const DDB = 'DynamoDB_20120810.';
export const TABLES = ['TableA', 'TableB'] as const;
// Both tables key on `pk`: a key's memo (shared by every table and world) serves both, one at a time.
export const KEYS = ['k0', 'k1', 'k2', 'k3'];

/** A write to table `table`'s key `key` in world `sim`, or the other world made a fork of `sim`. */
export type KeyOp =
  | { kind: 'put'; sim: number; table: number; key: number; value: number; cond: 'none' | 'not_exists' | 'exists' }
  | { kind: 'update'; sim: number; table: number; key: number; value: number }
  | { kind: 'delete'; sim: number; table: number; key: number }
  | { kind: 'fork'; sim: number };

export const sims = fc.integer({ min: 0, max: 1 });
export const tables = fc.integer({ min: 0, max: 1 });
export const keys = fc.integer({ min: 0, max: KEYS.length - 1 });
export const values = fc.integer({ min: 0, max: 2 });

/** `KeyOp`s, weighted for `fc.oneof` (puts most, with conditions that hold and that fail). */
export const keyOps: fc.WeightedArbitrary<KeyOp>[] = [
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('put' as const), sim: sims, table: tables, key: keys, value: values, cond: fc.constantFrom('none' as const, 'not_exists' as const, 'exists' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), sim: sims, table: tables, key: keys, value: values }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), sim: sims, table: tables, key: keys }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fork' as const), sim: sims }) },
];

/** A world with both tables, streamed with NEW_AND_OLD_IMAGES. */
export function twoTableSim(seed: number): Simulation {
  const sim = createSimulation({ seed });
  for (const name of TABLES) {
    sim.call(`${DDB}CreateTable`, {
      TableName: name,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  }
  return sim;
}
