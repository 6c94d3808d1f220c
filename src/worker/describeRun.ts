/**
 * A run as the UI first learns it (`LoadResult`): its identity, what it holds (keys, consumers,
 * ticks, narration stops, checks), what it takes in memory; moved out of host.ts as it was.
 *
 * May import: sim checks, ./indexMarks.ts, ./memoryBudget.ts, ./usercode/report.ts, ./run.ts and protocol types.
 */
import { CHECKS } from '../sim/checks/names.ts';
import { buildTicks } from './indexMarks.ts';
import { runMemoryBytes } from './memoryBudget.ts';
import type { LoadResult } from './protocol.ts';
import type { Run } from './run.ts';
import { userCodeErrors } from './usercode/report.ts';

export function describeRun(r: Run, canRedo: boolean): LoadResult {
  return {
    runId: r.id,
    scenarioId: r.scenario.id,
    title: r.scenario.title,
    summary: r.scenario.summary,
    seed: r.seed,
    durationMs: r.scenario.durationMs,
    traceHash: r.traceHash,
    eventCount: r.index.times.length,
    scenario: r.scenario,
    inline: r.inline,
    ...(r.edits ? { edits: r.edits } : {}),
    interventions: [...r.interventions],
    canUndo: r.interventions.length > 0,
    canRedo,
    keys: r.index.keys,
    keyStrings: r.index.keyStrings,
    consumers: r.index.consumers,
    ticks: buildTicks(r.index, r.scenario.durationMs),
    narrationStops: r.extras.narrationStops,
    checks: { ...CHECKS },
    ...(r.imported ? { imported: r.imported } : {}),
    userCodeErrors: userCodeErrors(r.trace, r.scenario),
    // Memory honesty (issue 16.4): estimated from what the run holds.
    memoryBytes: r.imported?.memoryBytes ?? runMemoryBytes(r.trace.length),
    ...(r.computedMs !== undefined ? { computedMs: r.computedMs } : {}),
  };
}
