/**
 * Playback: which of play / pause / restart / seek is allowed now, and where the playhead is in
 * simulated time. The machine decides; components only send events and ask `snapshot.can(...)`.
 *
 * States: loading → ready ⇄ playing ⇄ paused, and error. The frame clock is the `animationFrames`
 * callback actor (invoked only while playing), which sends `TICK` with the wall-clock ms since the
 * last frame; tests swap it out with `provide` and send TICK by hand. Loading calls the `loadRun`
 * promise actor, which the app provides with the worker client, so this file knows no worker.
 *
 * May import: xstate, worker protocol types. May not import: the worker client, sim, React.
 */
import { assign, fromCallback, fromPromise, setup } from 'xstate';
import type { LoadResult } from '../../worker/protocol.ts';

/** Playback speeds offered: 1× is real time; 5× and 20× fit a two-minute run into a slide. */
export const SPEEDS = [1, 5, 20] as const;
export type Speed = (typeof SPEEDS)[number];
export const DEFAULT_SPEED: Speed = 5;

/** Longest wall-clock step one frame may take: after a hidden tab, playback resumes instead of jumping. */
export const MAX_FRAME_MS = 100;

export interface PlaybackInput {
  scenarioId: string;
  speed?: Speed;
}

export interface PlaybackContext {
  scenarioId: string;
  run: LoadResult | undefined;
  /** Simulated ms since the start of the run. */
  playheadMs: number;
  speed: Speed;
  error: string | undefined;
}

export type PlaybackEvent =
  | { type: 'TICK'; elapsedMs: number }
  | { type: 'playback.play' }
  | { type: 'playback.pause' }
  | { type: 'playback.toggle' }
  | { type: 'playback.restart' }
  | { type: 'playback.seek'; atMs: number }
  | { type: 'playback.speedChanged'; speed: number }
  | { type: 'playback.load'; scenarioId: string };

function isSpeed(n: number): n is Speed {
  return (SPEEDS as readonly number[]).includes(n);
}

function clampToRun(context: PlaybackContext, ms: number): number {
  const end = context.run?.durationMs ?? 0;
  return Math.min(Math.max(Number.isFinite(ms) ? ms : 0, 0), end);
}

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    input: {} as PlaybackInput,
  },
  actors: {
    /** Provided by the app (worker client); the default says so instead of failing obscurely. */
    loadRun: fromPromise<LoadResult, { scenarioId: string }>(async () => {
      throw new Error('playbackMachine: provide a loadRun actor (see App.tsx)');
    }),
    /** One TICK per animation frame with the wall-clock ms since the previous frame. */
    animationFrames: fromCallback<PlaybackEvent>(({ sendBack }) => {
      let last = performance.now();
      let id = requestAnimationFrame(function frame(now) {
        sendBack({ type: 'TICK', elapsedMs: Math.min(Math.max(now - last, 0), MAX_FRAME_MS) });
        last = now;
        id = requestAnimationFrame(frame);
      });
      return () => cancelAnimationFrame(id);
    }),
  },
  guards: {
    'at end of run': ({ context }) => context.run !== undefined && context.playheadMs >= context.run.durationMs,
    'tick reaches end of run': ({ context, event }) =>
      event.type === 'TICK' && context.run !== undefined && context.playheadMs + event.elapsedMs * context.speed >= context.run.durationMs,
    'speed is offered': ({ event }) => event.type === 'playback.speedChanged' && isSpeed(event.speed),
  },
  actions: {
    advancePlayhead: assign({
      playheadMs: ({ context, event }) => (event.type === 'TICK' ? clampToRun(context, context.playheadMs + event.elapsedMs * context.speed) : context.playheadMs),
    }),
    moveToEnd: assign({ playheadMs: ({ context }) => context.run?.durationMs ?? 0 }),
    rewind: assign({ playheadMs: 0 }),
    seek: assign({
      playheadMs: ({ context, event }) => (event.type === 'playback.seek' ? clampToRun(context, event.atMs) : context.playheadMs),
    }),
    setSpeed: assign({
      speed: ({ context, event }) => (event.type === 'playback.speedChanged' && isSpeed(event.speed) ? event.speed : context.speed),
    }),
  },
}).createMachine({
  id: 'playback',
  context: ({ input }) => ({
    scenarioId: input.scenarioId,
    run: undefined,
    playheadMs: 0,
    speed: input.speed ?? DEFAULT_SPEED,
    error: undefined,
  }),
  initial: 'loading',
  on: {
    'playback.speedChanged': { guard: 'speed is offered', actions: 'setSpeed' },
    'playback.load': {
      target: '.loading',
      reenter: true,
      actions: assign({ scenarioId: ({ event }) => event.scenarioId }),
    },
  },
  states: {
    loading: {
      entry: assign({ run: undefined, playheadMs: 0, error: undefined }),
      invoke: {
        src: 'loadRun',
        input: ({ context }) => ({ scenarioId: context.scenarioId }),
        onDone: { target: 'ready', actions: assign({ run: ({ event }) => event.output }) },
        onError: {
          target: 'error',
          actions: assign({ error: ({ event }) => (event.error instanceof Error ? event.error.message : String(event.error)) }),
        },
      },
    },
    ready: {
      on: {
        'playback.play': 'playing',
        'playback.toggle': 'playing',
        'playback.seek': { target: 'paused', actions: 'seek' },
      },
    },
    playing: {
      invoke: { src: 'animationFrames' },
      on: {
        TICK: [{ guard: 'tick reaches end of run', target: 'paused', actions: 'moveToEnd' }, { actions: 'advancePlayhead' }],
        'playback.pause': 'paused',
        'playback.toggle': 'paused',
        'playback.restart': { actions: 'rewind' },
        'playback.seek': { actions: 'seek' },
      },
    },
    paused: {
      on: {
        // Play at the end of the run means "again": start over rather than do nothing.
        'playback.play': [{ guard: 'at end of run', target: 'playing', actions: 'rewind' }, { target: 'playing' }],
        'playback.toggle': [{ guard: 'at end of run', target: 'playing', actions: 'rewind' }, { target: 'playing' }],
        'playback.restart': { target: 'ready', actions: 'rewind' },
        'playback.seek': { actions: 'seek' },
      },
    },
    error: {},
  },
});

export type PlaybackMachine = typeof playbackMachine;
