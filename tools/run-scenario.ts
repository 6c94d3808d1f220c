/**
 * `npm run scenario -- [scenarioId] [--seed N]`: runs a built-in scenario in Node through the same
 * worker host the browser uses (`createHost` from src/worker/host.ts), and prints its trace hash,
 * fact count and a summary of the end state. `nodeTraceHash` is exported for the e2e determinism
 * spec, which compares it with the hash computed in Chromium.
 *
 * May import: src/worker/host.ts, src/worker/testing/inspectHost.ts (the whole end state), scenarios' catalogue. May not import: ui.
 */
import { pathToFileURL } from 'node:url';
import { defaultScenarioId, scenarios } from '../src/scenarios/catalogue.ts';
import { createHost } from '../src/worker/host.ts';
import { createInspectHost } from '../src/worker/testing/inspectHost.ts';

/** The trace hash of a scenario run with its own seed, as the worker host computes it. */
export async function nodeTraceHash(scenarioId: string): Promise<string> {
  const result = await createHost().load(scenarioId);
  return result.traceHash;
}

interface Args {
  scenarioId: string;
  seed: number | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  let scenarioId = defaultScenarioId;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--seed') {
      const value = argv[++i];
      seed = Number(value);
      if (value === undefined || !Number.isSafeInteger(seed)) throw new Error(`--seed needs an integer; got ${value ?? 'nothing'}`);
    } else if (arg === '--help' || arg === '-h') {
      console.log(`usage: npm run scenario -- [scenarioId] [--seed N]\nscenarios: ${scenarios.map((s) => s.id).join(', ')}`);
      process.exit(0);
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      scenarioId = arg;
    }
  }
  return { scenarioId, seed };
}

async function main(argv: readonly string[]): Promise<void> {
  const { scenarioId, seed } = parseArgs(argv);
  const host = createInspectHost();
  const result = await host.load(scenarioId, seed === undefined ? {} : { seed });
  const end = await host.view(result.durationMs);
  console.log(`scenario   ${result.scenarioId} (${result.title})`);
  console.log(`seed       ${result.seed}`);
  console.log(`duration   ${result.durationMs} ms`);
  console.log(`facts      ${result.eventCount}`);
  console.log(`traceHash  ${result.traceHash}`);
  console.log(`writes     ${end.counts.writes} applied, ${end.counts.rejected} refused; ${end.counts.records} stream records`);
  for (const table of end.tables) console.log(`table      ${table.name}: ${table.items.length} items (${table.items.map((r) => r.keySummary).join(', ')})`);
  for (const stream of end.streams) {
    for (const shard of stream.shards) {
      const records = shard.records.map((r) => `${r.eventName}:${r.keySummary}`).join(' ');
      console.log(`shard      ${shard.shardId} [${shard.status}] ${records || '(empty)'}`);
    }
  }
}

// Run only as a CLI, not when the e2e spec imports nodeTraceHash.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
    process.exit(1);
  });
}
