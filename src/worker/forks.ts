/**
 * World snapshots kept beside a run, for interventions that fork instead of recomputing (issue 19.4,
 * RaftScope's fork): while a run is computed the host keeps a snapshot of the world every sixteenth
 * of its length; an intervention at time t goes on from the latest snapshot before t, so only the
 * future is simulated again. The forked run equals the recompute from time 0 (`fork.test.ts`).
 *
 * Where a world cannot be copied, the run recomputes from time 0 as before: a KCL application's
 * record processors and a learner's own code (which runs in a sandbox, asynchronously) hold state
 * in closures and sandboxes that a copy cannot take along (`sim/snapshot.ts`).
 *
 * May import: sim runtime (snapshots). May not import: ui, share, Worker globals.
 */
import type { Simulation, SimulationSnapshot } from '../sim/simulation.ts';
import { NotForkableError } from '../sim/snapshot.ts';

/** How many world snapshots a run keeps at most (each is tables, queue and consumers' state, not history). */
export const WORLD_SNAPSHOTS = 16;

export class WorldSnapshots {
  readonly list: SimulationSnapshot[];
  /** False once a snapshot was refused: this run's world cannot be copied. */
  forkable: boolean;
  private readonly everyMs: number;

  /** `inherited`: snapshots of the run this one forked from, all before the fork (valid for both). */
  constructor(durationMs: number, inherited: readonly SimulationSnapshot[] = [], forkable = true) {
    this.list = [...inherited];
    this.forkable = forkable;
    this.everyMs = Math.max(1, Math.floor(durationMs / WORLD_SNAPSHOTS));
  }

  /** Called between slices (no event in flight): keeps a snapshot when the last one is far enough back. */
  maybeTake(sim: Simulation): void {
    if (!this.forkable) return;
    const last = this.list.at(-1);
    if (last !== undefined && sim.now() - last.atMs < this.everyMs) return;
    try {
      this.list.push(sim.snapshot());
    } catch (e) {
      if (!(e instanceof NotForkableError)) throw e;
      this.forkable = false;
      this.list.length = 0;
    }
  }

  /** The latest snapshot strictly before `atMs` (an intervention at `atMs` has not happened there yet). */
  before(atMs: number): SimulationSnapshot | undefined {
    if (!this.forkable) return undefined;
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.atMs < atMs) return this.list[i];
    return undefined;
  }

  /** The snapshots a fork at `atMs` inherits: those at or before the snapshot it starts from. */
  upTo(atMs: number): SimulationSnapshot[] {
    return this.list.filter((s) => s.atMs <= atMs);
  }
}
