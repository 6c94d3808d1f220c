/**
 * Helpers for the consumer property tests and the checkpoint benchmark: a Votes table, workloads of
 * votes, vote changes, touches and withdrawals as plain data, what the table implies a vote counter
 * or a replica should hold (read from the tables, independently of the checks' own oracle), and
 * the checkpoint trade-off run (a fixed burst workload and crash schedule for a KCL vote counter).
 *
 * Pure (no test framework, no Node names) so it compiles with the core; used only by tests and
 * tools/bench.
 */
import { createSimulation, type Simulation } from '../simulation.ts';
import { runPlan, type RunPlan } from '../runPlan.ts';
import type { Item } from '../table/attributeValue.ts';
import type { TraceEvent } from '../trace/events.ts';
import type { StreamRecord } from '../stream/record.ts';
import type { Intervention } from '../faults/intervention.ts';
import type { CheckpointStrategy, ConsumerSpec } from './spec.ts';
import { consumerCounters } from './counters.ts';

export const DDB = 'DynamoDB_20120810.';
export const VOTES = 'Votes';
export const CANDIDATES = ['Otter', 'Heron', 'Badger'] as const;

/** One scripted write on the Votes table. */
export type VoteOp =
  /** PutItem of the whole item (INSERT, or MODIFY of an existing vote). */
  | { at: number; kind: 'vote'; voter: number; candidate: number }
  /** UpdateItem SET candidate (creates the item when missing). */
  | { at: number; kind: 'change'; voter: number; candidate: number }
  /** UpdateItem SET votedAt on an existing vote only: a MODIFY that moves no count (refused when missing). */
  | { at: number; kind: 'touch'; voter: number }
  /** DeleteItem (no record when the voter has no vote). */
  | { at: number; kind: 'withdraw'; voter: number };

export const voterId = (v: number): string => `voter#${v}`;

export function typed<T extends TraceEvent['type']>(trace: readonly TraceEvent[], type: T): Extract<TraceEvent, { type: T }>[] {
  return trace.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
}

