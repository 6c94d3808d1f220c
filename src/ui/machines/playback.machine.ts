/**
 * Playback: what is allowed now (play, pause, step, seek, intervene, undo, redo) and where the
 * playhead is in simulated time. The machine decides; components only send events and ask
 * `snapshot.can(...)`.
 *
 * States: loading → ready ⇄ playing ⇄ paused, stepping (asks the worker for the next fact's time),
 * seeking (waits for the worker's frame at the new time) and error (with retry). Loading also
 * recomputes the run after an intervention, undo or redo, keeping the playhead.
 *
 * Narration stops are guards here: while playing, a TICK that would cross a step's stop pauses at
 * it (when `pauseAtStops`), and `narration.next` / `narration.back` move between steps; the current
 * step is `narrationStepOf(context)`.
 *
 * Effects live in actors the app provides: `computeRun` (the worker client), `findStep`,
 * `settleFrame`, and the frame clock `animationFrames` (invoked only while playing; it sends `TICK`
 * with the wall-clock ms since the last frame). Tests swap them with `provide` and send TICK by hand.
 *
 * May import: xstate, worker protocol types. May not import: the worker client, sim, React.
 */
import { and, assign, fromCallback, fromPromise, setup } from 'xstate';
import type { Intervention, LoadResult, ScenarioSource, StepKind } from '../../worker/protocol.ts';
import { currentStep, nextStep, previousStep, stopCrossed } from './narration.ts';
import { isSpeed, nearestSpeed, SPEEDS, type Speed } from './speeds.ts';

export { DEFAULT_SPEED, SPEEDS, type Speed } from './speeds.ts';

/** Longest wall-clock step one frame may take: after a hidden tab, playback resumes instead of jumping. */
export const MAX_FRAME_MS = 100;

/** What the run should be: load a scenario, or change the loaded run's interventions. */
export type RunRequest =
  | { kind: 'load'; source: string | ScenarioSource; seed?: number; interventions?: Intervention[]; atMs?: number }
  | { kind: 'intervene'; intervention: Intervention }
  | { kind: 'undo' }
  | { kind: 'redo' };

export interface PlaybackInput {
  source: string | ScenarioSource;
  seed?: number;
  interventions?: Intervention[];
  /** Where to put the playhead once loaded (a shared link's playhead). */
  atMs?: number;
  speed?: number;
  /** Pause at each narration step's stop while playing (default true). */
  pauseAtStops?: boolean;
}

export interface PlaybackError {
  /** The worker's error name (`invalid-scenario`, `worker-crashed`, …) or `error`. */
  kind: string;
  message: string;
}

export interface PlaybackContext {
  request: RunRequest;
  /** The last load that succeeded, with the interventions it ended with: what Retry reloads. */
  lastGood: Extract<RunRequest, { kind: 'load' }> | undefined;
  run: LoadResult | undefined;
  /** Simulated ms since the start of the run. */
  playheadMs: number;
  /** The playhead to restore when the run is (re)computed. */
  resumeAtMs: number;
  /** Whether playback continues once the run is recomputed (an intervention made while playing). */
  resumePlaying: boolean;
  speed: Speed;
  /** The speed a load asked for (a link's or a file's view); otherwise the scenario's own `view.speed` applies. */
  requestedSpeed: number | undefined;
  /** A failed load or a crash (state `error`), or a refused intervention (a notice; the run stays). */
  error: PlaybackError | undefined;
  step: { direction: 1 | -1; kind: StepKind } | undefined;
  /** Whether playing pauses at each narration step's stop. */
  pauseAtStops: boolean;
  /** The narration step last chosen by Next/Back or a pause (several steps may stop at one instant). */
  narrationChosen: number | undefined;
  backAtMs?: number; // the playhead when a load was asked for: where a cancelled load goes back to (with `lastGood`)
}

