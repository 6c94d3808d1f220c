// A cancelled computation (issue 21.8): the user pressed Cancel while a run computed, the worker
// stopped it with `cancelled`; the machine goes back to the run the user had, at the playhead they
// had, and shows no error. A cancelled intervention keeps the loaded run as it is.
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import type { LoadResult } from '../../worker/protocol.ts';
import { cannedRun } from './cannedRun.testkit.ts';
import { playbackMachine, type RunRequest } from './playback.machine.ts';

const cancelled = () => Object.assign(new Error('The computation was cancelled; the run you had is kept.'), { name: 'cancelled' });

function start() {
  const requests: RunRequest[] = [];
  const machine = playbackMachine.provide({
    actors: {
      computeRun: fromPromise(async ({ input: r }: { input: RunRequest }): Promise<LoadResult> => {
        requests.push(r);
        if (r.kind === 'load' && r.source === 'slow-code') throw cancelled();
        if (r.kind === 'intervene') throw cancelled();
        return cannedRun({ scenarioId: r.kind === 'load' && typeof r.source === 'string' ? r.source : 'x' });
      }),
      animationFrames: fromCallback(() => () => {}),
    },
  });
  const actor = createActor(machine, { input: { source: 'voting-booth', speed: 1 } }).start();
  return { actor, requests };
}

describe('playbackMachine: a cancelled computation', () => {
  it('goes back to the last good run at its playhead, with no error', async () => {
    const { actor, requests } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.seek', atMs: 4_200 });
    await waitFor(actor, (s) => s.matches('paused'));
    actor.send({ type: 'playback.load', source: 'slow-code' });
    await waitFor(actor, (s) => s.matches('paused') && requests.length === 3);
    const { context } = actor.getSnapshot();
    expect(requests.map((r) => (r.kind === 'load' ? r.source : r.kind))).toEqual(['voting-booth', 'slow-code', 'voting-booth']);
    expect(context.run?.scenarioId).toBe('voting-booth');
    expect(context.playheadMs).toBe(4_200);
    expect(context.error).toBeUndefined();
  });

  it('keeps the loaded run when a recomputation after an intervention is cancelled', async () => {
    const { actor } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.intervene', intervention: { at: 1_000, kind: 'crash', target: 'counter/worker-1', params: { when: 'now' } } });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.run?.scenarioId).toBe('voting-booth');
    expect(actor.getSnapshot().context.error).toBeUndefined();
  });
});
