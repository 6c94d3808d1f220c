/**
 * Preparing a world snapshot where the playhead rests (`PlayheadSnapshots`), so that an intervention
 * there simulates only its own slice (./forks.ts says how runs fork). Part of the fork code
 * (./forkCode.ts, a chunk of its own in the browser): the host loads it when a complete run's frame
 * is first asked, after that frame, and the preparation waits for the playhead to rest anyway.
 *
 * May import: sim types, sim/runFork.ts, ./forks.ts and ./indexBuilder.ts (types), ./forkCodeLoader.ts. May not import: ui, share.
 */
import type { SimulationSnapshot } from '../sim/simulation.ts';
import { forkRun } from '../sim/runFork.ts';
import type { Builder } from './indexBuilder.ts';
import type { WorldSnapshots } from './forks.ts';
import { loadForkCode } from './forkCodeLoader.ts';

/** How long the playhead must rest (no frame asked elsewhere) before a snapshot there is prepared. */
export const PLAYHEAD_REST_MS = 120;
/** Wall-clock budget of one slice of that preparation before it yields to frames and requests. */
const PREPARE_SLICE_MS = 12;

/** A run's playhead: its world snapshots and (a complete run's) index builder. */
export interface Wanted {
  worlds: WorldSnapshots;
  builder?: Builder | undefined;
  atMs: number;
}

/**
 * Prepares a world snapshot just before the playhead once it rests, in slices that yield between
 * them; a frame asked at another instant (or another run loaded) drops the preparation under way.
 */
export class PlayheadSnapshots {
  private wanted: Wanted | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The runs' snapshots that were last given a playhead snapshot and cut builder. */
  private kept: WorldSnapshots | undefined;

  constructor(
    private readonly yieldSlice: () => Promise<void>,
    private readonly restMs = PLAYHEAD_REST_MS,
  ) {}

  /** The run's playhead is at `atMs` (a frame was asked there). */
  want(run: { worlds: WorldSnapshots; builder?: Builder | undefined }, atMs: number): void {
    // Snapshots are taken between instants: the one for an intervention at `atMs` is at `atMs - 1`.
    const { worlds, builder } = run;
    const w = this.wanted;
    if (w && w.worlds === worlds && w.atMs === atMs) return;
    this.wanted = { worlds, builder, atMs };
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (!worlds.forkable || atMs < 1) return;
    const wanted = this.wanted;
    if (worlds.closeTo(atMs)) {
      // A snapshot stands just before the playhead (one handed on from the run this one forked
      // from, say): no world to prepare, but the index builder cut there still spares the fork a copy.
      const from = worlds.before(atMs);
      if (from && builder) this.timer = setTimeout(() => {
        this.timer = undefined;
        // The cut is ./indexFork.ts's, which the loader hands out (loaded with this module in the browser).
        if (this.wanted === wanted) void loadForkCode().then(() => this.wanted === wanted && this.keep(worlds, () => worlds.keepCut(from, builder)), () => undefined);
      }, this.restMs);
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.prepare(wanted);
    }, this.restMs);
  }

  /** Forgets the playhead (another run is loaded, say). */
  drop(): void {
    this.wanted = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Simulates from the latest snapshot up to just before the playhead and keeps a snapshot there. */
  async prepare(wanted: Wanted): Promise<SimulationSnapshot | undefined> {
    const { worlds, atMs } = wanted;
    const target = atMs - 1;
    const from = worlds.before(atMs);
    if (!from || from.atMs >= target) return undefined;
    // Called directly (not after a rest), this becomes the preparation wanted.
    this.wanted = wanted;
    // A snapshot handed on from a parent run gets this run's later interventions queued (`withPending`).
    const sim = forkRun(from);
    let stepMs = Math.max(1, Math.ceil((target - from.atMs) / 16));
    while (sim.now() < target) {
      const started = Date.now();
      await sim.advanceTo(Math.min(target, sim.now() + stepMs));
      const took = Date.now() - started;
      stepMs = Math.max(1, Math.round(took < PREPARE_SLICE_MS / 2 ? stepMs * 2 : took > PREPARE_SLICE_MS * 2 ? stepMs / 2 : stepMs));
      await this.yieldSlice();
      if (this.wanted !== wanted) return undefined;
    }
    // The preparing simulation ends here: the first fork from the snapshot takes its trace as it is.
    const snapshot = sim.snapshot({ hash: false, last: true });
    // The builder's cut is ./indexFork.ts's, which the loader hands out (loaded with this module in the browser).
    if (wanted.builder) await loadForkCode();
    if (this.wanted !== wanted) return undefined;
    this.keep(worlds, () => worlds.keepPlayhead(snapshot, wanted.builder));
    return snapshot;
  }

  private keep(worlds: WorldSnapshots, keep: () => void): void {
    keep();
    // A cut builder holds a run's worth of columns: only the run last looked at keeps one.
    if (this.kept !== worlds) this.kept?.dropCut();
    this.kept = worlds;
  }
}
