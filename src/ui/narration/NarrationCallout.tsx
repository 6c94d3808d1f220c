/**
 * The narration as a callout on the stage: the current step's text with Back / Next, anchored by a
 * pointer at the moment it speaks of on the timeline (its stop's x in the visible window). Before the
 * first step it carries the scenario's description (shown nowhere else), so step 0 does not repeat
 * it. After the user intervenes it says the story may no longer apply and offers to return to it
 * (`staleStory.ts`). Where the playback controls are not shown (an embed of timeline and narration)
 * it has its own Play button, since the story says "Press Play".
 *
 * The playback machine owns the narration (the current step, pausing at each stop, `narration.next`
 * and `narration.back`, keys N and P through the action registry); this component only shows it, and
 * re-renders when the step changes, not with every frame.
 *
 * May import: React, @xstate/react, zustand, the playback machine, the action registry, the
 * timeline's layout constants and window store. May not import: worker/sim runtime.
 */
import { useSelector } from '@xstate/react';
import { useEffect, useLayoutEffect, useState } from 'react';
import type { ActorRefFrom } from 'xstate';
import { useStore } from 'zustand';
import { ACTIONS } from '../actions/registry.ts';
import { narrationStepOf, type PlaybackMachine } from '../machines/playback.machine.ts';
import { usePresenter } from '../app/displayMode.ts';
import { formatSimTime } from '../panels/format.ts';
import { LABEL_WIDTH, RIGHT_MARGIN } from '../timeline/lanes.ts';
import { timelineWindowStore } from '../timeline/window.store.ts';
import { Predict } from './Predict.tsx';
import { stepFramed } from './stepFraming.ts';
import { returnToStory, staleMessage, storyIsStale } from './staleStory.ts';

type Playback = ActorRefFrom<PlaybackMachine>;

/** Where on the stage (px from its left) the moment `atMs` is drawn, or undefined when out of view. */
export function momentX(atMs: number, viewport: { fromMs: number; toMs: number } | null, stageWidth: number, zoom: number): number | undefined {
  if (!viewport || stageWidth <= 0 || viewport.toMs <= viewport.fromMs) return undefined;
  const x0 = LABEL_WIDTH * zoom;
  const x1 = stageWidth - RIGHT_MARGIN * zoom;
  const f = (atMs - viewport.fromMs) / (viewport.toMs - viewport.fromMs);
  if (f < 0 || f > 1) return undefined;
  return x0 + f * (x1 - x0);
}

/** The callout's widest at the page's type size (a 17 px root): a step reads in a few long lines at 1280×720. */
export const CALLOUT_MAX_PX = 720;
const PAGE_ROOT_PX = 17;

/** The root font size in px (presenter mode raises it), read after each change of `zoom`. */
function useRootFontPx(zoom: number): number {
  const [px, setPx] = useState(PAGE_ROOT_PX);
  useLayoutEffect(() => {
    const read = parseFloat(getComputedStyle(document.documentElement).fontSize);
    if (Number.isFinite(read) && read > 0) setPx(read);
  }, [zoom]);
  return px;
}

export interface NarrationCalloutProps {
  playback: Playback;
  /** The stage's width in px, for anchoring. */
  stageWidth: number;
  /** The timeline's drawing scale (presenter mode draws it larger). */
  zoom: number;
  /** Show a Play/Pause button here (the transport row is not on screen). */
  withPlay: boolean;
}

function PlayButton({ playback }: { playback: Playback }) {
  const playing = useSelector(playback, (s) => s.matches('playing'));
  const canToggle = useSelector(playback, (s) => s.can({ type: 'playback.toggle' }));
  return (
    <button type="button" className="button button--small button--primary" disabled={!canToggle} onClick={() => playback.send({ type: 'playback.toggle' })} aria-keyshortcuts="Space" title="Play / pause (Space)">
      {playing ? 'Pause' : 'Play'}
    </button>
  );
}

function PauseToggle({ playback, pauses }: { playback: Playback; pauses: boolean }) {
  return (
    <label className="narration__pause">
      <input type="checkbox" checked={pauses} onChange={(e) => playback.send({ type: 'narration.pausesChanged', on: e.target.checked })} /> Pause at each step
    </label>
  );
}

