/**
 * The worker's fork code, one chunk in the browser (`./forkCodeLoader.ts` loads it): a fork's index
 * from its parent's (./indexFork.ts), the forked run itself (sim/runFork.ts: `forkRun`,
 * `withPending`) and the snapshot prepared where the playhead rests (./playheadSnapshots.ts). Only an intervention, or a playhead resting for one, uses it, never a run's first
 * frame.
 *
 * May import: ./indexFork.ts, ./playheadSnapshots.ts, sim/runFork.ts.
 */
export * from './indexFork.ts';
export { forkRun, withPending } from '../sim/runFork.ts';
export { PlayheadSnapshots, PLAYHEAD_REST_MS } from './playheadSnapshots.ts';