/** Creating the Votes table (NEW_AND_OLD_IMAGES stream), as a setup call. */
const CREATE_VOTES = {
  target: `${DDB}CreateTable`,
  input: {
    TableName: VOTES,
    KeySchema: [{ AttributeName: 'voterId', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'voterId', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  },
};

/** A world with the Votes table (NEW_AND_OLD_IMAGES stream) over `partitions` shards. */
export function votesWorld(seed: number, partitions: number, shardLifetimeMs?: number): Simulation {
  const sim = createSimulation({ seed, ...votesSettings(partitions, shardLifetimeMs) });
  sim.call(CREATE_VOTES.target, CREATE_VOTES.input);
  return sim;
}

function votesSettings(partitions: number, shardLifetimeMs?: number) {
  // The properties compare several handlers side by side on one stream: no two-reader throttling
  // here (it has its own tests in sim/stream/readLimit.test.ts), so each runs as if alone.
  return { partitions: { [VOTES]: partitions }, readersPerShard: 16, ...(shardLifetimeMs !== undefined ? { shardLifetimeMs } : {}) };
}

/** The call a VoteOp makes, as a scenario would script it. */
export function voteCall(op: VoteOp): { target: string; input: Record<string, unknown> } {
  const Key = { voterId: { S: voterId(op.voter) } };
  const at = { N: String(op.at) };
  switch (op.kind) {
    case 'vote':
      return { target: `${DDB}PutItem`, input: { TableName: VOTES, Item: { ...Key, candidate: { S: CANDIDATES[op.candidate]! }, votedAt: at } } };
    case 'change':
      return {
        target: `${DDB}UpdateItem`,
        input: { TableName: VOTES, Key, UpdateExpression: 'SET candidate = :c, votedAt = :t', ExpressionAttributeValues: { ':c': { S: CANDIDATES[op.candidate]! }, ':t': at } },
      };
    case 'touch':
      return {
        target: `${DDB}UpdateItem`,
        input: { TableName: VOTES, Key, UpdateExpression: 'SET votedAt = :t', ConditionExpression: 'attribute_exists(voterId)', ExpressionAttributeValues: { ':t': at } },
      };
    case 'withdraw':
      return { target: `${DDB}DeleteItem`, input: { TableName: VOTES, Key } };
  }
}

export interface PlannedRun {
  seed: number;
  partitions: number;
  /** Shards roll over (close, one child opens) this often; default 4 h. */
  shardLifetimeMs?: number;
  consumers: ConsumerSpec[];
  ops: readonly VoteOp[];
  interventions: readonly Intervention[];
  /** Run to this simulated time, then run the final checks. */
  endMs: number;
}

/** The plan as the core's `RunPlan`: the Votes table, consumers, scripted writes, interventions. */
export function votesPlan(plan: PlannedRun): RunPlan {
  return {
    id: 'planned-votes',
    seed: plan.seed,
    durationMs: plan.endMs,
    simulation: votesSettings(plan.partitions, plan.shardLifetimeMs),
    setup: [CREATE_VOTES],
    consumers: plan.consumers,
    writes: plan.ops.map((op) => ({ at: op.at, ...voteCall(op) })),
    interventions: plan.interventions,
  };
}

/** Builds and runs the plan as every run is built (`sim/runPlan.ts`), final checks included. */
export function runPlanned(plan: PlannedRun): Promise<Simulation> {
  return runPlan(votesPlan(plan));
}

/** Every item of a table, copied (the sim has no Scan; the table state is read directly, never written). */
export function scanAll(sim: Simulation, table: string): Item[] {
  return [...(sim.world.tables.get(table)?.items.values() ?? [])].map((i) => JSON.parse(JSON.stringify(i)) as Item);
}

/** Votes per candidate the Votes table implies now (zero counts left out). */
export function impliedCounts(sim: Simulation): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of scanAll(sim, VOTES)) {
    const c = item.candidate;
    if (c && 'S' in c) out.set(c.S, (out.get(c.S) ?? 0) + 1);
  }
  return out;
}

/** Votes per candidate a vote counter's target holds (zero counts left out). */
export function targetCounts(sim: Simulation, table: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of scanAll(sim, table)) {
    const c = item.candidate;
    const v = item.votes;
    if (!c || !('S' in c) || !v || !('N' in v) || Number(v.N) === 0) continue;
    out.set(c.S, Number(v.N));
  }
  return out;
}

/** Items as sorted canonical JSON, for comparing a replica with its source. */
export function canonicalItems(items: readonly Item[]): string[] {
  return items.map((i) => JSON.stringify(Object.keys(i).sort().map((k) => [k, i[k]]))).sort();
}

export function replicaMatchesSource(sim: Simulation, replica: string): { source: string[]; replica: string[] } {
  return { source: canonicalItems(scanAll(sim, VOTES)), replica: canonicalItems(scanAll(sim, replica)) };
}

/** What applying `record` once does to a vote counter: candidate → ±1 (MODIFY to the same candidate: nothing). */
export function voteDelta(record: StreamRecord): Map<string, number> {
  const out = new Map<string, number>();
  const add = (item: Item | undefined, sign: number) => {
    const c = item?.candidate;
    if (c && 'S' in c) out.set(c.S, (out.get(c.S) ?? 0) + sign);
  };
  if (record.eventName !== 'INSERT') add(record.dynamodb.OldImage, -1);
  if (record.eventName !== 'REMOVE') add(record.dynamodb.NewImage, 1);
  for (const [k, v] of [...out]) if (v === 0) out.delete(k);
  return out;
}

