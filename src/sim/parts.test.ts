import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasPart, PART_NAMES, PartMissingError, partsFor, registerPart, unregisterPartsForTest, type PartName, type Parts } from './parts.ts';
import { createSimulation } from './simulation.ts';
import { kclPart } from './parts/kcl.ts';
import { lambdaPart } from './parts/lambda.ts';
import type { ConsumerSpec } from './consumers/spec.ts';

const ALL: Parts = { kcl: kclPart, lambda: lambdaPart };

function only(names: readonly PartName[]): void {
  unregisterPartsForTest();
  for (const n of names) registerPart(n, ALL[n] as never);
}

afterEach(() => only(PART_NAMES));

describe('the core’s optional parts', () => {
  it('partsFor names a part exactly when some consumer is of its kind, in PART_NAMES order', () => {
    const consumer = fc.constantFrom<ConsumerSpec['kind']>('kcl', 'lambda').map((kind) => ({ kind }) as ConsumerSpec);
    fc.assert(
      fc.property(fc.array(consumer, { maxLength: 6 }), (consumers) => {
        const got = partsFor({ consumers });
        expect(got).toEqual(PART_NAMES.filter((p) => consumers.some((c) => c.kind === p)));
      }),
    );
  });

  it('sim.kcl and sim.lambda need their part only when used', () => {
    only([]);
    const sim = createSimulation({ seed: 1 });
    expect(sim.consumers.ids()).toEqual([]);
    expect(() => sim.kcl).toThrow(PartMissingError);
    expect(() => sim.lambda).toThrow(PartMissingError);
    expect(() => sim.destinations).toThrow(PartMissingError);
    only(PART_NAMES);
    expect(hasPart('kcl') && hasPart('lambda')).toBe(true);
    expect(typeof sim.kcl.createApplication).toBe('function');
    expect(sim.destinations.list()).toEqual([]);
  });
});
