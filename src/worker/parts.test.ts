import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { hasPart, PART_NAMES, partsFor, registerPart, unregisterPartsForTest, type PartName, type Parts } from '../sim/parts.ts';
import { loadParts } from './parts.ts';
import { scenarios } from '../scenarios/catalogue.ts';
import { scenarioParts } from '../scenarios/lazyCatalogue.ts';
import { buildRun, prepareRun } from './runScenario.ts';
import { consumersPart } from '../sim/parts/consumers.ts';
import { globalTablesPart } from '../sim/parts/globalTables.ts';
import { indexesPart } from '../sim/parts/indexes.ts';
import { kclPart } from '../sim/parts/kcl.ts';
import { lambdaPart } from '../sim/parts/lambda.ts';
import { projectionsPart } from '../sim/parts/projections.ts';
import { readsPart } from '../sim/parts/reads.ts';
import { scheduledRequestsPart } from '../sim/parts/scheduledRequests.ts';
import { shardLifecyclePart } from '../sim/parts/shardLifecycle.ts';
import { trafficPart } from '../sim/parts/traffic.ts';
import { transactionsPart } from '../sim/parts/transactions.ts';
import { tableSettingsPart } from '../sim/parts/tableSettings.ts';

const ALL: Parts = { consumers: consumersPart, globalTables: globalTablesPart, indexes: indexesPart, kcl: kclPart, lambda: lambdaPart, projections: projectionsPart, reads: readsPart, scheduledRequests: scheduledRequestsPart, shardLifecycle: shardLifecyclePart, traffic: trafficPart, transactions: transactionsPart, tableSettings: tableSettingsPart };

function only(names: readonly PartName[]): void {
  unregisterPartsForTest();
  for (const n of names) registerPart(n, ALL[n] as never);
}

function fresh(): void {
  unregisterPartsForTest();
}

// Every test leaves the real parts registered, as the other test files (vitest's setup) have them.
afterEach(() => only(PART_NAMES));

/** Loaders that count their calls and register a stand-in part, or fail while `failing` holds the name. */
function countingLoaders(failing: Set<PartName> = new Set()) {
  const calls: Record<PartName, number> = { consumers: 0, globalTables: 0, indexes: 0, kcl: 0, lambda: 0, projections: 0, reads: 0, scheduledRequests: 0, shardLifecycle: 0, traffic: 0, transactions: 0, tableSettings: 0 };
  const loaders = Object.fromEntries(
    PART_NAMES.map((name) => [
      name,
      async () => {
        calls[name]++;
        await Promise.resolve();
        if (failing.has(name)) throw new Error('Failed to fetch dynamically imported module');
        registerPart(name, {} as never);
      },
    ]),
  ) as Record<PartName, () => Promise<void>>;
  return { calls, loaders };
}

