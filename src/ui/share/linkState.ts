/**
 * What a share link holds, from and to the app's state: the payload for the loaded run (scenario
 * ref, or inline when the user loaded a file; seed when it differs; the user's interventions; the
 * playhead; the speed), and the playback input a decoded payload restores.
 *
 * May import: share (schema, codec), scenarios' schema, protocol types, the playback machine's types.
 * May not import: worker runtime, sim runtime, React.
 */
import type { LinkPayload } from '../../share/schema.ts';
import type { InterventionV1 } from '../../scenarios/schema.ts';
import type { LoadResult } from '../../worker/protocol.ts';
import { DEFAULT_SPEED, type PlaybackInput } from '../machines/playback.machine.ts';

export function payloadFor(run: LoadResult, playheadMs: number, speed: number): LinkPayload {
  return {
    v: 1,
    scenario: run.inline ? { inline: run.scenario } : { id: run.scenarioId },
    // Edits travel as the change set, not the scenario: a few settings stay a few dozen characters.
    ...(!run.inline && run.edits?.length ? { edits: run.edits } : {}),
    ...(run.seed !== run.scenario.seed ? { seed: run.seed } : {}),
    // The worker accepted each intervention only after checking it with the link's own schema.
    ...(run.interventions.length > 0 ? { interventions: run.interventions.map((i) => i as InterventionV1) } : {}),
    at: Math.round(playheadMs),
    // Only a speed that differs from what opening the scenario would give needs saying.
    ...(speed !== (run.scenario.view?.speed ?? DEFAULT_SPEED) ? { view: { speed } } : {}),
  };
}

/** The playback input that restores a link. */
export function inputFor(payload: LinkPayload): PlaybackInput {
  return {
    source: 'id' in payload.scenario ? (payload.edits?.length ? { id: payload.scenario.id, edits: payload.edits } : payload.scenario.id) : { inline: payload.scenario.inline },
    ...(payload.seed !== undefined ? { seed: payload.seed } : {}),
    ...(payload.interventions?.length ? { interventions: payload.interventions } : {}),
    ...(payload.at !== undefined ? { atMs: payload.at } : {}),
    ...(payload.view?.speed !== undefined ? { speed: payload.view.speed } : {}),
  };
}

/** The scenario file for a run: the scenario with its seed and the user's interventions folded in. */
export function scenarioFileFor(run: LoadResult, speed?: number): string {
  const interventions = [...(run.scenario.interventions ?? []), ...run.interventions];
  const scenario = {
    ...run.scenario,
    seed: run.seed,
    ...(interventions.length > 0 ? { interventions } : {}),
    // The speed it was watched at becomes the file's own view, so whoever opens it sees it the same way.
    ...(speed !== undefined ? { view: { ...run.scenario.view, speed } } : {}),
  };
  return JSON.stringify(scenario, null, 2) + '\n';
}
