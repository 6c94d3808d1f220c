/**
 * A canned `LoadResult` for the playback machine's tests: the machine never sees a worker there, so
 * its compute actor resolves this. For tests only.
 *
 * May import: protocol types. Imported by: *.test.ts beside it.
 */
import type { LoadResult } from '../../worker/protocol.ts';

export function cannedRun(over: Partial<LoadResult> = {}): LoadResult {
  return {
    runId: 1,
    scenarioId: 'voting-booth',
    title: 'Voting booth',
    summary: '',
    seed: 42,
    durationMs: 10_000,
    traceHash: '0123456789abcdef',
    eventCount: 3,
    scenario: { id: 'voting-booth', title: 'Voting booth', summary: '', seed: 42, durationMs: 10_000, setup: [], writes: [] },
    inline: false,
    interventions: [],
    canUndo: false,
    canRedo: false,
    keys: [],
    keyStrings: [],
    consumers: [],
    ticks: { t: new Float64Array(), kind: new Uint8Array() },
    ...over,
  };
}
