// The worker's core chunk is what its entry imports statically: the parts of the core loaded per run
// (src/worker/parts.ts) stay out of it, and what they share goes in (no common chunk after them).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSUMER_FAMILY, familyModules, staticModules, WORKER_PARTS, workerCoreModules } from './workerCore.ts';

const src = (p: string) => resolve('src', p);
const PARTS = WORKER_PARTS;
const KCL = 'src/sim/parts/kcl.ts';
const LAMBDA = 'src/sim/parts/lambda.ts';

describe('the worker core', () => {
  const core = workerCoreModules('src/worker/sim.worker.ts', PARTS, ['src/scenarios/keyStrings.ts']);

  it('holds the entry and what it imports statically, not type-only imports or import()', () => {
    for (const m of ['worker/sim.worker.ts', 'worker/host.ts', 'worker/parts.ts', 'sim/parts.ts', 'sim/simulation.ts', 'sim/consumers/add.ts']) expect(core.has(src(m)), m).toBe(true);
    // parts.ts imports these only as types; worker/parts.ts only with import().
    for (const m of ['sim/parts/consumers.ts', 'sim/checks/index.ts', 'sim/checks/scan.ts', 'sim/checks/replication.ts', 'sim/parts/kcl.ts', 'sim/parts/lambda.ts', 'sim/parts/all.ts', 'sim/consumers/kcl/application.ts', 'sim/lambda/index.ts', 'sim/consumers/esm/dataDriven.ts', 'worker/bridgeImport.ts', 'worker/grade.ts']) expect(core.has(src(m)), m).toBe(false);
  });

  it('takes in what two parts share and what is asked for, and nothing only one part uses', () => {
    const kcl = staticModules(KCL);
    const lambda = staticModules(LAMBDA);
    for (const m of kcl) if (lambda.has(m)) expect(core.has(m), m).toBe(true);
    expect(core.has(src('scenarios/keyStrings.ts'))).toBe(true);
    // The other scenarios' builders are a chunk of their own (scenarios/lazyCatalogue.ts fetches it beside theirs).
    expect(core.has(src('scenarios/helpers.ts'))).toBe(false);
    expect([...kcl].filter((m) => m.includes('/consumers/kcl/')).some((m) => core.has(m))).toBe(false);
  });

  it('knows every part the worker loads (else a part’s shared modules would be a common chunk loaded after it)', () => {
    const loaded = [...readFileSync('src/worker/parts.ts', 'utf8').matchAll(/import\('\.\.\/sim\/parts\/(\w+)\.ts'\)/g)].map((m) => `src/sim/parts/${m[1]}.ts`);
    expect(loaded.length).toBeGreaterThan(0);
    expect([...loaded].sort()).toEqual([...WORKER_PARTS].sort());
  });

  it('puts what only the consumer family shares in the consumers part’s chunk, not the core; what others share too stays in the core', () => {
    const core = workerCoreModules('src/worker/sim.worker.ts', PARTS, ['src/scenarios/keyStrings.ts'], [CONSUMER_FAMILY]);
    const family = familyModules(core, CONSUMER_FAMILY);
    for (const m of ['sim/parts/consumers.ts', 'sim/handlers/index.ts', 'sim/handlers/modes.ts', 'sim/checks/oracle.ts']) {
      expect(family.has(src(m)), m).toBe(true);
      expect(core.has(src(m)), m).toBe(false);
    }
    for (const m of family) expect(core.has(m), m).toBe(false);
    // Nothing the family's chunk holds is needed by a part loaded without it.
    const others = PARTS.filter((p) => p !== CONSUMER_FAMILY.lead && !CONSUMER_FAMILY.members.includes(p));
    for (const p of others) for (const m of staticModules(p)) expect(family.has(m), `${p} needs ${m}`).toBe(false);
    // Without the family, the handlers (which the kinds' parts share) would be in the core.
    expect(workerCoreModules('src/worker/sim.worker.ts', PARTS, ['src/scenarios/keyStrings.ts']).has(src('sim/handlers/index.ts'))).toBe(true);
  });
});