export type PlaybackEvent =
  | { type: 'TICK'; elapsedMs: number }
  | { type: 'playback.play' }
  | { type: 'playback.pause' }
  | { type: 'playback.toggle' }
  | { type: 'playback.restart' }
  | { type: 'playback.end' }
  | { type: 'playback.seek'; atMs: number }
  | { type: 'playback.step'; direction: 1 | -1; kind?: StepKind }
  | { type: 'playback.speedChanged'; speed: number }
  | { type: 'playback.faster' }
  | { type: 'playback.slower' }
  | { type: 'playback.load'; source: string | ScenarioSource; seed?: number; interventions?: Intervention[]; atMs?: number; speed?: number }
  | { type: 'playback.intervene'; intervention: Intervention }
  | { type: 'playback.undo' }
  | { type: 'playback.redo' }
  | { type: 'playback.crashed'; message: string }
  | { type: 'playback.retry' }
  | { type: 'playback.dismissError' }
  | { type: 'narration.next' }
  | { type: 'narration.back' }
  | { type: 'narration.pausesChanged'; on: boolean }
  /** The rest of a run answered before its end (`LoadResult.computedMs`) is computed: the whole run. */
  | { type: 'playback.runSettled'; run: LoadResult };

/** The narration step shown at the playhead (-1 before the first step). */
export function narrationStepOf(context: Pick<PlaybackContext, 'run' | 'playheadMs' | 'narrationChosen'>): number {
  return currentStep(context.run?.narrationStops ?? [], context.playheadMs, context.narrationChosen);
}

/** Where a TICK moves the playhead (before clamping to the run). */
function tickTarget(context: PlaybackContext, elapsedMs: number): number {
  return Math.round(context.playheadMs + elapsedMs * context.speed);
}

function stopOfTick(context: PlaybackContext, event: PlaybackEvent): number {
  if (event.type !== 'TICK' || !context.pauseAtStops || !context.run?.narrationStops) return -1;
  return stopCrossed(context.run.narrationStops, context.playheadMs, tickTarget(context, event.elapsedMs));
}

/**
 * Within the run. Not within what the worker has computed of a run answered before its end
 * (`computedMs`): the playhead may go ahead (a seek, a link), the frame waits at the computed edge
 * and is asked again when the whole run comes (`playback.runSettled`), a moment later.
 */
function clampToRun(run: LoadResult | undefined, ms: number): number {
  const end = run?.durationMs ?? 0;
  return Math.min(Math.max(Number.isFinite(ms) ? ms : 0, 0), end);
}

function toError(e: unknown): PlaybackError {
  if (e instanceof Error) return { kind: e.name && e.name !== 'Error' ? e.name : 'error', message: e.message };
  return { kind: 'error', message: String(e) };
}

