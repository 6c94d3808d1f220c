/**
 * The simulation worker's core: every module its entry (src/worker/sim.worker.ts) imports
 * statically, transitively, read from the sources (relative `import`/`export … from`, not `import
 * type`, not `import()`), plus the packages it uses. vite.config.ts puts them in one chunk: left to
 * itself, the bundler split the modules the lazily loaded parts of the core (src/worker/parts.ts)
 * share with the entry into common chunks of their own, each one more request, after the entry's, on
 * the way to the first frame.
 *
 * May import: node:*.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const STATIC_IMPORT = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm;

/** Absolute paths of the modules `entry` imports statically, itself included. */
export function staticModules(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) visit(resolve(dirname(file), m[1]!));
  };
  visit(resolve(entry));
  return seen;
}

/**
 * A part and the parts always loaded with it (`sim/parts.ts`: every consumer's part comes with the
 * consumers part): what they share among themselves goes in the lead part's chunk, not the core,
 * since it is fetched beside them anyway (a member's chunk imports it from there, and the worker's
 * `import()` of the lead has it on the way already).
 */
export interface PartFamily {
  lead: string;
  members: readonly string[];
}

/**
 * The worker's core chunk: the entry's static modules, the modules two or more of the lazily loaded
 * `parts` share (else they would be a common chunk loaded after the part, one more request) unless
 * only one `family` shares them, and `also` (what the default scenario's chunk imports: it then
 * needs no second request).
 */
export function workerCoreModules(entry: string, parts: readonly string[], also: readonly string[] = [], families: readonly PartFamily[] = []): Set<string> {
  const core = staticModules(entry);
  for (const m of also) for (const dep of staticModules(m)) core.add(dep);
  const unitOf = (part: string) => families.find((f) => f.lead === part || f.members.includes(part))?.lead ?? part;
  const users = new Map<string, Set<string>>();
  for (const part of parts) for (const m of staticModules(part)) if (!core.has(m)) (users.get(m) ?? users.set(m, new Set()).get(m)!).add(unitOf(part));
  for (const [m, units] of users) if (units.size > 1) core.add(m);
  return core;
}

/** The modules outside `core` that two or more of a family's parts share: the lead's chunk carries them. */
export function familyModules(core: ReadonlySet<string>, family: PartFamily): Set<string> {
  const count = new Map<string, number>();
  for (const part of [family.lead, ...family.members]) for (const m of staticModules(part)) if (!core.has(m)) count.set(m, (count.get(m) ?? 0) + 1);
  const out = new Set<string>(staticModules(family.lead));
  for (const [m, n] of count) if (n > 1) out.add(m);
  for (const m of core) out.delete(m);
  return out;
}

/** The parts of the core the worker loads per run (src/worker/parts.ts `LOADERS`), each a chunk of its own. */
export const WORKER_PARTS: readonly string[] = ['src/sim/parts/consumers.ts', 'src/sim/parts/globalTables.ts', 'src/sim/parts/indexes.ts', 'src/sim/parts/kcl.ts', 'src/sim/parts/lambda.ts', 'src/sim/parts/projections.ts', 'src/sim/parts/reads.ts', 'src/sim/parts/scheduledRequests.ts', 'src/sim/parts/shardLifecycle.ts', 'src/sim/parts/traffic.ts', 'src/sim/parts/transactions.ts', 'src/sim/parts/tableSettings.ts'];

/** Every consumer kind's part comes with the consumers part (`sim/parts.ts` `partsForConsumer`). */
export const CONSUMER_FAMILY: PartFamily = { lead: 'src/sim/parts/consumers.ts', members: ['src/sim/parts/kcl.ts', 'src/sim/parts/lambda.ts'] };

/** The packages the worker's core uses (bare imports are not followed above). */
export const CORE_PACKAGES = /[\\/]node_modules[\\/](comlink)[\\/]/;
