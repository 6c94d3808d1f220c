/**
 * World snapshots kept beside a run, for interventions that fork instead of recomputing (issue 19.4,
 * RaftScope's fork): while a run is computed the host keeps a snapshot of the world every sixteenth
 * of its length; an intervention at time t goes on from the latest snapshot before t, so only the
 * future is simulated again. The forked run equals the recompute from time 0 (`fork.test.ts`).
 *
 * Where a world cannot be copied, the run recomputes from time 0 as before: a learner's own code
 * (which runs in a sandbox, asynchronously, or a KCL processor factory written as a function) holds
 * state in closures and sandboxes that a copy cannot take along (`sim/snapshot.ts`). The scenarios'
 * KCL applications are data and fork.
 *
 * A learner intervenes where the playhead stands, so when the playhead rests (`PlayheadSnapshots`,
 * ./playheadSnapshots.ts, part of the fork code) the host also prepares a snapshot just before it, in the background and in slices: the world is
 * forked from the latest snapshot before the playhead, simulated up to it without intervention (the
 * very facts the run has) and kept. An intervention there then simulates only its own slice, however
 * long the run; the facts since the last hash are hashed when the fork completes (`settled()`).
 *
 * May import: sim runtime (snapshots), ./forkCodeLoader.ts (the forked run, `forkRun` and `withPending`, is the fork code's). May not import: ui, share, Worker globals.
 */
import type { Simulation, SimulationSnapshot } from '../sim/simulation.ts';
import type { Intervention } from '../sim/faults/intervention.ts';
import { NotForkableError } from '../sim/snapshot.ts';
import type { Builder } from './indexBuilder.ts';
import { forkCode } from './forkCodeLoader.ts';

/** How many world snapshots a run keeps at most (each is tables, queue and consumers' state, not history). */
export const WORLD_SNAPSHOTS = 16;

export class WorldSnapshots {
  readonly list: SimulationSnapshot[];
  /** False once a snapshot was refused: this run's world cannot be copied. */
  forkable: boolean;
  private readonly everyMs: number;

  constructor(durationMs: number, forkable = true) {
    this.list = [];
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

  /** Takes `parent`'s snapshots before `next` (and its playhead one), for a run that is `parent`'s with `next` more (the fork code loaded). */
  inherit(parent: WorldSnapshots, next: Intervention): void {
    const before = parent.list.filter((s) => s.atMs < next.at);
    const p = parent.playhead;
    if (p && p.atMs < next.at && !before.includes(p)) before.push(p);
    before.sort((a, b) => a.atMs - b.atMs);
    const { withPending } = forkCode();
    this.list.push(...before.map((s) => withPending(s, next)));
  }

  /** The latest snapshot strictly before `atMs` (an intervention at `atMs` has not happened there yet). */
  before(atMs: number): SimulationSnapshot | undefined {
    if (!this.forkable) return undefined;
    let found: SimulationSnapshot | undefined;
    for (let i = this.list.length - 1; i >= 0; i--) {
      if (this.list[i]!.atMs < atMs) {
        found = this.list[i];
        break;
      }
    }
    const p = this.playhead;
    return p && p.atMs < atMs && (!found || p.atMs > found.atMs) ? p : found;
  }

  /** The snapshot prepared at the playhead (one a run: a new one replaces it). */
  playhead: SimulationSnapshot | undefined;
  /** The run's index builder cut back at the playhead snapshot's first `facts` facts, for the first fork from it. */
  private cut: { facts: number; builder: Builder } | undefined;

  /** The builder cut at `facts`, prepared beside the playhead snapshot; handed out once (the fork goes on writing it). */
  takeCut(facts: number): Builder | undefined {
    const cut = this.cut;
    if (cut?.facts !== facts) return undefined;
    this.cut = undefined;
    return cut.builder;
  }

  /** Keeps a snapshot prepared at the playhead and, beside it, the run's builder cut there. */
  keepPlayhead(snapshot: SimulationSnapshot, builder: Builder | undefined): void {
    this.playhead = snapshot;
    this.keepCut(snapshot, builder);
  }

  /** Keeps the run's builder cut at `snapshot` (none without a builder), for the first fork from it. */
  keepCut(snapshot: SimulationSnapshot, builder: Builder | undefined): void {
    if (builder && this.cut?.facts === snapshot.facts) return;
    this.cut = builder ? { facts: snapshot.facts, builder: forkCode().builderAt(builder, snapshot.facts, snapshot.atMs) } : undefined;
  }

  dropCut(): void {
    this.cut = undefined;
  }

  /** Whether a fork at `atMs` would start close enough to it (within a 512th of the run) that preparing one is not worth it. */
  closeTo(atMs: number): boolean {
    const from = this.before(atMs);
    return from === undefined || atMs - from.atMs <= this.everyMs / 32;
  }
}
