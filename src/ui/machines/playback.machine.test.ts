// The playback machine with its actors replaced: computing resolves a canned run, steps come from
// a fixed list of fact times, and TICKs are sent by hand, so time is exact and no frame clock runs.
import { describe, expect, it } from 'vitest';
import { cannedRun } from './cannedRun.testkit.ts';
import { createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import type { Intervention, LoadResult, StepKind } from '../../worker/protocol.ts';
import { playbackMachine, type PlaybackInput, type RunRequest } from './playback.machine.ts';

const baseRun: LoadResult = cannedRun();

/** Fact times of the fake run, for stepping. */
const FACTS = [0, 1_000, 2_500, 7_000];
const CRASHES = [2_500];

/** A fake worker: keeps the intervention list like the host does, with a hash per list length. */
function fakeWorker(fail?: (r: RunRequest) => Error | undefined) {
  let list: Intervention[] = [];
  let redo: Intervention[] = [];
  const requests: RunRequest[] = [];
  const compute = async (r: RunRequest): Promise<LoadResult> => {
    requests.push(r);
    const error = fail?.(r);
    if (error) throw error;
    if (r.kind === 'load') [list, redo] = [r.interventions ?? [], []];
    if (r.kind === 'intervene') [list, redo] = [[...list, r.intervention], []];
    if (r.kind === 'undo') redo.push(list.pop()!);
    if (r.kind === 'redo') list.push(redo.pop()!);
    return { ...baseRun, traceHash: `hash-${list.length}`, interventions: [...list], canUndo: list.length > 0, canRedo: redo.length > 0 };
  };
  return { compute, requests };
}

function start(input: Partial<PlaybackInput> = {}, worker = fakeWorker()) {
  let framesRunning = 0;
  const machine = playbackMachine.provide({
    actors: {
      computeRun: fromPromise(({ input: r }: { input: RunRequest }) => worker.compute(r)),
      findStep: fromPromise(async ({ input: q }: { input: { fromMs: number; direction: 1 | -1; kind: StepKind } }) => {
        const times = q.kind === 'crash' || q.kind === 'crash-or-checkpoint' ? CRASHES : FACTS;
        return (q.direction === 1 ? times.find((t) => t > q.fromMs) : [...times].reverse().find((t) => t < q.fromMs)) ?? null;
      }),
      animationFrames: fromCallback(() => {
        framesRunning++;
        return () => framesRunning--;
      }),
    },
  });
  const actor = createActor(machine, { input: { source: 'voting-booth', speed: 1, ...input } }).start();
  return { actor, frames: () => framesRunning, worker };
}

const tick = (elapsedMs: number) => ({ type: 'TICK', elapsedMs }) as const;
const crash: Intervention = { at: 2_000, kind: 'crash', target: 'counter/worker-1', params: { when: 'now' } };

describe('playbackMachine', () => {
  it('loads, then plays at the chosen speed', async () => {
    const { actor, frames } = start();
    expect(actor.getSnapshot().value).toBe('loading');
    await waitFor(actor, (s) => s.matches('ready'));
    expect(actor.getSnapshot().context.run?.traceHash).toBe('hash-0');
    expect(frames()).toBe(0);

    actor.send({ type: 'playback.play' });
    expect(actor.getSnapshot().value).toBe('playing');
    expect(frames()).toBe(1);
    actor.send(tick(16));
    expect(actor.getSnapshot().context.playheadMs).toBe(16);

    actor.send({ type: 'playback.speedChanged', speed: 20 });
    actor.send(tick(100));
    expect(actor.getSnapshot().context.playheadMs).toBe(2_016);
  });

  it('offers speeds from 0.25× to 10,000× and steps through them', async () => {
    const { actor } = start({ speed: 1 });
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.speedChanged', speed: 3 });
    expect(actor.getSnapshot().context.speed).toBe(1);
    actor.send({ type: 'playback.speedChanged', speed: 10_000 });
    actor.send({ type: 'playback.faster' });
    expect(actor.getSnapshot().context.speed).toBe(10_000);
    actor.send({ type: 'playback.speedChanged', speed: 0.25 });
    actor.send({ type: 'playback.slower' });
    expect(actor.getSnapshot().context.speed).toBe(0.25);
    actor.send({ type: 'playback.faster' });
    expect(actor.getSnapshot().context.speed).toBe(0.5);
  });

  it('pauses, resumes and stops the frame clock while paused', async () => {
    const { actor, frames } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.toggle' });
    actor.send(tick(500));
    actor.send({ type: 'playback.toggle' });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(frames()).toBe(0);
    actor.send(tick(500)); // a late frame after pausing must not move the playhead
    expect(actor.getSnapshot().context.playheadMs).toBe(500);
    expect(actor.getSnapshot().can({ type: 'playback.play' })).toBe(true);
  });

  it('stops at the end of the run, and Play from there starts over', async () => {
    const { actor } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.play' });
    actor.send(tick(9_990));
    actor.send(tick(50));
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.playheadMs).toBe(10_000);
    expect(actor.getSnapshot().can({ type: 'playback.step', direction: 1 })).toBe(false);
    actor.send({ type: 'playback.play' });
    expect(actor.getSnapshot().value).toBe('playing');
    expect(actor.getSnapshot().context.playheadMs).toBe(0);
  });

  it('seeks within the run (through seeking) and restarts', async () => {
    const { actor } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.seek', atMs: 99_999 });
    expect(actor.getSnapshot().value).toBe('seeking');
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.playheadMs).toBe(10_000);
    actor.send({ type: 'playback.seek', atMs: -3 });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.playheadMs).toBe(0);
    actor.send({ type: 'playback.seek', atMs: 4_000 });
    await waitFor(actor, (s) => s.matches('paused'));
    actor.send({ type: 'playback.restart' });
    expect(actor.getSnapshot().value).toBe('ready');
    expect(actor.getSnapshot().context.playheadMs).toBe(0);
  });

  it('steps to the next and previous fact, and to the next crash, pausing playback', async () => {
    const { actor } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    expect(actor.getSnapshot().can({ type: 'playback.step', direction: -1 })).toBe(false); // at the start
    actor.send({ type: 'playback.step', direction: 1 });
    expect(actor.getSnapshot().value).toBe('stepping');
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.playheadMs).toBe(1_000);
    actor.send({ type: 'playback.step', direction: 1 });
    await waitFor(actor, (s) => s.matches('paused') && s.context.playheadMs === 2_500);
    actor.send({ type: 'playback.step', direction: -1 });
    await waitFor(actor, (s) => s.matches('paused') && s.context.playheadMs === 1_000);

    actor.send({ type: 'playback.play' });
    actor.send({ type: 'playback.step', direction: 1, kind: 'crash' });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.playheadMs).toBe(2_500);
    actor.send({ type: 'playback.step', direction: 1, kind: 'crash' }); // no later crash: stays
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.playheadMs).toBe(2_500);
  });

  it('intervenes at the playhead keeping it, and undo/redo follow the list', async () => {
    const { actor, worker } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    expect(actor.getSnapshot().can({ type: 'playback.undo' })).toBe(false);
    actor.send({ type: 'playback.seek', atMs: 2_000 });
    await waitFor(actor, (s) => s.matches('paused'));
    actor.send({ type: 'playback.intervene', intervention: crash });
    expect(actor.getSnapshot().value).toBe('loading');
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context).toMatchObject({ playheadMs: 2_000, run: { traceHash: 'hash-1', interventions: [crash] } });
    expect(actor.getSnapshot().can({ type: 'playback.undo' })).toBe(true);
    expect(actor.getSnapshot().can({ type: 'playback.redo' })).toBe(false);

    actor.send({ type: 'playback.undo' });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.run?.traceHash).toBe('hash-0');
    expect(actor.getSnapshot().can({ type: 'playback.redo' })).toBe(true);
    actor.send({ type: 'playback.redo' });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.run?.traceHash).toBe('hash-1');
    expect(worker.requests.map((r) => r.kind)).toEqual(['load', 'intervene', 'undo', 'redo']);
  });

  it('keeps playing after an intervention made while playing', async () => {
    const { actor } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.play' });
    actor.send(tick(300));
    actor.send({ type: 'playback.intervene', intervention: crash });
    await waitFor(actor, (s) => s.matches('playing'));
    expect(actor.getSnapshot().context.playheadMs).toBe(300);
  });

  it('restores a link: seed, interventions and playhead', async () => {
    const { actor, worker } = start({ seed: 7, interventions: [crash], atMs: 4_321, speed: 100 });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context).toMatchObject({ playheadMs: 4_321, speed: 100 });
    expect(worker.requests[0]).toEqual({ kind: 'load', source: 'voting-booth', seed: 7, interventions: [crash], atMs: 4_321 });
  });

  it('keeps the run when an intervention is refused, and names why', async () => {
    const refused = Object.assign(new Error('at: after the end'), { name: 'invalid-intervention' });
    const { actor } = start({}, fakeWorker((r) => (r.kind === 'intervene' ? refused : undefined)));
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.intervene', intervention: crash });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.run?.traceHash).toBe('hash-0');
    expect(actor.getSnapshot().context.error).toEqual({ kind: 'invalid-intervention', message: 'at: after the end' });
    actor.send({ type: 'playback.dismissError' });
    expect(actor.getSnapshot().context.error).toBeUndefined();
  });

  it('cannot play before the run is loaded, reports a failed load, and retries after a crash', async () => {
    let failing = true;
    const { actor } = start({}, fakeWorker(() => (failing ? Object.assign(new Error('Unknown scenario "nope"'), { name: 'unknown-scenario' }) : undefined)));
    expect(actor.getSnapshot().can({ type: 'playback.play' })).toBe(false);
    await waitFor(actor, (s) => s.matches('error'));
    expect(actor.getSnapshot().context.error).toEqual({ kind: 'unknown-scenario', message: 'Unknown scenario "nope"' });
    expect(actor.getSnapshot().can({ type: 'playback.play' })).toBe(false);
    failing = false;
    actor.send({ type: 'playback.retry' });
    await waitFor(actor, (s) => s.matches('ready'));

    actor.send({ type: 'playback.seek', atMs: 3_000 });
    await waitFor(actor, (s) => s.matches('paused'));
    actor.send({ type: 'playback.crashed', message: 'The simulation worker crashed.' });
    expect(actor.getSnapshot().value).toBe('error');
    actor.send({ type: 'playback.retry' });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.playheadMs).toBe(3_000);
  });

  it('reloads on playback.load from any state', async () => {
    const { actor } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.play' });
    actor.send(tick(1_000));
    actor.send({ type: 'playback.load', source: 'voting-booth' });
    expect(actor.getSnapshot().value).toBe('loading');
    expect(actor.getSnapshot().context.playheadMs).toBe(0);
    await waitFor(actor, (s) => s.matches('ready'));
  });
});

