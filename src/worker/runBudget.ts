/**
 * A run's work, estimated before it is computed (issue 21.4). Every cap of the scenario schema can
 * hold on its own while their product is absurd: 8 days × 6 KCL apps × 8 workers polling every
 * 100 ms is a 1.5 KB link and hours of computing. The estimate counts the events the consumers'
 * timers schedule (reads per open shard, lease renewals and takes, shard syncs, Lambda's polls),
 * plus the writes; a scenario past the budget is refused at once with "this scenario is too big",
 * before any of it runs. MAX_RUN_FACTS (host.ts) still stops a run whose trace grows anyway.
 *
 * Pure: reads the scenario. May import: scenario types.
 */
import type { Scenario } from '../scenarios/types.ts';

/**
 * Events a run may schedule. The largest built-in scenario needs far less (runBudget.test.ts);
 * at the ~50,000 events/s of a laptop this is under a minute of computing in the worst case.
 */
export const MAX_RUN_EVENTS = 2_000_000;

/** The sim's defaults (src/sim/consumers/kcl/config.ts, src/sim/consumers/esm/runtime.ts, src/sim/options.ts). */
const KCL_DEFAULTS = { idleTimeBetweenReadsInMillis: 1_000, failoverTimeMillis: 10_000, shardSyncIntervalMillis: 60_000, parentShardPollIntervalMillis: 10_000 };
const LAMBDA_POLL_MS = 250;
const SHARD_LIFETIME_MS = 4 * 3_600_000;

export interface RunEstimate {
  events: number;
  /** The largest part, in words, for the message. */
  mostly: string;
}

/** `added`: the user's interventions on top of the scenario's own. */
export function estimateRunWork(scenario: Scenario, added: readonly { kind: string }[] = []): RunEstimate {
  const d = scenario.durationMs;
  const partitions = Object.values(scenario.simulation?.partitions ?? {});
  const splits = [...(scenario.interventions ?? []), ...added].filter((i) => i.kind === 'split-shard').length;
  // Open shards at any time: one per partition (and per split); each rolls over every shard lifetime,
  // and a consumer reads the closed parent until its end, so allow one more generation.
  const open = (Math.max(1, ...partitions) + splits) * 2;
  const generations = 1 + Math.floor(d / (scenario.simulation?.shardLifetimeMs ?? SHARD_LIFETIME_MS));
  let events = (scenario.writes?.length ?? 0) + (scenario.setup?.length ?? 0) + 20_000 + open * generations;
  let mostly = 'its writes';
  let largest = 0;
  for (const c of scenario.consumers ?? []) {
    let work: number;
    if (c.kind === 'kcl') {
      const k = { ...KCL_DEFAULTS, ...c.config };
      const perWorker = d / Math.max(1, Math.floor(k.failoverTimeMillis / 3)) + d / (2 * k.failoverTimeMillis) + d / k.shardSyncIntervalMillis + d / k.parentShardPollIntervalMillis;
      work = c.workers.length * perWorker + open * (d / k.idleTimeBetweenReadsInMillis);
    } else {
      work = open * (d / LAMBDA_POLL_MS);
    }
    events += work;
    if (work > largest) {
      largest = work;
      mostly = c.kind === 'kcl' ? `consumer ${c.id} (${c.workers.length} KCL workers reading every ${c.config?.idleTimeBetweenReadsInMillis ?? KCL_DEFAULTS.idleTimeBetweenReadsInMillis} ms)` : `consumer ${c.id} (Lambda polling every ${LAMBDA_POLL_MS} ms)`;
    }
  }
  return { events: Math.ceil(events), mostly };
}

/** Why the scenario is too big to compute, or undefined when it fits the budget. */
export function tooBig(scenario: Scenario, added: readonly { kind: string }[] = []): string | undefined {
  const { events, mostly } = estimateRunWork(scenario, added);
  if (events <= MAX_RUN_EVENTS) return undefined;
  const hours = (scenario.durationMs / 3_600_000).toLocaleString('en-US', { maximumFractionDigits: 1 });
  return `This scenario is too big to simulate here: about ${Math.round(events / 1e6).toLocaleString('en-US')} million events over ${hours} hours (at most ${(MAX_RUN_EVENTS / 1e6).toLocaleString('en-US')} million), mostly ${mostly}. Shorten it, read less often or use fewer consumers and workers.`;
}
