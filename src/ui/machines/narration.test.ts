// Narration stops as guards of the playback machine: playing pauses exactly at each step's stop
// (when asked to), Next/Back move between steps, and several steps at one instant are each shown.
import { describe, expect, it } from 'vitest';
import { cannedRun } from './cannedRun.testkit.ts';
import { createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import type { LoadResult } from '../../worker/protocol.ts';
import { currentStep, nextStep, previousStep, stopCrossed } from './narration.ts';
import { narrationStepOf, playbackMachine } from './playback.machine.ts';

const STOPS = [1_000, 4_000, 4_000, 9_000];

const run: LoadResult = cannedRun({ narrationStops: STOPS });

async function started() {
  const machine = playbackMachine.provide({
    actors: {
      computeRun: fromPromise(async () => run),
      animationFrames: fromCallback(() => () => undefined),
    },
  });
  const actor = createActor(machine, { input: { source: 'voting-booth', speed: 1 } }).start();
  await waitFor(actor, (s) => s.matches('ready'));
  return actor;
}

const tick = (elapsedMs: number) => ({ type: 'TICK', elapsedMs }) as const;

describe('narration steps', () => {
  it('current step: the last stop reached; at a shared instant the chosen one, else the first', () => {
    expect(currentStep(STOPS, 0)).toBe(-1);
    expect(currentStep(STOPS, 1_000)).toBe(0);
    expect(currentStep(STOPS, 5_000)).toBe(1);
    expect(currentStep(STOPS, 5_000, 2)).toBe(2);
    expect(currentStep(STOPS, 9_500, 2)).toBe(3);
    expect(currentStep([1_000, null, 3_000], 5_000)).toBe(0);
  });

  it('finds the stop a move crosses (strictly after the start), and where Next and Back go', () => {
    expect(stopCrossed(STOPS, 0, 999)).toBe(-1);
    expect(stopCrossed(STOPS, 0, 1_000)).toBe(0);
    expect(stopCrossed(STOPS, 1_000, 5_000)).toBe(1);
    expect(nextStep(STOPS, 3)).toBeUndefined();
    expect(nextStep(STOPS, 1)).toEqual({ step: 2, atMs: 4_000 });
    expect(previousStep(STOPS, -1)).toBeUndefined();
    expect(previousStep(STOPS, 0)).toEqual({ step: -1, atMs: 0 });
  });
});

describe('playback machine with narration stops', () => {
  it('pauses exactly at a stop a tick would cross, then plays on past it', async () => {
    const actor = await started();
    actor.send({ type: 'playback.play' });
    actor.send(tick(600));
    actor.send(tick(600)); // would reach 1,200: stops at 1,000
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.playheadMs).toBe(1_000);
    expect(narrationStepOf(actor.getSnapshot().context)).toBe(0);
    actor.send({ type: 'playback.play' });
    actor.send(tick(600));
    expect(actor.getSnapshot().value).toBe('playing');
    expect(actor.getSnapshot().context.playheadMs).toBe(1_600);
  });

  it('plays through every stop when pausing at steps is off', async () => {
    const actor = await started();
    actor.send({ type: 'narration.pausesChanged', on: false });
    actor.send({ type: 'playback.play' });
    actor.send(tick(100));
    actor.send({ type: 'playback.speedChanged', speed: 50 });
    actor.send(tick(100)); // 5,100 ms: crossed two stops
    expect(actor.getSnapshot().value).toBe('playing');
    expect(actor.getSnapshot().context.playheadMs).toBe(5_100);
    expect(actor.getSnapshot().context.pauseAtStops).toBe(false);
  });

  it('Next and Back move step by step, each of two steps at one instant shown in turn', async () => {
    const actor = await started();
    const step = () => narrationStepOf(actor.getSnapshot().context);
    expect(actor.getSnapshot().can({ type: 'narration.back' })).toBe(false);
    for (const [k, at] of [[0, 1_000], [1, 4_000], [2, 4_000], [3, 9_000]] as const) {
      actor.send({ type: 'narration.next' });
      await waitFor(actor, (s) => s.matches('paused'));
      expect(step()).toBe(k);
      expect(actor.getSnapshot().context.playheadMs).toBe(at);
    }
    expect(actor.getSnapshot().can({ type: 'narration.next' })).toBe(false);
    actor.send({ type: 'narration.back' });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(step()).toBe(2);
    actor.send({ type: 'narration.back' });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(step()).toBe(1);
  });

  it('Next while playing stops at the step it jumps to; Space (toggle) then plays on', async () => {
    const actor = await started();
    actor.send({ type: 'playback.play' });
    actor.send({ type: 'narration.next' });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.playheadMs).toBe(1_000);
    actor.send({ type: 'playback.toggle' });
    expect(actor.getSnapshot().value).toBe('playing');
    expect(narrationStepOf(actor.getSnapshot().context)).toBe(0);
  });
});