describe('the parts a built-in scenario needs', () => {
  it('every built-in scenario prepares with exactly the parts partsFor names, and fails naming one when it lacks it', () => {
    const seen = new Set<PartName>();
    for (const scenario of scenarios) {
      const need = partsFor(scenario);
      for (const n of need) seen.add(n);
      only(need);
      expect(() => prepareRun(scenario), scenario.id).not.toThrow();
      // Without a consumer's part the run cannot even be prepared (Query and Scan, transactions fail
      // when called, the consumers part's checks when they judge, a shard's rollover or a trim when
      // its time comes: below).
      for (const missing of need.filter((n) => n !== 'reads' && n !== 'consumers' && n !== 'transactions' && n !== 'shardLifecycle')) {
        only(need.filter((n) => n !== missing));
        expect(() => prepareRun(scenario), `${scenario.id} without ${missing}`).toThrow(`part "${missing}"`);
      }
    }
    // The catalogue exercises both consumers' parts, global tables and indexes, so the loop above tests each.
    expect([...seen].sort()).toEqual(['consumers', 'globalTables', 'indexes', 'kcl', 'lambda', 'shardLifecycle', 'tableSettings', 'transactions']);
  });

  it('every built-in scenario needs the consumers part (each has a consumer or a global table), and its run without it fails naming it', async () => {
    for (const scenario of scenarios) expect(partsFor(scenario), scenario.id).toContain('consumers');
    const scenario = scenarios.find((s) => s.id === 'voting-booth')!;
    only(partsFor(scenario).filter((n) => n !== 'consumers'));
    await expect(buildRun(scenario, { untilMs: 30_000 })).rejects.toThrow('part "consumers"');
  });


  it('every built-in scenario runs to its end with only the parts partsFor names, to its golden trace; an idempotent handler without the transactions part fails its batches naming it', async () => {
    for (const scenario of scenarios) {
      only(partsFor(scenario));
      const golden = JSON.parse(readFileSync(new URL(`../scenarios/__golden__/${scenario.id}.json`, import.meta.url), 'utf8')) as { traceHash: string };
      const sim = await buildRun(scenario);
      expect(sim.traceHash(), scenario.id).toBe(golden.traceHash);
    }
    // A handler's error is the simulated function's (a failed batch, retried), so the missing part
    // shows in the trace, named, rather than stopping the run.
    const idempotent = scenarios.find((s) => s.id === 'voting-idempotent')!;
    only(partsFor(idempotent).filter((n) => n !== 'transactions'));
    const sim = await buildRun(idempotent, { untilMs: 10_000 });
    const failed = Array.from({ length: sim.facts.length }, (_, i) => sim.facts.at(i)!).filter((e) => e.type === 'batch-failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((e) => e.type === 'batch-failed' && e.error.includes('part "transactions"'))).toBe(true);
  });

  it('every built-in scenario that lasts a shard\'s lifetime or the retention fails without the shard lifecycle part, naming it (the others run to their golden traces without it: above)', async () => {
    const long = scenarios.filter((s) => partsFor(s).includes('shardLifecycle'));
    expect(long.map((s) => s.id)).toEqual(['poison-record', 'replica-ghost', 'shard-lineage', 'trim-horizon', 'iterator-pitfalls']);
    for (const scenario of long) {
      only(partsFor(scenario).filter((n) => n !== 'shardLifecycle'));
      await expect(buildRun(scenario), scenario.id).rejects.toThrow('part "shardLifecycle"');
    }
  });

  it('are named in the lazy catalogue by id, as partsFor finds them in the scenario (loaded beside its chunk)', () => {
    for (const s of scenarios) expect(scenarioParts(s.id), s.id).toEqual(partsFor(s));
    expect(scenarioParts('nope')).toBeUndefined();
  });
});

describe('loadParts', () => {
  it('loads the modules of the real parts (the chunks the worker imports) and registers them', async () => {
    fresh();
    expect(hasPart('kcl') || hasPart('lambda')).toBe(false);
    await loadParts(['kcl', 'lambda']);
    expect(hasPart('kcl') && hasPart('lambda')).toBe(true);
  });

  it('loads each part once, however many runs ask for it at once, and nothing for a run that needs none', async () => {
    fresh();
    const { calls, loaders } = countingLoaders();
    await loadParts([], loaders);
    expect(calls).toEqual({ consumers: 0, globalTables: 0, indexes: 0, kcl: 0, lambda: 0, projections: 0, reads: 0, scheduledRequests: 0, shardLifecycle: 0, traffic: 0, transactions: 0, tableSettings: 0 });
    await Promise.all([loadParts(['kcl'], loaders), loadParts(['kcl', 'lambda'], loaders), loadParts(['lambda'], loaders)]);
    await loadParts(['kcl', 'lambda'], loaders);
    expect(calls).toEqual({ consumers: 0, globalTables: 0, indexes: 0, kcl: 1, lambda: 1, projections: 0, reads: 0, scheduledRequests: 0, shardLifecycle: 0, traffic: 0, transactions: 0, tableSettings: 0 });
  });

  it('a part that fails to load fails its run with a message naming it, and is tried again by the next', async () => {
    fresh();
    const failing = new Set<PartName>(['kcl']);
    const { calls, loaders } = countingLoaders(failing);
    const error = await loadParts(['kcl', 'lambda'], loaders).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('part-load-failed');
    expect((error as Error).message).toMatch(/code for KCL applications could not be loaded \(Failed to fetch/);
    expect(hasPart('kcl')).toBe(false);
    failing.clear();
    await loadParts(['kcl'], loaders);
    expect(hasPart('kcl')).toBe(true);
    expect(calls.kcl).toBe(2);
  });
});