/** Events every settled state (ready, playing, paused, seeking) takes. */
const settled = {
  'playback.intervene': { guard: 'run is loaded', target: '#playback.loading', actions: 'requestIntervention' },
  'playback.undo': { guard: 'can undo', target: '#playback.loading', actions: 'requestUndo' },
  'playback.redo': { guard: 'can redo', target: '#playback.loading', actions: 'requestRedo' },
  'playback.step': [
    { guard: 'stepping past the end' },
    { guard: 'stepping before the start' },
    { target: '#playback.stepping', actions: 'rememberStep' },
  ],
  'playback.end': { target: '#playback.seeking', actions: 'moveToEnd' },
  'narration.next': { guard: 'has a next step', target: '#playback.seeking', actions: 'toNextStep' },
  'narration.back': { guard: 'has a previous step', target: '#playback.seeking', actions: 'toPreviousStep' },
} as const;

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    input: {} as PlaybackInput,
  },
  actors: {
    /** Provided by the app (worker client); the default says so instead of failing obscurely. */
    computeRun: fromPromise<LoadResult, RunRequest>(async () => {
      throw new Error('playbackMachine: provide a computeRun actor (see App.tsx)');
    }),
    /** The time of the next/previous fact of a kind, or null. */
    findStep: fromPromise<number | null, { fromMs: number; direction: 1 | -1; kind: StepKind }>(async () => null),
    /** Resolves once the view at `atMs` is on screen (the app waits for the worker's frame). */
    settleFrame: fromPromise<void, { atMs: number; runId: number | undefined }>(async () => {}),
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
    'run is loaded': ({ context }) => context.run !== undefined,
    'settles the run on screen': ({ context, event }) => event.type === 'playback.runSettled' && context.run?.computedMs !== undefined && event.run.runId === context.run.runId,
    'at end of run': ({ context }) => context.run !== undefined && context.playheadMs >= context.run.durationMs,
    'at start of run': ({ context }) => context.playheadMs <= 0,
    'stepping past the end': ({ context, event }) => event.type === 'playback.step' && event.direction === 1 && context.run !== undefined && context.playheadMs >= context.run.durationMs,
    'stepping before the start': ({ context, event }) => event.type === 'playback.step' && event.direction === -1 && context.playheadMs <= 0,
    'tick reaches end of run': ({ context, event }) =>
      event.type === 'TICK' && context.run !== undefined && context.playheadMs + event.elapsedMs * context.speed >= context.run.durationMs,
    'tick crosses a narration stop': ({ context, event }) => stopOfTick(context, event) >= 0,
    'has a next step': ({ context }) => nextStep(context.run?.narrationStops ?? [], narrationStepOf(context)) !== undefined,
    'has a previous step': ({ context }) => previousStep(context.run?.narrationStops ?? [], narrationStepOf(context)) !== undefined,
    'speed is offered': ({ event }) => event.type === 'playback.speedChanged' && isSpeed(event.speed),
    'can undo': ({ context }) => context.run?.canUndo === true,
    'can redo': ({ context }) => context.run?.canRedo === true,
    'was playing': ({ context }) => context.resumePlaying,
    'resuming mid-run': ({ context }) => context.resumeAtMs > 0,
    'a run is still loaded': ({ context }) => context.run !== undefined && context.request.kind !== 'load',
    // The host computes one request at a time; another client of the same worker (React's dev-mode
    // double mount, for one) can replace this one. That is no failure: ask again.
    'was superseded': ({ event }) => (event as { error?: { name?: unknown } }).error?.name === 'superseded',
    'was cancelled': ({ event }) => (event as { error?: { name?: unknown } }).error?.name === 'cancelled', // the user's Cancel: nothing failed
    'had a good run': ({ context }) => context.lastGood !== undefined,
  },
  actions: {
    advancePlayhead: assign({
      playheadMs: ({ context, event }) => (event.type === 'TICK' ? clampToRun(context.run, tickTarget(context, event.elapsedMs)) : context.playheadMs),
    }),
    stopAtNarration: assign(({ context, event }) => {
      const k = stopOfTick(context, event);
      return k < 0 ? {} : { playheadMs: clampToRun(context.run, context.run?.narrationStops?.[k] ?? context.playheadMs), narrationChosen: k };
    }),
    toNextStep: assign(({ context }) => {
      const to = nextStep(context.run?.narrationStops ?? [], narrationStepOf(context));
      return to ? { playheadMs: clampToRun(context.run, to.atMs), narrationChosen: to.step } : {};
    }),
    toPreviousStep: assign(({ context }) => {
      const to = previousStep(context.run?.narrationStops ?? [], narrationStepOf(context));
      return to ? { playheadMs: clampToRun(context.run, to.atMs), narrationChosen: to.step } : {};
    }),
    moveToEnd: assign({ playheadMs: ({ context }) => context.run?.durationMs ?? 0 }),
    rewind: assign({ playheadMs: 0 }),
    seek: assign({
      playheadMs: ({ context, event }) => (event.type === 'playback.seek' ? clampToRun(context.run, event.atMs) : context.playheadMs),
    }),
    setSpeed: assign({
      speed: ({ context, event }) => (event.type === 'playback.speedChanged' && isSpeed(event.speed) ? event.speed : context.speed),
    }),
    faster: assign({ speed: ({ context }) => SPEEDS[Math.min(SPEEDS.indexOf(context.speed) + 1, SPEEDS.length - 1)]! }),
    slower: assign({ speed: ({ context }) => SPEEDS[Math.max(SPEEDS.indexOf(context.speed) - 1, 0)]! }),
    notPlaying: assign({ resumePlaying: false }),
    rememberStep: assign({
      step: ({ event }) => (event.type === 'playback.step' ? { direction: event.direction, kind: event.kind ?? 'any' } : undefined),
    }),
    requestIntervention: assign(({ context, event }) => ({
      request: event.type === 'playback.intervene' ? { kind: 'intervene' as const, intervention: event.intervention } : context.request,
      resumeAtMs: context.playheadMs,
      error: undefined,
    })),
    requestUndo: assign(({ context }) => ({ request: { kind: 'undo' as const }, resumeAtMs: context.playheadMs, error: undefined })),
    requestRedo: assign(({ context }) => ({ request: { kind: 'redo' as const }, resumeAtMs: context.playheadMs, error: undefined })),
    /** Takes the computed run; remembers it as the last good load (what Retry reloads). */
    acceptRun: assign(({ context, event }) => {
      const run = (event as unknown as { output: LoadResult }).output;
      const source = context.request.kind === 'load' ? context.request.source : (context.lastGood?.source ?? run.scenarioId);
      // A fresh load plays at the speed it asked for, else at the scenario's own; a recomputation keeps the user's.
      const wanted = context.request.kind === 'load' ? (context.requestedSpeed ?? run.scenario.view?.speed) : undefined;
      return {
        run,
        playheadMs: clampToRun(run, context.resumeAtMs),
        narrationChosen: undefined,
        lastGood: { kind: 'load' as const, source, seed: run.seed, interventions: run.interventions },
        ...(wanted !== undefined ? { speed: isSpeed(wanted) ? wanted : nearestSpeed(wanted) } : {}),
      };
    }),
    requestLoad: assign(({ context, event }) =>
      event.type === 'playback.load'
        ? {
            request: { kind: 'load' as const, source: event.source, ...(event.seed !== undefined ? { seed: event.seed } : {}), ...(event.interventions ? { interventions: event.interventions } : {}) },
            resumeAtMs: event.atMs ?? 0,
            resumePlaying: false,
            requestedSpeed: event.speed,
            error: undefined,
            backAtMs: context.playheadMs,
          }
        : {},
    ),
    /** A cancelled load: load the last good run again (the worker still holds it) at the playhead it had. */
    returnToLastGood: assign(({ context }) => ({ request: context.lastGood ?? context.request, resumeAtMs: context.backAtMs ?? 0, resumePlaying: false, error: undefined })),
  },
}).createMachine({
  id: 'playback',
  context: ({ input }) => ({
    request: { kind: 'load', source: input.source, ...(input.seed !== undefined ? { seed: input.seed } : {}), ...(input.interventions ? { interventions: input.interventions } : {}) },
    lastGood: undefined,
    run: undefined,
    playheadMs: 0,
    resumeAtMs: input.atMs ?? 0,
    resumePlaying: false,
    speed: isSpeed(input.speed ?? NaN) ? (input.speed as Speed) : nearestSpeed(input.speed),
    requestedSpeed: input.speed,
    error: undefined,
    step: undefined,
    pauseAtStops: input.pauseAtStops ?? true,
    narrationChosen: undefined,
  }),
  initial: 'loading',
  on: {
    'playback.speedChanged': { guard: 'speed is offered', actions: 'setSpeed' },
    'playback.faster': { actions: 'faster' },
    'playback.slower': { actions: 'slower' },
    'playback.load': { target: '.loading', reenter: true, actions: 'requestLoad' },
    'playback.crashed': { target: '.error', actions: assign({ error: ({ event }) => ({ kind: 'worker-crashed', message: event.message }) }) },
    'playback.dismissError': { actions: assign({ error: undefined }) },
    'narration.pausesChanged': { actions: assign({ pauseAtStops: ({ event }) => event.on }) },
    'playback.runSettled': { guard: 'settles the run on screen', actions: assign({ run: ({ event }) => event.run }) },
  },
  states: {
    loading: {
      entry: assign(({ context }) => (context.request.kind === 'load' ? { run: undefined, playheadMs: 0 } : {})),
      invoke: {
        src: 'computeRun',
        // A load is answered once computed past where the playhead will be (a link's, or Retry's).
        input: ({ context }) => (context.request.kind === 'load' && context.resumeAtMs > 0 ? { ...context.request, atMs: context.resumeAtMs } : context.request),
        onDone: [
          { guard: 'was playing', target: 'playing', actions: 'acceptRun' },
          { guard: 'resuming mid-run', target: 'paused', actions: 'acceptRun' },
          { target: 'ready', actions: 'acceptRun' },
        ],
        onError: [
          { guard: 'was superseded', target: 'loading', reenter: true },
          { guard: and(['was cancelled', 'a run is still loaded']), target: 'paused' },
          { guard: and(['was cancelled', 'had a good run']), target: 'loading', reenter: true, actions: 'returnToLastGood' },
          // A refused intervention (or undo/redo) leaves the loaded run as it was: say why, keep going.
          { guard: 'a run is still loaded', target: 'paused', actions: assign({ error: ({ event }) => toError(event.error) }) },
          { target: 'error', actions: assign({ error: ({ event }) => toError(event.error) }) },
        ],
      },
    },
    ready: {
      entry: 'notPlaying',
      on: {
        ...settled,
        'playback.play': 'playing',
        'playback.toggle': 'playing',
        'playback.seek': { target: 'seeking', actions: 'seek' },
      },
    },
    playing: {
      entry: assign({ resumePlaying: true }),
      invoke: { src: 'animationFrames' },
      on: {
        ...settled,
        TICK: [
          { guard: 'tick crosses a narration stop', target: 'paused', actions: 'stopAtNarration' },
          { guard: 'tick reaches end of run', target: 'paused', actions: 'moveToEnd' },
          { actions: 'advancePlayhead' },
        ],
        'playback.pause': 'paused',
        'playback.toggle': 'paused',
        'playback.restart': { actions: 'rewind' },
        'playback.seek': { actions: 'seek' },
      },
    },
    paused: {
      entry: 'notPlaying',
      on: {
        ...settled,
        // Play at the end of the run means "again": start over rather than do nothing.
        'playback.play': [{ guard: 'at end of run', target: 'playing', actions: 'rewind' }, { target: 'playing' }],
        'playback.toggle': [{ guard: 'at end of run', target: 'playing', actions: 'rewind' }, { target: 'playing' }],
        'playback.restart': { target: 'ready', actions: 'rewind' },
        'playback.seek': { target: 'seeking', actions: 'seek' },
      },
    },
    stepping: {
      entry: 'notPlaying',
      invoke: {
        src: 'findStep',
        input: ({ context }) => ({ fromMs: context.playheadMs, direction: context.step?.direction ?? 1, kind: context.step?.kind ?? 'any' }),
        onDone: {
          target: 'seeking',
          actions: assign({ playheadMs: ({ context, event }) => (event.output === null ? context.playheadMs : clampToRun(context.run, event.output)) }),
        },
        onError: { target: 'paused', actions: assign({ error: ({ event }) => toError(event.error) }) },
      },
    },
    seeking: {
      entry: 'notPlaying',
      invoke: {
        src: 'settleFrame',
        input: ({ context }) => ({ atMs: context.playheadMs, runId: context.run?.runId }),
        onDone: 'paused',
        onError: 'paused',
      },
      on: {
        ...settled,
        'playback.seek': { target: 'seeking', reenter: true, actions: 'seek' },
        'playback.play': 'playing',
        'playback.toggle': 'playing',
        'playback.restart': { target: 'ready', actions: 'rewind' },
      },
    },
    error: {
      on: {
        'playback.retry': {
          target: 'loading',
          actions: assign(({ context }) => ({
            request: context.lastGood ?? context.request,
            resumeAtMs: context.playheadMs,
            resumePlaying: false,
            error: undefined,
          })),
        },
      },
    },
  },
});

export type PlaybackMachine = typeof playbackMachine;
