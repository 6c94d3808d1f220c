/**
 * The compare view's playback: the playground's playback machine (`machines/playback.machine.ts`)
 * on the page's one frame loop (`machines/frameClock.ts`), not a clock of its own (issue 19.1). Its
 * "run" is the pair: loading computes both sides, each in its own worker client (a host holds one
 * run), and the machine plays the longer of the two; each side's frames follow the machine's
 * playhead, asked for in the loop's `request` phase (one per animation frame at most, each client
 * keeping one in flight, latest wins).
 *
 * May import: xstate, worker/client.ts, protocol types, scenarios' comparisons, machines, clock.
 * May not import: React, sim runtime, worker/host.ts.
 */
import { createActor, fromPromise } from 'xstate';
import { sideScenario } from '../../scenarios/comparisons.ts';
import { createSimClient, type SimClient } from '../../worker/client.ts';
import type { Frame, LoadResult, StepKind } from '../../worker/protocol.ts';
import { frameScheduler } from '../clock/scheduler.ts';
import { animationFrames } from '../machines/frameClock.ts';
import { playbackMachine, type RunRequest } from '../machines/playback.machine.ts';
import type { LinkedComparison, LinkedSide } from './linkPair.ts';

export interface SideState {
  run?: LoadResult;
  frame?: Frame;
  error?: string;
}

/** Loads one side in its client; the error says what went wrong in words. */
async function loadSide(client: SimClient, side: LinkedSide): Promise<LoadResult> {
  if (side.load) {
    const { seed, interventions } = side.load;
    return client.load(side.load.source, { ...(seed !== undefined ? { seed } : {}), ...(interventions ? { interventions } : {}) });
  }
  const scenario = sideScenario(side);
  if (!scenario) throw new Error(`No built-in scenario ${side.scenarioId}.`);
  return client.load(side.consumers ? { inline: scenario } : side.scenarioId);
}

/**
 * Both sides as one run for the machine: the left side's description with the longer duration, no
 * narration and nothing to undo. Rejects only when neither side loaded (a side's own error is shown
 * on that side).
 */
function pairRun(runs: Array<LoadResult | undefined>): LoadResult {
  const loaded = runs.filter((r): r is LoadResult => r !== undefined);
  const first = loaded[0];
  if (!first) throw new Error('Neither run could be computed.');
  return { ...first, durationMs: Math.max(...loaded.map((r) => r.durationMs)), narrationStops: [], canUndo: false, canRedo: false, interventions: [] };
}

/** The compare view's playback machine and its two sides; `onSides` hears every change of either side. */
export function createComparePlayback(comparison: LinkedComparison, atMs: number, onSides: (sides: [SideState, SideState]) => void) {
  const clients = [createSimClient(), createSimClient()];
  let sides: [SideState, SideState] = [{}, {}];
  const update = (i: number, patch: SideState) => {
    sides = i === 0 ? [{ ...sides[0], ...patch }, sides[1]] : [sides[0], { ...sides[1], ...patch }];
    onSides(sides);
  };
  const computeRun = fromPromise<LoadResult, RunRequest>(async () => {
    const runs = await Promise.all(
      [comparison.left, comparison.right].map((side, i) =>
        loadSide(clients[i]!, side).then(
          (run) => {
            update(i, { run });
            return run;
          },
          (e: unknown) => {
            update(i, { error: e instanceof Error ? e.message : String(e) });
            return undefined;
          },
        ),
      ),
    );
    return pairRun(runs);
  });
  const actor = createActor(
    playbackMachine.provide({
      actors: {
        computeRun,
        animationFrames,
        findStep: fromPromise<number | null, { fromMs: number; direction: 1 | -1; kind: StepKind }>(async () => null),
        settleFrame: fromPromise<void, { atMs: number; runId: number | undefined }>(async () => undefined),
      },
    }),
    { input: { source: comparison.id, atMs, speed: 5, pauseAtStops: false } },
  );

  // Each side's frame at the machine's playhead (clamped to that side's run), in the `request` phase.
  let asked: number | undefined;
  const request = () => {
    const { playheadMs, run } = actor.getSnapshot().context;
    if (!run) return;
    clients.forEach((client, i) => {
      const sideRun = sides[i]?.run;
      if (!sideRun) return;
      client.frame({ atMs: Math.min(playheadMs, sideRun.durationMs), fromMs: 0, toMs: sideRun.durationMs, eventLog: true }).then(
        (frame) => frame && update(i, { frame }),
        () => undefined,
      );
    });
  };
  const sub = actor.subscribe((s) => {
    if (!s.context.run || s.context.playheadMs === asked) return;
    asked = s.context.playheadMs;
    frameScheduler().schedule('request', request, request);
  });
  actor.start();
  return {
    actor,
    dispose(): void {
      sub.unsubscribe();
      frameScheduler().cancel('request', request);
      actor.stop();
      for (const c of clients) c.dispose();
    },
  };
}
