/**
 * When the narration no longer tells the truth: a scenario's story is written for the scenario as
 * given, so once the user has intervened (a crash, a poison record, a write) its steps may point at
 * moments that no longer happen, or happen differently (issue #20.3). The callout then says so and
 * offers to return to the story, which undoes the interventions one by one (each stays redoable).
 *
 * May import: xstate, the playback machine's types. May not import: worker, sim, React.
 */
import { waitFor, type ActorRefFrom } from 'xstate';
import type { PlaybackMachine } from '../machines/playback.machine.ts';

type Playback = ActorRefFrom<PlaybackMachine>;

/** Does the story still apply? Not when the run carries interventions of the user's and the scenario has a story. */
export function storyIsStale(run: { interventions: readonly unknown[]; scenario: { narration?: readonly unknown[] } } | undefined): boolean {
  return Boolean(run && (run.scenario.narration?.length ?? 0) > 0 && run.interventions.length > 0);
}

/** The sentence the callout shows while the story is stale. */
export function staleMessage(count: number): string {
  const what = count === 1 ? 'an intervention' : `${count} interventions`;
  return `You changed this run with ${what}: the story below was written for the scenario as given, so its steps may no longer match what you see.`;
}

/**
 * Returns the run to the scenario as given, keeping the playhead: undo while there is something to
 * undo (Redo brings each intervention back); interventions the undo history does not hold (a link
 * opened with them) go by reloading the scenario without them.
 */
export async function returnToStory(playback: Playback): Promise<void> {
  for (let guard = 0; guard < 1_000; guard++) {
    const s = playback.getSnapshot();
    const run = s.context.run;
    if (!run || run.interventions.length === 0) return;
    if (s.can({ type: 'playback.undo' })) {
      playback.send({ type: 'playback.undo' });
    } else {
      const source = s.context.lastGood?.source ?? run.scenarioId;
      playback.send({ type: 'playback.load', source, seed: run.seed, interventions: [], atMs: s.context.playheadMs, speed: s.context.speed });
    }
    // Each step recomputes the run in the worker; the next one starts from its result.
    await waitFor(playback, (x) => !x.matches('loading'), { timeout: 60_000 });
    if (playback.getSnapshot().matches('error')) return;
  }
}
