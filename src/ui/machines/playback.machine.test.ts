// The playback machine with its two actors replaced: loading resolves a canned LoadResult and TICKs
// are sent by hand, so time is exact and no frame clock runs.
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import type { LoadResult } from '../../worker/protocol.ts';
import { playbackMachine } from './playback.machine.ts';

const run: LoadResult = {
  scenarioId: 'voting-booth',
  title: 'Voting booth',
  summary: '',
  seed: 42,
  durationMs: 10_000,
  traceHash: '0123456789abcdef',
  eventCount: 3,
};

function start(load: () => Promise<LoadResult> = async () => run) {
  let framesRunning = 0;
  const machine = playbackMachine.provide({
    actors: {
      loadRun: fromPromise(load),
      animationFrames: fromCallback(() => {
        framesRunning++;
        return () => framesRunning--;
      }),
    },
  });
  const actor = createActor(machine, { input: { scenarioId: 'voting-booth', speed: 1 } }).start();
  return { actor, frames: () => framesRunning };
}

const tick = (elapsedMs: number) => ({ type: 'TICK', elapsedMs }) as const;

describe('playbackMachine', () => {
  it('loads, then plays at the chosen speed', async () => {
    const { actor, frames } = start();
    expect(actor.getSnapshot().value).toBe('loading');
    await waitFor(actor, (s) => s.matches('ready'));
    expect(actor.getSnapshot().context.run).toEqual(run);
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

  it('ignores speeds it does not offer', async () => {
    const { actor } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.speedChanged', speed: 3 });
    expect(actor.getSnapshot().context.speed).toBe(1);
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
    actor.send({ type: 'playback.play' });
    expect(actor.getSnapshot().value).toBe('playing');
    expect(actor.getSnapshot().context.playheadMs).toBe(0);
  });

  it('restarts and seeks within the run', async () => {
    const { actor } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.seek', atMs: 99_999 });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.playheadMs).toBe(10_000);
    actor.send({ type: 'playback.seek', atMs: -3 });
    expect(actor.getSnapshot().context.playheadMs).toBe(0);
    actor.send({ type: 'playback.seek', atMs: 4_000 });
    actor.send({ type: 'playback.restart' });
    expect(actor.getSnapshot().value).toBe('ready');
    expect(actor.getSnapshot().context.playheadMs).toBe(0);

    actor.send({ type: 'playback.play' });
    actor.send(tick(3_000));
    actor.send({ type: 'playback.restart' });
    expect(actor.getSnapshot().value).toBe('playing');
    expect(actor.getSnapshot().context.playheadMs).toBe(0);
  });

  it('cannot play before the run is loaded, and reports a failed load', async () => {
    const { actor } = start(async () => {
      throw new Error('Unknown scenario "nope"');
    });
    expect(actor.getSnapshot().can({ type: 'playback.play' })).toBe(false);
    await waitFor(actor, (s) => s.matches('error'));
    expect(actor.getSnapshot().context.error).toBe('Unknown scenario "nope"');
    expect(actor.getSnapshot().can({ type: 'playback.play' })).toBe(false);
  });

  it('reloads on playback.load from any state', async () => {
    const { actor } = start();
    await waitFor(actor, (s) => s.matches('ready'));
    actor.send({ type: 'playback.play' });
    actor.send(tick(1_000));
    actor.send({ type: 'playback.load', scenarioId: 'voting-booth' });
    expect(actor.getSnapshot().value).toBe('loading');
    expect(actor.getSnapshot().context.playheadMs).toBe(0);
    await waitFor(actor, (s) => s.matches('ready'));
  });
});