export function NarrationCallout({ playback, stageWidth, zoom, withPlay }: NarrationCalloutProps) {
  const run = useSelector(playback, (s) => s.context.run);
  const k = useSelector(playback, (s) => narrationStepOf(s.context));
  const pauses = useSelector(playback, (s) => s.context.pauseAtStops);
  const canNext = useSelector(playback, (s) => s.can(ACTIONS.narrationNext.event));
  const canBack = useSelector(playback, (s) => s.can(ACTIONS.narrationBack.event));
  const busy = useSelector(playback, (s) => s.matches('loading'));
  const paused = useSelector(playback, (s) => !s.matches('playing'));
  // Only a step the learner came to (Next, Back, a pause at its stop), not a load or a seek past it.
  const chosen = useSelector(playback, (s) => s.context.narrationChosen);
  const viewport = useStore(timelineWindowStore, (s) => s.viewport);
  const [minimized, setMinimized] = useState(false);
  const remPx = useRootFontPx(zoom);
  const presenter = usePresenter();
  const steps = run?.scenario.narration ?? [];
  const stops = run?.narrationStops ?? [];
  const stopMs = k >= 0 ? stops[k] : undefined;
  const runId = run?.runId;
  // The step frames its moment once the playback rests on it (computed once per run and step).
  useEffect(() => {
    if (runId === undefined || !paused || chosen !== k || stopMs === undefined || stopMs === null || stageWidth <= 0) return;
    return stepFramed(runId, k, stopMs, stageWidth, zoom);
  }, [runId, k, chosen, stopMs, paused, stageWidth, zoom]);
  const goNext = () => playback.send(ACTIONS.narrationNext.event);
  const goBack = () => playback.send(ACTIONS.narrationBack.event);

  if (!run) return null;
  const story = steps.length > 0;
  const step = k >= 0 ? steps[k] : undefined;
  const last = story && k === steps.length - 1;
  const stale = storyIsStale(run);
  const heading = !story ? 'About this scenario' : last ? 'What this scenario showed' : 'Narration';
  const stepMeta = !story ? '' : k < 0 ? `${steps.length} steps` : `step ${k + 1} of ${steps.length}`;
  const timeMeta = story && k >= 0 ? formatSimTime(stops[k] ?? 0) : '';
  const meta = timeMeta ? `${stepMeta} · ${timeMeta}` : stepMeta;

  if (minimized) {
    return (
      <div className="callout callout--minimized">
        <button type="button" className="button button--small" onClick={() => setMinimized(false)} aria-expanded={false}>
          Show the story{meta ? ` (${meta})` : ''}
        </button>
        {withPlay && <PlayButton playback={playback} />}
      </div>
    );
  }

  const anchor = step ? momentX(stops[k] ?? 0, viewport, stageWidth, zoom) : undefined;
  // Wide enough that the header keeps to one row and a step reads in a few long lines at 1280×720;
  // scaled with the root's type, so presenter mode's larger type keeps as many words to a line
  // where the stage has room.
  const width = Math.min(Math.floor((CALLOUT_MAX_PX * remPx) / PAGE_ROOT_PX), Math.max(0, stageWidth - 16));
  const left = anchor === undefined ? 8 : Math.max(8, Math.min(stageWidth - width - 8, anchor - 48));
  return (
    <section className={`callout${stale ? ' callout--stale' : ''}`} aria-labelledby="narration-heading" style={{ left, width }} data-step={story && k >= 0 ? k : undefined}>
      {anchor !== undefined && <span className="callout__stem" aria-hidden="true" style={{ left: anchor - left }} />}
      <header className="callout__header">
        <h2 id="narration-heading">{heading}</h2>
        {/* In presenter mode the step's time (the transport shows it large) makes way for the pause
            toggle: a row fewer, so at a projector's 1280×720 a prediction's choices and its reveal
            fit beside the dock without scrolling. */}
        {/* The time in a span of its own: a short stage (stage.css) hides it too. */}
        {meta && (
          <span className="callout__meta">
            {stepMeta}
            {timeMeta && !presenter && <span className="callout__time"> · {timeMeta}</span>}
          </span>
        )}
        {presenter && story && <PauseToggle playback={playback} pauses={pauses} />}
        <span className="callout__nav">
          {story && (
            <>
              <button type="button" className="button button--small" disabled={!canBack} onClick={goBack} aria-keyshortcuts={ACTIONS.narrationBack.ariaKeys} title={`${ACTIONS.narrationBack.label} (${ACTIONS.narrationBack.shortcut})`}>
                ← Back <kbd className="kbd" aria-hidden="true">{ACTIONS.narrationBack.shortcut}</kbd>
              </button>
              <button type="button" className="button button--small button--primary" disabled={!canNext} onClick={goNext} aria-keyshortcuts={ACTIONS.narrationNext.ariaKeys} title={`${ACTIONS.narrationNext.label} (${ACTIONS.narrationNext.shortcut})`}>
                Next → <kbd className="kbd kbd--on-dark" aria-hidden="true">{ACTIONS.narrationNext.shortcut}</kbd>
              </button>
            </>
          )}
          <button type="button" className="callout__minimize" onClick={() => setMinimized(true)} aria-label="Minimize the story" title="Minimize the story">
            –
          </button>
        </span>
      </header>
      {/* Focusable: on a small stage the text scrolls, and a keyboard must reach it (axe: scrollable-region-focusable). */}
      <div className="callout__body" tabIndex={0}>
      {stale && (
        <div className="callout__stale" role="status">
          <p>{staleMessage(run.interventions.length)}</p>
          <button type="button" className="button button--small" disabled={busy} onClick={() => void returnToStory(playback)}>
            Return to the story (undo your changes)
          </button>
        </div>
      )}
      <div className="callout__text" aria-live="polite">
        {step ? <p>{step.text}</p> : <p>{run.summary} {story ? 'Press Play, or Next to jump to the first moment that matters.' : 'Press Play to watch it happen.'}</p>}
        {step?.predict && <Predict key={k} stepKey={`${run.runId}:${k}`} {...step.predict} />}
      </div>
      </div>
      {(withPlay || (story && !presenter)) && (
        <footer className="callout__actions">
          {withPlay && <PlayButton playback={playback} />}
          {story && !presenter && <PauseToggle playback={playback} pauses={pauses} />}
        </footer>
      )}
    </section>
  );
}
