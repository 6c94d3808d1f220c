// The worker's core chunk is what its entry imports statically: the parts of the core loaded per run
// (src/worker/parts.ts) stay out of it, and what they share goes in (no common chunk after them).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticModules, workerCoreModules } from './workerCore.ts';

const src = (p: string) => resolve('src', p);
const PARTS = ['src/sim/parts/kcl.ts', 'src/sim/parts/lambda.ts', 'src/sim/parts/reads.ts'];

describe('the worker core', () => {
  const core = workerCoreModules('src/worker/sim.worker.ts', PARTS, ['src/scenarios/helpers.ts']);

  it('holds the entry and what it imports statically, not type-only imports or import()', () => {
    for (const m of ['worker/sim.worker.ts', 'worker/host.ts', 'worker/parts.ts', 'sim/parts.ts', 'sim/simulation.ts', 'sim/consumers/add.ts']) expect(core.has(src(m)), m).toBe(true);
    // parts.ts imports these only as types; worker/parts.ts only with import().
    for (const m of ['sim/parts/kcl.ts', 'sim/parts/lambda.ts', 'sim/parts/all.ts', 'sim/consumers/kcl/application.ts', 'sim/lambda/index.ts', 'sim/consumers/esm/dataDriven.ts', 'worker/bridgeImport.ts', 'worker/grade.ts']) expect(core.has(src(m)), m).toBe(false);
  });

  it('takes in what two parts share and what is asked for, and nothing only one part uses', () => {
    const kcl = staticModules(PARTS[0]!);
    const lambda = staticModules(PARTS[1]!);
    for (const m of kcl) if (lambda.has(m)) expect(core.has(m), m).toBe(true);
    expect(core.has(src('scenarios/helpers.ts'))).toBe(true);
    expect([...kcl].filter((m) => m.includes('/consumers/kcl/')).some((m) => core.has(m))).toBe(false);
  });
});