describe('playbackMachine: the scenario view speed', () => {
  /** A worker whose scenario asks to be watched at 20×. */
  function twentyX() {
    const w = fakeWorker();
    return {
      ...w,
      compute: async (r: RunRequest) => {
        const run = await w.compute(r);
        return { ...run, scenario: { ...run.scenario, view: { speed: 20 } } };
      },
    };
  }

  it("a fresh load plays at the scenario's own speed; a link's speed wins; a recomputation keeps the user's", async () => {
    const plain = start({ speed: undefined }, twentyX());
    await waitFor(plain.actor, (s) => s.matches('ready'));
    expect(plain.actor.getSnapshot().context.speed).toBe(20);

    const linked = start({ speed: 100 }, twentyX());
    await waitFor(linked.actor, (s) => s.matches('ready'));
    expect(linked.actor.getSnapshot().context.speed).toBe(100);

    plain.actor.send({ type: 'playback.speedChanged', speed: 1 });
    plain.actor.send({ type: 'playback.intervene', intervention: crash });
    await waitFor(plain.actor, (s) => s.context.run?.traceHash === 'hash-1' && !s.matches('loading'));
    expect(plain.actor.getSnapshot().context.speed).toBe(1);

    plain.actor.send({ type: 'playback.load', source: 'voting-booth' });
    await waitFor(plain.actor, (s) => s.matches('ready'));
    expect(plain.actor.getSnapshot().context.speed).toBe(20);
  });
});

describe('playbackMachine: a superseded computation', () => {
  it('asks again instead of reporting an error (another client of the worker replaced its request)', async () => {
    let calls = 0;
    const superseded = Object.assign(new Error('A newer request replaced this computation.'), { name: 'superseded' });
    const worker = fakeWorker(() => (calls++ === 0 ? superseded : undefined));
    const { actor } = start({}, worker);
    await waitFor(actor, (s) => s.matches('ready'));
    expect(actor.getSnapshot().context.error).toBeUndefined();
    expect(worker.requests).toHaveLength(2);
  });
});