/** Records appended to the Votes stream, by eventID, in append order. */
export function votesRecords(sim: Simulation): Map<string, StreamRecord> {
  const arn = sim.world.tables.get(VOTES)?.stream?.arn;
  const out = new Map<string, StreamRecord>();
  for (const f of typed(sim.trace, 'record-appended')) if (f.streamArn === arn) out.set(f.record.eventID, f.record);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The checkpoint trade-off (tools/bench/checkpoints.ts and its unit test).

/** Bursts of votes, each written at one instant so a KCL read takes the whole burst as one batch. */
export const TRADEOFF = {
  bursts: 8,
  perBurst: 100,
  firstBurstMs: 1_000,
  burstEveryMs: 10_000,
  /** The lease holder (w1) crashes after this many records of its next batch (burst 3), and restarts later. */
  firstCrash: { armAt: 15_000, afterRecords: 78, restartAt: 25_000 },
  /** The worker that took the lease over after the first crash crashes likewise in burst 7. */
  secondCrash: { armAt: 55_000, afterRecords: 41, restartAt: 70_000 },
  endMs: 240_000,
} as const;

export const TRADEOFF_STRATEGIES: readonly CheckpointStrategy[] = [
  { kind: 'every-record' },
  { kind: 'every-n-records', n: 2 },
  { kind: 'every-n-records', n: 5 },
  { kind: 'every-n-records', n: 10 },
  { kind: 'every-n-records', n: 50 },
  { kind: 'every-batch' },
];

export interface TradeoffRow {
  strategy: string;
  checkpointWrites: number;
  reprocessed: number;
  recordsProcessed: number;
  harmfulDuplicates: number;
  /** Signed: the naive counter's total minus the votes the table holds. */
  countError: number;
  crashes: number;
}

/** The fixed workload and crash schedule, with a naive KCL vote counter `counter` checkpointing by `strategy`; returns the finished run. */
export async function runTradeoffSim(strategy: CheckpointStrategy): Promise<Simulation> {
  const T = TRADEOFF;
  const sim = votesWorld(7, 1);
  sim.consumers.add({
    id: 'counter',
    kind: 'kcl',
    handler: { kind: 'vote-counter', idempotency: 'none', sourceTable: VOTES, targetTable: 'VoteCounts' },
    workers: ['w1', 'w2'],
    checkpoint: strategy,
    config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON' },
  });
  let voter = 0;
  for (let b = 0; b < T.bursts; b++) {
    for (let i = 0; i < T.perBurst; i++, voter++) {
      const call = voteCall({ at: T.firstBurstMs + b * T.burstEveryMs, kind: 'vote', voter, candidate: voter % CANDIDATES.length });
      sim.schedule(T.firstBurstMs + b * T.burstEveryMs, call.target, call.input);
    }
  }
  // Each crash hits whichever worker holds the (only) lease when it is armed: the one reading.
  for (const crash of [T.firstCrash, T.secondCrash]) {
    await sim.advanceTo(crash.armAt);
    const holder = sim.kcl.leases('counter')[0]?.leaseOwner;
    if (!sim.kcl.workers('counter').some((w) => w.id === holder && w.alive)) throw new Error(`checkpoint trade-off: no live lease holder at ${crash.armAt} ms`);
    sim.intervene({ at: crash.armAt, kind: 'crash', target: `counter/${holder}`, params: { when: 'mid-batch', afterRecords: crash.afterRecords } });
    sim.intervene({ at: crash.restartAt, kind: 'restart', target: `counter/${holder}` });
  }
  await sim.advanceTo(T.endMs);
  sim.finalChecks();
  return sim;
}

/** One row of the trade-off table: the run's counters for consumer `counter`. */
export async function runCheckpointTradeoff(strategy: CheckpointStrategy, label: string): Promise<TradeoffRow> {
  const sim = await runTradeoffSim(strategy);
  const c = consumerCounters(sim.trace, 'counter');
  const implied = [...impliedCounts(sim).values()].reduce((a, b) => a + b, 0);
  const counted = [...targetCounts(sim, 'VoteCounts').values()].reduce((a, b) => a + b, 0);
  return {
    strategy: label,
    checkpointWrites: c.checkpointWrites,
    reprocessed: c.reprocessed,
    recordsProcessed: c.recordsProcessed,
    harmfulDuplicates: c.harmfulDuplicates,
    countError: counted - implied,
    crashes: c.crashes,
  };
}
