/**
 * The checkpoint-interval trade-off (reference §7.5, §7.7, check 72): one fixed workload and crash
 * schedule (src/sim/consumers/propertyKit.ts, `TRADEOFF`) run with a naive KCL vote counter that
 * checkpoints after every record, every 2, 5, 10 and 50 records, and after every batch. Checkpoint
 * writes and reprocessed records come from `consumerCounters`: the fewer checkpoints, the more a
 * crash replays — and with a naive counter every replay is a vote counted twice.
 *
 * Counts, not timings: the table is the same on every machine, so `--smoke` runs it in full.
 */
import '../../src/sim/parts/all.ts'; // every optional part of the core (KCL, Lambda): Node runs plans directly
import { runCheckpointTradeoff, TRADEOFF, TRADEOFF_STRATEGIES, type TradeoffRow } from '../../src/sim/consumers/propertyKit.ts';
import type { CheckpointStrategy } from '../../src/sim/index.ts';

export interface CheckpointBenchResult {
  workload: string;
  rows: TradeoffRow[];
}

function label(s: CheckpointStrategy): string {
  switch (s.kind) {
    case 'every-record':
      return 'every record';
    case 'every-n-records':
      return `every ${s.n} records`;
    case 'every-batch':
      return 'every batch';
    case 'every-interval':
      return `every ${s.intervalMs} ms`;
    default:
      return s.kind;
  }
}

export async function benchCheckpoints(): Promise<CheckpointBenchResult> {
  const rows: TradeoffRow[] = [];
  for (const s of TRADEOFF_STRATEGIES) rows.push(await runCheckpointTradeoff(s, label(s)));
  const T = TRADEOFF;
  const workload =
    `${T.bursts} bursts of ${T.perBurst} votes every ${T.burstEveryMs / 1000} s on one shard, KCL with 2 workers; ` +
    `the lease holder crashes after ${T.firstCrash.afterRecords} records of one batch and, after failover, the next holder after ${T.secondCrash.afterRecords}`;
  return { workload, rows };
}

export function checkpointTable(r: CheckpointBenchResult): string[] {
  const lines = [
    `Checkpoint interval trade-off — ${r.workload}:`,
    '',
    '| checkpoint | checkpoint writes | reprocessed records | harmful duplicates | vote count error |',
    '|---|---|---|---|---|',
  ];
  for (const row of r.rows) {
    lines.push(`| ${row.strategy} | ${row.checkpointWrites} | ${row.reprocessed} | ${row.harmfulDuplicates} | ${row.countError > 0 ? '+' : ''}${row.countError} |`);
  }
  return lines;
}
